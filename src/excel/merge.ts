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
  const date1904 = opts.date1904 === true;
  const keyIdx = KEY_FIELDS[spec.kind].map((f) => spec.columns.findIndex((c) => c.field === f));
  const titles = spec.columns.map((c) => c.title);

  // Final columns: the existing order (so the user's column order is kept), missing canonical columns appended.
  const headers = existing ? [...existing.headers] : [...titles];
  for (const t of titles) if (!headers.includes(t)) headers.push(t);
  const canonical = headers.map((h) => titles.indexOf(h));
  const oldCol = (h: string) => (existing ? existing.headers.indexOf(h) : -1);
  const userCols = headers.map((h, i) => (canonical[i] < 0 ? i : -1)).filter((i) => i >= 0);

  const displayKey = (stored: Cell[]) =>
    keyIdx
      .map((k) => String(displayValue(spec.columns[k], stored[k], date1904)))
      .filter((s) => s !== "")
      .join(" / ");

  // New records: stored canonical values (spec order) and keys.
  const newStored = newRows.map((r) => r.map(storedValue));
  const newKeys = numbered(newStored.map((r) => rawKey(keyIdx.map((k) => r[k]))));

  // Old rows: stored canonical values (spec order; blank where the column is missing) and keys.
  const oldRows = existing?.values ?? [];
  const oldCanon = oldRows.map((row) =>
    spec.columns.map((c) => {
      const j = oldCol(c.title);
      return j >= 0 ? (row[j] ?? "") : "";
    }),
  );
  const oldKeys = numbered(oldCanon.map((r) => rawKey(keyIdx.map((k) => r[k]))));
  const oldByKey = new Map<string, number>();
  oldKeys.forEach((k, i) => {
    if (k) oldByKey.set(k, i);
  });

  // Formula columns: user columns with at least one formula; a "calculated column" (one formula everywhere) fills new rows.
  const formulaColumns: number[] = [];
  const fillFormula = new Map<number, Cell>();
  for (const c of userCols) {
    const j = oldCol(headers[c]);
    if (j < 0 || !existing) continue;
    let any = false;
    let uniform: Cell | null | undefined;
    for (let r = 0; r < oldRows.length; r++) {
      if (oldKeys[r] === "" && isBlankRow(oldRows[r])) continue;
      const f = existing.formulasR1C1[r]?.[j] ?? "";
      const v = oldRows[r][j] ?? "";
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

  const rows: Cell[][] = [];
  const formats: (string | undefined)[][] = [];
  const changes: ChangeEntry[] = [];
  const counts = { added: 0, updated: 0, archived: 0, unchanged: 0 };
  const used = new Set<number>();
  const keptFormulas: MergePlan["keptFormulas"] = [];
  const canonicalFormulaCols = new Set<number>();
  const comparable = headers.map((h, i) => canonical[i] >= 0 && oldCol(h) >= 0);

  newRows.forEach((written, n) => {
    const key = newKeys[n];
    const o = key ? oldByKey.get(key) : undefined;
    const row: Cell[] = new Array(headers.length);
    const fmt: (string | undefined)[] = new Array(headers.length);
    headers.forEach((_, c) => {
      const k = canonical[c];
      const j0 = oldCol(headers[c]);
      const f0 = o !== undefined && existing && j0 >= 0 ? (existing.formulasR1C1[o]?.[j0] ?? "") : "";
      if (k >= 0 && o !== undefined && j0 >= 0 && isFormula(oldRows[o][j0] ?? "", f0)) {
        // The user typed a formula into one of our columns: it stays (and its number format), the source's value is
        // reported instead of written.
        row[c] = f0;
        fmt[c] = newFormats[n]?.[k];
        canonicalFormulaCols.add(c);
        if (!sameCell(storedValue(oldRows[o][j0] ?? ""), storedValue(written[k]))) {
          keptFormulas.push({ key: "", field: headers[c], formula: String(f0), source: written[k] });
        }
      } else if (k >= 0) {
        row[c] = written[k];
        fmt[c] = newFormats[n]?.[k];
      } else if (o !== undefined && existing) {
        const j = oldCol(headers[c]);
        row[c] = j >= 0 ? userCell(oldRows[o][j] ?? "", existing.formulasR1C1[o]?.[j] ?? "") : "";
        fmt[c] = j >= 0 ? existing.numberFormats?.[o]?.[j] : undefined;
      } else {
        row[c] = fillFormula.get(c) ?? "";
        const j = oldCol(headers[c]);
        fmt[c] = j >= 0 ? existing?.numberFormats?.[0]?.[j] : undefined; // a new row takes the column's first format
      }
    });
    rows.push(row);
    formats.push(fmt);
    const label = displayKey(newStored[n]);
    for (const kf of keptFormulas) if (kf.key === "") kf.key = label;
    if (o === undefined) {
      counts.added++;
      changes.push({ action: "added", key: label, field: "", old: "", new: "" });
      return;
    }
    used.add(o);
    let changed = false;
    headers.forEach((h, c) => {
      if (!comparable[c]) return;
      const k = canonical[c];
      if (typeof row[c] === "string" && isFormula(oldRows[o][oldCol(h)] ?? "", row[c])) return; // the user's formula, kept
      const before = oldCanon[o][k];
      const after = newStored[n][k];
      if (!sameCell(before, after)) {
        changed = true;
        changes.push({
          action: "changed",
          key: label,
          field: h,
          old: displayValue(spec.columns[k], before, date1904),
          new: displayValue(spec.columns[k], after, date1904),
        });
      }
    });
    if (changed) counts.updated++;
    else counts.unchanged++;
  });

  // Old rows not matched: archived when they were records; rows without a key but with user content stay.
  const archived: { key: string; values: Cell[] }[] = [];
  oldRows.forEach((row, i) => {
    if (used.has(i)) return;
    if (oldKeys[i] === "") {
      if (isBlankRow(row)) return;
      // A row the user typed without a key: not a source record, so it stays in the table, after the records.
      rows.push(
        headers.map((h) => {
          const j = oldCol(h);
          if (j < 0) return "";
          return userCell(row[j] ?? "", existing!.formulasR1C1[i]?.[j] ?? "");
        }),
      );
      formats.push(
        headers.map((h, c) => {
          const j = oldCol(h);
          return j >= 0 && canonical[c] < 0 ? existing!.numberFormats?.[i]?.[j] : undefined;
        }),
      );
      return;
    }
    const stored = headers.map((h) => {
      const j = oldCol(h);
      return j >= 0 ? (row[j] ?? "") : "";
    });
    const label = displayKey(oldCanon[i]);
    archived.push({ key: label, values: stored });
    counts.archived++;
    changes.push({ action: "archived", key: label, field: "", old: "", new: "" });
  });

  for (const c of canonicalFormulaCols) if (!formulaColumns.includes(c)) formulaColumns.push(c);
  return { headers, canonical, rows, formats, formulaColumns, keptFormulas, archived, changes, counts };
}

function isBlankRow(row: Cell[]): boolean {
  return row.every((v) => v === "" || v === null || v === undefined);
}
