/** The seed files' texts → import results. Separate from seeds.ts so Node code (the CLI) can read them from disk. */
import { importCsvText } from "./csv";
import type { ImportResult } from "./types";

export interface SeedResults {
  ledger: ImportResult;
  funds: ImportResult;
  targets: ImportResult;
  figures: ImportResult;
}

export interface SeedTexts {
  projects: string;
  funds: string;
  targets: string;
  figures: string;
}

export function seedsFromTexts(t: SeedTexts): SeedResults {
  return {
    ledger: importCsvText(t.projects, { fileName: "seeds/projects.csv", kind: "ledger" }),
    funds: importCsvText(t.funds, { fileName: "seeds/funds.csv", kind: "funds" }),
    targets: importCsvText(t.targets, { fileName: "seeds/targets.csv", kind: "targets" }),
    figures: importCsvText(t.figures, { fileName: "seeds/figures.csv", kind: "figures" }),
  };
}
