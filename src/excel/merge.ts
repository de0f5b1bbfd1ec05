/**
 * Refresh by record key, pure: the table as it is in the workbook (headers, values, R1C1 formulas) and the new
 * records give the table as it must become, the rows to archive and the change log. Columns the user added to
 * the table keep their values and formulas, aligned to the record they belong to.
 *
 * Record keys: ledger by 项目编号; funds by project + date; targets by year + region + metric; figures by year +
 * month + region + metric + scope + status. A key seen twice gets an occurrence suffix (#2, #3…) so duplicate
 * rows still line up in order.
 */
import type { SheetSpec } from "../core/columns";
import type { DatasetKind } from "../import/types";
import { Cell, displayValue, sameCell, storedValue, textCell } from "./values";

export const KEY_FIELDS: Record<DatasetKind, string[]> = {
  ledger: ["id"],
  funds: ["project", "date"],
  targets: ["year", "region", "metric"],
  figures: ["year", "through_month", "region", "metric", "scope", "status"],
  regions: ["name"],
};

export interface ExistingTable {
  headers: string[];
  /** Stored values of the data body. */
  values: Cell[][];
  /** The same cells' formulas in R1C1 notation (a constant reads as its value). */
  formulasR1C1: Cell[][];
  /** Number formats of the body; only user columns are read (others may be undefined). */
  numberFormats?: (string | undefined)[][];
}

/** "loaded": a first load, logged as one row (not one per record). */
export type ChangeAction = "added" | "changed" | "archived" | "loaded";

export interface ChangeEntry {
  action: ChangeAction;
  /** Display key (项目编号, or the key fields joined by " / "). */
  key: string;
  /** Column title ("" for a whole-row entry). */
  field: string;
  old: Cell;
  new: Cell;
}

export interface MergePlan {
  /** Final column titles, in table order: the existing order, canonical columns missing from it appended. */
  headers: string[];
  /** For each final column, its index in spec.columns, or -1 for a user column. */
  canonical: number[];
  /** Final body rows as they must be written: text with its "'" prefix where needed; formula columns hold R1C1. */
  rows: Cell[][];
  /** Per-cell number formats: canonical cells whose format differs from the column's, and every user cell. */
  formats: (string | undefined)[][];
  /**
   * Final column indexes written with formulasR1C1: user columns holding at least one formula, and columns of the
   * add-in's where the user typed a formula into a record's cell (kept, see `keptFormulas`).
   */
  formulaColumns: number[];
  /**
   * Cells of the add-in's columns where the user's formula was kept instead of the source's value (a refresh never
   * overwrites the user's work silently: the summary says which).
   */
  keptFormulas: { key: string; field: string; formula: string; source: Cell }[];
  /** Rows taken out of the table: display key and the stored values of every final column. */
  archived: { key: string; values: Cell[] }[];
  changes: ChangeEntry[];
  counts: { added: number; updated: number; archived: number; unchanged: number };
}

function isFormula(v: Cell, f: Cell): boolean {
  return typeof f === "string" && f.startsWith("=") && f !== v;
}

/** What to write for a user cell: a formula (R1C1) or its value, text protected. */
function userCell(v: Cell, f: Cell): Cell {
  if (isFormula(v, f)) return f;
  return typeof v === "string" ? textCell(v) : v;
}

/** Key of a row of stored canonical cells, before occurrence numbering. */
function rawKey(parts: Cell[]): string {
  return parts
    .map((p) => (typeof p === "number" ? String(Math.round(p * 1e9) / 1e9) : String(p).trim()))
    .join("\u0001");
}

function numbered(keys: string[]): string[] {
  const seen = new Map<string, number>();
  return keys.map((k) => {
    // eslint-disable-next-line no-control-regex -- \u0001 joins the parts of a composite key
    if (k.replace(/\u0001/g, "") === "") return "";
    const n = (seen.get(k) ?? 0) + 1;
    seen.set(k, n);
    return n === 1 ? k : `${k}#${n}`;
  });
}

/** The old table as the merge sees it: its rows by key, under the final columns. */
interface MergeContext {
  spec: SheetSpec;
  existing: ExistingTable | null;
  date1904: boolean;
  /** Final column titles and, for each, its index in spec.columns (-1: a user column). */
  headers: string[];
  canonical: number[];
  /** Old body rows; the same in spec column order (blank where the column is missing); their keys. */
  oldRows: Cell[][];
  oldCanon: Cell[][];
  oldKeys: string[];
  oldByKey: Map<string, number>;
  keyIdx: number[];
}

/** Index of a column in the old table (-1: not there). */
function oldCol(m: MergeContext, h: string): number {
  return m.existing ? m.existing.headers.indexOf(h) : -1;
}

/** A record's key as the change log shows it. */
function displayKey(m: MergeContext, stored: Cell[]): string {
  return m.keyIdx
    .map((k) => String(displayValue(m.spec.columns[k], stored[k], m.date1904)))
    .filter((s) => s !== "")
    .join(" / ");
}

function mergeContext(spec: SheetSpec, existing: ExistingTable | null, date1904: boolean): MergeContext {
  const keyIdx = KEY_FIELDS[spec.kind].map((f) => spec.columns.findIndex((c) => c.field === f));
  const titles = spec.columns.map((c) => c.title);
  // Final columns: the existing order (so the user's column order is kept), missing canonical columns appended.
  const headers = existing ? [...existing.headers] : [...titles];
  for (const t of titles) if (!headers.includes(t)) headers.push(t);
  const canonical = headers.map((h) => titles.indexOf(h));
  const oldRows = existing?.values ?? [];
  const oldCanon = oldRows.map((row) =>
    spec.columns.map((c) => {
      const j = existing ? existing.headers.indexOf(c.title) : -1;
      return j >= 0 ? (row[j] ?? "") : "";
    }),
  );
  const oldKeys = numbered(oldCanon.map((r) => rawKey(keyIdx.map((k) => r[k]))));
  const oldByKey = new Map<string, number>();
  oldKeys.forEach((k, i) => {
    if (k) oldByKey.set(k, i);
  });
  return { spec, existing, date1904, headers, canonical, oldRows, oldCanon, oldKeys, oldByKey, keyIdx };
}

/** Formula columns: user columns with at least one formula; a "calculated column" (one formula everywhere) fills new rows. */
function userFormulaColumns(m: MergeContext): { formulaColumns: number[]; fillFormula: Map<number, Cell> } {
  const formulaColumns: number[] = [];
  const fillFormula = new Map<number, Cell>();
  const userCols = m.headers.map((h, i) => (m.canonical[i] < 0 ? i : -1)).filter((i) => i >= 0);
  for (const c of userCols) {
    const j = oldCol(m, m.headers[c]);
    if (j < 0 || !m.existing) continue;
    let any = false;
    let uniform: Cell | null | undefined;
    for (let r = 0; r < m.oldRows.length; r++) {
      if (m.oldKeys[r] === "" && isBlankRow(m.oldRows[r])) continue;
      const f = m.existing.formulasR1C1[r]?.[j] ?? "";
      const v = m.oldRows[r][j] ?? "";
      if (isFormula(v, f)) {
        any = true;
        uniform = uniform === undefined ? f : uniform === f ? uniform : null;
      } else if (v !== "") uniform = null;
    }
    if (any) {
      formulaColumns.push(c);
      if (uniform) fillFormula.set(c, uniform);
    }
  }
  return { formulaColumns, fillFormula };
}

/** What the merge collects over the new records. */
interface MergeAcc {
  rows: Cell[][];
  formats: (string | undefined)[][];
  changes: ChangeEntry[];
  counts: MergePlan["counts"];
  /** Old rows matched by a new record. */
  used: Set<number>;
  keptFormulas: MergePlan["keptFormulas"];
  /** Columns of ours where a user's formula was kept. */
  canonicalFormulaCols: Set<number>;
  fillFormula: Map<number, Cell>;
}

/** One cell of a new record's row: its value or the user's kept formula, and its number format. */
function mergedCell(
  m: MergeContext,
  acc: MergeAcc,
  c: number,
  rec: { written: Cell[]; formats: (string | undefined)[] | undefined; o: number | undefined },
): [Cell, string | undefined] {
  const { existing, oldRows } = m;
  const { written, o } = rec;
  const k = m.canonical[c];
  const j0 = oldCol(m, m.headers[c]);
  const f0 = o !== undefined && existing && j0 >= 0 ? (existing.formulasR1C1[o]?.[j0] ?? "") : "";
  if (k >= 0 && o !== undefined && j0 >= 0 && isFormula(oldRows[o][j0] ?? "", f0)) {
    // The user typed a formula into one of our columns: it stays (and its number format), the source's value is
    // reported instead of written.
    acc.canonicalFormulaCols.add(c);
    if (!sameCell(storedValue(oldRows[o][j0] ?? ""), storedValue(written[k]))) {
      acc.keptFormulas.push({ key: "", field: m.headers[c], formula: String(f0), source: written[k] });
    }
    return [f0, rec.formats?.[k]];
  }
  if (k >= 0) return [written[k], rec.formats?.[k]];
  if (o !== undefined && existing) {
    const cell = j0 >= 0 ? userCell(oldRows[o][j0] ?? "", existing.formulasR1C1[o]?.[j0] ?? "") : "";
    return [cell, j0 >= 0 ? existing.numberFormats?.[o]?.[j0] : undefined];
  }
  // A new row takes the column's first format.
  return [acc.fillFormula.get(c) ?? "", j0 >= 0 ? existing?.numberFormats?.[0]?.[j0] : undefined];
}

/** The changes of a matched record, field by field (a user's formula kept in our column is not a change). */
function rowChanges(m: MergeContext, row: Cell[], o: number, after: Cell[], label: string): ChangeEntry[] {
  const out: ChangeEntry[] = [];
  m.headers.forEach((h, c) => {
    const k = m.canonical[c];
    if (k < 0 || oldCol(m, h) < 0) return;
    if (typeof row[c] === "string" && isFormula(m.oldRows[o][oldCol(m, h)] ?? "", row[c])) return;
    const before = m.oldCanon[o][k];
    if (!sameCell(before, after[k])) {
      const col = m.spec.columns[k];
      const old = displayValue(col, before, m.date1904);
      out.push({ action: "changed", key: label, field: h, old, new: displayValue(col, after[k], m.date1904) });
    }
  });
  return out;
}

/** Merge one new record: its row, and whether it was added, changed or unchanged. */
function mergeRecord(
  m: MergeContext,
  acc: MergeAcc,
  written: Cell[],
  stored: Cell[],
  key: string,
  formats?: (string | undefined)[],
) {
  const o = key ? m.oldByKey.get(key) : undefined;
  const row: Cell[] = new Array(m.headers.length);
  const fmt: (string | undefined)[] = new Array(m.headers.length);
  m.headers.forEach((_, c) => ([row[c], fmt[c]] = mergedCell(m, acc, c, { written, formats, o })));
  acc.rows.push(row);
  acc.formats.push(fmt);
  const label = displayKey(m, stored);
  for (const kf of acc.keptFormulas) if (kf.key === "") kf.key = label;
  if (o === undefined) {
    acc.counts.added++;
    acc.changes.push({ action: "added", key: label, field: "", old: "", new: "" });
    return;
  }
  acc.used.add(o);
  const changes = rowChanges(m, row, o, stored, label);
  acc.changes.push(...changes);
  if (changes.length) acc.counts.updated++;
  else acc.counts.unchanged++;
}

/** A row the user typed without a key: not a source record, so it stays in the table, after the records. */
function keepUserRow(m: MergeContext, acc: MergeAcc, row: Cell[], i: number): void {
  const existing = m.existing!;
  acc.rows.push(
    m.headers.map((h) => {
      const j = oldCol(m, h);
      if (j < 0) return "";
      return userCell(row[j] ?? "", existing.formulasR1C1[i]?.[j] ?? "");
    }),
  );
  acc.formats.push(
    m.headers.map((h, c) => {
      const j = oldCol(m, h);
      return j >= 0 && m.canonical[c] < 0 ? existing.numberFormats?.[i]?.[j] : undefined;
    }),
  );
}

/** Old rows not matched: archived when they were records; rows without a key but with user content stay. */
function archiveUnmatched(m: MergeContext, acc: MergeAcc): MergePlan["archived"] {
  const archived: MergePlan["archived"] = [];
  m.oldRows.forEach((row, i) => {
    if (acc.used.has(i)) return;
    if (m.oldKeys[i] === "") {
      if (!isBlankRow(row)) keepUserRow(m, acc, row, i);
      return;
    }
    const stored = m.headers.map((h) => {
      const j = oldCol(m, h);
      return j >= 0 ? (row[j] ?? "") : "";
    });
    const label = displayKey(m, m.oldCanon[i]);
    archived.push({ key: label, values: stored });
    acc.counts.archived++;
    acc.changes.push({ action: "archived", key: label, field: "", old: "", new: "" });
  });
  return archived;
}

/**
 * Plan a refresh. `newRows` are the written cells of the new records in spec column order (values.ts
 * recordsToRows); `newFormats` their per-cell formats. `existing` is null for a first load.
 */
export function planMerge(
  spec: SheetSpec,
  existing: ExistingTable | null,
  newRows: Cell[][],
  newFormats: (string | undefined)[][],
  opts: { date1904?: boolean } = {},
): MergePlan {
  const m = mergeContext(spec, existing, opts.date1904 === true);
  // New records: stored canonical values (spec order) and keys.
  const newStored = newRows.map((r) => r.map(storedValue));
  const newKeys = numbered(newStored.map((r) => rawKey(m.keyIdx.map((k) => r[k]))));
  const { formulaColumns, fillFormula } = userFormulaColumns(m);
  const acc: MergeAcc = {
    rows: [],
    formats: [],
    changes: [],
    counts: { added: 0, updated: 0, archived: 0, unchanged: 0 },
    used: new Set(),
    keptFormulas: [],
    canonicalFormulaCols: new Set(),
    fillFormula,
  };
  newRows.forEach((written, n) => mergeRecord(m, acc, written, newStored[n], newKeys[n], newFormats[n]));
  const archived = archiveUnmatched(m, acc);
  for (const c of acc.canonicalFormulaCols) if (!formulaColumns.includes(c)) formulaColumns.push(c);
  const { rows, formats, keptFormulas, changes, counts } = acc;
  return {
    headers: m.headers,
    canonical: m.canonical,
    rows,
    formats,
    formulaColumns,
    keptFormulas,
    archived,
    changes,
    counts,
  };
}

function isBlankRow(row: Cell[]): boolean {
  return row.every((v) => v === "" || v === null || v === undefined);
}
