/**
 * The workbook's date system, for the date serials the functions receive. A workbook in the 1904 date system (old
 * Mac workbooks) counts serial 0 as 1904-01-01, so its serials are 1462 days smaller than the same dates in the
 * 1900 system that src/core counts in: TIME_PROGRESS(44285) is 2025-03-31 there, 1903-03-30 here.
 *
 * What Excel documents for knowing it: `Excel.Workbook.use1904DateSystem` ("True if the workbook uses the 1904 date
 * system"), but it is in "ExcelApi BETA (PREVIEW ONLY)" (OfficeDev/office-js-docs-reference,
 * docs/docs-ref-autogen/excel/excel/excel.workbook.yml; absent from @types/office-js 1.0.612); and the worksheet
 * DATE function, whose year argument the docs describe as depending on the workbook's date system. Nothing may be
 * written to find out (docs/excel/call-excel-apis-from-custom-function.md: "Keep these calls read-only"). Hence:
 *
 * - `detectDateSystem()` asks the workbook, read-only: the property where the Office.js in use defines it, else the
 *   host's own DATE(1904,1,1) through Workbook.functions (ExcelApi 1.2), the probe the sheet writer uses too;
 * - other parts of the add-in that learn the date system (the sheet writer, the task pane) call
 *   `setFunctionsDateSystem`;
 * - until an answer arrives (or when none can be had) the functions assume the 1900 date system, which Excel uses
 *   for every new workbook. docs/functions.md says so.
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

export function setFunctionsDateSystem(system: DateSystem): void {
  Reflect.set(globalThis, KEY, system);
}

export function functionsDateSystem(): DateSystem {
  return Reflect.get(globalThis, KEY) === "1904" ? "1904" : "1900";
}

/** Days to add to a serial of the workbook to get the 1900-system serial (0, or 1462 in a 1904 workbook). */
export function serialOffset(): number {
  return functionsDateSystem() === "1904" ? DAYS_BETWEEN_DATE_SYSTEMS : 0;
}

type ProbeContext = {
  workbook: {
    load(p: string): void;
    use1904DateSystem?: boolean;
    functions?: { date(year: number, month: number, day: number): { load(p: string): void; value: unknown } };
  };
  sync(): Promise<void>;
};
type ExcelLike = {
  Workbook?: { prototype?: object };
  run?: (batch: (ctx: ProbeContext) => Promise<unknown>) => Promise<unknown>;
};

/**
 * Ask the workbook its date system, read-only, and tell the functions. Runs once Office is ready, in the add-in's
 * own runtime code (not inside a function call):
 * - where the loaded Office.js defines Workbook.use1904DateSystem (preview today), that property;
 * - otherwise the worksheet DATE function evaluated by the host through Workbook.functions (ExcelApi 1.2), whose
 *   doc comment says its year is "a number from 1900 or 1904 (depending on the workbook's date system)":
 *   DATE(1904,1,1) is 0 in a 1904 workbook and 1462 otherwise. The sheet writer uses the same probe
 *   (src/excel/date-system.ts). Evaluating a function writes nothing to the workbook.
 * Returns the date system found, or null when it cannot be known (no Excel, the request failed, an unexpected
 * answer); the functions then keep what they had (1900 unless told otherwise).
 */
export async function detectDateSystem(
  excel: unknown = (globalThis as { Excel?: unknown }).Excel,
): Promise<DateSystem | null> {
  const x = excel as ExcelLike | undefined;
  if (typeof x?.run !== "function") return null;
  const hasProperty = !!x.Workbook?.prototype && "use1904DateSystem" in x.Workbook.prototype;
  try {
    const uses1904 = await x.run(async (ctx) => {
      if (hasProperty) {
        ctx.workbook.load("use1904DateSystem");
        await ctx.sync();
        return ctx.workbook.use1904DateSystem;
      }
      const probe = ctx.workbook.functions?.date(1904, 1, 1);
      if (!probe) return undefined;
      probe.load("value");
      await ctx.sync();
      return probe.value === 0 ? true : probe.value === DAYS_BETWEEN_DATE_SYSTEMS ? false : undefined;
    });
    if (typeof uses1904 !== "boolean") return null;
    const system: DateSystem = uses1904 ? "1904" : "1900";
    setFunctionsDateSystem(system);
    return system;
  } catch {
    return null;
  }
}
