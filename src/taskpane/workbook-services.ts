/**
 * TaskPaneServices over a workbook reached through the global `Excel` (real Excel, or the simulated host of the
 * offline preview): the task pane's own workbook chores (tables, the issues sheet, the active cell, settings,
 * clipboard) are here; importing, writing datasets, refresh and the briefing are delegated to the modules that
 * own them, passed in as `Backends` (wired in backends.ts), so tests can swap them and nothing is re-implemented.
 */
import { quoteSheet } from "../core/a1";
import { AppError } from "../core/errors";
import { excel } from "../excel/host";
import type { ImportIssue, ImportOptions, ImportResult, DatasetKind } from "../import/types";
import type {
  BriefingAvailability,
  BriefingOutcome,
  BriefingRequest,
  LoadedSource,
  ReadOptions,
  RefreshReport,
  SourceSpec,
  TaskPaneServices,
  UndoReport,
  WorkbookSettings,
  WorkbookTable,
  WriteOptions,
  WriteReport,
} from "./services";
import { zhFromMetadata } from "./functions-reference";
import { OWN_TABLES } from "../core/columns";
import { readWorkbookTableOrNull } from "../excel/read-table";
import { textCell } from "../excel/values";
import type { Language } from "../i18n/language";

/** What the task pane needs from the import, workbook and briefing modules. */
export interface Backends {
  importBytes(bytes: Uint8Array, options: ImportOptions): Promise<ImportResult>;
  importUrl(url: string, options: ImportOptions): Promise<ImportResult>;
  importTable(values: unknown[][], options: ImportOptions & { startRow?: number }): Promise<ImportResult>;
  /** The bundled sample datasets. */
  loadSeeds(): Promise<ImportResult[]>;
  writeDataset(result: ImportResult, source: SourceSpec, options: WriteOptions): Promise<WriteReport>;
  listSources(): Promise<LoadedSource[]>;
  refresh(id: string, options: WriteOptions): Promise<RefreshReport>;
  undoLastRefresh(options?: { force?: boolean }): Promise<UndoReport | null>;
  briefingAvailability(): Promise<BriefingAvailability>;
  buildBriefing(request: BriefingRequest): Promise<BriefingOutcome>;
}

export interface WorkbookServicesOptions {
  host: "excel" | "preview";
  backends: Backends;
  /** Where functions.json is served (the add-in's origin). */
  functionsMetadataUrl?: string;
  fetchImpl?: typeof fetch;
  /**
   * The cell a formula goes into, as "Sheet!A1"; default: Excel's active cell. The preview passes the cell selected
   * in its grid.
   */
  activeCell?: () => Promise<string | null>;
}

/** Sheet the issues list is written to. */
export const ISSUES_SHEET = { "zh-CN": "导入问题", "en-US": "Import issues" } as const;
const ISSUES_HEADERS = {
  "zh-CN": ["文件", "行", "列", "级别", "问题"],
  "en-US": ["File", "Row", "Column", "Severity", "Issue"],
} as const;
const SEVERITY = {
  "zh-CN": { error: "错误", warning: "提醒" },
  "en-US": { error: "Error", warning: "Warning" },
} as const;

/** Workbook settings keys (Excel's per-document settings, saved with the file). */
export const SETTINGS_KEYS = {
  productionUrl: "invest.productionUrl",
  basis: "invest.basis",
  tolerance: "invest.tolerance",
} as const;

const kindOf = (k: ReadOptions["kind"]): DatasetKind | "auto" => k ?? "auto";

/** Read a source through the importer that reads its kind of source (a workbook table is read from Excel first). */
async function readSource(backends: Backends, source: SourceSpec, options: ReadOptions): Promise<ImportResult[]> {
  const common = {
    kind: kindOf(options.kind),
    mapping: options.mapping,
    onProgress: options.onProgress,
    signal: options.signal,
  };
  switch (source.type) {
    case "sample":
      return backends.loadSeeds();
    case "file":
      return [await backends.importBytes(source.bytes, { ...common, fileName: source.name })];
    case "url":
      return [await backends.importUrl(source.url, { ...common, fileName: source.url })];
    case "table": {
      const { values, startRow, label } = await readTable(source.name);
      return [await backends.importTable(values, { ...common, fileName: label, startRow })];
    }
  }
}

/** The workbook's tables that can be imported: every table but the add-in's own. */
async function listWorkbookTables(): Promise<WorkbookTable[]> {
  return excel().run(async (ctx) => {
    const tables = ctx.workbook.tables;
    tables.load("items/name");
    await ctx.sync();
    const parts = tables.items.map((t) => {
      const ws = t.worksheet;
      ws.load("name");
      const body = t.getDataBodyRange();
      body.load("rowCount");
      return { t, ws, body };
    });
    await ctx.sync();
    return parts
      .filter(({ t }) => !OWN_TABLES.some((own) => own.toLowerCase() === t.name.toLowerCase()))
      .map(({ t, ws, body }) => ({ name: t.name, sheet: ws.name, rows: body.rowCount }));
  });
}

/** The issues sheet's rows: a header, then file, row, column, severity and message of each issue. */
function issueRows(issues: ImportIssue[], lang: Language): (string | number)[][] {
  return [
    [...ISSUES_HEADERS[lang]],
    ...issues.map((i) => [
      i.file,
      i.row,
      i.column ?? "",
      SEVERITY[lang][i.severity],
      lang === "zh-CN" ? i.message : i.message_en,
    ]),
  ];
}

/** Write the issues to their sheet (replacing the last list) and show it; the sheet's name. */
async function writeIssuesSheet(issues: ImportIssue[], lang: Language): Promise<string> {
  const name = ISSUES_SHEET[lang];
  const rows = issueRows(issues, lang);
  await excel().run(async (ctx) => {
    const existing = ctx.workbook.worksheets.getItemOrNullObject(name);
    await ctx.sync();
    // eslint-disable-next-line office-addins/call-sync-before-read -- the rule knows only a context named `context`; ctx.sync() above has run
    if (!existing.isNullObject) existing.delete();
    const ws = ctx.workbook.worksheets.add(name);
    const range = ws.getRangeByIndexes(0, 0, rows.length, 5);
    // Every text cell through the one text-cell rule (src/excel/values.ts): a file name, column title or message
    // that starts with = + - @ or looks like a number or date stays exactly that text.
    range.numberFormat = rows.map((r) => r.map((v) => (typeof v === "number" ? "0" : "General")));
    range.values = rows.map((r) => r.map((v) => (typeof v === "string" ? textCell(v) : v)));
    ws.getRangeByIndexes(0, 0, 1, 5).format.font.bold = true;
    // Widths in points: file, row, column, severity, and a wide wrapped column for the message.
    [160, 40, 110, 48, 420].forEach((w, c) => (ws.getRangeByIndexes(0, c, 1, 1).format.columnWidth = w));
    ws.getRangeByIndexes(0, 4, rows.length, 1).format.wrapText = true;
    ws.freezePanes.freezeRows(1);
    ws.activate();
    await ctx.sync();
  });
  return name;
}

/** Put a formula into a cell ("Sheet!A1", or Excel's active cell when null); the cell's address. */
async function insertFormulaAt(target: string | null, formula: string): Promise<string> {
  return excel().run(async (ctx) => {
    let cell: Excel.Range;
    if (target) {
      const bang = target.lastIndexOf("!");
      const sheet = target
        .slice(0, bang)
        .replace(/^'(.*)'$/, "$1")
        .replace(/''/g, "'");
      cell = ctx.workbook.worksheets.getItem(sheet).getRange(target.slice(bang + 1));
    } else {
      cell = ctx.workbook.getActiveCell();
    }
    cell.formulas = [[formula]];
    cell.load("address");
    await ctx.sync();
    return cell.address;
  });
}

async function readSettings(): Promise<WorkbookSettings> {
  return excel().run(async (ctx) => {
    const items = Object.entries(SETTINGS_KEYS).map(([k, key]) => {
      const s = ctx.workbook.settings.getItemOrNullObject(key);
      s.load("value");
      return [k, s] as const;
    });
    await ctx.sync();
    const out: Record<string, unknown> = {};
    for (const [k, s] of items) if (!s.isNullObject) out[k] = s.value;
    return out as WorkbookSettings;
  });
}

async function saveSettings(settings: WorkbookSettings): Promise<boolean> {
  await excel().run(async (ctx) => {
    for (const [k, key] of Object.entries(SETTINGS_KEYS)) {
      const v = settings[k as keyof WorkbookSettings];
      if (v !== undefined) ctx.workbook.settings.add(key, v);
    }
    await ctx.sync();
  });
  return true;
}

export function createWorkbookServices(opts: WorkbookServicesOptions): TaskPaneServices {
  const { backends } = opts;
  const fetchImpl = opts.fetchImpl ?? ((...a: Parameters<typeof fetch>) => fetch(...a));

  return {
    host: opts.host,
    read: (source, options) => readSource(backends, source, options),
    listTables: listWorkbookTables,
    write: (result, source, options) => backends.writeDataset(result, source, options),
    writeIssues: writeIssuesSheet,
    listSources: () => backends.listSources(),
    refresh: (id, options) => backends.refresh(id, options),
    undoLastRefresh: (options) => backends.undoLastRefresh(options),
    briefingAvailability: () => backends.briefingAvailability(),
    buildBriefing: (request) => backends.buildBriefing(request),

    async functionDescriptionsZh() {
      const res = await fetchImpl(opts.functionsMetadataUrl ?? "functions.json");
      if (!res.ok) throw new Error(`functions.json: HTTP ${res.status}`);
      return zhFromMetadata(await res.json());
    },

    insertFormula: async (formula) => insertFormulaAt(opts.activeCell ? await opts.activeCell() : null, formula),
    readWorkbookSettings: readSettings,
    saveWorkbookSettings: saveSettings,
    copyText,

    // The self-test's modules arrive with the workbook chunk (the same lazy chunk as the backends).
    runSelfTest: async (options) =>
      (await import(/* webpackChunkName: "workbook" */ "../excel/self-test")).runSelfTest(options),
  };
}

/**
 * A workbook table's header and data body (a shown total row is not a record), its first row number and a label for
 * messages; dates in the workbook's date system are read as the user sees them (src/excel/read-table.ts).
 */
async function readTable(name: string): Promise<{ values: unknown[][]; startRow: number; label: string }> {
  const t = await readWorkbookTableOrNull(name);
  if (!t) throw new AppError("TABLE_NOT_FOUND", `工作簿中没有表格“${name}”`, `No table "${name}" in the workbook`);
  return { values: t.values, startRow: t.startRow, label: `${quoteSheet(t.sheet)}!${name}` };
}

/** Clipboard: the async API where the host allows it, else a hidden textarea and execCommand. */
export async function copyText(text: string): Promise<void> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return;
    }
  } catch {
    // Office webviews often deny the async clipboard: fall back below.
  }
  const ta = document.createElement("textarea");
  ta.value = text;
  ta.setAttribute("readonly", "");
  ta.style.position = "fixed";
  ta.style.left = "-9999px";
  document.body.appendChild(ta);
  ta.select();
  const ok = document.execCommand("copy");
  ta.remove();
  if (!ok) throw new Error("copy failed");
}
