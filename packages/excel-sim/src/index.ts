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
import { SimRequestContext, SimHostHooks } from "./api";
import { EngineFactory, plainEngine, recalculate } from "./calc";
import { MAX_COLS, parseAddress, rectAddress } from "./formula";
import { createInvestEngine, registeredInvestFunctions, setBridgeOptions } from "./hyperformula-invest";
import { CellStyle, CellValue, SimError, TableModel, Visibility, WorkbookModel, formatValue } from "./workbook";

export { SimError } from "./workbook";
export type { CellValue } from "./workbook";

/**
 * Excel's request payload limit: "Excel on the web limits requests and responses to 5 MB" (performance.md;
 * resource-limits-and-performance-optimization.md: "5MB"). Read strictly, as 5,000,000 bytes.
 */
export const PAYLOAD_LIMIT = 5_000_000;

/**
 * What one queued operation (an object created by a method or navigation, a property set, a method call, a load)
 * adds to a request beyond its arguments. performance.md: "The payload size of a request combines: The number of API
 * calls. The number of objects, such as Range objects. The length of the value to set or get." Office.js sends each
 * object as an object path and each call as an action (JSON objects with ids, type, name, parent and argument info);
 * the simulator's own encoding is far more compact, so this overhead is added per operation. Its size follows the
 * same page's sample: 10,000 × (getRangeByIndexes + values = [["1"]]) "would likely exceed the 5MB payload size
 * limit", split into two loops of 5,000 it does not; so one range plus one property set costs between 500 and 1,000
 * bytes. 300 per operation (600 the pair) is inside that bracket.
 */
export const REQUEST_BYTES_PER_OPERATION = 300;

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

export interface SimStats {
  syncs: number;
  /** Request size of each sync: UTF-8 size of its serialised commands plus REQUEST_BYTES_PER_OPERATION each. */
  bytesPerSync: number[];
  /** UTF-8 size of what each sync returned (loaded values). */
  responseBytesPerSync: number[];
  /** Syncs during which API calculation / screen updating were suspended. */
  calcSuspendedSyncs: number;
  screenSuspendedSyncs: number;
  /** Times the formulas were recalculated. */
  recalcs: number;
}

export interface SyncFault {
  /** The error to throw (default: a GeneralException as a lost connection gives). */
  error?: Error;
  /**
   * Apply this many commands of the batch before failing (Excel runs a batch in order and stops at the first
   * error: earlier commands stay applied). Undefined: fail before anything is applied.
   */
  afterCommands?: number;
  /** Let this many syncs succeed first (fail the (skip+1)-th sync from now). */
  skip?: number;
}

export interface TableInfo {
  name: string;
  sheet: string;
  address: string;
  columns: string[];
  rowCount: number;
  showTotals: boolean;
  /** Applied filters by column name (criteria as Excel.FilterCriteria). */
  filters: Record<string, unknown>;
  /** Data rows (0-based within the body) hidden by the filters. */
  hiddenRows: number[];
}

/** Read-only inspection of the simulated workbook for tests (bypasses the API: no syncs counted). */
export interface SimWorkbookInspector {
  sheetNames(): string[];
  visibility(sheet: string): Visibility;
  activeSheet(): string | null;
  /** Values of a range ("A1:C3" on `sheet`), or of the sheet's used range when omitted. */
  values(sheet: string, address?: string): CellValue[][];
  formulas(sheet: string, address?: string): CellValue[][];
  numberFormats(sheet: string, address?: string): string[][];
  text(sheet: string, address?: string): string[][];
  cell(sheet: string, address: string): { value: CellValue; formula?: string; numberFormat: string; style: CellStyle };
  usedAddress(sheet: string): string | null;
  columnWidth(sheet: string, column: number): number | undefined;
  frozenRows(sheet: string): number;
  tables(): TableInfo[];
  table(name: string): TableInfo | undefined;
  /** A table's data body as values (header excluded). */
  tableValues(name: string): CellValue[][];
  tableFormulas(name: string): CellValue[][];
  settings(): Record<string, unknown>;
  charts(
    sheet: string,
  ): { name: string; type: string; source: string; title: string; axisTitles: { category?: string; value?: string } }[];
  calculationMode(): string;
  /** A deep, comparable picture of the whole workbook (sheets, cells, formats, tables, settings). */
  snapshot(): unknown;
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

/** Bytes of a string in UTF-8, measured by the platform (independent of the add-in's own byte counter it checks). */
const encoder = new TextEncoder();
function utf8Length(s: string): number {
  return encoder.encode(s).length;
}

export function createSimulatedExcel(options: SimOptions = {}): SimulatedExcel {
  const book = new WorkbookModel(options.sheets ?? ["Sheet1"]);
  book.date1904 = options.date1904 === true;
  const limit = options.payloadLimit ?? PAYLOAD_LIMIT;
  // HyperFormula's nullDate is the day of serial 0: 1899-12-30 (its default, matching Excel's 1900 system after
  // 1900-03-01) or 1904-01-01 in the 1904 date system.
  const dateConfig = book.date1904 ? { nullDate: { year: 1904, month: 1, day: 1 } } : {};
  let factory: EngineFactory =
    options.engine ??
    (book.date1904
      ? () => HyperFormula.buildEmpty({ licenseKey: "gpl-v3", maxRows: 1_048_576, maxColumns: 16_384, ...dateConfig })
      : plainEngine);
  if (options.blanksAsZero !== undefined) setBridgeOptions({ blanksAsZero: options.blanksAsZero });
  if (!options.engine) {
    if (options.functionsMetadata) {
      const meta = options.functionsMetadata as { allowErrorForDataTypeAny?: boolean; functions: never[] };
      createInvestEngine(meta).destroy(); // registers the functions once
      factory = () => createInvestEngine(undefined, { maxRows: 1_048_576, maxColumns: 16_384, ...dateConfig });
    } else if (registeredInvestFunctions().length > 0) {
      factory = () => createInvestEngine(undefined, { maxRows: 1_048_576, maxColumns: 16_384, ...dateConfig });
    }
  }
  const stats: SimStats = {
    syncs: 0,
    bytesPerSync: [],
    responseBytesPerSync: [],
    calcSuspendedSyncs: 0,
    screenSuspendedSyncs: 0,
    recalcs: 0,
  };
  const faults: SyncFault[] = [];
  let responseBytes = 0;
  let closed = false;
  const flags = { suspendCalc: false, suspendScreen: false };

  const recalcNow = () => {
    recalculate(book, factory);
    book.dirty = false;
    stats.recalcs++;
  };
  const autoRecalc = () => {
    if (book.dirty && !flags.suspendCalc && book.calculationMode !== "Manual" && book.hasFormulas()) recalcNow();
  };

  const hooks: SimHostHooks = {
    book,
    flags,
    recalcNow,
    beforeRead: autoRecalc,
    countResponse(value: unknown) {
      if (value === undefined || value === null) return;
      if (typeof value === "number" || typeof value === "boolean") responseBytes += 8;
      else if (typeof value === "string") responseBytes += utf8Length(value) + 2;
      else if (Array.isArray(value) && Array.isArray(value[0])) {
        for (const row of value as unknown[][])
          for (const v of row) responseBytes += typeof v === "string" ? utf8Length(v) + 3 : 8;
      } else responseBytes += utf8Length(JSON.stringify(value) ?? "");
    },
    async runSync(ctx: SimRequestContext) {
      if (closed) throw new SimError("InvalidOperation", "The simulated host was closed.");
      const ops = ctx._queue;
      ctx._queue = [];
      const payload = JSON.stringify(ops.map((o) => o.d));
      const bytes = utf8Length(payload) + ops.length * REQUEST_BYTES_PER_OPERATION;
      stats.syncs++;
      stats.bytesPerSync.push(bytes);
      await Promise.resolve(); // the request leaves the add-in: other code may run meanwhile
      let fault: SyncFault | undefined;
      if (faults.length && (faults[0].skip ?? 0) > 0) faults[0].skip = (faults[0].skip ?? 0) - 1;
      else fault = faults.shift();
      if (fault && fault.afterCommands === undefined) {
        stats.responseBytesPerSync.push(0);
        throw (
          fault.error ??
          new SimError("GeneralException", "There was an internal error while processing the request. (injected fault)")
        );
      }
      if (bytes > limit) {
        stats.responseBytesPerSync.push(0);
        throw new SimError(
          "RequestPayloadSizeLimitExceeded",
          `The request payload size has exceeded the limit. (${bytes} bytes > ${limit})`,
        );
      }
      responseBytes = 0;
      let commands = 0;
      try {
        for (const op of ops) {
          const isCommand = !(op.d as { n?: number }).n;
          if (isCommand && fault && commands === fault.afterCommands) {
            throw (
              fault.error ??
              new SimError(
                "GeneralException",
                "There was an internal error while processing the request. (injected fault)",
              )
            );
          }
          op.run();
          if (isCommand) commands++;
        }
        autoRecalc();
        if (responseBytes > limit) {
          throw new SimError(
            "ResponsePayloadSizeLimitExceeded",
            `The response payload size has exceeded the limit. (${responseBytes} bytes)`,
          );
        }
        for (const p of ctx._nullables) {
          if (p._isNull !== undefined) continue;
          try {
            p._isNull = p._resolve() === null;
          } catch {
            // resolution depends on a failed parent: stays unknown
          }
        }
      } finally {
        stats.responseBytesPerSync.push(responseBytes);
        if (flags.suspendCalc) stats.calcSuspendedSyncs++;
        if (flags.suspendScreen) stats.screenSuspendedSyncs++;
        const wasSuspended = flags.suspendCalc;
        flags.suspendCalc = false;
        flags.suspendScreen = false;
        if (wasSuspended) autoRecalc();
      }
    },
  };

  const ErrorCodes: Record<string, string> = {
    accessDenied: "AccessDenied",
    generalException: "GeneralException",
    invalidArgument: "InvalidArgument",
    invalidOperation: "InvalidOperation",
    itemAlreadyExists: "ItemAlreadyExists",
    itemNotFound: "ItemNotFound",
    notImplemented: "NotImplemented",
    rangeExceedsLimit: "RangeExceedsLimit",
    requestAborted: "RequestAborted",
    responsePayloadSizeLimitExceeded: "ResponsePayloadSizeLimitExceeded",
    requestPayloadSizeLimitExceeded: "RequestPayloadSizeLimitExceeded",
    propertyNotLoaded: "PropertyNotLoaded",
  };

  const ExcelNs = {
    async run<T>(batchOrOptions: unknown, maybeBatch?: unknown): Promise<T> {
      const batch = (typeof batchOrOptions === "function" ? batchOrOptions : maybeBatch) as (
        ctx: SimRequestContext,
      ) => Promise<T>;
      if (typeof batch !== "function") throw new SimError("InvalidArgument", "Excel.run needs a batch function.");
      const ctx = new SimRequestContext(hooks);
      const result = await batch(ctx);
      // Commands still queued when the batch resolves are sent, as Excel.run does.
      if (ctx._queue.some((op) => !(op.d as { n?: number }).n)) await ctx.sync();
      return result;
    },
    RequestContext: SimRequestContext,
    ErrorCodes,
    SheetVisibility: { visible: "Visible", hidden: "Hidden", veryHidden: "VeryHidden" },
    CalculationMode: { automatic: "Automatic", automaticExceptTables: "AutomaticExceptTables", manual: "Manual" },
    CalculationType: { recalculate: "Recalculate", full: "Full", fullRebuild: "FullRebuild" },
    RangeCopyType: { all: "All", formulas: "Formulas", values: "Values", formats: "Formats" },
    ClearApplyTo: { all: "All", formats: "Formats", contents: "Contents" },
    DeleteShiftDirection: { up: "Up", left: "Left" },
    SpecialCellType: {
      conditionalFormats: "ConditionalFormats",
      dataValidations: "DataValidations",
      blanks: "Blanks",
      constants: "Constants",
      formulas: "Formulas",
      sameConditionalFormat: "SameConditionalFormat",
      sameDataValidation: "SameDataValidation",
      visible: "Visible",
    },
    InsertShiftDirection: { down: "Down", right: "Right" },
    FilterOn: {
      values: "Values",
      custom: "Custom",
      topItems: "TopItems",
      bottomItems: "BottomItems",
      topPercent: "TopPercent",
      bottomPercent: "BottomPercent",
      cellColor: "CellColor",
      fontColor: "FontColor",
      dynamic: "Dynamic",
      icon: "Icon",
    },
    ChartSeriesBy: { auto: "Auto", columns: "Columns", rows: "Rows" },
    ChartType: {
      columnClustered: "ColumnClustered",
      barClustered: "BarClustered",
      line: "Line",
      pie: "Pie",
      lineMarkers: "LineMarkers",
    },
  };
  const OfficeExtensionNs = { Error: SimError, ErrorCodes };

  // ---------------------------------------------------------------- inspection
  const sheetOf = (name: string) => {
    const s = book.findSheet(name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  };
  const rectOf = (name: string, address?: string) => {
    const s = sheetOf(name);
    if (address === undefined) return { s, rect: s.usedRect(true) ?? { r0: 0, c0: 0, r1: 0, c1: 0 } };
    const p = parseAddress(address);
    if (!p) throw new Error(`bad address ${address}`);
    return { s, rect: p.rect };
  };
  const grid = <V>(
    name: string,
    address: string | undefined,
    f: (s: ReturnType<typeof sheetOf>, r: number, c: number) => V,
  ): V[][] => {
    const { s, rect } = rectOf(name, address);
    const out: V[][] = [];
    for (let r = rect.r0; r <= rect.r1; r++) {
      const row: V[] = [];
      for (let c = rect.c0; c <= rect.c1; c++) row.push(f(s, r, c));
      out.push(row);
    }
    return out;
  };
  const tableInfo = (t: TableModel): TableInfo => ({
    name: t.name,
    sheet: t.sheet.name,
    address: `${t.sheet.name}!${rectAddress(t.rect)}`,
    columns: t.columns.map((c) => c.name),
    rowCount: t.rect.r1 - t.rect.r0 - (t.showTotals ? 1 : 0),
    showTotals: t.showTotals,
    filters: Object.fromEntries(
      [...t.filters].map(([id, f]) => [t.columns.find((c) => c.id === id)?.name ?? String(id), f]),
    ),
    hiddenRows: [...t.hiddenRows].map((r) => r - t.rect.r0 - 1).sort((a, b) => a - b),
  });
  const body = (name: string, f: (t: TableModel, r: number, c: number) => CellValue): CellValue[][] => {
    const t = book.findTable(name);
    if (!t) throw new Error(`no table ${name}`);
    const out: CellValue[][] = [];
    for (let r = t.rect.r0 + 1; r <= t.rect.r1 - (t.showTotals ? 1 : 0); r++) {
      const row: CellValue[] = [];
      for (let c = t.rect.c0; c <= t.rect.c1; c++) row.push(f(t, r, c));
      out.push(row);
    }
    return out;
  };
  const inspector: SimWorkbookInspector = {
    sheetNames: () => book.sheets.map((s) => s.name),
    visibility: (n) => sheetOf(n).visibility,
    activeSheet: () => book.active?.name ?? null,
    values: (n, a) => grid(n, a, (s, r, c) => s.value(r, c)),
    formulas: (n, a) => grid(n, a, (s, r, c) => s.formula(r, c) ?? s.value(r, c)),
    numberFormats: (n, a) => grid(n, a, (s, r, c) => s.numberFormat(r, c)),
    text: (n, a) => grid(n, a, (s, r, c) => formatValue(s.value(r, c), s.numberFormat(r, c), book.date1904)),
    cell(n, a) {
      const { s, rect } = rectOf(n, a);
      return {
        value: s.value(rect.r0, rect.c0),
        formula: s.formula(rect.r0, rect.c0),
        numberFormat: s.numberFormat(rect.r0, rect.c0),
        style: s.style(rect.r0, rect.c0),
      };
    },
    usedAddress(n) {
      const r = sheetOf(n).usedRect(true);
      return r ? rectAddress(r) : null;
    },
    columnWidth: (n, c) => sheetOf(n).colWidths.get(c),
    frozenRows: (n) => sheetOf(n).freezeRows,
    tables: () => book.tables.map(tableInfo),
    table: (name) => {
      const t = book.findTable(name);
      return t ? tableInfo(t) : undefined;
    },
    tableValues: (name) => body(name, (t, r, c) => t.sheet.value(r, c)),
    tableFormulas: (name) => body(name, (t, r, c) => t.sheet.formula(r, c) ?? t.sheet.value(r, c)),
    settings: () => Object.fromEntries([...book.settings].map(([k, v]) => [k, JSON.parse(v)])),
    charts: (n) =>
      sheetOf(n).charts.map((c) => ({
        name: c.name,
        type: c.type,
        source: `${c.sourceSheet}!${c.source}`,
        title: c.title,
        axisTitles: { ...c.axisTitles },
      })),
    calculationMode: () => book.calculationMode,
    snapshot() {
      return {
        sheets: book.sheets.map((s) => {
          const cells: Record<string, unknown> = {};
          s.vals.forEach((row, r) =>
            row?.forEach((v, c) => {
              if (v !== undefined) cells[`${r},${c}`] = [v];
            }),
          );
          for (const [k, f] of s.fmls) {
            const id = `${Math.floor(k / MAX_COLS)},${k % MAX_COLS}`;
            cells[id] = [...((cells[id] as unknown[]) ?? [""]), f];
          }
          const nfs: Record<string, string> = {};
          s.nfs.forEach((row, r) =>
            row?.forEach((v, c) => {
              if (v !== undefined) nfs[`${r},${c}`] = v;
            }),
          );
          return {
            name: s.name,
            visibility: s.visibility,
            cells,
            nfs,
            freeze: s.freezeRows,
            styles: Object.fromEntries(s.styles),
          };
        }),
        tables: book.tables.map(tableInfo),
        settings: Object.fromEntries(book.settings),
      };
    },
  };

  const previous: { Excel?: unknown; OfficeExtension?: unknown; had: boolean; hadOE: boolean } = {
    had: false,
    hadOE: false,
  };
  const g = globalThis as Record<string, unknown>;
  const api: SimulatedExcel = {
    Excel: ExcelNs as unknown as typeof Excel,
    OfficeExtension: OfficeExtensionNs,
    workbook: inspector,
    model: book,
    stats,
    resetStats() {
      stats.syncs = 0;
      stats.bytesPerSync = [];
      stats.responseBytesPerSync = [];
      stats.calcSuspendedSyncs = 0;
      stats.screenSuspendedSyncs = 0;
      stats.recalcs = 0;
    },
    failNextSync(fault?: Error | SyncFault) {
      faults.push(fault instanceof Error ? { error: fault } : (fault ?? {}));
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
      closed = true;
    },
  };
  return api;
}

/** Create a simulated host and install it as globalThis.Excel. */
export function installSimulatedExcel(options?: SimOptions): SimulatedExcel {
  return createSimulatedExcel(options).install();
}
