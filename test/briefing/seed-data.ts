/** The seeds dataset for briefing tests, through the importer's loadSeeds() (seeds/*.csv, validated). */
import { loadSeeds } from "../../src/import";
import type { BriefingInput } from "../../src/briefing/types";

export function seedInput(): Required<BriefingInput> {
  const s = loadSeeds();
  return { records: s.ledger.records, funds: s.funds.funds, targets: s.targets.targets, figures: s.figures.figures };
}
