/**
 * The seeds dataset for briefing tests, through the importer's loadSeeds() (seeds/*.csv, validated), with the
 * built-in divisions: names resolved and every record's 地区路径 set, as the add-in and the CLI load them.
 */
import { loadSeeds } from "../../src/import";
import type { BriefingInput } from "../../src/briefing/types";
import { parseDivisions, type Division } from "../../src/core/divisions";
import { DIVISIONS_TABLE } from "../../src/core/divisions-data";
import { buildHierarchy, type RegionHierarchy } from "../../src/core/region-hierarchy";

let divisions: Division[] | null = null;
/** The built-in divisions, parsed once per test file (synchronously: the table module is plain data). */
export function builtInDivisions(): Division[] {
  return (divisions ??= parseDivisions(DIVISIONS_TABLE));
}

export function seedInput(): Required<BriefingInput> {
  const s = loadSeeds({ divisions: builtInDivisions() });
  return { records: s.ledger.records, funds: s.funds.funds, targets: s.targets.targets, figures: s.figures.figures };
}

/** The built-in divisions with seeds/regions.csv (西宁开发区 under 西宁市, its parks under it). */
export function seedHierarchy(): RegionHierarchy {
  const s = loadSeeds({ divisions: builtInDivisions() });
  return buildHierarchy(builtInDivisions(), s.regions.regions ?? []).hierarchy;
}
