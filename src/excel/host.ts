/** The Excel host: the global `Excel` of Office.js (or of the simulated host), the one accessor every module uses. */
import { AppError } from "../core/errors";

export function excel(): typeof Excel {
  const x = (globalThis as { Excel?: typeof Excel }).Excel;
  if (!x || typeof x.run !== "function")
    throw new AppError("EXCEL_UNAVAILABLE", "Excel 不可用", "Excel is not available");
  return x;
}

/** Whether a workbook host is there at all (a plain browser tab reading files has none). */
export function hasExcel(): boolean {
  const x = (globalThis as { Excel?: { run?: unknown } }).Excel;
  return !!x && typeof x.run === "function";
}
