/**
 * Step 2 of a write, pure (no host): from what was read (read-state.ts) and the imported records, everything the
 * write will do. The merged body and its geometry; the rows appended to the archive and the change log, under their
 * headers by name; the staging blocks; the areas guards.ts must check; the undo record with its snapshot meta; the
 * fingerprint the write will leave; and, once Excel has given the tables their ids, the settings that end the write.
 * The Office.js steps (stage-blocks.ts, undo-write.ts, commit-data.ts, ledger-append.ts) only carry this plan out.
 */
import type { SheetSpec } from "../core/columns";
import { SHEETS } from "../core/columns";
import type { ImportResult } from "../import/types";
import type { Rect } from "./address";
import { printBlock, printTable } from "./fingerprint";
import { AreaCheck, WriteBlockedError } from "./guards";
import { ACTION_LABELS, ARCHIVE_LEAD, CHANGELOG_HEADERS, localIso, serialOf } from "./ledger-layout";
import { ChangeEntry, MergePlan, planMerge } from "./merge";
import type { DataTableState, WorkbookState } from "./read-state";
import { SourceDescriptor, upsertSource } from "./sources";
import { holdsColumns, missingColumnsMessage, TablesMemory } from "./table-identity";
import type { TableState } from "./table-ops";
import { encodeMeta, runsOf, SnapshotMeta } from "./undo-snapshot";
import { Cell, FORMATS, formatFor, recordsOf, recordsToRows, storedValue, textCell } from "./values";
import type { Notice, TablePart, UndoRecord } from "./write-types";

/** A block of rows written to the staging sheet, copied into place at commit. */
export interface Block {
  /** Top-left cell on the staging sheet. */
  r0: number;
  c0: number;
  rows: Cell[][];
}

/** Rows appended to the archive or the change log (ledger-append.ts carries it out for both). */
export interface AppendPlan {
  /** The table as read; null when the write creates it. */
  st: TableState | null;
  sheet: string;
  sheetExists: boolean;
  table: string;
  headers: string[];
  rows: Cell[][];
  /** Number format of each column. */
  formats: string[];
  /** Where the rows are staged. */
  block: Block;
  /** Column width (points) of a table the write creates. */
  width: number;
  /** Body rows before the append (0 for a created table): the appended rows start there. */
  first: number;
}

export interface WriteInput {
  spec: SheetSpec;
  state: WorkbookState;
  result: ImportResult;
  batch: string;
  now: Date;
  /** This write's staging and undo sheet names (leftovers.ts workSheetName). */
  stageSheet: string;
  undoSheet: string;
}

export interface WritePlan {
  merge: MergePlan;
  /** The dataset table afterwards: its sheet, header row, first column, body rows (≥ 1) and whole area. */
  sheetName: string;
  top: number;
  left: number;
  bodyRows: number;
  after: Rect;
  /** Each column's number format (a cell whose own format differs keeps it: see bodyFormats). */
  colFormats: string[];
  /** The new body's values on the staging sheet (formula cells blank: they are written as formulas at commit). */
  body: Block;
  archive: AppendPlan;
  changeLog: AppendPlan;
  /** Change-log entries: every change of a refresh, or one "载入" row for a first load. */
  logged: ChangeEntry[];
  checks: AreaCheck[];
  /** Existing sheets the write changes (their protection is checked). */
  writtenSheets: string[];
  /** The undo material: meta cells beside the old body on the undo sheet, and the record (phase "committing"). */
  metaChunks: string[];
  metaCol: number;
  record: UndoRecord;
  /** What the write leaves (compared before an undo). */
  fingerprint: NonNullable<UndoRecord["fingerprint"]>;
  notices: Notice[];
}

/** Whether a cell of the merged body is written as a formula (R1C1) rather than as a value. */
export function isFormulaCell(merge: MergePlan, c: number, v: Cell): boolean {
  return merge.formulaColumns.includes(c) && typeof v === "string" && v.startsWith("=");
}

/** Number formats of column c of the body: the column's, or the cell's own where it differs. */
export function bodyFormats(plan: WritePlan, c: number): string[] {
  const m = plan.merge;
  return m.rows.length ? m.rows.map((_, r) => m.formats[r][c] ?? plan.colFormats[c]) : [plan.colFormats[c]];
}

/** The formula cells of column c (R1C1), undefined where the cell holds a value. */
export function bodyFormulas(plan: WritePlan, c: number): (string | undefined)[] {
  return plan.merge.rows.map((row) => (isFormulaCell(plan.merge, c, row[c]) ? String(row[c]) : undefined));
}

/** The notice for cells where the user's formula was kept instead of the source's value. */
function keptFormulasNotice(kept: MergePlan["keptFormulas"]): Notice | null {
  if (!kept.length) return null;
  const shown = kept.slice(0, 5);
  const more = kept.length - shown.length;
  return {
    zh:
      `${kept.length} 个单元格保留了您输入的公式，没有用数据来源的值覆盖：` +
      shown.map((k) => `${k.key} 的“${k.field}”（来源值 ${String(storedValue(k.source))}）`).join("；") +
      (more > 0 ? ` 等 ${more} 处` : "") +
      "。如需用来源的值，请删除这些公式后再刷新。",
    en:
      `${kept.length} cell(s) keep the formula you typed instead of the source's value: ` +
      shown.map((k) => `"${k.field}" of ${k.key} (source value ${String(storedValue(k.source))})`).join("; ") +
      (more > 0 ? ` and ${more} more` : "") +
      ". To take the source's values, clear these formulas and refresh again.",
  };
}

/** Archive rows, cell by cell under the archive's headers (by name: a user may have moved or added columns). */
function archiveRows(merge: MergePlan, headers: string[], sheet: string, batch: string, ts: number): Cell[][] {
  return merge.archived.map((a) =>
    headers.map((h) => {
      if (h === ARCHIVE_LEAD[0]) return ts;
      if (h === ARCHIVE_LEAD[1]) return textCell(batch);
      if (h === ARCHIVE_LEAD[2]) return textCell(sheet);
      const j = merge.headers.indexOf(h);
      const v = j >= 0 ? a.values[j] : "";
      return typeof v === "string" ? textCell(v) : v;
    }),
  );
}

/** Change-log rows under the log's headers (by name). */
function logRows(changes: ChangeEntry[], headers: string[], sheet: string, batch: string, ts: number): Cell[][] {
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

/** The archive's number formats: the timestamp, then each record column's own format (of any dataset). */
function archiveFormats(spec: SheetSpec, headers: string[]): string[] {
  return headers.map((h) => {
    if (h === ARCHIVE_LEAD[0]) return FORMATS.timestamp;
    const col =
      spec.columns.find((c) => c.title === h) ??
      Object.values(SHEETS)
        .flatMap((s) => s.columns)
        .find((c) => c.title === h);
    return col ? formatFor(col.type) : FORMATS.text;
  });
}

/** An existing archive or change log that rows go to must still have our leading columns. */
function checkLeadColumns(st: TableState | null, lead: readonly string[], rows: Cell[][]): void {
  if (!st || !rows.length || holdsColumns(st.headers, lead)) return;
  const missing = lead.filter((h) => !st.headers.includes(h));
  const m = missingColumnsMessage(st.ref.name, missing, false);
  throw new WriteBlockedError(m.zh, m.en, st.ref.name);
}

/** The archive's append: archived records under the archive's headers (new record columns appended). */
function planArchive(
  spec: SheetSpec,
  state: WorkbookState,
  merge: MergePlan,
  sheet: string,
  batch: string,
  ts: number,
) {
  const headers = state.archive ? [...state.archive.headers] : [...ARCHIVE_LEAD];
  if (merge.archived.length) for (const h of merge.headers) if (!headers.includes(h)) headers.push(h);
  const rows = merge.archived.length ? archiveRows(merge, headers, sheet, batch, ts) : [];
  checkLeadColumns(state.archive, ARCHIVE_LEAD, rows);
  return { headers, rows, formats: archiveFormats(spec, headers) };
}

/** The change log's append. */
function planChangeLog(state: WorkbookState, logged: ChangeEntry[], sheet: string, batch: string, ts: number) {
  const headers = state.changeLog ? [...state.changeLog.headers] : [...CHANGELOG_HEADERS];
  const rows = logged.length ? logRows(logged, headers, sheet, batch, ts) : [];
  checkLeadColumns(state.changeLog, CHANGELOG_HEADERS, rows);
  return {
    headers,
    rows,
    formats: headers.map((h) => (h === CHANGELOG_HEADERS[0] ? FORMATS.timestamp : FORMATS.text)),
  };
}

function appendPlan(
  st: TableState | null,
  where: { sheet: string; sheetExists: boolean; table: string },
  rows: { headers: string[]; rows: Cell[][]; formats: string[] },
  c0: number,
  width: number,
): AppendPlan {
  return { st, ...where, ...rows, block: { r0: 0, c0, rows: rows.rows }, width, first: st ? st.rows : 0 };
}

/** The tables whose size the write changes, for guards.ts, and the existing sheets it writes. */
function areaChecks(plan: Omit<WritePlan, "checks" | "writtenSheets">, state: WorkbookState, spec: SheetSpec) {
  const checks: AreaCheck[] = [];
  const check = (st: TableState, sheet: string, table: string, otherRows: number, newCols: number) =>
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
  const { archive: a, changeLog: l, merge } = plan;
  if (state.table)
    check(state.table, plan.sheetName, spec.table, plan.bodyRows, merge.headers.length - state.table.cols);
  if (a.st && a.rows.length) check(a.st, a.sheet, a.table, a.st.rows + a.rows.length, a.headers.length - a.st.cols);
  if (l.st && l.rows.length) check(l.st, l.sheet, l.table, l.st.rows + l.rows.length, 0);
  const writtenSheets = [
    state.sheetExists || state.table ? plan.sheetName : null,
    a.rows.length && a.sheetExists ? a.sheet : null,
    l.rows.length && l.sheetExists ? l.sheet : null,
  ].filter((s): s is string => !!s);
  return { checks, writtenSheets };
}

/** The old body's number formats, formulas and the touched tables' filters, for the undo sheet. */
function snapshotMeta(old: DataTableState | null, archive: AppendPlan, changeLog: AppendPlan): SnapshotMeta {
  return {
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
      archive: archive.rows.length ? (archive.st?.filters ?? null) : null,
      changeLog: changeLog.rows.length ? (changeLog.st?.filters ?? null) : null,
    },
  };
}

/** How a table looked before the write (null: the write does not touch it). */
function tablePart(
  t: TableState | null,
  where: { sheet: string; table: string; sheetExists: boolean },
  touched: boolean,
  note: boolean,
): TablePart | null {
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
  const created = where.sheetExists ? "table" : "sheet";
  return { id: null, table: where.table, sheet: where.sheet, created, beforeRows: 0, beforeCols: 0, note };
}

/** The fingerprint the write leaves: the whole data table, and the appended blocks of archive and change log. */
function predictFingerprint(merge: MergePlan, archive: AppendPlan, changeLog: AppendPlan): WritePlan["fingerprint"] {
  const predicted = merge.rows.map((row) => row.map((v) => storedValue(v)));
  const block = (a: AppendPlan) =>
    a.rows.length
      ? printBlock(
          a.headers,
          a.first + a.rows.length,
          a.first,
          a.rows.map((row) => row.map(storedValue)),
          () => false,
        )
      : null;
  return {
    data: printTable(merge.headers, merge.rows.length ? predicted : [merge.headers.map(() => "")], (r, c) =>
      isFormulaCell(merge, c, merge.rows[r]?.[c] ?? ""),
    ),
    archive: block(archive),
    changeLog: block(changeLog),
  };
}

/** The merged body, where it goes and its column formats. */
function planBody(input: WriteInput) {
  const { spec, state } = input;
  const date1904 = state.date1904;
  const fresh = recordsToRows(SHEETS[spec.kind], recordsOf(input.result, spec.kind), date1904);
  const merge = planMerge(spec, state.table?.existing ?? null, fresh.rows, fresh.formats, { date1904 });
  const top = state.table ? state.table.top : 1;
  const left = state.table ? state.table.left : 0;
  const bodyRows = Math.max(1, merge.rows.length);
  const after: Rect = { r0: top, c0: left, r1: top + bodyRows, c1: left + merge.headers.length - 1 };
  const colFormats = merge.headers.map((_, c) =>
    merge.canonical[c] >= 0 ? formatFor(spec.columns[merge.canonical[c]].type) : FORMATS.text,
  );
  const body: Block = {
    r0: top + 1,
    c0: left,
    rows: merge.rows.length
      ? merge.rows.map((row) => row.map((v, c) => (isFormulaCell(merge, c, v) ? "" : v)))
      : [merge.headers.map(() => "")],
  };
  const sheetName = state.table?.sheetName ?? state.dataSheet;
  return { merge, sheetName, top, left, bodyRows, after, colFormats, body };
}

/** Plan the whole write (see the module comment). Throws WriteBlockedError when an archive or log lost our columns. */
export function planWrite(input: WriteInput): WritePlan {
  const { spec, state, batch, now } = input;
  const b = planBody(input);
  const ts = serialOf(now, state.date1904);
  // A first load is one log row ("载入", the record count); a refresh logs every change.
  const logged: ChangeEntry[] = state.table
    ? b.merge.changes
    : [{ action: "loaded", key: "", field: "", old: "", new: b.merge.rows.length }];
  const aRows = planArchive(spec, state, b.merge, b.sheetName, batch, ts);
  const lRows = planChangeLog(state, logged, b.sheetName, batch, ts);
  const aWhere = { sheet: state.archiveSheet, sheetExists: state.archiveSheetExists, table: state.archiveName };
  const lWhere = { sheet: state.changeLogSheet, sheetExists: state.changeLogSheetExists, table: state.changeLogName };
  const archive = appendPlan(state.archive, aWhere, aRows, b.after.c1 + 2, 90);
  const changeLog = appendPlan(state.changeLog, lWhere, lRows, b.after.c1 + 2 + aRows.headers.length + 1, 110);
  const old = state.table;
  const metaChunks = encodeMeta(snapshotMeta(old, archive, changeLog));
  const metaCol = old ? old.cols + 1 : 0;
  const record: UndoRecord = {
    version: 3,
    phase: "committing",
    batch,
    kind: spec.kind,
    sheet: b.sheetName,
    table: spec.table,
    undoSheet: input.undoSheet,
    stageSheet: input.stageSheet,
    data: tablePart(old, { sheet: b.sheetName, table: spec.table, sheetExists: state.sheetExists }, true, true)!,
    archive: tablePart(archive.st, aWhere, archive.rows.length > 0, false),
    changeLog: tablePart(changeLog.st, lWhere, changeLog.rows.length > 0, false),
    note: old?.note ?? null,
    snapshot: { rows: old?.rows ?? 0, cols: old?.cols ?? 0, metaCol, metaChunks: metaChunks.length },
    previousSources: state.rawSources,
    previousTables: state.rawMemory,
    fingerprint: null,
    at: localIso(now),
  };
  const kept = keptFormulasNotice(b.merge.keptFormulas);
  const partial = {
    ...b,
    archive,
    changeLog,
    logged,
    metaChunks,
    metaCol,
    record,
    fingerprint: predictFingerprint(b.merge, archive, changeLog),
    notices: kept ? [...state.notices, kept] : state.notices,
  };
  return { ...partial, ...areaChecks(partial, state, spec) };
}

/** The ids Excel gave the tables the write wrote (known after the sync that created them). */
export interface WrittenIds {
  data: string;
  archive: string | null;
  changeLog: string | null;
}

/** The settings that end the write: the committed undo record, the remembered tables and sources. */
export function committedSettings(
  plan: WritePlan,
  state: WorkbookState,
  source: SourceDescriptor,
  now: Date,
  ids: WrittenIds,
): { record: UndoRecord; memory: TablesMemory; sources: SourceDescriptor[] } {
  const r = plan.record;
  const record: UndoRecord = {
    ...r,
    phase: "committed",
    fingerprint: plan.fingerprint,
    data: { ...r.data, id: ids.data },
    archive: r.archive && ids.archive !== null ? { ...r.archive, id: ids.archive } : r.archive,
    changeLog: r.changeLog && ids.changeLog !== null ? { ...r.changeLog, id: ids.changeLog } : r.changeLog,
  };
  const memory: TablesMemory = {
    ...state.memory,
    datasets: { ...state.memory.datasets, [r.kind]: { id: ids.data, columns: [...plan.merge.headers] } },
    ...(ids.archive !== null ? { archive: { id: ids.archive } } : {}),
    ...(ids.changeLog !== null ? { changeLog: { id: ids.changeLog } } : {}),
  };
  const desc: SourceDescriptor = { ...source, lastRefresh: now.toISOString(), rows: plan.merge.rows.length };
  return { record, memory, sources: upsertSource(state.sources, desc) };
}
