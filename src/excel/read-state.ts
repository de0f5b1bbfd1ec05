/**
 * Step 1 of a write: read what the write needs to know about the workbook in a few syncs, and nothing else. The date
 * system; the add-in's tables (by remembered id, else by name, then checked by their headers to be ours); each one's
 * place, size, headers and filters; the data body's values, number formats and formula cells (table-body.ts); the
 * settings (sources, remembered tables, the undo record) exactly as stored, for undo to put back. The result is plain
 * data: the write plan (write-plan.ts) is computed from it without the host.
 */
import type { SheetSpec } from "../core/columns";
import { setFunctionsDateSystem } from "../functions/date-system";
import { checkAbort } from "./abort";
import { a1 } from "./address";
import { queueDateSystem } from "./date-system";
import { WriteBlockedError } from "./guards";
import { ARCHIVE_LEAD, CHANGELOG_HEADERS } from "./ledger-layout";
import type { ExistingTable } from "./merge";
import type { Names } from "./namespace";
import { parseSources, SourceDescriptor } from "./sources";
import { readBody } from "./table-body";
import {
  datasetColumnsProblem,
  findTable,
  freeTableName,
  holdsColumns,
  missingColumnsMessage,
  parseTablesMemory,
  renamedTableMessage,
  TableRef,
  TablesMemory,
} from "./table-identity";
import { locate, TableState } from "./table-ops";
import type { Cell } from "./values";
import type { Notice } from "./write-types";

export interface DataTableState extends TableState {
  existing: ExistingTable;
  /** Number formats of every body cell (for the undo snapshot). */
  formats: string[][];
  /** Formula cells (row → column → R1C1). */
  formulas: Map<number, Map<number, string>>;
  note: { formula: Cell } | null;
}

export interface WorkbookState {
  date1904: boolean;
  sheetNames: string[];
  tables: TableRef[];
  /** The sheet the dataset goes to when its table does not exist yet (a free name if ours is the user's). */
  dataSheet: string;
  sheetExists: boolean;
  table: DataTableState | null;
  archive: TableState | null;
  /** The name of our archive table (its own, or a free name when a table of the user's has ours). */
  archiveName: string;
  archiveSheet: string;
  archiveSheetExists: boolean;
  changeLog: TableState | null;
  changeLogName: string;
  changeLogSheet: string;
  changeLogSheetExists: boolean;
  sources: SourceDescriptor[];
  /** The sources setting exactly as stored (undo puts it back as it was). */
  rawSources: SourceDescriptor[];
  memory: TablesMemory;
  rawMemory: unknown;
  /** The undo setting exactly as stored (a failed write puts it back). */
  rawUndo: unknown;
  /** Undo sheets that an undo record (of any namespace) names: never leftovers. */
  referenced: Set<string>;
  notices: Notice[];
}

/** The first sync's answers: sheets, tables, every setting, the date system. */
interface Overview {
  date1904: boolean;
  sheetNames: string[];
  /** Sheet names in lower case (Excel's sheet names are case-insensitive). */
  lower: Set<string>;
  tables: TableRef[];
  settings: Map<string, unknown>;
}

async function readOverview(ctx: Excel.RequestContext): Promise<Overview> {
  const wb = ctx.workbook;
  wb.worksheets.load("items/name");
  wb.tables.load("items/name, items/id");
  // Every setting: this namespace's sources, undo record and remembered tables, and the undo sheets any record names.
  wb.settings.load("items/key, items/value");
  const is1904 = queueDateSystem(ctx);
  await ctx.sync();
  const date1904 = is1904();
  // The custom functions (another bundle of the same shared runtime) read serials in the same system.
  setFunctionsDateSystem(date1904 ? "1904" : "1900");
  const sheetNames = wb.worksheets.items.map((s) => s.name);
  return {
    date1904,
    sheetNames,
    lower: new Set(sheetNames.map((n) => n.toLowerCase())),
    tables: wb.tables.items.map((t) => ({ name: t.name, id: String(t.id) })),
    settings: new Map(wb.settings.items.map((s) => [s.key, s.value as unknown])),
  };
}

/** The undo sheets any undo record among the settings names. */
function referencedUndoSheets(settings: Map<string, unknown>): Set<string> {
  const referenced = new Set<string>();
  for (const v of settings.values()) {
    const u = (v as { undoSheet?: unknown } | null)?.undoSheet;
    if (typeof u === "string") referenced.add(u);
  }
  return referenced;
}

/** A dataset table found by id must still have its name, and every table must hold the dataset's columns. */
function checkDatasetTable(data: TableState, spec: SheetSpec, memory: TablesMemory): void {
  if (data.by === "id" && data.ref.name !== spec.table) {
    const m = renamedTableMessage(spec.table, data.ref.name);
    throw new WriteBlockedError(m.zh, m.en, data.ref.name);
  }
  const remembered = data.by === "id" ? (memory.datasets[spec.kind]?.columns ?? null) : null;
  const problem = datasetColumnsProblem(spec, data.headers, remembered);
  if (problem) {
    const m = missingColumnsMessage(data.ref.name, problem.missing, data.by === "name", problem.added);
    throw new WriteBlockedError(
      m.zh,
      m.en,
      `${data.sheetName}!${a1({ r0: data.top, c0: data.left, r1: data.top, c1: data.left + data.cols - 1 })}`,
    );
  }
}

/**
 * Whether a table found for the archive or the change log is ours (found by id, or it has our leading columns), and
 * the name to write under: a table of the user's that happens to have our name is never written into.
 */
function ownRole(
  st: TableState | null,
  lead: readonly string[],
  base: string,
  label: Notice,
  taken: readonly string[],
  notices: Notice[],
): { st: TableState | null; name: string } {
  if (!st) return { st: null, name: freeTableName(base, taken) };
  if (st.by === "id" || holdsColumns(st.headers, lead)) return { st, name: st.ref.name };
  const name = freeTableName(base, taken);
  notices.push({
    zh: `工作簿中的表格“${st.ref.name}”是您自己的，加载项不会写入它；${label.zh}写入表格“${name}”。`,
    en: `The table "${st.ref.name}" in the workbook is your own; the add-in does not write into it and keeps its ${label.en} in the table "${name}".`,
  });
  return { st: null, name };
}

/** Queue reading what is on a sheet of ours that exists without our table (null: nothing to check). */
function queueUsedRange(ctx: Excel.RequestContext, lower: Set<string>, missing: boolean, name: string) {
  if (!missing || !lower.has(name.toLowerCase())) return null;
  const u = ctx.workbook.worksheets.getItem(name).getUsedRangeOrNullObject(true);
  u.load("address");
  return u;
}

/** The sheet to write to: ours, or a free "name 2", "name 3"… when ours holds something of the user's. */
function freeSheetName(name: string, used: Excel.Range | null, lower: Set<string>): string {
  if (!used || used.isNullObject) return name;
  let k = 2;
  while (lower.has(`${name} ${k}`.toLowerCase())) k++;
  return `${name} ${k}`;
}

/** The data body of the dataset table: values, number formats and formula cells, with the note cell above it. */
async function readDataTable(
  ctx: Excel.RequestContext,
  base: TableState,
  spec: SheetSpec,
  progress: (f: number) => void,
  signal?: AbortSignal,
): Promise<DataTableState> {
  const ws = ctx.workbook.worksheets.getItem(base.sheetName);
  // The note cell above the table, read with the first chunk of the body.
  const noteRange = base.top >= 1 ? ws.getRangeByIndexes(base.top - 1, base.left, 1, 1) : null;
  const readNote = () => noteRange?.load("formulas");
  const body =
    base.rows > 0
      ? await readBody(
          ctx,
          ws,
          { top: base.top + 1, left: base.left, rows: base.rows, cols: base.cols },
          {
            formats: true,
            formulaText: true,
            checkAbort: () => checkAbort(signal),
            progress: (done) => progress(0.3 * (done / Math.max(1, base.rows))),
            withFirst: readNote,
          },
        )
      : (readNote(), await ctx.sync(), { values: [], formats: [], formulas: new Map<number, Map<number, string>>() });
  const note: DataTableState["note"] = noteRange ? { formula: noteRange.formulas[0][0] as Cell } : null;
  const titles = new Set(spec.columns.map((c) => c.title));
  const userCols = base.headers.map((h, i) => (titles.has(h) ? -1 : i)).filter((i) => i >= 0);
  const existing: ExistingTable = {
    headers: base.headers,
    values: body.values,
    formulasR1C1: body.values.map((row, r) => row.map((v, c) => body.formulas.get(r)?.get(c) ?? v)),
    numberFormats: body.formats!.map((nf) => nf.map((f, c) => (userCols.includes(c) ? f : undefined))),
  };
  return { ...base, existing, formats: body.formats!, formulas: body.formulas, note };
}

/** Read the workbook for a write of `spec`'s dataset (see the module comment). */
export async function readState(
  ctx: Excel.RequestContext,
  spec: SheetSpec,
  names: Names,
  progress: (f: number) => void,
  signal?: AbortSignal,
): Promise<WorkbookState> {
  const { date1904, sheetNames, lower, tables, settings } = await readOverview(ctx);
  const rawMemory = settings.has(names.settingsTables) ? settings.get(names.settingsTables) : null;
  const memory = parseTablesMemory(rawMemory);
  const found = {
    data: findTable(tables, memory.datasets[spec.kind]?.id, spec.table),
    archive: findTable(tables, memory.archive?.id, names.archive.table),
    log: findTable(tables, memory.changeLog?.id, names.changeLog.table),
  };
  const cur = found.data ? locate(ctx, found.data.table, found.data.by) : null;
  const arch = found.archive ? locate(ctx, found.archive.table, found.archive.by) : null;
  const logAt = found.log ? locate(ctx, found.log.table, found.log.by) : null;
  // A sheet of ours that exists without our table but holds something of the user's is never written over.
  const occupied = {
    data: queueUsedRange(ctx, lower, !cur, spec.sheet),
    archive: queueUsedRange(ctx, lower, true, names.archive.sheet),
    log: queueUsedRange(ctx, lower, true, names.changeLog.sheet),
  };
  await ctx.sync();
  const notices: Notice[] = [];
  const data: TableState | null = cur ? cur.read() : null;
  if (data) checkDatasetTable(data, spec, memory);
  const taken = [...tables.map((t) => t.name), ...sheetNames];
  const archRole = ownRole(
    arch ? arch.read() : null,
    ARCHIVE_LEAD,
    names.archive.table,
    { zh: "归档记录", en: "archive" },
    taken,
    notices,
  );
  const logRole = ownRole(
    logAt ? logAt.read() : null,
    CHANGELOG_HEADERS,
    names.changeLog.table,
    { zh: "变更日志", en: "change log" },
    taken,
    notices,
  );
  const picked = {
    data: freeSheetName(spec.sheet, occupied.data, lower),
    archive: freeSheetName(names.archive.sheet, occupied.archive, lower),
    log: freeSheetName(names.changeLog.sheet, occupied.log, lower),
  };
  const table = data ? await readDataTable(ctx, data, spec, progress, signal) : null;
  const sourcesValue = settings.get(names.settingsSources);
  return {
    date1904,
    sheetNames,
    tables,
    sheetExists: lower.has(picked.data.toLowerCase()),
    dataSheet: picked.data,
    table,
    archive: archRole.st,
    archiveName: archRole.name,
    archiveSheet: archRole.st ? archRole.st.sheetName : picked.archive,
    archiveSheetExists: archRole.st ? true : lower.has(picked.archive.toLowerCase()),
    changeLog: logRole.st,
    changeLogName: logRole.name,
    changeLogSheet: logRole.st ? logRole.st.sheetName : picked.log,
    changeLogSheetExists: logRole.st ? true : lower.has(picked.log.toLowerCase()),
    sources: sourcesValue === undefined ? [] : parseSources(sourcesValue),
    rawSources: Array.isArray(sourcesValue) ? (sourcesValue as SourceDescriptor[]) : [],
    memory,
    rawMemory,
    rawUndo: settings.has(names.settingsUndo) ? settings.get(names.settingsUndo) : null,
    referenced: referencedUndoSheets(settings),
    notices,
  };
}
