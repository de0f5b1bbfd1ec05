/**
 * A simulated Excel host: the subset of the Excel JavaScript API the add-in uses, in memory, faithful to the
 * documented behaviour (queued commands, load/sync, PropertyNotLoaded, null objects, formula-vs-text writes, the
 * 5 MB request limit, 5M-cell reads). src/excel/ runs unchanged against it in jest and in the offline preview.
 *
 *   const sim = createSimulatedExcel();            // a workbook with Sheet1
 *   sim.install();                                  // globalThis.Excel (and OfficeExtension if absent)
 *   await Excel.run(async (ctx) => { … });
 *   sim.workbook.values("台账", "A1:C3");           // inspect
 *   sim.stats.syncs, sim.stats.bytesPerSync          // request sizes
 *   sim.failNextSync();                              // fault injection
 *   sim.uninstall();
 *
 * No Node APIs (runs in the browser too); never part of the add-in bundle.
 */
import { HyperFormula } from "hyperformula";
import { EngineFactory, plainEngine } from "./calc";
import { ErrorCodes, createExcelNamespace } from "./excel-namespace";
import { createInvestEngine, registeredInvestFunctions, setBridgeOptions } from "./hyperformula-invest";
import { SimWorkbookInspector, createInspector } from "./inspector";
import { PAYLOAD_LIMIT, SimHost, SimStats, SyncFault } from "./sync-runner";
import { SimError, WorkbookModel } from "./workbook";

export { SimError } from "./workbook";
export type { CellValue } from "./workbook";
export { PAYLOAD_LIMIT, REQUEST_BYTES_PER_OPERATION } from "./sync-runner";
export type { SimStats, SyncFault } from "./sync-runner";
export type { SimWorkbookInspector, TableInfo } from "./inspector";

export interface SimOptions {
  /** Initial sheet names (default ["Sheet1"]). */
  sheets?: string[];
  /** functions.json metadata to register INVEST.* in HyperFormula (else: whatever was registered before, else none).
   * Its top-level allowErrorForDataTypeAny decides whether error cells reach the functions (hyperformula-invest.ts). */
  functionsMetadata?: { allowErrorForDataTypeAny?: boolean; functions: unknown[] };
  /** Pass blank cells to custom functions as 0, as Excel desktop does (default: SIM_BLANKS_AS_ZERO=1, else null). */
  blanksAsZero?: boolean;
  /** Another HyperFormula factory. */
  engine?: EngineFactory;
  /** Request payload limit in bytes (default 5 MB). */
  payloadLimit?: number;
  /** The workbook uses the 1904 date system (Excel for Mac workbooks): serials count from 1904-01-01 = 0. */
  date1904?: boolean;
}

export interface SimulatedExcel {
  /** The `Excel` namespace: run, RequestContext, enums. */
  Excel: typeof Excel;
  OfficeExtension: { Error: typeof SimError; ErrorCodes: Record<string, string> };
  workbook: SimWorkbookInspector;
  /** Direct access to the model (for the preview page and white-box tests). */
  model: WorkbookModel;
  stats: SimStats;
  resetStats(): void;
  failNextSync(fault?: Error | SyncFault): void;
  /** Set globalThis.Excel (and OfficeExtension when absent); returns this. */
  install(): SimulatedExcel;
  uninstall(): void;
  close(): void;
}

const BIG_SHEETS = { maxRows: 1_048_576, maxColumns: 16_384 };

/**
 * The HyperFormula engine for this workbook: the one given, else one with the INVEST.* functions (registered from
 * `functionsMetadata`, or earlier), else plain HyperFormula. HyperFormula's nullDate is the day of serial 0:
 * 1899-12-30 (its default, matching Excel's 1900 system after 1900-03-01) or 1904-01-01 in the 1904 date system.
 */
function engineFactory(options: SimOptions, date1904: boolean): EngineFactory {
  if (options.engine) return options.engine;
  const dateConfig = date1904 ? { nullDate: { year: 1904, month: 1, day: 1 } } : {};
  if (options.functionsMetadata) createInvestEngine(options.functionsMetadata).destroy(); // registers the functions once
  if (options.functionsMetadata || registeredInvestFunctions().length > 0)
    return () => createInvestEngine(undefined, { ...BIG_SHEETS, ...dateConfig });
  if (date1904) return () => HyperFormula.buildEmpty({ licenseKey: "gpl-v3", ...BIG_SHEETS, ...dateConfig });
  return plainEngine;
}

export function createSimulatedExcel(options: SimOptions = {}): SimulatedExcel {
  const book = new WorkbookModel(options.sheets ?? ["Sheet1"]);
  book.date1904 = options.date1904 === true;
  if (options.blanksAsZero !== undefined) setBridgeOptions({ blanksAsZero: options.blanksAsZero });
  const host = new SimHost(book, engineFactory(options, book.date1904), options.payloadLimit ?? PAYLOAD_LIMIT);
  const ExcelNs = createExcelNamespace(host);
  const OfficeExtensionNs = { Error: SimError, ErrorCodes };
  const previous: { Excel?: unknown; OfficeExtension?: unknown; had: boolean; hadOE: boolean } = {
    had: false,
    hadOE: false,
  };
  const g = globalThis as Record<string, unknown>;
  const api: SimulatedExcel = {
    // eslint-disable-next-line no-restricted-syntax -- a subset of Office.js's Excel namespace, typed as `typeof Excel` so src/excel/ runs on it unchanged
    Excel: ExcelNs as unknown as typeof Excel,
    OfficeExtension: OfficeExtensionNs,
    workbook: createInspector(book),
    model: book,
    stats: host.stats,
    resetStats: () => host.resetStats(),
    failNextSync(fault?: Error | SyncFault) {
      host.faults.push(fault instanceof Error ? { error: fault } : (fault ?? {}));
    },
    install() {
      previous.had = "Excel" in g;
      previous.Excel = g.Excel;
      previous.hadOE = "OfficeExtension" in g;
      previous.OfficeExtension = g.OfficeExtension;
      g.Excel = ExcelNs;
      if (!previous.hadOE) g.OfficeExtension = OfficeExtensionNs;
      return api;
    },
    uninstall() {
      if (g.Excel === ExcelNs) {
        if (previous.had) g.Excel = previous.Excel;
        else delete g.Excel;
      }
      if (!previous.hadOE && g.OfficeExtension === OfficeExtensionNs) delete g.OfficeExtension;
    },
    close() {
      api.uninstall();
      host.closed = true;
    },
  };
  return api;
}

/** Create a simulated host and install it as globalThis.Excel. */
export function installSimulatedExcel(options?: SimOptions): SimulatedExcel {
  return createSimulatedExcel(options).install();
}
