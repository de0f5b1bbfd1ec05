/**
 * The bundled sample dataset (seeds/*.csv, built from the source articles; see seeds/README.md). The bundle holds
 * the CSV text (webpack asset/source), so loading it is synchronous and needs no network.
 */
import projectsCsv from "../../seeds/projects.csv";
import fundsCsv from "../../seeds/funds.csv";
import targetsCsv from "../../seeds/targets.csv";
import figuresCsv from "../../seeds/figures.csv";
import { seedsFromTexts, type SeedResults } from "./seed-texts";

export type { SeedResults };

export function loadSeeds(): SeedResults {
  return seedsFromTexts({ projects: projectsCsv, funds: fundsCsv, targets: targetsCsv, figures: figuresCsv });
}
