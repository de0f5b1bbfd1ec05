/**
 * The sample dataset for Node commands: the same seeds/*.csv that the add-in bundles (src/import/seeds.ts), read
 * from disk because Node has no .csv loader. Results are identical to loadSeeds().
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { seedsFromTexts, type SeedOptions, type SeedResults } from "../import/seed-texts";

export const SEEDS_DIR = join(__dirname, "..", "..", "seeds");

export function loadSeedsFromDisk(dir = SEEDS_DIR, options: SeedOptions = {}): SeedResults {
  const read = (name: string) => readFileSync(join(dir, `${name}.csv`), "utf8");
  return seedsFromTexts(
    {
      projects: read("projects"),
      funds: read("funds"),
      targets: read("targets"),
      figures: read("figures"),
      regions: read("regions"),
    },
    options,
  );
}
