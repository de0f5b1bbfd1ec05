/**
 * The workbook's date system, for the date serials the functions receive. A workbook in the 1904 date system (old
 * Mac workbooks) counts serial 0 as 1904-01-01, so its serials are 1462 days smaller than the same dates in the
 * 1900 system that src/core counts in: TIME_PROGRESS(44285) is 2025-03-31 there, 1903-03-30 here.
 *
 * What Excel documents for knowing it: only `Excel.Workbook.use1904DateSystem` ("True if the workbook uses the 1904
 * date system"), and it is in "ExcelApi BETA (PREVIEW ONLY)" (OfficeDev/office-js-docs-reference,
 * docs/docs-ref-autogen/excel/excel/excel.workbook.yml; absent from @types/office-js 1.0.612). Preview APIs exist
 * only in the beta Office.js, so the released Office.js has no way to read the date system without writing to the
 * workbook, and a custom function must not write (docs/excel/call-excel-apis-from-custom-function.md: "Keep these
 * calls read-only … shouldn't … Add names to a workbook"). Hence:
 *
 * - `detectDateSystem()` asks the workbook, read-only, only when the Office.js in use defines the property (as soon
 *   as Microsoft releases it, the CDN's Office.js does, and this starts working with no change here);
 * - other parts of the add-in that learn the date system (the sheet writer, the task pane) call
 *   `setFunctionsDateSystem`;
 * - until then the functions assume the 1900 date system, which Excel uses for every new workbook. README says so.
 */
export type DateSystem = "1900" | "1904";

/** Days from 1900-system serial to 1904-system serial of the same date (1904-01-01 is 1462 in the 1900 system). */
export const DAYS_BETWEEN_DATE_SYSTEMS = 1462;

/**
 * Kept on globalThis under a registered symbol: the task pane, the ribbon commands and the functions are separate
 * webpack entries loaded into the one shared-runtime page, each with its own copy of this module, and whichever
 * learns the date system must tell the others.
 */
const KEY = Symbol.for("invest-report-addin.dateSystem");
const store = globalThis as unknown as Record<symbol, DateSystem | undefined>;

export function setFunctionsDateSystem(system: DateSystem): void {
  store[KEY] = system;
}

export function functionsDateSystem(): DateSystem {
  return store[KEY] ?? "1900";
}

/** Days to add to a serial of the workbook to get the 1900-system serial (0, or 1462 in a 1904 workbook). */
export function serialOffset(): number {
  return store[KEY] === "1904" ? DAYS_BETWEEN_DATE_SYSTEMS : 0;
}

type ExcelLike = {
  Workbook?: { prototype?: object };
  run?: (batch: (ctx: { workbook: { load(p: string): void; use1904DateSystem?: boolean }; sync(): Promise<void> }) => Promise<unknown>) => Promise<unknown>;
};

/**
 * Read Workbook.use1904DateSystem when the loaded Office.js defines it, and tell the functions. Returns the date
 * system found, or null when it cannot be known (property not in this Office.js, no Excel, or the request failed);
 * the functions then keep what they had (1900 unless told otherwise). Read-only: one load, one sync.
 */
export async function detectDateSystem(excel: unknown = (globalThis as { Excel?: unknown }).Excel): Promise<DateSystem | null> {
  const x = excel as ExcelLike | undefined;
  const proto = x?.Workbook?.prototype;
  if (!proto || typeof x?.run !== "function" || !("use1904DateSystem" in proto)) return null;
  try {
    const uses1904 = await x.run(async (ctx) => {
      ctx.workbook.load("use1904DateSystem");
      await ctx.sync();
      return ctx.workbook.use1904DateSystem;
    });
    if (typeof uses1904 !== "boolean") return null;
    const system: DateSystem = uses1904 ? "1904" : "1900";
    setFunctionsDateSystem(system);
    return system;
  } catch {
    return null;
  }
}
