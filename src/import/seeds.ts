/**
 * The bundled sample dataset (seeds/*.csv, built from the source articles; see seeds/README.md). The bundle holds
 * the CSV text (webpack asset/source), so loading it is synchronous and needs no network.
 */
import projectsCsv from "../../seeds/projects.csv";
import fundsCsv from "../../seeds/funds.csv";
import targetsCsv from "../../seeds/targets.csv";
import figuresCsv from "../../seeds/figures.csv";
import regionsCsv from "../../seeds/regions.csv";
import { seedsFromTexts, type SeedOptions, type SeedResults } from "./seed-texts";

export type { SeedOptions, SeedResults };

/** The sample datasets; pass the built-in divisions to resolve their regions (see SeedOptions). */
export function loadSeeds(options: SeedOptions = {}): SeedResults {
  return seedsFromTexts(
    { projects: projectsCsv, funds: fundsCsv, targets: targetsCsv, figures: figuresCsv, regions: regionsCsv },
    options,
  );
}
