/**
 * Dataset sheets in Excel: write, refresh by record key, undo. The thin Office.js layer over merge.ts/values.ts.
 *
 * Layout of a dataset sheet (台账, 到位资金, 目标任务, 汇总数): row 1 is a note "来源 Source：… · 载入 Loaded：…",
 * the table (Ledger, Funds, Targets, Figures) starts at A2 with Chinese titles; both rows are frozen.
 * Records taken out of the source go to the table Archive on 归档; every change is a row of ChangeLog on 变更日志.
 *
 * Protocol: only documented operations (each cited where it is used), a few large syncs, never one per row.
 *  0. one write at a time per workbook (write-queue.ts); leftovers of dead writes are recognised by owner and age
 *     (leftovers.ts) and removed, a very hidden sheet always made Hidden first (Worksheet.delete fails on VeryHidden);
 *  1. read: the date system, each table's header, data body (never the total row), filters, and the body's values,
 *     number formats and the user columns' R1C1 formulas, in chunks of ≤ ~3.5 MB;
 *  2. plan (pure, merge.ts); check that the rows below a table that will grow or shrink hold no merged cells and no
 *     table that would be cut, and that the columns a table grows into are empty: else stop with a clear message;
 *  3. stage the new body, archive rows and change-log rows on a very hidden staging sheet in chunks of ≤ 4 MB
 *     (values first, formats after), calculation and screen updating suspended. A cancel or a failing sync here
 *     deletes the staging sheet: the visible sheets never changed;
 *  4. snapshot for undo, with the last staging sync: the old data body copied with copyType "Values" to a very hidden
 *     undo sheet, its number formats and the user's formulas as runs in text cells beside it (undo-snapshot.ts);
 *  5. commit: clear the tables' filters, add rows through the table API (rows below move down) or delete the
 *     surplus rows (cells below move up), copy the staged blocks into the data bodies, write formula columns, the note,
 *     the settings, re-apply the filters, delete the staging sheet. If it fails, the snapshot is put back (the same
 *     code as undo), so the sheets end fully old or fully new.
 */
import type { SheetSpec } from "../core/columns";
import { SHEETS } from "../core/columns";
import type { DatasetKind, ImportResult } from "../import/types";
import { Rect, a1, colLetters, parseA1 } from "./address";
import { setFunctionsDateSystem } from "../functions/date-system";
import { DATE_SYSTEM_OFFSET, queueDateSystem } from "./date-system";
import { leftoverSheets, STAGE_PREFIX, UNDO_PREFIX, workSheetName } from "./leftovers";
import { ChangeEntry, ExistingTable, MergePlan, planMerge } from "./merge";
import { ARCHIVE_BASE, CHANGELOG_BASE, DEFAULT_NAMESPACE, Names, namesOf, WriterNamespace } from "./namespace";
import { checkRequirements } from "./requirements";
import { parseSources, SourceDescriptor, sourceLabel, upsertSource } from "./sources";
import { decodeMeta, encodeMeta, runsOf, SnapshotMeta } from "./undo-snapshot";
import { Cell, FORMATS, chunkRows, formatFor, recordsOf, recordsToRows, rowBytes, textCell } from "./values";
import { serialised } from "./write-queue";

export const ARCHIVE = ARCHIVE_BASE;
export const CHANGELOG = CHANGELOG_BASE;
export const ARCHIVE_LEAD = ["归档时间", "刷新批次", "数据集"];
export const CHANGELOG_HEADERS = ["时间", "刷新批次", "数据集", "操作", "编号", "字段", "原值", "新值"];
export const ACTION_LABELS: Record<ChangeEntry["action"], string> = { added: "新增", changed: "修改", archived: "归档", loaded: "载入" };
export { STAGE_PREFIX, UNDO_PREFIX };

/** Bytes of values per sync the writer aims at (Excel's limit is 5 MB per request). */
export const SYNC_BUDGET = 4_000_000;
/** Room left in a sync for the commands around the values. */
const OVERHEAD = 64_000;

export interface WriteOptions {
  /** 0..1 as the write progresses. */
  onProgress?: (fraction: number) => void;
  /** Cancels before the commit: the workbook is left exactly as it was. */
  signal?: AbortSignal;
  /** Clock (tests). */
  now?: () => Date;
  /** Sheets, tables and settings to use (default: the add-in's own; the self-test passes temporary ones). */
  namespace?: WriterNamespace;
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
}

/** How one table looked before a write, and what the write did to it (enough to put it back). */
export interface TablePart {
  sheet: string;
  table: string;
  /** "sheet": the write created the sheet; "table": it created the table on an existing sheet; null: it existed. */
  created: "sheet" | "table" | null;
  /** Data rows and columns before (0 when created). */
  beforeRows: number;
  beforeCols: number;
  /** Filter criteria per column before (null entries: no filter), re-applied after a restore. */
  filters: (Excel.FilterCriteria | null)[] | null;
  /** The table's header row, 0-based sheet row, and first column. */
  top: number;
  left: number;
  /** A dataset table: a note cell above it that a created table's undo clears. */
  note: boolean;
}

export interface UndoRecord {
  version: 2;
  batch: string;
  kind: DatasetKind;
  sheet: string;
  table: string;
  undoSheet: string;
  stageSheet: string;
  /** The sheet was created by this batch (undo deletes it). */
  createdSheet: boolean;
  data: TablePart;
  archive: TablePart | null;
  changeLog: TablePart | null;
  /** The note cell above the table before the write: its A1 address and formula (or constant). */
  note: { address: string; formula: Cell } | null;
  /** Where the snapshot's values and meta chunks are on the undo sheet. */
  snapshot: { rows: number; cols: number; metaChunks: number } | null;
  previousSources: SourceDescriptor[];
  at: string;
}

/** A write that would harm what lies around a table: nothing was changed. */
export class WriteBlockedError extends Error {
  readonly code = "WRITE_BLOCKED";
  constructor(readonly message_zh: string, readonly message_en: string, readonly address: string) {
    super(`${message_zh} / ${message_en}`);
    this.name = "WriteBlockedError";
  }
}

function excel(): typeof Excel {
  const x = (globalThis as { Excel?: typeof Excel }).Excel;
  if (!x || typeof x.run !== "function") throw new Error("Excel 不可用 / Excel is not available");
  return x;
}

export function abortError(): Error {
  const e = new Error("已取消 / Cancelled");
  e.name = "AbortError";
  return e;
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

/**
 * Delete a worksheet that may be very hidden. Worksheet.delete (ExcelApi 1.1): "if the worksheet's visibility is set
 * to "VeryHidden", the delete operation will fail with an `InvalidOperation` exception. You should first change its
 * visibility to hidden or visible before deleting it." Both commands go in the same batch.
 */
export function deleteWorkSheet(ws: Excel.Worksheet): void {
  ws.visibility = "Hidden";
  ws.delete();
}

// =========================================================================================== public API

/**
 * Write a dataset to its sheet (creating sheet and table on first load). When the table exists already this is a
 * refresh by record key: nothing the user added is lost. The source is remembered for Refresh.
 */
export async function writeDataset(
  kind: DatasetKind, result: ImportResult, source: Omit<SourceDescriptor, "id" | "kind" | "lastRefresh"> & Partial<SourceDescriptor>,
  opts: WriteOptions = {},
): Promise<WriteSummary> {
  const desc: SourceDescriptor = { ...source, id: kind, kind, lastRefresh: null } as SourceDescriptor;
  return serialised(() => applyDataset(kind, result, desc, opts));
}

/** Refresh a remembered source with newly imported records (the caller re-read the source). */
export async function refreshDataset(sourceId: string, newResult: ImportResult, opts: WriteOptions = {}): Promise<WriteSummary> {
  return serialised(async () => {
    const names = namesOf(opts.namespace);
    const sources = await excel().run(async (ctx) => {
      const item = ctx.workbook.settings.getItemOrNullObject(names.settingsSources);
      item.load("value");
      await ctx.sync();
      return item.isNullObject ? [] : parseSources(item.value);
    });
    const desc = sources.find((s) => s.id === sourceId);
    if (!desc) throw new Error(`没有这个数据来源：${sourceId} / No such source: ${sourceId}`);
    return applyDataset(desc.kind, newResult, desc, opts);
  });
}

/** Undo the last write or refresh: table, archive, change log and the remembered source as they were. */
export async function undoLastRefresh(opts: { namespace?: WriterNamespace } = {}): Promise<{ batch: string; kind: DatasetKind; description: string } | null> {
  return serialised(async () => {
    const names = namesOf(opts.namespace);
    const record = await excel().run(async (ctx) => {
      const item = ctx.workbook.settings.getItemOrNullObject(names.settingsUndo);
      item.load("value");
      await ctx.sync();
      return item.isNullObject ? null : (item.value as UndoRecord);
    });
    if (!record) return null;
    if (record.version !== 2) {
      // A record of an older version of the add-in: its snapshot sheet holds a whole-table copy this version does
      // not restore. Forget it rather than guess.
      await excel().run(async (ctx) => {
        ctx.workbook.settings.getItem(names.settingsUndo).delete();
        await ctx.sync();
      });
      throw new Error("上次写入由旧版本加载项完成，无法撤销。 / The last write was made by an older version of the add-in and cannot be undone.");
    }
    await restore(record, true, names);
    return { batch: record.batch, kind: record.kind, description: `${record.sheet} ${record.at}` };
  });
}

// =========================================================================================== reading

/** A table as read before the write. */
interface TableState {
  sheetName: string;
  /** Header row (0-based sheet row) and columns. */
  top: number;
  left: number;
  cols: number;
  /** Data body rows (the total row is not part of it). */
  rows: number;
  showTotals: boolean;
  headers: string[];
  filters: (Excel.FilterCriteria | null)[] | null;
}

interface DataTableState extends TableState {
  existing: ExistingTable;
  /** Number formats of every body cell (for the undo snapshot). */
  formats: string[][];
  userCols: number[];
  note: { address: string; formula: Cell } | null;
}

interface WorkbookState {
  date1904: boolean;
  /** The sheet the dataset goes to when its table does not exist yet (a free name if ours is the user's). */
  dataSheet: string;
  sheetExists: boolean;
  table: DataTableState | null;
  archive: TableState | null;
  archiveSheet: string;
  archiveSheetExists: boolean;
  changeLog: TableState | null;
  changeLogSheet: string;
  changeLogSheetExists: boolean;
  sources: SourceDescriptor[];
  /** The sources setting exactly as stored (undo puts it back as it was). */
  rawSources: SourceDescriptor[];
  undo: UndoRecord | null;
  sheetNames: string[];
  /** Undo sheets that an undo record (of any namespace) names: never leftovers. */
  referenced: Set<string>;
}

/**
 * Whether a column's criteria (AutoFilter.criteria, one entry per column) hold a filter: a kind and what it filters
 * on. A column without a filter is not re-applied.
 */
function isActiveCriteria(c: Excel.FilterCriteria | null | undefined): c is Excel.FilterCriteria {
  if (!c || !c.filterOn) return false;
  switch (c.filterOn) {
    case "Values": return !!c.values?.length;
    case "Custom": case "TopItems": case "BottomItems": case "TopPercent": case "BottomPercent": return !!c.criterion1;
    case "CellColor": case "FontColor": return !!c.color;
    case "Dynamic": return !!c.dynamicCriteria && c.dynamicCriteria !== "Unknown";
    case "Icon": return !!c.icon;
    default: return false;
  }
}

/** Queue the loads that describe an existing table: header, data body, total row, filters, sheet. */
function locate(t: Excel.Table) {
  const header = t.getHeaderRowRange();
  header.load("values, rowIndex, columnIndex, columnCount");
  const body = t.getDataBodyRange();
  body.load("rowCount");
  t.load("showTotals");
  // Table.autoFilter (ExcelApi 1.9): criteria per column and whether any filter applies.
  t.autoFilter.load("criteria, isDataFiltered");
  const sheet = t.worksheet;
  sheet.load("name");
  return {
    read(): TableState {
      const filtered = t.autoFilter.isDataFiltered;
      return {
        sheetName: sheet.name,
        top: header.rowIndex,
        left: header.columnIndex,
        cols: header.columnCount,
        rows: body.rowCount,
        showTotals: t.showTotals,
        headers: (header.values[0] as Cell[]).map(String),
        filters: filtered ? t.autoFilter.criteria.map((c) => (isActiveCriteria(c) ? c : null)) : null,
      };
    },
  };
}

async function readState(ctx: Excel.RequestContext, spec: SheetSpec, names: Names, progress: (f: number) => void, signal?: AbortSignal): Promise<WorkbookState> {
  const wb = ctx.workbook;
  const sheets = wb.worksheets;
  sheets.load("items/name");
  const table = wb.tables.getItemOrNullObject(spec.table);
  const archive = wb.tables.getItemOrNullObject(names.archive.table);
  const log = wb.tables.getItemOrNullObject(names.changeLog.table);
  // Every setting: this namespace's sources and undo record, and the undo sheets any undo record names.
  wb.settings.load("items/key, items/value");
  const is1904 = queueDateSystem(ctx);
  await ctx.sync();
  const date1904 = is1904();
  // The custom functions (another bundle of the same shared runtime) read serials in the same system.
  setFunctionsDateSystem(date1904 ? "1904" : "1900");
  const sheetNames = sheets.items.map((s) => s.name);
  const lower = new Set(sheetNames.map((n) => n.toLowerCase()));
  const settings = new Map(wb.settings.items.map((s) => [s.key, s.value as unknown]));
  const referenced = new Set<string>();
  for (const v of settings.values()) {
    const u = (v as { undoSheet?: unknown } | null)?.undoSheet;
    if (typeof u === "string") referenced.add(u);
  }

  const cur = table.isNullObject ? null : locate(table);
  const arch = archive.isNullObject ? null : locate(archive);
  const logAt = log.isNullObject ? null : locate(log);
  // A sheet of ours that exists without our table but holds something of the user's is never written over.
  const used = (missing: boolean, name: string) => {
    if (!missing || !lower.has(name.toLowerCase())) return null;
    const u = wb.worksheets.getItem(name).getUsedRangeOrNullObject(true);
    u.load("address");
    return u;
  };
  const occupied = {
    data: used(table.isNullObject, spec.sheet),
    archive: used(archive.isNullObject, names.archive.sheet),
    log: used(log.isNullObject, names.changeLog.sheet),
  };
  await ctx.sync();
  const pick = (name: string, u: Excel.Range | null) => {
    if (!u || u.isNullObject) return name;
    let k = 2;
    while (lower.has(`${name} ${k}`.toLowerCase())) k++;
    return `${name} ${k}`;
  };
  const picked = { data: pick(spec.sheet, occupied.data), archive: pick(names.archive.sheet, occupied.archive), log: pick(names.changeLog.sheet, occupied.log) };

  let data: DataTableState | null = null;
  if (cur) {
    const base = cur.read();
    const existing: ExistingTable = { headers: base.headers, values: [], formulasR1C1: [], numberFormats: [] };
    const titles = new Set(spec.columns.map((c) => c.title));
    const userCols = base.headers.map((h, i) => (titles.has(h) ? -1 : i)).filter((i) => i >= 0);
    const formats: string[][] = [];
    const ws = wb.worksheets.getItem(base.sheetName);
    const cols = base.cols;
    let note: DataTableState["note"] = null;
    let noteRange: Excel.Range | null = null;
    if (base.top >= 1) {
      noteRange = ws.getRangeByIndexes(base.top - 1, base.left, 1, 1);
      noteRange.load("formulas");
    }
    let rowsPerChunk = Math.max(1, Math.floor(60_000 / cols));
    for (let start = 0; start < base.rows || noteRange; ) {
      checkAbort(signal);
      const n = Math.min(rowsPerChunk, base.rows - start);
      // Values and number formats of every column; R1C1 formulas of the user's columns only (ours are constants).
      const r = n > 0 ? ws.getRangeByIndexes(base.top + 1 + start, base.left, n, cols) : null;
      r?.load("values, numberFormat");
      const extra = n > 0 ? userCols.map((c) => {
        const x = ws.getRangeByIndexes(base.top + 1 + start, base.left + c, n, 1);
        x.load("formulasR1C1");
        return x;
      }) : [];
      await ctx.sync();
      if (noteRange) {
        note = { address: `${colLetters(base.left)}${base.top}`, formula: noteRange.formulas[0][0] as Cell };
        noteRange = null;
      }
      if (!r) break;
      let bytes = 0;
      for (let i = 0; i < n; i++) {
        const values = r.values[i] as Cell[];
        const nf = r.numberFormat[i] as string[];
        existing.values.push(values);
        formats.push(nf);
        const f = values.slice();
        const fr: (string | undefined)[] = new Array(cols);
        userCols.forEach((c, k) => {
          f[c] = extra[k].formulasR1C1[i][0] as Cell;
          fr[c] = nf[c];
          bytes += rowBytes([f[c]]);
        });
        existing.formulasR1C1.push(f);
        existing.numberFormats!.push(fr);
        bytes += rowBytes(values) + rowBytes(nf);
      }
      start += n;
      // Aim the next read at ~3.5 MB of response, as measured on this one.
      rowsPerChunk = Math.max(1, Math.floor((3_500_000 / Math.max(1, bytes)) * n));
      progress(0.3 * (start / Math.max(1, base.rows)));
      if (start >= base.rows) break;
    }
    data = { ...base, existing, formats, userCols, note };
  }
  const sourcesValue = settings.get(names.settingsSources);
  const undoValue = settings.get(names.settingsUndo) as UndoRecord | undefined;
  return {
    date1904,
    sheetExists: lower.has(picked.data.toLowerCase()),
    dataSheet: picked.data,
    table: data,
    archive: arch ? arch.read() : null,
    archiveSheet: arch ? arch.read().sheetName : picked.archive,
    archiveSheetExists: arch ? true : lower.has(picked.archive.toLowerCase()),
    changeLog: logAt ? logAt.read() : null,
    changeLogSheet: logAt ? logAt.read().sheetName : picked.log,
    changeLogSheetExists: logAt ? true : lower.has(picked.log.toLowerCase()),
    sources: sourcesValue === undefined ? [] : parseSources(sourcesValue),
    rawSources: Array.isArray(sourcesValue) ? (sourcesValue as SourceDescriptor[]) : [],
    undo: undoValue ?? null,
    sheetNames,
    referenced,
  };
}

// =========================================================================================== checks around tables

/**
 * Queue the checks of the cells a table change reaches (the rows below a table that grows or shrinks move with it;
 * columns it grows into must be empty). Returns the function that throws WriteBlockedError after the sync.
 */
function queueAreaChecks(ctx: Excel.RequestContext, checks: { sheet: string; table: string; t: TableState; rowDelta: number; newCols: number }[]) {
  const pending: (() => void)[] = [];
  const pendingTables: { ch: (typeof checks)[number]; list: { name: string; r: Excel.Range }[] }[] = [];
  for (const ch of checks) {
    const ws = ctx.workbook.worksheets.getItem(ch.sheet);
    const end = ch.t.top + ch.t.rows + (ch.t.showTotals ? 1 : 0); // last row of the table
    if (ch.rowDelta !== 0) {
      // Rows below move (TableRowCollection.add: "Any rows below the inserted row are shifted downwards"; Range.delete
      // up: "shifts surrounding cells to fill the gap"). That fails on merged cells and on a table that only partly
      // lies in these columns: find them first and say so.
      const band = ws.getRangeByIndexes(end + 1, ch.t.left, 1_048_576 - end - 1, ch.t.cols);
      const merged = band.getMergedAreasOrNullObject();
      merged.load("address");
      const tables = band.getTables(false);
      tables.load("items/name");
      const ranges = () => tables.items.map((x) => {
        const r = x.getRange();
        r.load("address");
        return { name: x.name, r };
      });
      pending.push(() => {
        if (!merged.isNullObject) {
          throw new WriteBlockedError(
            `表格“${ch.table}”下方有合并单元格（${merged.address}），刷新需要让表格增减行，这些单元格会阻止移动。请取消合并或移走后再试。`,
            `There are merged cells below the table "${ch.table}" (${merged.address}); the refresh adds or removes table rows and they would block the move. Unmerge or move them, then try again.`,
            merged.address,
          );
        }
        const list = ranges();
        pendingTables.push({ ch, list });
      });
    }
    if (ch.newCols > 0) {
      const right = ws.getRangeByIndexes(ch.t.top, ch.t.left + ch.t.cols, ch.t.rows + 1 + (ch.t.showTotals ? 1 : 0), ch.newCols);
      const usedRight = right.getUsedRangeOrNullObject(true);
      usedRight.load("address");
      pending.push(() => {
        if (!usedRight.isNullObject) {
          throw new WriteBlockedError(
            `表格“${ch.table}”需要在右侧增加 ${ch.newCols} 列，但 ${usedRight.address} 有内容。请移走这些内容后再刷新。`,
            `The table "${ch.table}" needs ${ch.newCols} more column(s) on its right, but ${usedRight.address} is not empty. Move that content, then refresh again.`,
            usedRight.address,
          );
        }
      });
    }
  }
  return async () => {
    if (!pending.length) return;
    await ctx.sync();
    for (const p of pending) p();
    if (!pendingTables.length) return;
    await ctx.sync();
    for (const { ch, list } of pendingTables) {
      for (const { name, r } of list) {
        const rect = parseA1(r.address);
        if (rect.c0 < ch.t.left || rect.c1 > ch.t.left + ch.t.cols - 1) {
          throw new WriteBlockedError(
            `表格“${ch.table}”下方的表格“${name}”（${r.address}）只有一部分在同样的列中，表格增减行时无法随之移动。请移动其中一个表格后再试。`,
            `The table "${name}" below "${ch.table}" (${r.address}) lies only partly in the same columns and cannot move when table rows are added or removed. Move one of the tables, then try again.`,
            r.address,
          );
        }
      }
    }
  };
}

// =========================================================================================== staging blocks

/** A block of rows written to the staging sheet, copied into place at commit. */
interface Block {
  /** Top-left cell on the staging sheet. */
  r0: number;
  c0: number;
  rows: Cell[][];
  /** Column formats (scalar per column). */
  columnFormats: string[];
  /** Per-cell overrides (undefined = the column's). */
  cellFormats?: (string | undefined)[][];
}

function archiveRows(plan: MergePlan, archiveHeaders: string[], sheet: string, batch: string, at: Date, date1904: boolean): Cell[][] {
  const ts = serialOf(at, date1904);
  return plan.archived.map((a) => archiveHeaders.map((h, i) => {
    if (i === 0) return ts;
    if (i === 1) return textCell(batch);
    if (i === 2) return textCell(sheet);
    const j = plan.headers.indexOf(h);
    const v = j >= 0 ? a.values[j] : "";
    return typeof v === "string" ? textCell(v) : v;
  }));
}

function logRows(changes: ChangeEntry[], sheet: string, batch: string, at: Date, date1904: boolean): Cell[][] {
  const ts = serialOf(at, date1904);
  const cell = (v: Cell) => (typeof v === "string" ? textCell(v) : v);
  return changes.map((c) => [ts, textCell(batch), textCell(sheet), ACTION_LABELS[c.action], cell(c.key), cell(c.field), cell(c.old), cell(c.new)]);
}

/** Write blocks to the staging sheet in as few syncs as the 4 MB budget allows. */
async function stageBlocks(
  ctx: Excel.RequestContext, stage: Excel.Worksheet, blocks: Block[], progress: (f: number) => void, signal?: AbortSignal,
  beforeLastSync?: () => void,
): Promise<void> {
  // One list of (block, row) with sizes; formats with per-cell overrides are written for the whole column slice.
  const items: { b: number; r: number }[] = [];
  const sizes: number[] = [];
  blocks.forEach((blk, b) => {
    const overrideCols = new Set<number>();
    blk.cellFormats?.forEach((row) => row.forEach((f, c) => { if (f !== undefined) overrideCols.add(c); }));
    const fmtBytes = [...overrideCols].reduce((n, c) => n + blk.columnFormats[c].length + 6, 0);
    blk.rows.forEach((row, r) => {
      items.push({ b, r });
      sizes.push(rowBytes(row) + fmtBytes);
    });
  });
  const chunks = chunkRows(sizes, SYNC_BUDGET - OVERHEAD);
  if (!chunks.length) chunks.push([0, 0]);
  let first = true;
  let done = 0;
  for (const [s, e] of chunks) {
    checkAbort(signal);
    ctx.workbook.application.suspendApiCalculationUntilNextSync();
    ctx.workbook.application.suspendScreenUpdatingUntilNextSync();
    if (first) {
      // Column formats first (one scalar per column), so the values below land on formatted cells.
      for (const blk of blocks) {
        if (!blk.rows.length) continue;
        blk.columnFormats.forEach((f, c) => {
          if (f !== FORMATS.text) stage.getRangeByIndexes(blk.r0, blk.c0 + c, blk.rows.length, 1).numberFormat = f as never;
        });
      }
      first = false;
    }
    // Group consecutive items of the same block.
    let i = s;
    while (i < e) {
      const b = items[i].b;
      let j = i;
      while (j < e && items[j].b === b) j++;
      const blk = blocks[b];
      const r0 = items[i].r;
      const n = j - i;
      const width = blk.rows[r0].length;
      const range = stage.getRangeByIndexes(blk.r0 + r0, blk.c0, n, width);
      range.values = blk.rows.slice(r0, r0 + n) as never;
      if (blk.cellFormats) {
        const fm = blk.cellFormats.slice(r0, r0 + n);
        for (let c = 0; c < width; c++) {
          if (!fm.some((row) => row[c] !== undefined)) continue;
          stage.getRangeByIndexes(blk.r0 + r0, blk.c0 + c, n, 1).numberFormat = fm.map((row) => [row[c] ?? blk.columnFormats[c]]);
        }
      }
      i = j;
    }
    if (e === items.length) beforeLastSync?.();
    await ctx.sync();
    done += e - s;
    progress(0.3 + 0.6 * (done / Math.max(1, items.length)));
  }
}

// =========================================================================================== table operations

/** Empty rows for TableRowCollection.add, which needs a 2-D array of values (one row per new row). */
function blankRows(n: number, cols: number): string[][] {
  return Array.from({ length: n }, () => new Array<string>(cols).fill(""));
}

/**
 * Give a table `rows` data rows, from `from`: add rows through the table API (TableRowCollection.add, ExcelApi 1.4
 * for several: "If null or -1, the addition happens at the end. Any rows below the inserted row are shifted
 * downwards.") or delete the surplus at the end of the data body (Range.delete up, ExcelApi 1.1: "removes cells from
 * the worksheet and shifts surrounding cells to fill the gap", learn.microsoft.com excel-add-ins-ranges-clear-delete).
 * A shown total row moves with the rows below. Returns the bytes of the commands queued.
 */
function setRowCount(ws: Excel.Worksheet, table: Excel.Table, t: { top: number; left: number; cols: number }, from: number, rows: number): number {
  if (rows > from) {
    const add = rows - from;
    // In pieces of ≤ ~1 MB of request each (an empty cell is 3 bytes of JSON).
    const per = Math.max(1, Math.floor(1_000_000 / (3 * t.cols + 2)));
    // index null: "the addition happens at the end" (the documented form, as in learn.microsoft.com's sample).
    for (let k = 0; k < add; k += per) table.rows.add(null as unknown as number, blankRows(Math.min(per, add - k), t.cols));
    return add * (3 * t.cols + 2);
  }
  if (rows < from) {
    ws.getRangeByIndexes(t.top + 1 + rows, t.left, from - rows, t.cols).delete("Up");
  }
  return 0;
}

/** Re-apply filters read before the write (Filter.apply, ExcelApi 1.2), column by column. */
function applyFilters(table: Excel.Table, filters: (Excel.FilterCriteria | null)[] | null): void {
  filters?.forEach((c, i) => {
    if (c) table.columns.getItemAt(i).filter.apply(c);
  });
}

// =========================================================================================== the pipeline

let batchCounter = 0;

async function applyDataset(kind: DatasetKind, result: ImportResult, source: SourceDescriptor, opts: WriteOptions): Promise<WriteSummary> {
  const names = namesOf(opts.namespace ?? DEFAULT_NAMESPACE);
  const spec = names.spec(kind);
  const progress = opts.onProgress ?? (() => undefined);
  const now = (opts.now ?? (() => new Date()))();
  const batch = `${spec.kind}-${now.getTime().toString(36)}-${(batchCounter++).toString(36)}`;
  checkAbort(opts.signal);
  checkRequirements();

  const run: { record: UndoRecord | null; stage: string | null; undo: string | null; phase: "reading" | "staging" | "committing" | "done" } = {
    record: null, stage: null, undo: null, phase: "reading",
  };
  try {
    return await excel().run(async (ctx) => {
      const state = await readState(ctx, spec, names, progress, opts.signal);
      checkAbort(opts.signal);
      const date1904 = state.date1904;
      const fresh = recordsToRows(SHEETS[kind], recordsOf(result, kind), date1904);
      const plan = planMerge(spec, state.table?.existing ?? null, fresh.rows, fresh.formats, { date1904 });

      // Geometry of the final table.
      const sheetName = state.table?.sheetName ?? state.dataSheet;
      const top = state.table ? state.table.top : 1;
      const left = state.table ? state.table.left : 0;
      const bodyRows = Math.max(1, plan.rows.length);
      const after: Rect = { r0: top, c0: left, r1: top + bodyRows, c1: left + plan.headers.length - 1 };
      const colFormats = plan.headers.map((_, c) => (plan.canonical[c] >= 0 ? formatFor(spec.columns[plan.canonical[c]].type) : FORMATS.text));

      // Archive and change log.
      const archiveHeaders = state.archive ? [...state.archive.headers] : [...ARCHIVE_LEAD];
      if (plan.archived.length) for (const h of plan.headers) if (!archiveHeaders.includes(h)) archiveHeaders.push(h);
      const aRows = plan.archived.length ? archiveRows(plan, archiveHeaders, sheetName, batch, now, date1904) : [];
      // A first load is one log row ("载入", the record count); a refresh logs every change.
      const logged: ChangeEntry[] = state.table ? plan.changes : [{ action: "loaded", key: "", field: "", old: "", new: plan.rows.length }];
      const lRows = logged.length ? logRows(logged, sheetName, batch, now, date1904) : [];
      const archiveFormats = archiveHeaders.map((h, i) => {
        if (i === 0) return FORMATS.timestamp;
        const col = spec.columns.find((c) => c.title === h) ?? Object.values(SHEETS).flatMap((s) => s.columns).find((c) => c.title === h);
        return col ? formatFor(col.type) : FORMATS.text;
      });

      // ---- check what the tables' growth reaches (nothing is changed yet)
      const checks: Parameters<typeof queueAreaChecks>[1] = [];
      if (state.table) {
        checks.push({ sheet: sheetName, table: spec.table, t: state.table, rowDelta: bodyRows - state.table.rows, newCols: plan.headers.length - state.table.cols });
      }
      if (state.archive && aRows.length) {
        checks.push({ sheet: state.archiveSheet, table: names.archive.table, t: state.archive, rowDelta: aRows.length, newCols: archiveHeaders.length - state.archive.cols });
      }
      if (state.changeLog && lRows.length) {
        checks.push({ sheet: state.changeLogSheet, table: names.changeLog.table, t: state.changeLog, rowDelta: lRows.length, newCols: 0 });
      }
      await queueAreaChecks(ctx, checks)();
      checkAbort(opts.signal);

      // ---- stage
      const stageName = workSheetName(STAGE_PREFIX, now);
      const undoName = workSheetName(UNDO_PREFIX, now);
      // Leftovers of dead writes (never a sheet an undo record names, nor one a live write of another owner uses).
      for (const n of leftoverSheets(state.sheetNames, state.referenced, now.getTime())) deleteWorkSheet(ctx.workbook.worksheets.getItem(n));
      const stage = ctx.workbook.worksheets.add(stageName);
      stage.visibility = "VeryHidden";
      run.stage = stageName;
      run.phase = "staging";
      const bodyBlock: Block = {
        r0: top + 1, c0: left,
        rows: plan.rows.length ? plan.rows.map((row) => row.map((v, c) => (plan.formulaColumns.includes(c) ? "" : v))) : [plan.headers.map(() => "")],
        columnFormats: colFormats,
        cellFormats: plan.rows.length ? plan.formats : undefined,
      };
      const archiveBlock: Block = { r0: 0, c0: after.c1 + 2, rows: aRows, columnFormats: archiveFormats };
      const logBlock: Block = {
        r0: 0, c0: after.c1 + 2 + archiveHeaders.length + 1, rows: lRows,
        columnFormats: CHANGELOG_HEADERS.map((_, i) => (i === 0 ? FORMATS.timestamp : FORMATS.text)),
      };

      // ---- what undo needs
      const part = (t: TableState | null, sheet: string, table: string, sheetExists: boolean, touched: boolean, note: boolean): TablePart | null => {
        if (t) return { sheet, table, created: null, beforeRows: t.rows, beforeCols: t.cols, filters: t.filters, top: t.top, left: t.left, note };
        if (!touched) return null;
        return { sheet, table, created: sheetExists ? "table" : "sheet", beforeRows: 0, beforeCols: 0, filters: null, top: note ? 1 : 0, left: 0, note };
      };
      const old = state.table;
      const meta: SnapshotMeta | null = old ? {
        v: 2, rows: old.rows, cols: old.cols,
        formats: Array.from({ length: old.cols }, (_, c) => runsOf(old.formats.map((row) => row[c]))),
        formulas: Object.fromEntries(old.userCols
          .map((c) => [String(c), runsOf(old.existing.formulasR1C1.map((row, r) => {
            const f = row[c];
            return typeof f === "string" && f.startsWith("=") && f !== old.existing.values[r][c] ? f : undefined;
          }))] as const)
          .filter(([, runs]) => runs.length > 0)),
      } : null;
      const metaChunks = meta ? encodeMeta(meta) : [];
      const record: UndoRecord = {
        version: 2, batch, kind: spec.kind, sheet: sheetName, table: spec.table, undoSheet: undoName, stageSheet: stageName,
        createdSheet: !state.sheetExists,
        data: part(state.table, sheetName, spec.table, state.sheetExists, true, true)!,
        archive: part(state.archive, state.archiveSheet, names.archive.table, state.archiveSheetExists, aRows.length > 0, false),
        changeLog: part(state.changeLog, state.changeLogSheet, names.changeLog.table, state.changeLogSheetExists, lRows.length > 0, false),
        note: old?.note ?? null,
        snapshot: old ? { rows: old.rows, cols: old.cols, metaChunks: metaChunks.length } : null,
        previousSources: state.rawSources,
        at: localIso(now),
      };
      run.record = record;
      const snapshot = () => {
        const undoSheet = ctx.workbook.worksheets.add(undoName);
        undoSheet.visibility = "VeryHidden";
        run.undo = undoName;
        if (old) {
          // The data body (a range inside the table, never the whole table) copied as values only: Range.copyFrom
          // "copyType: values copies the data values and, in the case of formulas, the result of the formula"
          // (learn.microsoft.com excel-add-ins-ranges-cut-copy-paste). Formats and formulas go in the meta cells.
          const src = ctx.workbook.worksheets.getItem(old.sheetName).getRangeByIndexes(old.top + 1, old.left, old.rows, old.cols);
          undoSheet.getRangeByIndexes(0, 0, old.rows, old.cols).copyFrom(src, "Values");
          const metaRange = undoSheet.getRangeByIndexes(0, old.cols + 1, metaChunks.length, 1);
          metaRange.numberFormat = metaChunks.map(() => ["@"]);
          metaRange.values = metaChunks.map((c) => [c]);
        }
      };
      await stageBlocks(ctx, stage, [bodyBlock, archiveBlock, logBlock], progress, opts.signal, snapshot);
      checkAbort(opts.signal);

      // ---- commit
      run.phase = "committing";
      const app = ctx.workbook.application;
      let pendingBytes = 0;
      const flushIfLarge = async () => {
        if (pendingBytes < SYNC_BUDGET / 2) return;
        await ctx.sync();
        pendingBytes = 0;
        app.suspendApiCalculationUntilNextSync();
        app.suspendScreenUpdatingUntilNextSync();
      };
      app.suspendApiCalculationUntilNextSync();
      app.suspendScreenUpdatingUntilNextSync();
      const ws = state.sheetExists ? ctx.workbook.worksheets.getItem(sheetName) : ctx.workbook.worksheets.add(sheetName);
      const stagedBody = stage.getRangeByIndexes(top + 1, left, bodyRows, plan.headers.length);
      let table: Excel.Table;
      if (!state.table) {
        // First load: plain cells, then a table over them (TableCollection.add, ExcelApi 1.1).
        ws.getRangeByIndexes(top, left, 1, plan.headers.length).values = [plan.headers.map(textCell)];
        ws.getRangeByIndexes(top + 1, left, bodyRows, plan.headers.length).copyFrom(stagedBody, "All");
        table = ws.tables.add(`${quoteSheet(sheetName)}!${a1(after)}`, true);
        table.name = spec.table;
        ws.freezePanes.freezeRows(top + 1);
        plan.headers.forEach((_, c) => {
          const col = plan.canonical[c] >= 0 ? spec.columns[plan.canonical[c]] : undefined;
          ws.getRangeByIndexes(0, left + c, 1, 1).format.columnWidth = widthFor(col?.type, col?.title ?? plan.headers[c]);
        });
      } else {
        const t = state.table;
        table = ctx.workbook.tables.getItem(spec.table);
        // Rows are inserted, deleted and rewritten only with no filter applied (hidden rows would stay where they
        // were; TableRow.delete does nothing under a filter, OfficeDev/office-js#994): clear, write, re-apply.
        if (t.filters) table.clearFilters();
        // New canonical columns at the right (TableColumnCollection.add, ExcelApi 1.4 with a name); checked empty.
        for (const h of plan.headers.slice(t.cols)) table.columns.add(null as unknown as number, undefined, h);
        pendingBytes += setRowCount(ws, table, { top: t.top, left: t.left, cols: plan.headers.length }, t.rows, bodyRows);
      }
      // Archive and change log: rows added at the end of their tables, then filled from the staging sheet.
      const aws = aRows.length ? (state.archiveSheetExists ? ctx.workbook.worksheets.getItem(state.archiveSheet) : ctx.workbook.worksheets.add(state.archiveSheet)) : null;
      const lws = lRows.length ? (state.changeLogSheetExists ? ctx.workbook.worksheets.getItem(state.changeLogSheet) : ctx.workbook.worksheets.add(state.changeLogSheet)) : null;
      const archiveTable = state.archive && aRows.length ? ctx.workbook.tables.getItem(names.archive.table) : null;
      const logTable = state.changeLog && lRows.length ? ctx.workbook.tables.getItem(names.changeLog.table) : null;
      if (archiveTable && state.archive) {
        if (state.archive.filters) archiveTable.clearFilters();
        for (const h of archiveHeaders.slice(state.archive.cols)) archiveTable.columns.add(null as unknown as number, undefined, h);
        pendingBytes += setRowCount(aws!, archiveTable, { ...state.archive, cols: archiveHeaders.length }, state.archive.rows, state.archive.rows + aRows.length);
      }
      if (logTable && state.changeLog) {
        if (state.changeLog.filters) logTable.clearFilters();
        pendingBytes += setRowCount(lws!, logTable, state.changeLog, state.changeLog.rows, state.changeLog.rows + lRows.length);
      }
      await flushIfLarge();

      // The staged blocks into the data bodies: plain cells pasted into cells inside a table (Range.copyFrom
      // "replicates the Copy and Paste actions of the Excel UI"), never a range that holds a whole table.
      if (state.table) ws.getRangeByIndexes(top + 1, left, bodyRows, plan.headers.length).copyFrom(stagedBody, "All");
      for (const c of plan.formulaColumns) {
        const colRange = ws.getRangeByIndexes(top + 1, left + c, bodyRows, 1);
        const cells = plan.rows.map((row) => row[c]);
        const uniform = cells.every((v) => v === cells[0]);
        colRange.formulasR1C1 = (uniform ? cells[0] : cells.map((v) => [v])) as never;
      }
      if (top >= 1) {
        // The note row above the table (only when the table leaves room for it).
        const note = ws.getRangeByIndexes(top - 1, left, 1, 1);
        note.values = [[textCell(noteText(source, now))]];
        note.format.font.italic = true;
        note.format.font.color = "#595959";
      }
      if (!state.table) ws.activate();
      if (state.table) applyFilters(table, state.table.filters);

      if (aRows.length && aws) {
        const src = stage.getRangeByIndexes(archiveBlock.r0, archiveBlock.c0, aRows.length, archiveHeaders.length);
        if (!state.archive) {
          aws.getRangeByIndexes(0, 0, 1, archiveHeaders.length).values = [archiveHeaders.map(textCell)];
          aws.getRangeByIndexes(1, 0, aRows.length, archiveHeaders.length).copyFrom(src, "All");
          const at = aws.tables.add(`${quoteSheet(state.archiveSheet)}!${a1({ r0: 0, c0: 0, r1: aRows.length, c1: archiveHeaders.length - 1 })}`, true);
          at.name = names.archive.table;
          aws.freezePanes.freezeRows(1);
          aws.getRangeByIndexes(0, 0, 1, archiveHeaders.length).format.columnWidth = 90;
        } else {
          const a = state.archive;
          aws.getRangeByIndexes(a.top + 1 + a.rows, a.left, aRows.length, archiveHeaders.length).copyFrom(src, "All");
          applyFilters(archiveTable!, a.filters);
        }
      }
      if (lRows.length && lws) {
        const src = stage.getRangeByIndexes(logBlock.r0, logBlock.c0, lRows.length, CHANGELOG_HEADERS.length);
        if (!state.changeLog) {
          lws.getRangeByIndexes(0, 0, 1, CHANGELOG_HEADERS.length).values = [CHANGELOG_HEADERS];
          lws.getRangeByIndexes(1, 0, lRows.length, CHANGELOG_HEADERS.length).copyFrom(src, "All");
          const lt = lws.tables.add(`${quoteSheet(state.changeLogSheet)}!${a1({ r0: 0, c0: 0, r1: lRows.length, c1: CHANGELOG_HEADERS.length - 1 })}`, true);
          lt.name = names.changeLog.table;
          lws.freezePanes.freezeRows(1);
          lws.getRangeByIndexes(0, 0, 1, CHANGELOG_HEADERS.length).format.columnWidth = 110;
        } else {
          const l = state.changeLog;
          lws.getRangeByIndexes(l.top + 1 + l.rows, l.left, lRows.length, CHANGELOG_HEADERS.length).copyFrom(src, "All");
          applyFilters(logTable!, l.filters);
        }
      }
      const desc: SourceDescriptor = { ...source, lastRefresh: now.toISOString(), rows: plan.rows.length };
      ctx.workbook.settings.add(names.settingsSources, upsertSource(state.sources, desc));
      ctx.workbook.settings.add(names.settingsUndo, record);
      if (state.undo?.undoSheet && state.sheetNames.includes(state.undo.undoSheet)) deleteWorkSheet(ctx.workbook.worksheets.getItem(state.undo.undoSheet));
      deleteWorkSheet(stage);
      await ctx.sync();
      run.phase = "done";
      progress(1);
      return {
        kind: spec.kind, sheet: sheetName, table: spec.table, batch, rows: plan.rows.length,
        added: plan.counts.added, updated: plan.counts.updated, archived: plan.counts.archived, unchanged: plan.counts.unchanged,
        changes: logged.length,
      };
    });
  } catch (e) {
    // Before the commit: only the staging/undo sheets exist. During it: put everything back from the snapshot.
    if (run.phase === "committing" && run.record) await restore(run.record, false, names).catch(() => undefined);
    else if (run.phase === "staging") await cleanUp([run.stage, run.undo]).catch(() => undefined);
    throw e;
  }
}

function quoteSheet(name: string): string {
  return /^[A-Za-z_\u3400-\u9fff][\w.\u3400-\u9fff]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** Column width in points: dates and amounts narrow, names and notes wide. */
export function widthFor(type: string | undefined, title: string): number {
  const byTitle = Math.min(160, Math.max(60, title.length * 13 + 16));
  switch (type) {
    case "date": return Math.max(80, byTitle);
    case "amount":
    case "count":
    case "year":
    case "month":
    case "boolean": return Math.max(64, byTitle);
    case "text": return /名称|备注|来源|投资方/.test(title) ? 200 : Math.max(90, byTitle);
    default: return byTitle;
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

/**
 * Put the sheets back as they were before `record`'s batch. Used by undo (`finalUndo`: the record is consumed)
 * and to roll back a failed commit. Idempotent: every step reads what exists first.
 */
async function restore(record: UndoRecord, finalUndo: boolean, names: Names): Promise<void> {
  await excel().run(async (ctx) => {
    const wb = ctx.workbook;
    const sheets = wb.worksheets;
    sheets.load("items/name");
    const tables = {
      data: wb.tables.getItemOrNullObject(record.data.table),
      archive: record.archive ? wb.tables.getItemOrNullObject(record.archive.table) : null,
      changeLog: record.changeLog ? wb.tables.getItemOrNullObject(record.changeLog.table) : null,
    };
    const undoItem = wb.settings.getItemOrNullObject(names.settingsUndo);
    undoItem.load("value");
    const sourcesItem = wb.settings.getItemOrNullObject(names.settingsSources);
    await ctx.sync();
    const names0 = new Set(sheets.items.map((s) => s.name));
    const current = undoItem.isNullObject ? null : (undoItem.value as UndoRecord);
    const committed = current?.batch === record.batch;

    // What the tables look like now (rows and columns), and the snapshot's meta.
    const shape = (t: Excel.Table | null) => {
      if (!t || t.isNullObject) return null;
      const body = t.getDataBodyRange();
      body.load("rowCount, columnCount");
      return body;
    };
    const shapes = { data: shape(tables.data), archive: shape(tables.archive), changeLog: shape(tables.changeLog) };
    let metaRange: Excel.Range | null = null;
    if (record.snapshot && names0.has(record.undoSheet)) {
      metaRange = wb.worksheets.getItem(record.undoSheet).getRangeByIndexes(0, record.snapshot.cols + 1, record.snapshot.metaChunks, 1);
      metaRange.load("values");
    }
    await ctx.sync();
    const meta = metaRange ? decodeMeta(metaRange.values.map((r) => r[0])) : null;

    wb.application.suspendApiCalculationUntilNextSync();
    wb.application.suspendScreenUpdatingUntilNextSync();
    restoreTable(wb, names0, tables.data, shapes.data, record.data, (ws) => {
      // The data body as it was: values from the undo sheet, then number formats and formulas from the meta.
      if (!record.snapshot || !names0.has(record.undoSheet)) return;
      const { rows, cols } = record.snapshot;
      const p = record.data;
      const body = ws.getRangeByIndexes(p.top + 1, p.left, rows, cols);
      body.copyFrom(wb.worksheets.getItem(record.undoSheet).getRangeByIndexes(0, 0, rows, cols), "Values");
      meta?.formats.forEach((runs, c) => {
        for (const [start, len, f] of runs) ws.getRangeByIndexes(p.top + 1 + start, p.left + c, len, 1).numberFormat = Array.from({ length: len }, () => [f]);
      });
      for (const [c, runs] of Object.entries(meta?.formulas ?? {})) {
        for (const [start, len, f] of runs) ws.getRangeByIndexes(p.top + 1 + start, p.left + Number(c), len, 1).formulasR1C1 = Array.from({ length: len }, () => [f]);
      }
      if (record.note) ws.getRange(record.note.address).formulas = [[record.note.formula]];
    });
    if (record.archive) restoreTable(wb, names0, tables.archive, shapes.archive, record.archive);
    if (record.changeLog) restoreTable(wb, names0, tables.changeLog, shapes.changeLog, record.changeLog);
    if (record.previousSources.length) wb.settings.add(names.settingsSources, record.previousSources);
    else if (!sourcesItem.isNullObject) sourcesItem.delete();
    if (finalUndo || committed) wb.settings.getItem(names.settingsUndo).delete();
    if (names0.has(record.undoSheet)) deleteWorkSheet(wb.worksheets.getItem(record.undoSheet));
    if (names0.has(record.stageSheet)) deleteWorkSheet(wb.worksheets.getItem(record.stageSheet));
    await ctx.sync();
  });
}

/**
 * One table back to its shape before the write: a sheet the write created is deleted; a table it created on an
 * existing sheet is turned back into cells (Table.convertToRange, ExcelApi 1.2: "All data is preserved") and cleared;
 * an existing table gets its columns and rows back (cells below move back up or down), then `fill`, then its filters.
 */
function restoreTable(
  wb: Excel.Workbook, sheetNames: Set<string>, table: Excel.Table | null, body: Excel.Range | null, part: TablePart,
  fill?: (ws: Excel.Worksheet) => void,
): void {
  if (part.created === "sheet") {
    if (sheetNames.has(part.sheet)) wb.worksheets.getItem(part.sheet).delete();
    return;
  }
  if (!table || table.isNullObject || !body || !sheetNames.has(part.sheet)) return;
  const ws = wb.worksheets.getItem(part.sheet);
  if (part.created === "table") {
    const range = table.convertToRange();
    range.clear("All");
    // The note row above a dataset table, and the frozen rows.
    if (part.note && part.top >= 1) ws.getRangeByIndexes(part.top - 1, part.left, 1, 1).clear("All");
    ws.freezePanes.unfreeze();
    return;
  }
  table.clearFilters();
  const cols = body.columnCount;
  for (let i = cols - 1; i >= part.beforeCols; i--) table.columns.getItemAt(i).delete();
  setRowCount(ws, table, { top: part.top, left: part.left, cols: Math.min(cols, part.beforeCols) }, body.rowCount, Math.max(1, part.beforeRows));
  fill?.(ws);
  applyFilters(table, part.filters);
}

export { colLetters };
