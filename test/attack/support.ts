/**
 * Attack-test support: call the INVEST.* functions the way Excel does (plain arguments: numbers, strings, booleans,
 * null, 2-D arrays, CustomFunctions.Error objects, data-type objects) and read what comes back.
 */
import { errorCodeOf } from "../../src/functions/errors";
import { INVEST_FUNCTIONS } from "../../src/functions/registry";

export const F = INVEST_FUNCTIONS;
export const ELEMENTWISE = Object.keys(INVEST_FUNCTIONS).filter((id) => id !== "PERIOD_SUM" && id !== "PERIOD_COUNT");

/** Fixed arity (PERIOD_SUM / PERIOD_COUNT also take the repeating criteria). */
export const ARITY: Record<string, number> = {
  COMPLETION_RATE: 2,
  YOY_GROWTH: 2,
  TIME_PROGRESS: 2,
  PACE_GAP: 4,
  PACE_STATUS: 6,
  SHARE: 2,
  REMAINING_TARGET: 2,
  REQUIRED_MONTHLY_PACE: 3,
  PERIOD_SUM: 3,
  PERIOD_COUNT: 2,
  PERIOD_LABEL: 2,
  SAME_PERIOD_LAST_YEAR: 1,
};

/** A valid argument for each position (by parameter name), used as the background of per-argument attacks. */
export const GOOD_ARGS: Record<string, unknown[]> = {
  COMPLETION_RATE: [[[50]], [[100]]],
  YOY_GROWTH: [[[120]], [[100]]],
  TIME_PROGRESS: [[["2025-03-31"]], [["month"]]],
  PACE_GAP: [[[50]], [[100]], [["2025-03-31"]], [["month"]]],
  PACE_STATUS: [[[50]], [[100]], [["2025-03-31"]], [["month"]], [[10]], [["zh-CN"]]],
  SHARE: [[[25]], [[100]]],
  REMAINING_TARGET: [[[25]], [[100]]],
  REQUIRED_MONTHLY_PACE: [[[25]], [[100]], [["2025-03-31"]]],
  PERIOD_SUM: [[[7]], [["2025-02-01"]], [["2025Q1"]]],
  PERIOD_COUNT: [[["2025-02-01"]], [["2025Q1"]]],
  PERIOD_LABEL: [[["2025Q1"]], [["zh-CN"]]],
  SAME_PERIOD_LAST_YEAR: [[["2025Q1"]]],
};

export const code = (v: unknown): string | null => errorCodeOf(v);
export const msg = (v: unknown): string => ((v as { message?: unknown })?.message as string) ?? "";
export const one = (grid: unknown[][]): unknown => grid[0][0];
/** An output cell in comparable form. */
export const shown = (v: unknown): unknown =>
  code(v) ? { code: code(v), message: msg(v) || undefined } : Object.is(v, -0) ? 0 : v;
export const shownGrid = (g: unknown[][]): unknown[][] => g.map((row) => row.map(shown));

/** Excel's CustomFunctions runtime as @types/custom-functions-runtime documents it: ErrorCode values are the error
 * texts, and a message is refused on the codes that "can't" carry one. */
export function installExcelRuntime(): void {
  (globalThis as any).CustomFunctions = {
    ErrorCode: {
      invalidValue: "#VALUE!",
      notAvailable: "#N/A",
      divisionByZero: "#DIV/0!",
      invalidNumber: "#NUM!",
      nullReference: "#NULL!",
      invalidName: "#NAME?",
      invalidReference: "#REF!",
    },
    Error: class {
      code: string;
      message?: string;
      constructor(c: string, m?: string) {
        if (m !== undefined && c !== "#VALUE!" && c !== "#N/A") throw new Error(`no message allowed with ${c}`);
        this.code = c;
        if (m !== undefined) this.message = m;
      }
    },
  };
}

export function removeExcelRuntime(): void {
  delete (globalThis as any).CustomFunctions;
}

/** True when a returned cell is something Excel can show: a finite number, text, or a returnable error. */
export function isExcelValue(v: unknown): boolean {
  if (typeof v === "number") return Number.isFinite(v);
  if (typeof v === "string") return true;
  return ["#VALUE!", "#N/A", "#DIV/0!", "#NUM!", "#NULL!"].includes(code(v) ?? "");
}

/** Excel serial (1900 system) of an ISO date. */
export function serial(iso: string): number {
  const [y, m, d] = iso.split("-").map(Number);
  const s = Date.UTC(y, m - 1, d) / 86_400_000 + 25569;
  return s < 61 ? s - 1 : s;
}

/** Largest number Excel holds: "Largest allowed positive number 9.99999999999999E+307" (Excel specifications and limits). */
export const EXCEL_MAX = 9.99999999999999e307;
