/**
 * Canonical records → Excel cell values and number formats, and back to display text for the change log.
 * Pure: no Office.js. Rules:
 * - dates are written as Excel serials with format "yyyy-mm-dd" (of the workbook's date system: 1,462 days fewer in
 *   the 1904 system, see date-system.ts); a month-precision date ("2025-03") is the 1st of the month, "yyyy-mm";
 * - amounts (亿元) get "0.00", counts/years/months "0";
 * - booleans (省外资金) are TRUE/FALSE cells (the briefing's formulas test them with TRUE());
 * - metrics are written by their Chinese name (签约金额), as the Targets/Figures tables are read back;
 * - every text cell of every sheet the add-in writes goes through `textCell` (see there).
 */
import type { ColumnSpec, ColumnType, SheetSpec } from "../core/columns";
import { fromExcelSerial, parseIsoDate, toExcelSerial, toIsoDate } from "../core/dates";
import { metricInfo } from "../core/model";
import type { DatasetKind, ImportResult } from "../import/types";
import { DATE_SYSTEM_OFFSET, fromSerial1900, to1900Serial } from "./date-system";

/** A cell as Range.values holds it; "" is blank. */
export type Cell = string | number | boolean;

export const FORMATS = {
  amount: "0.00",
  count: "0",
  date: "yyyy-mm-dd",
  month: "yyyy-mm",
  percent: "0.00%",
  text: "General",
  timestamp: "yyyy-mm-dd hh:mm",
} as const;

/**
 * Whether text is provably inert: Excel keeps it as typed in any locale. It starts with a letter (so with no
 * formula trigger = + - @, no apostrophe, no space, tab or line break that an importer or Excel might trim in front
 * of one), holds no digit of any script (so it cannot be a number, date, time, fraction, currency, percentage or
 * serial — full-width digits included), and is not a boolean in any width. Everything else is not provably inert.
 */
export function isInertText(s: string): boolean {
  if (s.length === 0) return true;
  if (!LETTER_FIRST.test(s) || ANY_DIGIT.test(s)) return false;
  if (s.length <= 8 && /^(true|false)$/i.test(s.normalize("NFKC").trim())) return false;
  return true;
}

const LETTER_FIRST = /^\p{L}/u;
const ANY_DIGIT = /\p{N}/u;

/**
 * THE text-cell rule: the string to write to `Range.values`/`formulas` so that the cell holds exactly `s` as text.
 * Every text cell of every sheet the add-in writes (dataset tables, archive, change log, source notes, the briefing
 * sheet, the issues sheet) is written through this function.
 *
 * Why an apostrophe for anything not provably inert, rather than the Text number format "@": `Range.values` parses a
 * string as typing does (a leading = + - is a formula, says the doc comment of Range.values; numbers, dates, times,
 * fractions, currency and booleans are converted, in the user's locale for some forms: OfficeDev/office-js#1559,
 * #3775). The apostrophe is Excel's prefix character: the cell keeps the rest as text and the apostrophe is not part
 * of its value (OfficeDev/office-js#6687). It travels with the value itself, so it holds whatever format a user gave
 * the column, in tables whose new rows inherit formats, and after copyFrom; "@" would need a second, separately
 * synced format write per cell, and would turn what users later type into those cells (their own formulas) into
 * text. Protecting every non-inert string costs one character and never changes a value, so no list of dangerous
 * forms (which differs by locale and Excel version) has to be complete.
 */
export function textCell(s: string): string {
  if (s.length > MAX_TEXT_CELL) s = fitCell(s);
  return isInertText(s) ? s : `'${s}`;
}

/** Excel's limit on a cell's characters (specifications and limits: 32,767); the prefix apostrophe is not part of the value. */
export const MAX_TEXT_CELL = 32767;

/** Marker ending text cut to fit one cell. */
export const TRUNCATED_MARK = "…（超过 32,767 字，已截断 / truncated at 32,767 characters）";

/**
 * Text the add-in composes (a briefing line over hundreds of regions, an issue quoting a huge column title) can
 * exceed what a cell holds, and Excel refuses the whole write. It is cut to fit, never in the middle of a surrogate
 * pair, and ends with TRUNCATED_MARK so that the cut shows. (Imported cells never get here: the importer rejects a
 * cell over the limit, cell_too_long.)
 */
export function fitCell(s: string, max = MAX_TEXT_CELL): string {
  if (s.length <= max) return s;
  let end = max - TRUNCATED_MARK.length;
  const c = s.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return s.slice(0, end) + TRUNCATED_MARK;
}

/** The stored value a written cell will have (what reading Range.values returns): the text prefix removed. */
export function storedValue(written: Cell): Cell {
  return typeof written === "string" && written.startsWith("'") ? written.slice(1) : written;
}

/**
 * ISO date or month → serial and format; null when the text is not one (or, in a 1904-system workbook, when the
 * date is before 1904-01-01, which that system cannot hold).
 */
export function dateCell(iso: string, date1904 = false): { value: number; format: string } | null {
  const inSystem = (serial: number) =>
    date1904 ? (serial >= DATE_SYSTEM_OFFSET ? fromSerial1900(serial, true) : null) : serial;
  const full = parseIsoDate(iso);
  if (full) {
    const v = inSystem(toExcelSerial(full));
    return v === null ? null : { value: v, format: FORMATS.date };
  }
  const m = /^\s*(\d{4})-(\d{1,2})\s*$/.exec(iso);
  if (m && +m[2] >= 1 && +m[2] <= 12 && +m[1] >= 1900) {
    const v = inSystem(toExcelSerial({ year: +m[1], month: +m[2], day: 1 }));
    return v === null ? null : { value: v, format: FORMATS.month };
  }
  return null;
}

export function formatFor(type: ColumnType): string {
  switch (type) {
    case "amount":
      return FORMATS.amount;
    case "count":
    case "year":
    case "month":
      return FORMATS.count;
    case "date":
      return FORMATS.date;
    default:
      return FORMATS.text;
  }
}

/**
 * One field's value as a cell to write, and its number format when it differs from the column's. `date1904`: the
 * workbook's date system (dates become serials of that system).
 */
export function toCell(col: ColumnSpec, value: unknown, date1904 = false): { cell: Cell; format?: string } {
  if (value === null || value === undefined || value === "") return { cell: "" };
  switch (col.type) {
    case "date": {
      if (typeof value === "string") {
        const d = dateCell(value, date1904);
        if (d) return d.format === FORMATS.date ? { cell: d.value } : { cell: d.value, format: d.format };
        return { cell: textCell(value), format: FORMATS.text };
      }
      return typeof value === "number" ? { cell: value } : { cell: textCell(String(value)), format: FORMATS.text };
    }
    case "amount":
    case "count":
    case "year":
    case "month":
      if (typeof value === "number" && Number.isFinite(value)) return { cell: value };
      return { cell: textCell(String(value)), format: FORMATS.text };
    case "boolean":
      return typeof value === "boolean" ? { cell: value } : { cell: textCell(String(value)) };
    case "metric": {
      const info = metricInfo(value);
      return { cell: textCell(info ? info.zh : String(value)) };
    }
    default:
      // A list (a region's 别名) is written as reports write lists: 、 between items (the importer splits on it).
      return { cell: textCell(Array.isArray(value) ? value.join("、") : String(value)) };
  }
}

/** The records of a result, by kind (read field by field: see fieldOf). */
export function recordsOf(result: ImportResult, kind: DatasetKind = result.kind): readonly object[] {
  switch (kind) {
    case "ledger":
      return result.records;
    case "funds":
      return result.funds;
    case "targets":
      return result.targets;
    case "figures":
      return result.figures;
    case "regions":
      return result.regions ?? [];
  }
}

/** A record's value of a canonical field (a column spec names the field; the record may not have it). */
function fieldOf(rec: object, field: string): unknown {
  return (rec as Record<string, unknown>)[field];
}

/** Rows of written cells (canonical column order) and the per-cell formats that differ from the column's. */
export function recordsToRows(
  spec: SheetSpec,
  records: readonly object[],
  date1904 = false,
): { rows: Cell[][]; formats: (string | undefined)[][] } {
  const rows: Cell[][] = new Array(records.length);
  const formats: (string | undefined)[][] = new Array(records.length);
  for (let i = 0; i < records.length; i++) {
    const rec = records[i];
    const row: Cell[] = new Array(spec.columns.length);
    const fmt: (string | undefined)[] = new Array(spec.columns.length);
    spec.columns.forEach((col, c) => {
      const { cell, format } = toCell(col, fieldOf(rec, col.field), date1904);
      row[c] = cell;
      fmt[c] = format;
    });
    rows[i] = row;
    formats[i] = fmt;
  }
  return { rows, formats };
}

/** A stored cell as the change log shows it: dates as ISO text, amounts as numbers, booleans as 是/否. */
export function displayValue(col: ColumnSpec | undefined, v: Cell, date1904 = false): Cell {
  if (v === "" || v === null || v === undefined) return "";
  if (col?.type === "date" && typeof v === "number") {
    const d = fromExcelSerial(to1900Serial(v, date1904));
    return d ? toIsoDate(d) : v;
  }
  if (typeof v === "boolean") return v ? "是" : "否";
  return v;
}

/** Whether two stored cells are the same value (numbers to 1e-9 relative, so float noise is not a change). */
export function sameCell(a: Cell, b: Cell): boolean {
  if (a === b) return true;
  if (typeof a === "number" && typeof b === "number")
    return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  return false;
}

// ----------------------------------------------------------------------------------------------- payload sizing

/** UTF-8 bytes of a string. */
export function utf8Bytes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Bytes a row takes in a request's JSON (values array). */
export function rowBytes(row: readonly unknown[]): number {
  let n = 2 + Math.max(0, row.length - 1);
  for (const v of row) {
    if (typeof v === "string") n += utf8Bytes(JSON.stringify(v));
    else if (v === null || v === undefined) n += 4;
    else n += String(v).length;
  }
  return n;
}

/**
 * Split rows into consecutive chunks whose JSON stays within `budget` bytes (a single larger row is its own chunk).
 * Returns [start, end) pairs.
 */
export function chunkRows(sizes: readonly number[], budget: number): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  let acc = 0;
  for (let i = 0; i < sizes.length; i++) {
    if (i > start && acc + sizes[i] > budget) {
      out.push([start, i]);
      start = i;
      acc = 0;
    }
    acc += sizes[i];
  }
  if (sizes.length > start) out.push([start, sizes.length]);
  return out;
}
