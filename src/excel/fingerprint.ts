/**
 * What a write left in the workbook, small enough for the undo record: per column of the data table a hash of its
 * cells, and for the archive and the change log a hash of the rows the write appended. Undo compares the workbook
 * with it and refuses (saying what changed) rather than throw away what the user did after the write. Pure.
 *
 * A cell counts by its stored value (text, number to 15 significant digits as Excel keeps them, boolean, blank) or,
 * for a formula cell, only as "a formula": the text Excel gives back for a formula may be normalised, and its value
 * follows the data. Number formats, fills and column widths are not compared (undo puts back number formats only).
 */
import type { Cell } from "./values";

/** A table as the write left it: headers, data rows, one hash per column. */
export interface TablePrint {
  headers: string[];
  rows: number;
  cols: string[];
}

/** Rows a write appended to a table: the table's row count afterwards, where the block starts, its hash. */
export interface BlockPrint {
  headers: string[];
  rows: number;
  from: number;
  hash: string;
}

const FORMULA = "\u0192";

/** The compared form of one cell. */
export function cellKey(v: Cell | null | undefined, isFormula: boolean): string {
  if (isFormula) return FORMULA;
  if (v === null || v === undefined || v === "") return "";
  if (typeof v === "number") return `n${Number.isFinite(v) ? Number(v.toPrecision(15)) : v}`;
  if (typeof v === "boolean") return v ? "T" : "F";
  return `s${v}`;
}

/**
 * Two 32-bit lanes over UTF-16 code units (FNV-1a, and a multiply-by-31 hash), 16 hex digits. Multiplications are
 * written as shifts: Math.imul is slow in some sandboxes (jest's vm context), and this runs over every cell.
 */
export class Hasher {
  private a = 0x811c9dc5 | 0;
  private b = 0x5bd1e995 | 0;
  update(s: string): this {
    let a = this.a;
    let b = this.b;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      a ^= c;
      a = (a + (a << 1) + (a << 4) + (a << 7) + (a << 8) + (a << 24)) | 0;
      b = ((b << 5) - b + c) | 0;
    }
    // A separator no cell text can hold, so ["ab",""] and ["a","b"] differ.
    a ^= 0xffff;
    a = (a + (a << 1) + (a << 4) + (a << 7) + (a << 8) + (a << 24)) | 0;
    b = ((b << 5) - b + 0xfffe) | 0;
    this.a = a;
    this.b = b;
    return this;
  }
  digest(): string {
    return (this.a >>> 0).toString(16).padStart(8, "0") + (this.b >>> 0).toString(16).padStart(8, "0");
  }
}

/** A table's print from its headers and body; `formula(r, c)` says whether a cell holds a formula. */
export function printTable(
  headers: readonly string[],
  body: readonly (readonly Cell[])[],
  formula: (r: number, c: number) => boolean,
): TablePrint {
  const hashers = headers.map(() => new Hasher());
  body.forEach((row, r) => hashers.forEach((h, c) => h.update(cellKey(row[c], formula(r, c)))));
  return { headers: [...headers], rows: body.length, cols: hashers.map((h) => h.digest()) };
}

/** The print of rows [from, from + block.length) of a table with `rows` rows afterwards. */
export function printBlock(
  headers: readonly string[],
  rows: number,
  from: number,
  block: readonly (readonly Cell[])[],
  formula: (r: number, c: number) => boolean,
): BlockPrint {
  const h = new Hasher();
  block.forEach((row, r) => headers.forEach((_, c) => h.update(cellKey(row[c], formula(r, c)))));
  return { headers: [...headers], rows, from, hash: h.digest() };
}

/** A change found by comparing prints, in both languages. */
export interface PrintChange {
  zh: string;
  en: string;
}

/** What differs between the table as the write left it and as it is now. */
export function diffTable(table: string, was: TablePrint, now: TablePrint): PrintChange[] {
  const out: PrintChange[] = [];
  const added = now.headers.filter((h) => !was.headers.includes(h));
  const removed = was.headers.filter((h) => !now.headers.includes(h));
  if (added.length)
    out.push({
      zh: `表格“${table}”新增了列 ${added.map((h) => `“${h}”`).join("、")}`,
      en: `the table "${table}" has new column(s) ${added.map((h) => `"${h}"`).join(", ")}`,
    });
  if (removed.length)
    out.push({
      zh: `表格“${table}”的列 ${removed.map((h) => `“${h}”`).join("、")} 已删除或改名`,
      en: `column(s) ${removed.map((h) => `"${h}"`).join(", ")} of "${table}" were deleted or renamed`,
    });
  if (!added.length && !removed.length && was.headers.join("\u0001") !== now.headers.join("\u0001")) {
    out.push({ zh: `表格“${table}”的列顺序变了`, en: `the columns of "${table}" were reordered` });
  }
  if (was.rows !== now.rows)
    out.push({
      zh: `表格“${table}”的行数从 ${was.rows} 变为 ${now.rows}`,
      en: `"${table}" went from ${was.rows} to ${now.rows} rows`,
    });
  else {
    const changed = was.headers.filter((h, i) => {
      const j = now.headers.indexOf(h);
      return j >= 0 && now.cols[j] !== was.cols[i];
    });
    if (changed.length)
      out.push({
        zh: `表格“${table}”的列 ${changed.map((h) => `“${h}”`).join("、")} 中有单元格被修改`,
        en: `cells in column(s) ${changed.map((h) => `"${h}"`).join(", ")} of "${table}" were edited`,
      });
  }
  return out;
}

/** What differs in the appended block of a table. */
export function diffBlock(table: string, was: BlockPrint, now: BlockPrint): PrintChange[] {
  if (was.headers.join("\u0001") !== now.headers.join("\u0001"))
    return [{ zh: `表格“${table}”的列变了`, en: `the columns of "${table}" changed` }];
  if (was.rows !== now.rows)
    return [
      {
        zh: `表格“${table}”的行数从 ${was.rows} 变为 ${now.rows}`,
        en: `"${table}" went from ${was.rows} to ${now.rows} rows`,
      },
    ];
  if (was.hash !== now.hash)
    return [
      {
        zh: `表格“${table}”中这次写入的行被修改或移动`,
        en: `the rows this write added to "${table}" were edited or moved`,
      },
    ];
  return [];
}
