/**
 * Dataset sheets in Excel: write, refresh by record key, undo. The thin Office.js layer over merge.ts/values.ts.
 *
 * Layout of a dataset sheet (台账, 到位资金, 目标任务, 汇总数): row 1 is a note "来源 Source：… · 载入 Loaded：…",
 * the table (Ledger, Funds, Targets, Figures) starts at A2 with Chinese titles; both rows are frozen.
 * Records taken out of the source go to the table Archive on 归档; every change is a row of ChangeLog on 变更日志.
 *
 * Tables are found by Table.id remembered in the workbook (table-identity.ts), the sheet through the table; a table is
 * checked to be the add-in's (its headers) before anything is written into it.
 *
 * Protocol: only documented operations (each cited where it is used), a few large syncs, never one per row.
 *  0. one write at a time per workbook (write-queue.ts); leftovers of dead writes are recognised by owner and age
 *     (leftovers.ts) and removed, a very hidden sheet always made Hidden first (Worksheet.delete fails on VeryHidden);
 *  1. read: the date system, the tables (by id, else by name, then their headers), each one's header, data body
 *     (never the total row), filters, and the body's values, number formats and formula cells, in chunks
 *     (table-body.ts);
 *  2. plan (pure, merge.ts); check (guards.ts) that the sheets are not protected, that the rows that move when a
 *     table grows or shrinks hold no merged cells, no table that would be cut and nothing beside the table, and that
 *     the columns a table grows into are empty: else stop with a clear message, nothing changed;
 *  3. stage the new body's values, archive rows and change-log rows on a very hidden staging sheet in chunks of
 *     ≤ 4 MB, calculation and screen updating suspended. A cancel or a failing sync here deletes the staging sheet:
 *     the visible sheets never changed;
 *  4. snapshot for undo on a very hidden undo sheet: the old data body copied with copyType "Values", its number
 *     formats, every formula cell and the tables' filters as runs in text cells beside it (undo-snapshot.ts);
 *  5. commit: the undo record first (phase "committing"), then clear the tables' filters, add rows through the table
 *     API or delete the surplus rows, copy the staged values into the data bodies ("Values": the user's data
 *     validation, conditional formats and fills in the table are not pasted over), number formats and formulas by
 *     column, the note, filters again, and last the settings (the record "committed", with a fingerprint of what the
 *     write left, fingerprint.ts) and the deletion of the staging and the previous undo sheet. Every sync stays within
 *     the request budget (request-budget.ts). If any of it fails, the snapshot is put back (restore.ts, the same code
 *     as undo) and the previous undo record with it; if that fails too, the error says so and the undo material stays
 *     for Undo to finish the job.
 */
import { AppError, cancelledError } from "../core/errors";
import { excel } from "./host";
import type { SheetSpec } from "../core/columns";
import { SHEETS } from "../core/columns";
import type { DatasetKind, ImportResult } from "../import/types";
import { setFunctionsDateSystem } from "../functions/date-system";
import { Rect, a1, colLetters } from "./address";
import { DATE_SYSTEM_OFFSET, queueDateSystem } from "./date-system";
import { BlockPrint, printBlock, printTable, TablePrint } from "./fingerprint";
import { AreaCheck, queueAreaChecks, WriteBlockedError } from "./guards";
import { leftoverSheets, STAGE_PREFIX, UNDO_PREFIX, workSheetName } from "./leftovers";
import { ChangeEntry, ExistingTable, planMerge } from "./merge";
import { ARCHIVE_BASE, CHANGELOG_BASE, DEFAULT_NAMESPACE, Names, namesOf, WriterNamespace } from "./namespace";
import { OP_BYTES, RequestBudget, SYNC_BUDGET } from "./request-budget";
import { checkRequirements } from "./requirements";
import { restore, RollbackFailedError, UndoBlockedError, undoRecordOf, verifyUndo } from "./restore";
import { applyFilters, deleteWorkSheet, locate, quoteSheet, setRowCount, TableState } from "./table-ops";
import { parseSources, SourceDescriptor, sourceLabel, upsertSource } from "./sources";
import { readBody, writeColumn } from "./table-body";
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
import { encodeMeta, runsOf, SnapshotMeta } from "./undo-snapshot";
import {
  Cell,
  FORMATS,
  chunkRows,
  formatFor,
  recordsOf,
  recordsToRows,
  rowBytes,
  storedValue,
  textCell,
  utf8Bytes,
} from "./values";
import { QueueTicket, serialised } from "./write-queue";

export const ARCHIVE = ARCHIVE_BASE;
export const CHANGELOG = CHANGELOG_BASE;
export const ARCHIVE_LEAD = ["归档时间", "刷新批次", "数据集"];
export const CHANGELOG_HEADERS = ["时间", "刷新批次", "数据集", "操作", "编号", "字段", "原值", "新值"];
export const ACTION_LABELS: Record<ChangeEntry["action"], string> = {
  added: "新增",
  changed: "修改",
  archived: "归档",
  loaded: "载入",
};
export {
  STAGE_PREFIX,
  UNDO_PREFIX,
  SYNC_BUDGET,
  WriteBlockedError,
  UndoBlockedError,
  RollbackFailedError,
  deleteWorkSheet,
};

export interface WriteOptions {
  /** 0..1 as the write progresses. */
  onProgress?: (fraction: number) => void;
  /** Cancels before the commit: the workbook is left exactly as it was. */
  signal?: AbortSignal;
  /** Clock (tests). */
  now?: () => Date;
  /** Sheets, tables and settings to use (default: the add-in's own; the self-test passes temporary ones). */
  namespace?: WriterNamespace;
  /** The write queue's ticket of a write that holds the queue and runs this one inside it (the self-test). */
  ticket?: QueueTicket;
}

export interface WriteSummary {
  kind: DatasetKind;
  sheet: string;
  table: string;
  batch: string;
  /** Records in the table afterwards. */
  rows: number;
  added: number;
  updated: number;
  archived: number;
  unchanged: number;
  /** Rows appended to the change log. */
  changes: number;
  /** What the user should know (Chinese and English), e.g. a table of theirs whose name the add-in did not take. */
  notices: { zh: string; en: string }[];
}

/** How one table looked before a write, and what the write did to it (enough to put it back). */
export interface TablePart {
  /** Table.id; null for a table the write creates (its id is known once created: see the committed record). */
  id: string | null;
  /** The table's name and sheet when the write ran. */
  table: string;
  sheet: string;
  /** "sheet": the write created the sheet; "table": it created the table on an existing sheet; null: it existed. */
  created: "sheet" | "table" | null;
  /** Data rows and columns before (0 when created). */
  beforeRows: number;
  beforeCols: number;
  /** A dataset table: a note cell above it. */
  note: boolean;
}

export interface UndoRecord {
  version: 3;
  /**
   * "committing": the write is changing the sheets (a failure rolls it back; an undo finishes the rollback);
   * "committed": done, `fingerprint` says what it left; "restoring": an undo was under way.
   */
  phase: "committing" | "committed" | "restoring";
  batch: string;
  kind: DatasetKind;
  sheet: string;
  table: string;
  undoSheet: string;
  stageSheet: string;
  data: TablePart;
  archive: TablePart | null;
  changeLog: TablePart | null;
  /** The note cell above the table before the write (formula or constant). */
  note: { formula: Cell } | null;
  /** Where the snapshot is on the undo sheet: the old body (rows × cols at A1), the meta text cells in column metaCol. */
  snapshot: { rows: number; cols: number; metaCol: number; metaChunks: number };
  previousSources: SourceDescriptor[];
  /** The remembered tables before the write (null: the setting did not exist). */
  previousTables: unknown;
  fingerprint: { data: TablePrint; archive: BlockPrint | null; changeLog: BlockPrint | null } | null;
  at: string;
}

export function abortError(): Error {
  return cancelledError();
}

function checkAbort(signal?: AbortSignal): void {
  if (signal?.aborted) throw abortError();
}

/** Excel serial of a local date-time (what a typed timestamp holds), in the workbook's date system. */
export function serialOf(d: Date, date1904 = false): number {
  const s = (d.getTime() - d.getTimezoneOffset() * 60_000) / 86_400_000 + 25569;
  return date1904 ? s - DATE_SYSTEM_OFFSET : s;
}

function localIso(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The note written above a dataset table. */
export function noteText(source: SourceDescriptor, at: Date): string {
  return `来源 Source：${sourceLabel(source)} · 载入 Loaded：${localIso(at)} · 刷新请用“招商引资 → 刷新” / Refresh: Home → 招商引资 → 刷新`;
}

// =========================================================================================== public API

/**
 * Write a dataset to its sheet (creating sheet and table on first load). When the table exists already this is a
 * refresh by record key: nothing the user added is lost. The source is remembered for Refresh.
 */
export async function writeDataset(
  kind: DatasetKind,
  result: ImportResult,
  source: Omit<SourceDescriptor, "id" | "kind" | "lastRefresh"> & Partial<SourceDescriptor>,
  opts: WriteOptions = {},
): Promise<WriteSummary> {
  const desc: SourceDescriptor = { ...source, id: kind, kind, lastRefresh: null } as SourceDescriptor;
  return serialised(() => applyDataset(kind, result, desc, opts, false), opts.ticket);
}

/**
 * Refresh a remembered source with newly imported records (the caller re-read the source). The dataset's table must
 * still be there (found by its id, or by its name and headers): a refresh never starts a new table silently.
 */
export async function refreshDataset(
  sourceId: string,
  newResult: ImportResult,
  opts: WriteOptions = {},
): Promise<WriteSummary> {
  return serialised(async () => {
    const names = namesOf(opts.namespace);
    const sources = await excel().run(async (ctx) => {
      const item = ctx.workbook.settings.getItemOrNullObject(names.settingsSources);
      item.load("value");
      await ctx.sync();
      // eslint-disable-next-line office-addins/call-sync-after-load, office-addins/call-sync-before-read -- the rule knows only a context named `context`; ctx.sync() above has run
      return item.isNullObject ? [] : parseSources(item.value);
    });
    const desc = sources.find((s) => s.id === sourceId);
    if (!desc) throw new AppError("SOURCE_NOT_FOUND", `没有这个数据来源：${sourceId}`, `No such source: ${sourceId}`);
    return applyDataset(desc.kind, newResult, desc, opts, true);
  }, opts.ticket);
}

export interface UndoOptions {
  namespace?: WriterNamespace;
  ticket?: QueueTicket;
  /**
   * Undo even though the sheets changed after the write (UndoBlockedError lists what): those changes are lost. The
   * task pane asks the user first.
   */
  force?: boolean;
}

/**
 * Undo the last write or refresh: table, archive, change log and the remembered source as they were. Refuses with
 * UndoBlockedError when the sheets were changed after the write (unless `force`); finds the tables by id wherever
 * they are now.
 */
export async function undoLastRefresh(
  opts: UndoOptions = {},
): Promise<{ batch: string; kind: DatasetKind; description: string } | null> {
  return serialised(async () => {
    const names = namesOf(opts.namespace);
    const raw = await excel().run(async (ctx) => {
      const item = ctx.workbook.settings.getItemOrNullObject(names.settingsUndo);
      item.load("value");
      await ctx.sync();
      // eslint-disable-next-line office-addins/call-sync-after-load, office-addins/call-sync-before-read -- the rule knows only a context named `context`; ctx.sync() above has run
      return item.isNullObject ? null : (item.value as unknown);
    });
    if (raw === null) return null;
    const record = undoRecordOf(raw);
    if (!record) {
      // A record of an older version of the add-in: its snapshot sheet is laid out differently. Forget it rather
      // than guess.
      await excel().run(async (ctx) => {
        ctx.workbook.settings.getItem(names.settingsUndo).delete();
        await ctx.sync();
      });
      throw new AppError(
        "UNDO_UNAVAILABLE",
        "上次写入由旧版本加载项完成，无法撤销。",
        "The last write was made by an older version of the add-in and cannot be undone.",
      );
    }
    if (record.phase === "committed" && !opts.force) {
      const changes = await verifyUndo(record);
      if (changes.length) throw new UndoBlockedError(changes);
    }
    await restore(record, names, { mode: "undo" });
    return { batch: record.batch, kind: record.kind, description: `${record.sheet} ${record.at}` };
  }, opts.ticket);
}

// =========================================================================================== reading

interface DataTableState extends TableState {
  existing: ExistingTable;
  /** Number formats of every body cell (for the undo snapshot). */
  formats: string[][];
  /** Formula cells (row → column → R1C1). */
  formulas: Map<number, Map<number, string>>;
  note: { formula: Cell } | null;
}

interface WorkbookState {
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
  notices: { zh: string; en: string }[];
}

async function readState(
  ctx: Excel.RequestContext,
  spec: SheetSpec,
  names: Names,
  progress: (f: number) => void,
  signal?: AbortSignal,
): Promise<WorkbookState> {
  const wb = ctx.workbook;
  const sheets = wb.worksheets;
  sheets.load("items/name");
  wb.tables.load("items/name, items/id");
  // Every setting: this namespace's sources, undo record and remembered tables, and the undo sheets any record names.
  wb.settings.load("items/key, items/value");
  const is1904 = queueDateSystem(ctx);
  await ctx.sync();
  const date1904 = is1904();
  // The custom functions (another bundle of the same shared runtime) read serials in the same system.
  setFunctionsDateSystem(date1904 ? "1904" : "1900");
  const sheetNames = sheets.items.map((s) => s.name);
  const lower = new Set(sheetNames.map((n) => n.toLowerCase()));
  const tables: TableRef[] = wb.tables.items.map((t) => ({ name: t.name, id: String(t.id) }));
  const settings = new Map(wb.settings.items.map((s) => [s.key, s.value as unknown]));
  const referenced = new Set<string>();
  for (const v of settings.values()) {
    const u = (v as { undoSheet?: unknown } | null)?.undoSheet;
    if (typeof u === "string") referenced.add(u);
  }
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
  const used = (missing: boolean, name: string) => {
    if (!missing || !lower.has(name.toLowerCase())) return null;
    const u = wb.worksheets.getItem(name).getUsedRangeOrNullObject(true);
    u.load("address");
    return u;
  };
  const occupied = {
    data: used(!cur, spec.sheet),
    archive: used(true, names.archive.sheet),
    log: used(true, names.changeLog.sheet),
  };
  await ctx.sync();
  const notices: WorkbookState["notices"] = [];

  // ---- which tables are ours
  const data: TableState | null = cur ? cur.read() : null;
  if (data) {
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
  const taken = [...tables.map((t) => t.name), ...sheetNames];
  const role = (
    st: TableState | null,
    lead: readonly string[],
    base: string,
    label: { zh: string; en: string },
  ): { st: TableState | null; name: string } => {
    if (!st) return { st: null, name: freeTableName(base, taken) };
    if (st.by === "id" || holdsColumns(st.headers, lead)) return { st, name: st.ref.name };
    // A table of the user's that happens to have our name: never written into.
    const name = freeTableName(base, taken);
    notices.push({
      zh: `工作簿中的表格“${st.ref.name}”是您自己的，加载项不会写入它；${label.zh}写入表格“${name}”。`,
      en: `The table "${st.ref.name}" in the workbook is your own; the add-in does not write into it and keeps its ${label.en} in the table "${name}".`,
    });
    return { st: null, name };
  };
  const archRole = role(arch ? arch.read() : null, ARCHIVE_LEAD, names.archive.table, {
    zh: "归档记录",
    en: "archive",
  });
  const logRole = role(logAt ? logAt.read() : null, CHANGELOG_HEADERS, names.changeLog.table, {
    zh: "变更日志",
    en: "change log",
  });

  const pick = (name: string, u: Excel.Range | null) => {
    if (!u || u.isNullObject) return name;
    let k = 2;
    while (lower.has(`${name} ${k}`.toLowerCase())) k++;
    return `${name} ${k}`;
  };
  const picked = {
    data: pick(spec.sheet, occupied.data),
    archive: pick(names.archive.sheet, occupied.archive),
    log: pick(names.changeLog.sheet, occupied.log),
  };

  // ---- the data body: values, number formats, formula cells
  let table: DataTableState | null = null;
  if (data) {
    const base = data;
    const ws = wb.worksheets.getItem(base.sheetName);
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
    table = { ...base, existing, formats: body.formats!, formulas: body.formulas, note };
  }
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
    referenced,
    notices,
  };
}

// =========================================================================================== staging blocks

/** A block of rows written to the staging sheet, copied into place at commit. */
interface Block {
  /** Top-left cell on the staging sheet. */
  r0: number;
  c0: number;
  rows: Cell[][];
}

/** Archive rows, cell by cell under the archive's headers (by name: a user may have moved or added columns). */
function archiveRows(
  plan: ReturnType<typeof planMerge>,
  archiveHeaders: string[],
  sheet: string,
  batch: string,
  at: Date,
  date1904: boolean,
): Cell[][] {
  const ts = serialOf(at, date1904);
  return plan.archived.map((a) =>
    archiveHeaders.map((h) => {
      if (h === ARCHIVE_LEAD[0]) return ts;
      if (h === ARCHIVE_LEAD[1]) return textCell(batch);
      if (h === ARCHIVE_LEAD[2]) return textCell(sheet);
      const j = plan.headers.indexOf(h);
      const v = j >= 0 ? a.values[j] : "";
      return typeof v === "string" ? textCell(v) : v;
    }),
  );
}

/** Change-log rows under the log's headers (by name). */
function logRows(
  changes: ChangeEntry[],
  headers: string[],
  sheet: string,
  batch: string,
  at: Date,
  date1904: boolean,
): Cell[][] {
  const ts = serialOf(at, date1904);
  const cell = (v: Cell) => (typeof v === "string" ? textCell(v) : v);
  return changes.map((c) => {
    const byTitle: Record<string, Cell> = {
      [CHANGELOG_HEADERS[0]]: ts,
      [CHANGELOG_HEADERS[1]]: textCell(batch),
      [CHANGELOG_HEADERS[2]]: textCell(sheet),
      [CHANGELOG_HEADERS[3]]: ACTION_LABELS[c.action],
      [CHANGELOG_HEADERS[4]]: cell(c.key),
      [CHANGELOG_HEADERS[5]]: cell(c.field),
      [CHANGELOG_HEADERS[6]]: cell(c.old),
      [CHANGELOG_HEADERS[7]]: cell(c.new),
    };
    return headers.map((h) => byTitle[h] ?? "");
  });
}

/**
 * Write blocks' values to the staging sheet in as few syncs as the 4 MB budget allows. The last chunk is left queued
 * (its bytes returned) for the snapshot to join its sync.
 */
async function stageBlocks(
  ctx: Excel.RequestContext,
  stage: Excel.Worksheet,
  blocks: Block[],
  progress: (f: number) => void,
  signal?: AbortSignal,
): Promise<number> {
  const items: { b: number; r: number }[] = [];
  const sizes: number[] = [];
  blocks.forEach((blk, b) =>
    blk.rows.forEach((row, r) => {
      items.push({ b, r });
      sizes.push(rowBytes(row));
    }),
  );
  const chunks = chunkRows(sizes, SYNC_BUDGET - 64 * OP_BYTES);
  let done = 0;
  let pending = 0;
  for (const [s, e] of chunks) {
    checkAbort(signal);
    ctx.workbook.application.suspendApiCalculationUntilNextSync();
    ctx.workbook.application.suspendScreenUpdatingUntilNextSync();
    // Group consecutive items of the same block.
    let i = s;
    while (i < e) {
      const b = items[i].b;
      let j = i;
      while (j < e && items[j].b === b) j++;
      const blk = blocks[b];
      const r0 = items[i].r;
      const n = j - i;
      stage.getRangeByIndexes(blk.r0 + r0, blk.c0, n, blk.rows[r0].length).values = blk.rows.slice(r0, r0 + n) as never;
      pending += 2 * OP_BYTES;
      i = j;
    }
    for (let k = s; k < e; k++) pending += sizes[k];
    if (e < items.length) {
      await ctx.sync();
      pending = 0;
    }
    done += e - s;
    progress(0.3 + 0.5 * (done / Math.max(1, items.length)));
  }
  return pending;
}

// =========================================================================================== the pipeline

let batchCounter = 0;

async function applyDataset(
  kind: DatasetKind,
  result: ImportResult,
  source: SourceDescriptor,
  opts: WriteOptions,
  refresh: boolean,
): Promise<WriteSummary> {
  const names = namesOf(opts.namespace ?? DEFAULT_NAMESPACE);
  const spec = names.spec(kind);
  const progress = opts.onProgress ?? (() => undefined);
  const now = (opts.now ?? (() => new Date()))();
  const batch = `${spec.kind}-${now.getTime().toString(36)}-${(batchCounter++).toString(36)}`;
  checkAbort(opts.signal);
  checkRequirements();

  const run: {
    record: UndoRecord | null;
    stage: string | null;
    undo: string | null;
    phase: "reading" | "staging" | "committing" | "done";
    rawUndo: unknown;
    rawSources: SourceDescriptor[];
    rawMemory: unknown;
  } = { record: null, stage: null, undo: null, phase: "reading", rawUndo: null, rawSources: [], rawMemory: null };
  try {
    return await excel().run(async (ctx) => {
      const state = await readState(ctx, spec, names, progress, opts.signal);
      run.rawUndo = state.rawUndo;
      run.rawSources = state.rawSources;
      run.rawMemory = state.rawMemory;
      checkAbort(opts.signal);
      if (refresh && !state.table) {
        throw new AppError(
          "TABLE_NOT_FOUND",
          `找不到数据集“${spec.sheet}”的表格“${spec.table}”（可能已被删除），无法刷新。请在任务窗格中重新载入该数据。本次没有做任何改动。`,
          `The table "${spec.table}" of the dataset "${spec.sheet}" is not in the workbook (deleted?), so it cannot be refreshed. Load the data again in the task pane. Nothing was changed.`,
        );
      }
      const date1904 = state.date1904;
      const fresh = recordsToRows(SHEETS[kind], recordsOf(result, kind), date1904);
      const plan = planMerge(spec, state.table?.existing ?? null, fresh.rows, fresh.formats, { date1904 });
      if (plan.keptFormulas.length) {
        const shown = plan.keptFormulas.slice(0, 5);
        const more = plan.keptFormulas.length - shown.length;
        state.notices.push({
          zh:
            `${plan.keptFormulas.length} 个单元格保留了您输入的公式，没有用数据来源的值覆盖：` +
            shown.map((k) => `${k.key} 的“${k.field}”（来源值 ${String(storedValue(k.source))}）`).join("；") +
            (more > 0 ? ` 等 ${more} 处` : "") +
            "。如需用来源的值，请删除这些公式后再刷新。",
          en:
            `${plan.keptFormulas.length} cell(s) keep the formula you typed instead of the source's value: ` +
            shown.map((k) => `"${k.field}" of ${k.key} (source value ${String(storedValue(k.source))})`).join("; ") +
            (more > 0 ? ` and ${more} more` : "") +
            ". To take the source's values, clear these formulas and refresh again.",
        });
      }

      // Geometry of the final table.
      const sheetName = state.table?.sheetName ?? state.dataSheet;
      const top = state.table ? state.table.top : 1;
      const left = state.table ? state.table.left : 0;
      const bodyRows = Math.max(1, plan.rows.length);
      const after: Rect = { r0: top, c0: left, r1: top + bodyRows, c1: left + plan.headers.length - 1 };
      const colFormats = plan.headers.map((_, c) =>
        plan.canonical[c] >= 0 ? formatFor(spec.columns[plan.canonical[c]].type) : FORMATS.text,
      );

      // Archive and change log.
      const archiveHeaders = state.archive ? [...state.archive.headers] : [...ARCHIVE_LEAD];
      if (plan.archived.length) for (const h of plan.headers) if (!archiveHeaders.includes(h)) archiveHeaders.push(h);
      const aRows = plan.archived.length ? archiveRows(plan, archiveHeaders, sheetName, batch, now, date1904) : [];
      // A first load is one log row ("载入", the record count); a refresh logs every change.
      const logged: ChangeEntry[] = state.table
        ? plan.changes
        : [{ action: "loaded", key: "", field: "", old: "", new: plan.rows.length }];
      const logHeaders = state.changeLog ? [...state.changeLog.headers] : [...CHANGELOG_HEADERS];
      const lRows = logged.length ? logRows(logged, logHeaders, sheetName, batch, now, date1904) : [];
      for (const [st, lead, rows] of [
        [state.archive, ARCHIVE_LEAD, aRows],
        [state.changeLog, CHANGELOG_HEADERS, lRows],
      ] as const) {
        if (st && rows.length && !holdsColumns(st.headers, lead)) {
          const missing = lead.filter((h) => !st.headers.includes(h));
          const m = missingColumnsMessage(st.ref.name, missing, false);
          throw new WriteBlockedError(m.zh, m.en, st.ref.name);
        }
      }
      const archiveFormats = archiveHeaders.map((h) => {
        if (h === ARCHIVE_LEAD[0]) return FORMATS.timestamp;
        const col =
          spec.columns.find((c) => c.title === h) ??
          Object.values(SHEETS)
            .flatMap((s) => s.columns)
            .find((c) => c.title === h);
        return col ? formatFor(col.type) : FORMATS.text;
      });
      const logFormats = logHeaders.map((h) => (h === CHANGELOG_HEADERS[0] ? FORMATS.timestamp : FORMATS.text));

      // ---- check what the write reaches (nothing is changed yet)
      const checks: AreaCheck[] = [];
      const check = (st: TableState, sheet: string, table: string, otherRows: number, newCols: number) => {
        checks.push({
          sheet,
          table,
          top: st.top,
          left: st.left,
          cols: st.cols,
          rows: st.rows,
          showTotals: st.showTotals,
          otherRows,
          newCols,
        });
      };
      if (state.table) check(state.table, sheetName, spec.table, bodyRows, plan.headers.length - state.table.cols);
      if (state.archive && aRows.length)
        check(
          state.archive,
          state.archiveSheet,
          state.archiveName,
          state.archive.rows + aRows.length,
          archiveHeaders.length - state.archive.cols,
        );
      if (state.changeLog && lRows.length)
        check(state.changeLog, state.changeLogSheet, state.changeLogName, state.changeLog.rows + lRows.length, 0);
      const writtenSheets = [
        state.sheetExists || state.table ? sheetName : null,
        aRows.length && state.archiveSheetExists ? state.archiveSheet : null,
        lRows.length && state.changeLogSheetExists ? state.changeLogSheet : null,
      ].filter((s): s is string => !!s);
      await queueAreaChecks(ctx, checks, writtenSheets)();
      checkAbort(opts.signal);

      // ---- stage
      const stageName = workSheetName(STAGE_PREFIX, now);
      const undoName = workSheetName(UNDO_PREFIX, now);
      // Leftovers of dead writes (never a sheet an undo record names, nor one a live write of another owner uses).
      for (const n of leftoverSheets(state.sheetNames, state.referenced, now.getTime()))
        deleteWorkSheet(ctx.workbook.worksheets.getItem(n));
      const stage = ctx.workbook.worksheets.add(stageName);
      stage.visibility = "VeryHidden";
      run.stage = stageName;
      run.phase = "staging";
      // Formula cells are written as formulas at commit (a structured reference has no table on the staging sheet).
      const isFormulaCell = (c: number, v: Cell) =>
        plan.formulaColumns.includes(c) && typeof v === "string" && v.startsWith("=");
      const bodyBlock: Block = {
        r0: top + 1,
        c0: left,
        rows: plan.rows.length
          ? plan.rows.map((row) => row.map((v, c) => (isFormulaCell(c, v) ? "" : v)))
          : [plan.headers.map(() => "")],
      };
      const archiveBlock: Block = { r0: 0, c0: after.c1 + 2, rows: aRows };
      const logBlock: Block = { r0: 0, c0: after.c1 + 2 + archiveHeaders.length + 1, rows: lRows };
      const staged = await stageBlocks(ctx, stage, [bodyBlock, archiveBlock, logBlock], progress, opts.signal);

      // ---- what undo needs: the old body on the undo sheet, formats, formulas and filters as meta cells beside it
      const part = (
        t: TableState | null,
        sheet: string,
        table: string,
        sheetExists: boolean,
        touched: boolean,
        note: boolean,
      ): TablePart | null => {
        if (t)
          return {
            id: t.ref.id,
            table: t.ref.name,
            sheet: t.sheetName,
            created: null,
            beforeRows: t.rows,
            beforeCols: t.cols,
            note,
          };
        if (!touched) return null;
        return { id: null, table, sheet, created: sheetExists ? "table" : "sheet", beforeRows: 0, beforeCols: 0, note };
      };
      const old = state.table;
      const meta: SnapshotMeta = {
        v: 3,
        rows: old?.rows ?? 0,
        cols: old?.cols ?? 0,
        formats: old ? Array.from({ length: old.cols }, (_, c) => runsOf(old.formats.map((row) => row[c]))) : [],
        formulas: old
          ? Object.fromEntries(
              Array.from(
                { length: old.cols },
                (_, c) => [String(c), runsOf(old.existing.values.map((_, r) => old.formulas.get(r)?.get(c)))] as const,
              ).filter(([, runs]) => runs.length > 0),
            )
          : {},
        filters: {
          data: old?.filters ?? null,
          archive: aRows.length ? (state.archive?.filters ?? null) : null,
          changeLog: lRows.length ? (state.changeLog?.filters ?? null) : null,
        },
      };
      const metaChunks = encodeMeta(meta);
      const metaCol = old ? old.cols + 1 : 0;
      const record: UndoRecord = {
        version: 3,
        phase: "committing",
        batch,
        kind: spec.kind,
        sheet: sheetName,
        table: spec.table,
        undoSheet: undoName,
        stageSheet: stageName,
        data: part(state.table, sheetName, spec.table, state.sheetExists, true, true)!,
        archive: part(
          state.archive,
          state.archiveSheet,
          state.archiveName,
          state.archiveSheetExists,
          aRows.length > 0,
          false,
        ),
        changeLog: part(
          state.changeLog,
          state.changeLogSheet,
          state.changeLogName,
          state.changeLogSheetExists,
          lRows.length > 0,
          false,
        ),
        note: old?.note ?? null,
        snapshot: { rows: old?.rows ?? 0, cols: old?.cols ?? 0, metaCol, metaChunks: metaChunks.length },
        previousSources: state.rawSources,
        previousTables: state.rawMemory,
        fingerprint: null,
        at: localIso(now),
      };
      run.record = record;
      {
        // With the last staging chunk, still queued.
        const budget = new RequestBudget(ctx, () => {
          ctx.workbook.application.suspendApiCalculationUntilNextSync();
          ctx.workbook.application.suspendScreenUpdatingUntilNextSync();
        });
        budget.queued(staged);
        const undoSheet = ctx.workbook.worksheets.add(undoName);
        undoSheet.visibility = "VeryHidden";
        run.undo = undoName;
        if (old && old.rows > 0) {
          // The data body (a range inside the table, never the whole table) copied as values only: Range.copyFrom
          // "copyType: values copies the data values and, in the case of formulas, the result of the formula"
          // (learn.microsoft.com excel-add-ins-ranges-cut-copy-paste). Formats and formulas go in the meta cells.
          const src = ctx.workbook.worksheets
            .getItem(old.sheetName)
            .getRangeByIndexes(old.top + 1, old.left, old.rows, old.cols);
          await budget.spend(0, 3);
          undoSheet.getRangeByIndexes(0, 0, old.rows, old.cols).copyFrom(src, "Values");
        }
        for (let i = 0; i < metaChunks.length;) {
          let bytes = 0;
          let j = i;
          while (j < metaChunks.length && (j === i || bytes + utf8Bytes(metaChunks[j]) + 4 < budget.pieceLimit / 2))
            bytes += utf8Bytes(metaChunks[j++]) + 4;
          await budget.spend(bytes + 8 * (j - i), 3);
          const cells = undoSheet.getRangeByIndexes(i, metaCol, j - i, 1);
          cells.numberFormat = metaChunks.slice(i, j).map(() => ["@"]);
          cells.values = metaChunks.slice(i, j).map((c) => [c]);
          i = j;
        }
        progress(0.85);
        checkAbort(opts.signal);
        // The commit starts with the undo record (phase "committing"), the last command of this sync: once it is in,
        // the snapshot is complete, and a failure from here on is rolled back. A cancel is no longer possible.
        await budget.spend(utf8Bytes(JSON.stringify(record)), 1);
        ctx.workbook.settings.add(names.settingsUndo, record);
        await budget.flush(true);
      }
      run.phase = "committing";

      // ---- commit
      const app = ctx.workbook.application;
      const suspend = () => {
        app.suspendApiCalculationUntilNextSync();
        app.suspendScreenUpdatingUntilNextSync();
      };
      const budget = new RequestBudget(ctx, suspend);
      suspend();
      const ws =
        state.sheetExists || state.table
          ? ctx.workbook.worksheets.getItem(sheetName)
          : ctx.workbook.worksheets.add(sheetName);
      const stagedBody = stage.getRangeByIndexes(top + 1, left, bodyRows, plan.headers.length);
      let table: Excel.Table;
      if (!state.table) {
        // First load: plain cells, then a table over them (TableCollection.add, ExcelApi 1.1).
        await budget.spend(rowBytes(plan.headers), 8);
        ws.getRangeByIndexes(top, left, 1, plan.headers.length).values = [plan.headers.map(textCell)];
        ws.getRangeByIndexes(top + 1, left, bodyRows, plan.headers.length).copyFrom(stagedBody, "Values");
        table = ws.tables.add(`${quoteSheet(sheetName)}!${a1(after)}`, true);
        table.name = spec.table;
        ws.freezePanes.freezeRows(top + 1);
        plan.headers.forEach((_, c) => {
          const col = plan.canonical[c] >= 0 ? spec.columns[plan.canonical[c]] : undefined;
          ws.getRangeByIndexes(0, left + c, 1, 1).format.columnWidth = widthFor(
            col?.type,
            col?.title ?? plan.headers[c],
          );
        });
      } else {
        const t = state.table;
        table = ctx.workbook.tables.getItem(t.ref.id);
        await budget.spend(0, 4);
        // Rows are inserted, deleted and rewritten only with no filter applied (hidden rows would stay where they
        // were; TableRow.delete does nothing under a filter, OfficeDev/office-js#994): clear, write, re-apply.
        if (t.filters) table.clearFilters();
        // New canonical columns at the right (TableColumnCollection.add, ExcelApi 1.4 with a name); checked empty.
        for (const h of plan.headers.slice(t.cols)) {
          await budget.spend(utf8Bytes(h), 3);
          table.columns.add(null as unknown as number, undefined, h);
        }
        await setRowCount(ws, table, { top: t.top, left: t.left, cols: plan.headers.length }, t.rows, bodyRows, budget);
      }
      table.load("id");
      // Archive and change log: rows added at the end of their tables (or the tables created), then filled.
      const aws = aRows.length
        ? state.archiveSheetExists
          ? ctx.workbook.worksheets.getItem(state.archiveSheet)
          : ctx.workbook.worksheets.add(state.archiveSheet)
        : null;
      const lws = lRows.length
        ? state.changeLogSheetExists
          ? ctx.workbook.worksheets.getItem(state.changeLogSheet)
          : ctx.workbook.worksheets.add(state.changeLogSheet)
        : null;
      const side = async (
        st: TableState | null,
        wsx: Excel.Worksheet | null,
        headers: string[],
        rows: Cell[][],
        blk: Block,
        sheet: string,
        name: string,
        width: number,
      ) => {
        if (!wsx || !rows.length) return null;
        const src = stage.getRangeByIndexes(blk.r0, blk.c0, rows.length, headers.length);
        if (!st) {
          await budget.spend(rowBytes(headers), 8);
          wsx.getRangeByIndexes(0, 0, 1, headers.length).values = [headers.map(textCell)];
          wsx.getRangeByIndexes(1, 0, rows.length, headers.length).copyFrom(src, "Values");
          const t = wsx.tables.add(
            `${quoteSheet(sheet)}!${a1({ r0: 0, c0: 0, r1: rows.length, c1: headers.length - 1 })}`,
            true,
          );
          t.name = name;
          wsx.freezePanes.freezeRows(1);
          wsx.getRangeByIndexes(0, 0, 1, headers.length).format.columnWidth = width;
          t.load("id");
          return { table: t, top: 0, left: 0, first: 0, src: null };
        }
        const t = ctx.workbook.tables.getItem(st.ref.id);
        t.load("id");
        await budget.spend(0, 4);
        if (st.filters) t.clearFilters();
        for (const h of headers.slice(st.cols)) {
          await budget.spend(utf8Bytes(h), 3);
          t.columns.add(null as unknown as number, undefined, h);
        }
        await setRowCount(wsx, t, { ...st, cols: headers.length }, st.rows, st.rows + rows.length, budget);
        return { table: t, top: st.top, left: st.left, first: st.rows, src };
      };
      const aSide = await side(
        state.archive,
        aws,
        archiveHeaders,
        aRows,
        archiveBlock,
        state.archiveSheet,
        state.archiveName,
        90,
      );
      const lSide = await side(
        state.changeLog,
        lws,
        logHeaders,
        lRows,
        logBlock,
        state.changeLogSheet,
        state.changeLogName,
        110,
      );
      // Created tables' ids are known after this sync.
      await budget.flush(true);

      // The staged values into the data bodies: plain cells pasted into cells inside a table (Range.copyFrom
      // "replicates the Copy and Paste actions of the Excel UI"), values only, never a range that holds a whole table.
      if (state.table) {
        await budget.spend(0, 3);
        ws.getRangeByIndexes(top + 1, left, bodyRows, plan.headers.length).copyFrom(stagedBody, "Values");
      }
      // Number formats, column by column: the column's format, or the cell's own where it differs.
      for (let c = 0; c < plan.headers.length; c++) {
        const formats = plan.rows.length
          ? plan.rows.map((_, r) => plan.formats[r][c] ?? colFormats[c])
          : [colFormats[c]];
        await writeColumn(ws, top + 1, left + c, formats, "numberFormat", budget);
      }
      for (const c of plan.formulaColumns) {
        await writeColumn(
          ws,
          top + 1,
          left + c,
          plan.rows.map((row) => (isFormulaCell(c, row[c]) ? String(row[c]) : undefined)),
          "formulasR1C1",
          budget,
        );
      }
      if (top >= 1) {
        // The note row above the table (only when the table leaves room for it).
        await budget.spend(utf8Bytes(noteText(source, now)) + 40, 6);
        const note = ws.getRangeByIndexes(top - 1, left, 1, 1);
        note.values = [[textCell(noteText(source, now))]];
        note.format.font.italic = true;
        note.format.font.color = "#595959";
      }
      if (!state.table) ws.activate();
      for (const [s, wsx, headers, rows, formats] of [
        [aSide, aws, archiveHeaders, aRows, archiveFormats],
        [lSide, lws, logHeaders, lRows, logFormats],
      ] as const) {
        if (!s || !wsx) continue;
        if (s.src) {
          await budget.spend(0, 3);
          wsx.getRangeByIndexes(s.top + 1 + s.first, s.left, rows.length, headers.length).copyFrom(s.src, "Values");
        }
        for (let c = 0; c < headers.length; c++)
          await writeColumn(
            wsx,
            s.top + 1 + s.first,
            s.left + c,
            rows.map(() => formats[c]),
            "numberFormat",
            budget,
          );
      }
      if (state.table) await applyFilters(table, state.table.filters, budget);
      if (aSide && state.archive) await applyFilters(aSide.table, state.archive.filters, budget);
      if (lSide && state.changeLog) await applyFilters(lSide.table, state.changeLog.filters, budget);

      // ---- the settings last: the write is done when they are
      const predicted = plan.rows.map((row) => row.map((v) => storedValue(v)));
      const fingerprint: UndoRecord["fingerprint"] = {
        data: printTable(plan.headers, plan.rows.length ? predicted : [plan.headers.map(() => "")], (r, c) =>
          isFormulaCell(c, plan.rows[r]?.[c] ?? ""),
        ),
        archive: aSide
          ? printBlock(
              archiveHeaders,
              aSide.first + aRows.length,
              aSide.first,
              aRows.map((row) => row.map(storedValue)),
              () => false,
            )
          : null,
        changeLog: lSide
          ? printBlock(
              logHeaders,
              lSide.first + lRows.length,
              lSide.first,
              lRows.map((row) => row.map(storedValue)),
              () => false,
            )
          : null,
      };
      const committed: UndoRecord = {
        ...record,
        phase: "committed",
        fingerprint,
        data: { ...record.data, id: String(table.id) },
        archive: record.archive && aSide ? { ...record.archive, id: String(aSide.table.id) } : record.archive,
        changeLog: record.changeLog && lSide ? { ...record.changeLog, id: String(lSide.table.id) } : record.changeLog,
      };
      const memory: TablesMemory = {
        ...state.memory,
        datasets: { ...state.memory.datasets, [spec.kind]: { id: String(table.id), columns: [...plan.headers] } },
        ...(aSide ? { archive: { id: String(aSide.table.id) } } : {}),
        ...(lSide ? { changeLog: { id: String(lSide.table.id) } } : {}),
      };
      const desc: SourceDescriptor = { ...source, lastRefresh: now.toISOString(), rows: plan.rows.length };
      const sources = upsertSource(state.sources, desc);
      await budget.spend(utf8Bytes(JSON.stringify([sources, memory, committed])), 8);
      ctx.workbook.settings.add(names.settingsSources, sources);
      ctx.workbook.settings.add(names.settingsTables, memory);
      ctx.workbook.settings.add(names.settingsUndo, committed);
      deleteWorkSheet(stage);
      // The previous write's undo sheet goes last: a failure before this command leaves it for the previous record.
      const previous = undoRecordOf(state.rawUndo);
      const previousSheet = previous?.undoSheet ?? (state.rawUndo as { undoSheet?: unknown } | null)?.undoSheet;
      if (typeof previousSheet === "string" && state.sheetNames.includes(previousSheet))
        deleteWorkSheet(ctx.workbook.worksheets.getItem(previousSheet));
      await ctx.sync();
      run.phase = "done";
      progress(1);
      return {
        kind: spec.kind,
        sheet: sheetName,
        table: spec.table,
        batch,
        rows: plan.rows.length,
        added: plan.counts.added,
        updated: plan.counts.updated,
        archived: plan.counts.archived,
        unchanged: plan.counts.unchanged,
        changes: logged.length,
        notices: state.notices,
      };
    });
  } catch (e) {
    // Before the commit: only the staging/undo sheets exist. During it: put everything back from the snapshot.
    if (run.phase === "committing" && run.record) {
      try {
        await restore(run.record, names, { mode: "rollback", previousUndo: run.rawUndo });
      } catch (rollbackError) {
        // Did the rollback get as far as the undo setting? Then only its clean-up failed (leftover work sheets, removed
        // by the next write): the sheets are back, and Undo must not run this record again.
        const batch = run.record.batch;
        const finished = await excel()
          .run(async (ctx) => {
            const item = ctx.workbook.settings.getItemOrNullObject(names.settingsUndo);
            item.load("value");
            await ctx.sync();
            // eslint-disable-next-line office-addins/call-sync-before-read -- the rule knows only a context named `context`; ctx.sync() above has run
            return undoRecordOf(item.isNullObject ? null : item.value)?.batch !== batch;
          })
          .catch(() => false);
        if (!finished) throw new RollbackFailedError(e, rollbackError);
        // Not swallowed: the write's error carries it (the sheets are back; leftover work sheets go with the next write).
        if (e && typeof e === "object") Object.assign(e, { rollbackCleanupError: rollbackError });
      }
    } else if (run.phase === "staging") await cleanUp([run.stage, run.undo]).catch(() => undefined);
    throw e;
  }
}

/** Column width in points: dates and amounts narrow, names and notes wide. */
export function widthFor(type: string | undefined, title: string): number {
  const byTitle = Math.min(160, Math.max(60, title.length * 13 + 16));
  switch (type) {
    case "date":
      return Math.max(80, byTitle);
    case "amount":
    case "count":
    case "year":
    case "month":
    case "boolean":
      return Math.max(64, byTitle);
    case "text":
      return /名称|备注|来源|投资方/.test(title) ? 200 : Math.max(90, byTitle);
    default:
      return byTitle;
  }
}

/** After a failure before the commit: remove this run's staging and undo sheets; nothing else changed. */
async function cleanUp(sheetNames: (string | null)[]): Promise<void> {
  const wanted = new Set(sheetNames.filter((n): n is string => !!n));
  if (!wanted.size) return;
  await excel().run(async (ctx) => {
    const sheets = ctx.workbook.worksheets;
    sheets.load("items/name");
    await ctx.sync();
    for (const s of sheets.items) if (wanted.has(s.name)) deleteWorkSheet(s);
    await ctx.sync();
  });
}

export { colLetters };
