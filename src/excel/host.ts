/** The Excel host: the global `Excel` of Office.js (or of the simulated host), the one accessor every module uses. */
import { AppError } from "../core/errors";

export function excel(): typeof Excel {
  const x = (globalThis as { Excel?: typeof Excel }).Excel;
  if (!x || typeof x.run !== "function")
    throw new AppError("EXCEL_UNAVAILABLE", "Excel 不可用", "Excel is not available");
  return x;
}
