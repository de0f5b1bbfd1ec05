/**
 * The requirement sets the add-in needs beyond what the manifest declares, checked at start-up of every write
 * (Office.context.requirements.isSetSupported, Common API). test/contract/office-api.test.ts checks that the highest
 * set of every Office API member src/ calls is covered by this list or by the manifest's <Requirements>.
 */
import { AppError } from "../core/errors";
export interface RequirementSet {
  name: string;
  version: string;
}

/**
 * ExcelApi 1.13: Range.getMergedAreasOrNullObject (the writer's check of the rows below a table); everything else the
 * writer uses is older (copyFrom, autoFilter, getTables 1.9; multi-row TableRowCollection.add 1.4; functions 1.2).
 */
export const REQUIRED_SETS: readonly RequirementSet[] = [{ name: "ExcelApi", version: "1.13" }];

/** Whether a set is supported; true outside Office (the simulated host, tests), where there is nothing to ask. */
export function isSetSupported(name: string, version: string): boolean {
  if (typeof Office === "undefined" || !Office.context?.requirements) return true;
  return Office.context.requirements.isSetSupported(name, version);
}

/** Throw a bilingual error when the host lacks a required set. */
export function checkRequirements(): void {
  for (const s of REQUIRED_SETS) {
    if (!isSetSupported(s.name, s.version)) {
      throw new AppError(
        "EXCEL_TOO_OLD",
        `写入台账需要 Excel 2021 或 Microsoft 365（${s.name} ${s.version}）。`,
        `Writing ledgers needs Excel 2021 or Microsoft 365 (${s.name} ${s.version}).`,
      );
    }
  }
}
