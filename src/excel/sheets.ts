/**
 * Dataset sheets in Excel: write, refresh by record key, undo. The thin Office.js layer over merge.ts/values.ts.
 *
 * Layout of a dataset sheet (台账, 到位资金, 目标任务, 汇总数): row 1 is a note "来源 Source：… · 载入 Loaded：…",
 * the table (Ledger, Funds, Targets, Figures) starts at A2 with Chinese titles; both rows are frozen.
 * Records taken out of the source go to the table Archive on 归档; every change is a row of ChangeLog on 变更日志.
 *
 * Protocol (each step a few large syncs, never one per row):
 *  1. read: the table (headers, values, R1C1 formulas, user columns' formats) in chunks of ≤ ~4 MB;
 *  2. plan (pure, merge.ts);
 *  3. stage: write the new body, the archive rows and the change log rows to a very hidden staging sheet in
 *     chunks of ≤ 4 MB (values first, formats after), with API calculation and screen updating suspended.
 *     Cancelling (AbortSignal) or a failing sync here deletes the staging sheet: the visible sheets never changed;
 *  4. snapshot: copy the current sheet region into a very hidden undo sheet (host-side copy, tiny request);
 *  5. commit, ONE sync: resize the tables, copy the staged blocks in (host-side copyFrom), write user formula
 *     columns, the note, the settings (source, undo record), delete the staging sheet. If that sync fails, the
 *     previous state is restored from the snapshot (the same code as undo), so the sheets end fully old or new.
 */
import { SHEETS, SheetSpec } from "../core/columns";
import type { DatasetKind, ImportResult } from "../import/types";
import { Rect, a1, colLetters, parseA1, rectCols, rectRows } from "./address";
import { ChangeEntry, ExistingTable, MergePlan, planMerge } from "./merge";
import { SETTINGS_SOURCES, SETTINGS_UNDO, SourceDescriptor, sourceLabel, upsertSource } from "./sources";
import { Cell, FORMATS, chunkRows, formatFor, recordsOf, recordsToRows, rowBytes, textCell } from "./values";

export const ARCHIVE = { sheet: "归档", table: "Archive" } as const;
export const CHANGELOG = { sheet: "变更日志", table: "ChangeLog" } as const;
export const ARCHIVE_LEAD = ["归档时间", "刷新批次", "数据集"];
export const CHANGELOG_HEADERS = ["时间", "刷新批次", "数据集", "操作", "编号", "字段", "原值", "新值"];
export const ACTION_LABELS: Record<ChangeEntry["action"], string> = { added: "新增", changed: "修改", archived: "归档", loaded: "载入" };
const STAGE_PREFIX = "_invest_stage_";
const UNDO_PREFIX = "_invest_undo_";

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

export interface UndoRecord {
  batch: string;
  kind: DatasetKind;
  sheet: string;
  table: string;
  undoSheet: string;
  /** The sheet was created by this batch (undo deletes it). */
  createdSheet: boolean;
  /** Table range before and after (header included), A1 on `sheet`. */
  before: string | null;
  after: string;
  archive: { sheet: string; created: boolean; before: string | null; after: string | null };
  changeLog: { sheet: string; created: boolean; before: string | null; after: string | null };
  previousSources: SourceDescriptor[];
  at: string;
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

/** Excel serial of a local date-time (what a typed timestamp holds). */
export function serialOf(d: Date): number {
  return (d.getTime() - d.getTimezoneOffset() * 60_000) / 86_400_000 + 25569;
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
  kind: DatasetKind, result: ImportResult, source: Omit<SourceDescriptor, "id" | "kind" | "lastRefresh"> & Partial<SourceDescriptor>,
  opts: WriteOptions = {},
): Promise<WriteSummary> {
  const desc: SourceDescriptor = { ...source, id: kind, kind, lastRefresh: null } as SourceDescriptor;
  return applyDataset(SHEETS[kind], result, desc, opts);
}

/** Refresh a remembered source with newly imported records (the caller re-read the source). */
export async function refreshDataset(sourceId: string, newResult: ImportResult, opts: WriteOptions = {}): Promise<WriteSummary> {
  const sources = await readSources();
  const desc = sources.find((s) => s.id === sourceId);
  if (!desc) throw new Error(`没有这个数据来源：${sourceId} / No such source: ${sourceId}`);
  return applyDataset(SHEETS[desc.kind], newResult, desc, opts);
}

/** Undo the last write or refresh: table, archive, change log and the remembered source as they were. */
export async function undoLastRefresh(): Promise<{ batch: string; kind: DatasetKind; description: string } | null> {
  const record = await excel().run(async (ctx) => {
    const item = ctx.workbook.settings.getItemOrNullObject(SETTINGS_UNDO);
    item.load("value");
    await ctx.sync();
    return item.isNullObject ? null : (item.value as UndoRecord);
  });
  if (!record) return null;
  await restore(record, true);
  return { batch: record.batch, kind: record.kind, description: `${record.sheet} ${record.at}` };
}

async function readSources(): Promise<SourceDescriptor[]> {
  return excel().run(async (ctx) => {
    const item = ctx.workbook.settings.getItemOrNullObject(SETTINGS_SOURCES);
    item.load("value");
    await ctx.sync();
    return item.isNullObject ? [] : ((item.value as SourceDescriptor[]) ?? []);
  });
}

// =========================================================================================== reading

interface TableState {
  sheetName: string;
  rect: Rect;
  existing: ExistingTable;
}

interface WorkbookState {
  /** The sheet the dataset goes to when its table does not exist yet (a free name if ours is the user's). */
  dataSheet: string;
  sheetExists: boolean;
  table: TableState | null;
  archive: { rect: Rect; headers: string[] } | null;
  archiveSheet: string;
  archiveSheetExists: boolean;
  changeLog: { rect: Rect } | null;
  changeLogSheet: string;
  changeLogSheetExists: boolean;
  sources: SourceDescriptor[];
  undo: UndoRecord | null;
  sheetNames: string[];
}

async function readState(ctx: Excel.RequestContext, spec: SheetSpec, progress: (f: number) => void, signal?: AbortSignal): Promise<WorkbookState> {
  const wb = ctx.workbook;
  const sheets = wb.worksheets;
  sheets.load("items/name");
  const table = wb.tables.getItemOrNullObject(spec.table);
  const archive = wb.tables.getItemOrNullObject(ARCHIVE.table);
  const log = wb.tables.getItemOrNullObject(CHANGELOG.table);
  const sources = wb.settings.getItemOrNullObject(SETTINGS_SOURCES);
  sources.load("value");
  const undo = wb.settings.getItemOrNullObject(SETTINGS_UNDO);
  undo.load("value");
  await ctx.sync();
  const sheetNames = sheets.items.map((s) => s.name);
  const lower = new Set(sheetNames.map((n) => n.toLowerCase()));

  const cur = locate(table, true);
  const arch = locate(archive, true);
  const logAt = locate(log, false);
  // A sheet of ours that exists without our table but holds something of the user's is never written over.
  const used = (missing: boolean, name: string) => {
    if (!missing || !lower.has(name.toLowerCase())) return null;
    const u = wb.worksheets.getItem(name).getUsedRangeOrNullObject(true);
    u.load("address");
    return u;
  };
  const occupied = {
    data: used(table.isNullObject, spec.sheet),
    archive: used(archive.isNullObject, ARCHIVE.sheet),
    log: used(log.isNullObject, CHANGELOG.sheet),
  };
  await ctx.sync();
  const pick = (name: string, u: Excel.Range | null) => {
    if (!u || u.isNullObject) return name;
    let k = 2;
    while (lower.has(`${name} ${k}`.toLowerCase())) k++;
    return `${name} ${k}`;
  };
  const names = { data: pick(spec.sheet, occupied.data), archive: pick(ARCHIVE.sheet, occupied.archive), log: pick(CHANGELOG.sheet, occupied.log) };

  let state: TableState | null = null;
  if (cur) {
    const rect = parseA1(cur.range.address);
    const headers = (cur.header!.values[0] as Cell[]).map(String);
    const existing: ExistingTable = { headers, values: [], formulasR1C1: [], numberFormats: [] };
    const titles = new Set(spec.columns.map((c) => c.title));
    const userCols = headers.map((h, i) => (titles.has(h) ? -1 : i)).filter((i) => i >= 0);
    const bodyRows = rect.r1 - rect.r0;
    const cols = rectCols(rect);
    const ws = cur.sheet;
    let rowsPerChunk = Math.max(1, Math.floor(100_000 / cols));
    for (let start = 0; start < bodyRows; ) {
      checkAbort(signal);
      const n = Math.min(rowsPerChunk, bodyRows - start);
      // Values of every column; formulas (R1C1) and formats of the user's columns only (ours are constants).
      const r = ws.getRangeByIndexes(rect.r0 + 1 + start, rect.c0, n, cols);
      r.load("values");
      const extra = userCols.map((c) => {
        const x = ws.getRangeByIndexes(rect.r0 + 1 + start, rect.c0 + c, n, 1);
        x.load("formulasR1C1, numberFormat");
        return x;
      });
      await ctx.sync();
      let bytes = 0;
      for (let i = 0; i < n; i++) {
        const values = r.values[i] as Cell[];
        existing.values.push(values);
        const f = values.slice();
        const fr: (string | undefined)[] = new Array(cols);
        userCols.forEach((c, k) => {
          f[c] = extra[k].formulasR1C1[i][0] as Cell;
          fr[c] = extra[k].numberFormat[i][0] as string;
          bytes += rowBytes([f[c], fr[c]]);
        });
        existing.formulasR1C1.push(f);
        existing.numberFormats!.push(fr);
        bytes += rowBytes(values);
      }
      start += n;
      // Aim the next read at ~3.5 MB of response, as measured on this one.
      rowsPerChunk = Math.max(1, Math.floor((3_500_000 / Math.max(1, bytes)) * n));
      progress(0.3 * (start / bodyRows));
    }
    state = { sheetName: cur.sheet.name, rect, existing };
  }
  return {
    sheetExists: lower.has(names.data.toLowerCase()),
    dataSheet: names.data,
    table: state,
    archive: arch ? { rect: parseA1(arch.range.address), headers: (arch.header!.values[0] as Cell[]).map(String) } : null,
    archiveSheet: arch?.sheet.name ?? names.archive,
    archiveSheetExists: arch ? true : lower.has(names.archive.toLowerCase()),
    changeLog: logAt ? { rect: parseA1(logAt.range.address) } : null,
    changeLogSheet: logAt?.sheet.name ?? names.log,
    changeLogSheetExists: logAt ? true : lower.has(names.log.toLowerCase()),
    sources: sources.isNullObject ? [] : ((sources.value as SourceDescriptor[]) ?? []),
    undo: undo.isNullObject ? null : (undo.value as UndoRecord),
    sheetNames,
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

/** Queue the loads that locate an existing table: its range address, header titles (when asked) and sheet name. */
function locate(t: Excel.Table, withHeader: boolean): { range: Excel.Range; header: Excel.Range | null; sheet: Excel.Worksheet } | null {
  if (t.isNullObject) return null;
  const range = t.getRange();
  range.load("address");
  const header = withHeader ? t.getHeaderRowRange() : null;
  header?.load("values");
  const sheet = t.worksheet;
  sheet.load("name");
  return { range, header, sheet };
}

function archiveRows(plan: MergePlan, archiveHeaders: string[], sheet: string, batch: string, at: Date): Cell[][] {
  const ts = serialOf(at);
  return plan.archived.map((a) => archiveHeaders.map((h, i) => {
    if (i === 0) return ts;
    if (i === 1) return textCell(batch);
    if (i === 2) return textCell(sheet);
    const j = plan.headers.indexOf(h);
    const v = j >= 0 ? a.values[j] : "";
    return typeof v === "string" ? textCell(v) : v;
  }));
}

function logRows(changes: ChangeEntry[], sheet: string, batch: string, at: Date): Cell[][] {
  const ts = serialOf(at);
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

// =========================================================================================== the pipeline

let batchCounter = 0;

async function applyDataset(spec: SheetSpec, result: ImportResult, source: SourceDescriptor, opts: WriteOptions): Promise<WriteSummary> {
  const progress = opts.onProgress ?? (() => undefined);
  const now = (opts.now ?? (() => new Date()))();
  const batch = `${spec.kind}-${now.getTime().toString(36)}-${(batchCounter++).toString(36)}`;
  checkAbort(opts.signal);
  requireApi();
  const fresh = recordsToRows(spec, recordsOf(result, spec.kind));

  const run: { record: UndoRecord | null; phase: "reading" | "staging" | "committing" | "done" } = { record: null, phase: "reading" };
  try {
    return await excel().run(async (ctx) => {
      const state = await readState(ctx, spec, progress, opts.signal);
      checkAbort(opts.signal);
      const plan = planMerge(spec, state.table?.existing ?? null, fresh.rows, fresh.formats);

      // Geometry of the final table.
      const sheetName = state.table?.sheetName ?? state.dataSheet;
      const top = state.table ? state.table.rect.r0 : 1;
      const left = state.table ? state.table.rect.c0 : 0;
      const bodyRows = Math.max(1, plan.rows.length);
      const after: Rect = { r0: top, c0: left, r1: top + bodyRows, c1: left + plan.headers.length - 1 };
      const colFormats = plan.headers.map((_, c) => (plan.canonical[c] >= 0 ? formatFor(spec.columns[plan.canonical[c]].type) : FORMATS.text));

      // Archive and change log geometry.
      const archiveHeaders = state.archive ? [...state.archive.headers] : [...ARCHIVE_LEAD];
      if (plan.archived.length) for (const h of plan.headers) if (!archiveHeaders.includes(h)) archiveHeaders.push(h);
      const aRows = plan.archived.length ? archiveRows(plan, archiveHeaders, sheetName, batch, now) : [];
      // A first load is one log row ("载入", the record count); a refresh logs every change.
      const logged: ChangeEntry[] = state.table ? plan.changes : [{ action: "loaded", key: "", field: "", old: "", new: plan.rows.length }];
      const lRows = logged.length ? logRows(logged, sheetName, batch, now) : [];
      const archiveAfter: Rect | null = aRows.length
        ? state.archive
          ? { ...state.archive.rect, c1: state.archive.rect.c0 + archiveHeaders.length - 1, r1: state.archive.rect.r1 + aRows.length }
          : { r0: 0, c0: 0, r1: aRows.length, c1: archiveHeaders.length - 1 }
        : state.archive?.rect ?? null;
      const logAfter: Rect | null = lRows.length
        ? state.changeLog
          ? { ...state.changeLog.rect, r1: state.changeLog.rect.r1 + lRows.length }
          : { r0: 0, c0: 0, r1: lRows.length, c1: CHANGELOG_HEADERS.length - 1 }
        : state.changeLog?.rect ?? null;
      const archiveFormats = archiveHeaders.map((h, i) => {
        if (i === 0) return FORMATS.timestamp;
        const col = spec.columns.find((c) => c.title === h) ?? Object.values(SHEETS).flatMap((s) => s.columns).find((c) => c.title === h);
        return col ? formatFor(col.type) : FORMATS.text;
      });

      // ---- stage
      const stageName = `${STAGE_PREFIX}${batch}`.slice(0, 31);
      const undoName = `${UNDO_PREFIX}${batch}`.slice(0, 31);
      for (const n of state.sheetNames) {
        // Left over from an interrupted run (never the sheet the current undo record needs).
        if (n.startsWith(STAGE_PREFIX) || (n.startsWith(UNDO_PREFIX) && n !== state.undo?.undoSheet)) ctx.workbook.worksheets.getItem(n).delete();
      }
      const stage = ctx.workbook.worksheets.add(stageName);
      stage.visibility = "VeryHidden" as Excel.SheetVisibility;
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
      // ---- snapshot for undo (and for rollback if the commit fails), queued with the last staging sync
      const before = state.table ? state.table.rect : null;
      const record: UndoRecord = {
        batch, kind: spec.kind, sheet: sheetName, table: spec.table, undoSheet: undoName,
        createdSheet: !state.sheetExists,
        before: before ? a1(before) : null,
        after: a1(after),
        archive: { sheet: state.archiveSheet, created: !state.archiveSheetExists && aRows.length > 0, before: state.archive ? a1(state.archive.rect) : null, after: archiveAfter ? a1(archiveAfter) : null },
        changeLog: { sheet: state.changeLogSheet, created: !state.changeLogSheetExists && lRows.length > 0, before: state.changeLog ? a1(state.changeLog.rect) : null, after: logAfter ? a1(logAfter) : null },
        previousSources: state.sources,
        at: localIso(now),
      };
      run.record = record;
      const snapshot = () => {
        const undoSheet = ctx.workbook.worksheets.add(undoName);
        undoSheet.visibility = "VeryHidden" as Excel.SheetVisibility;
        if (before) {
          const region = { r0: 0, c0: 0, r1: before.r1, c1: before.c1 };
          undoSheet.getRange(a1(region)).copyFrom(ctx.workbook.worksheets.getItem(sheetName).getRange(a1(region)), "All" as never);
        }
      };
      await stageBlocks(ctx, stage, [bodyBlock, archiveBlock, logBlock], progress, opts.signal, snapshot);
      checkAbort(opts.signal);

      // ---- commit: one sync
      run.phase = "committing";
      const app = ctx.workbook.application;
      app.suspendApiCalculationUntilNextSync();
      app.suspendScreenUpdatingUntilNextSync();
      const ws = state.sheetExists ? ctx.workbook.worksheets.getItem(sheetName) : ctx.workbook.worksheets.add(sheetName);
      const headerRange = ws.getRangeByIndexes(top, left, 1, plan.headers.length);
      const body = ws.getRangeByIndexes(top + 1, left, bodyRows, plan.headers.length);
      let table: Excel.Table;
      if (!state.table) {
        headerRange.values = [plan.headers.map(textCell)];
        body.copyFrom(stage.getRangeByIndexes(top + 1, left, bodyRows, plan.headers.length), "All" as never);
        table = ws.tables.add(`${quoteSheet(sheetName)}!${a1(after)}`, true);
        table.name = spec.table;
        ws.freezePanes.freezeRows(top + 1);
        plan.headers.forEach((_, c) => {
          const col = plan.canonical[c] >= 0 ? spec.columns[plan.canonical[c]] : undefined;
          ws.getRangeByIndexes(0, left + c, 1, 1).format.columnWidth = widthFor(col?.type, col?.title ?? plan.headers[c]);
        });
      } else {
        table = ctx.workbook.tables.getItem(spec.table);
        const old = state.table.rect;
        const newCols = plan.headers.slice(state.table.existing.headers.length);
        if (newCols.length) ws.getRangeByIndexes(top, old.c1 + 1, 1, newCols.length).values = [newCols.map(textCell)];
        table.resize(`${quoteSheet(sheetName)}!${a1(after)}`);
        if (old.r1 > after.r1) ws.getRangeByIndexes(after.r1 + 1, old.c0, old.r1 - after.r1, rectCols(old)).clear("All" as never);
        body.copyFrom(stage.getRangeByIndexes(top + 1, left, bodyRows, plan.headers.length), "All" as never);
      }
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

      if (aRows.length && archiveAfter) {
        const aws = state.archiveSheetExists ? ctx.workbook.worksheets.getItem(state.archiveSheet) : ctx.workbook.worksheets.add(state.archiveSheet);
        const src = stage.getRangeByIndexes(archiveBlock.r0, archiveBlock.c0, aRows.length, archiveHeaders.length);
        if (!state.archive) {
          aws.getRangeByIndexes(0, 0, 1, archiveHeaders.length).values = [archiveHeaders.map(textCell)];
          aws.getRangeByIndexes(1, 0, aRows.length, archiveHeaders.length).copyFrom(src, "All" as never);
          const at = aws.tables.add(`${quoteSheet(state.archiveSheet)}!${a1(archiveAfter)}`, true);
          at.name = ARCHIVE.table;
          aws.freezePanes.freezeRows(1);
          aws.getRangeByIndexes(0, 0, 1, archiveHeaders.length).format.columnWidth = 90;
        } else {
          const old = state.archive.rect;
          const added = archiveHeaders.slice(state.archive.headers.length);
          if (added.length) aws.getRangeByIndexes(old.r0, old.c1 + 1, 1, added.length).values = [added.map(textCell)];
          ctx.workbook.tables.getItem(ARCHIVE.table).resize(`${quoteSheet(state.archiveSheet)}!${a1(archiveAfter)}`);
          aws.getRangeByIndexes(old.r1 + 1, old.c0, aRows.length, archiveHeaders.length).copyFrom(src, "All" as never);
        }
      }
      if (lRows.length && logAfter) {
        const lws = state.changeLogSheetExists ? ctx.workbook.worksheets.getItem(state.changeLogSheet) : ctx.workbook.worksheets.add(state.changeLogSheet);
        const src = stage.getRangeByIndexes(logBlock.r0, logBlock.c0, lRows.length, CHANGELOG_HEADERS.length);
        if (!state.changeLog) {
          lws.getRangeByIndexes(0, 0, 1, CHANGELOG_HEADERS.length).values = [CHANGELOG_HEADERS];
          lws.getRangeByIndexes(1, 0, lRows.length, CHANGELOG_HEADERS.length).copyFrom(src, "All" as never);
          const lt = lws.tables.add(`${quoteSheet(state.changeLogSheet)}!${a1(logAfter)}`, true);
          lt.name = CHANGELOG.table;
          lws.freezePanes.freezeRows(1);
          lws.getRangeByIndexes(0, 0, 1, CHANGELOG_HEADERS.length).format.columnWidth = 110;
        } else {
          const old = state.changeLog.rect;
          ctx.workbook.tables.getItem(CHANGELOG.table).resize(`${quoteSheet(state.changeLogSheet)}!${a1(logAfter)}`);
          lws.getRangeByIndexes(old.r1 + 1, old.c0, lRows.length, CHANGELOG_HEADERS.length).copyFrom(src, "All" as never);
        }
      }
      const desc: SourceDescriptor = { ...source, lastRefresh: now.toISOString(), rows: plan.rows.length };
      ctx.workbook.settings.add(SETTINGS_SOURCES, upsertSource(state.sources, desc));
      ctx.workbook.settings.add(SETTINGS_UNDO, record);
      if (state.undo?.undoSheet && state.sheetNames.includes(state.undo.undoSheet)) ctx.workbook.worksheets.getItem(state.undo.undoSheet).delete();
      stage.delete();
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
    if (run.phase === "committing" && run.record) await restore(run.record, false).catch(() => undefined);
    else if (run.phase === "staging") await cleanUp(run.record?.undoSheet).catch(() => undefined);
    throw e;
  }
}

/** Table.resize and Range.copyFrom need ExcelApi 1.13 (Excel 2021, Microsoft 365, Excel on the web). */
function requireApi(): void {
  const office = (globalThis as { Office?: { context?: { requirements?: { isSetSupported(n: string, v: string): boolean } } } }).Office;
  const req = office?.context?.requirements;
  if (req && !req.isSetSupported("ExcelApi", "1.13")) {
    throw new Error("写入台账需要 Excel 2021 或 Microsoft 365（ExcelApi 1.13）。 / Writing ledgers needs Excel 2021 or Microsoft 365 (ExcelApi 1.13).");
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

/** After a failure before the commit: remove the staging sheet (and this run's undo sheet); nothing else changed. */
async function cleanUp(undoSheet: string | undefined): Promise<void> {
  await excel().run(async (ctx) => {
    const sheets = ctx.workbook.worksheets;
    sheets.load("items/name");
    await ctx.sync();
    for (const s of sheets.items) if (s.name.startsWith(STAGE_PREFIX) || s.name === undoSheet) s.delete();
    await ctx.sync();
  });
}

/**
 * Put the sheets back as they were before `record`'s batch. Used by undo (`finalUndo`: the record is consumed)
 * and to roll back a failed commit. Idempotent: every step checks what exists.
 */
async function restore(record: UndoRecord, finalUndo: boolean): Promise<void> {
  await excel().run(async (ctx) => {
    const wb = ctx.workbook;
    const sheets = wb.worksheets;
    sheets.load("items/name");
    const table = wb.tables.getItemOrNullObject(record.table);
    const archive = wb.tables.getItemOrNullObject(ARCHIVE.table);
    const log = wb.tables.getItemOrNullObject(CHANGELOG.table);
    const undoItem = wb.settings.getItemOrNullObject(SETTINGS_UNDO);
    undoItem.load("value");
    const sourcesItem = wb.settings.getItemOrNullObject(SETTINGS_SOURCES);
    await ctx.sync();
    const names = new Set(sheets.items.map((s) => s.name));
    const current = undoItem.isNullObject ? null : (undoItem.value as UndoRecord);
    const committed = current?.batch === record.batch;
    wb.application.suspendApiCalculationUntilNextSync();
    wb.application.suspendScreenUpdatingUntilNextSync();

    // The dataset sheet and its table.
    if (record.createdSheet) {
      if (names.has(record.sheet)) wb.worksheets.getItem(record.sheet).delete();
    } else if (!record.before && names.has(record.sheet)) {
      // The table was created on an existing (empty) sheet: remove it, its note and the frozen rows.
      const after = parseA1(record.after);
      if (!table.isNullObject) table.delete();
      const ws = wb.worksheets.getItem(record.sheet);
      ws.getRange(a1({ r0: 0, c0: after.c0, r1: after.r1, c1: after.c1 })).clear("All" as never);
      ws.freezePanes.unfreeze();
    } else if (record.before && names.has(record.sheet)) {
      const ws = wb.worksheets.getItem(record.sheet);
      const before = parseA1(record.before);
      const after = parseA1(record.after);
      if (!table.isNullObject) table.resize(`${quoteSheet(record.sheet)}!${record.before}`);
      clearOutside(ws, before, after);
      if (names.has(record.undoSheet)) {
        const region = a1({ r0: 0, c0: 0, r1: before.r1, c1: before.c1 });
        ws.getRange(region).copyFrom(wb.worksheets.getItem(record.undoSheet).getRange(region), "All" as never);
      }
    }
    restorePart(wb, names, archive, record.archive);
    restorePart(wb, names, log, record.changeLog);
    if (record.previousSources.length) wb.settings.add(SETTINGS_SOURCES, record.previousSources);
    else if (!sourcesItem.isNullObject) sourcesItem.delete();
    if (finalUndo || committed) {
      wb.settings.getItem(SETTINGS_UNDO).delete();
    }
    if (names.has(record.undoSheet)) wb.worksheets.getItem(record.undoSheet).delete();
    for (const n of names) if (n.startsWith(STAGE_PREFIX)) wb.worksheets.getItem(n).delete();
    await ctx.sync();
  });
}

function restorePart(wb: Excel.Workbook, names: Set<string>, table: Excel.Table, part: UndoRecord["archive"]): void {
  if (part.created) {
    if (names.has(part.sheet)) wb.worksheets.getItem(part.sheet).delete();
    return;
  }
  if (!part.before && part.after && !table.isNullObject) {
    // The table was created on an existing (empty) sheet.
    table.delete();
    wb.worksheets.getItem(part.sheet).freezePanes.unfreeze();
    return;
  }
  if (!part.before || !part.after || table.isNullObject || part.before === part.after) return;
  const before = parseA1(part.before);
  const after = parseA1(part.after);
  table.resize(`${quoteSheet(part.sheet)}!${part.before}`);
  clearOutside(wb.worksheets.getItem(part.sheet), before, after);
}

/** Clear the cells of `after` that are not in `before` (rows below, then columns to the right). */
function clearOutside(ws: Excel.Worksheet, before: Rect, after: Rect): void {
  const maxR = Math.max(before.r1, after.r1);
  const maxC = Math.max(before.c1, after.c1);
  if (maxR > before.r1) ws.getRangeByIndexes(before.r1 + 1, Math.min(before.c0, after.c0), maxR - before.r1, maxC - Math.min(before.c0, after.c0) + 1).clear("All" as never);
  if (maxC > before.c1) ws.getRangeByIndexes(before.r0, before.c1 + 1, rectRows(before), maxC - before.c1).clear("All" as never);
}

export { colLetters };
