/** The seed files' texts → import results. Separate from seeds.ts so Node code (the CLI) can read them from disk. */
import type { Division } from "../core/divisions";
import { buildHierarchy, type RegionHierarchy } from "../core/region-hierarchy";
import { importCsvText } from "./csv";
import type { ImportResult } from "./types";

export interface SeedResults {
  ledger: ImportResult;
  funds: ImportResult;
  targets: ImportResult;
  figures: ImportResult;
  /** The regions table (seeds/regions.csv): 西宁开发区 under 西宁市, its parks under it. */
  regions: ImportResult;
}

export interface SeedTexts {
  projects: string;
  funds: string;
  targets: string;
  figures: string;
  regions: string;
}

export interface SeedOptions {
  /**
   * The built-in divisions (src/core/divisions.ts loadDivisions): with them the regions table is validated against
   * them and every other dataset's names are resolved through the hierarchy they make with it (canonical names, 地区路径),
   * as any import with a hierarchy; without them the datasets are read as plain tables.
   */
  divisions?: readonly Division[] | null;
}

export function seedsFromTexts(t: SeedTexts, o: SeedOptions = {}): SeedResults {
  const regions = importCsvText(t.regions, { fileName: "seeds/regions.csv", kind: "regions", divisions: o.divisions });
  const hierarchy: RegionHierarchy | undefined = o.divisions
    ? buildHierarchy(o.divisions, regions.regions ?? []).hierarchy
    : undefined;
  return {
    ledger: importCsvText(t.projects, { fileName: "seeds/projects.csv", kind: "ledger", hierarchy }),
    funds: importCsvText(t.funds, { fileName: "seeds/funds.csv", kind: "funds", hierarchy }),
    targets: importCsvText(t.targets, { fileName: "seeds/targets.csv", kind: "targets", hierarchy }),
    figures: importCsvText(t.figures, { fileName: "seeds/figures.csv", kind: "figures", hierarchy }),
    regions,
  };
}
