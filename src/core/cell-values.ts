/**
 * What a cell of a ledger range holds, as the period totals and their criteria read it: a value (number, text,
 * logical, blank) or an error value of the host, and numbers written as text. Pure TypeScript: error values of the host
 * (Excel's CustomFunctions.Error, HyperFormula's CellError, plain {code} objects) are recognised as "any non-null
 * object" and passed through untouched.
 */
import { foldWidth } from "./dates";

export type Cell = unknown;
export type CellGrid = readonly (readonly Cell[])[];

/** Any object in a cell is an error value of the host (strings, numbers, booleans and blanks are values). */
export function isErrorCell(v: Cell): boolean {
  return v !== null && typeof v === "object";
}

export function isBlank(v: Cell): boolean {
  return v === null || v === undefined || v === "";
}

/** Numeric text: optional sign; digits, grouped by thousands only in groups of three (1,234,567); decimals; exponent. */
const NUMERIC_TEXT = /^[+-]?(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

/**
 * A number written as text — the ONE rule for numeric text in the functions (arguments, amounts, criteria): optional
 * sign, thousands separators in groups of three ("1,234.5"; "1,5" and "1,0,0" are not numbers), decimals, an exponent
 * and a trailing %; full-width digits and punctuation are folded (foldWidth: "１，０００", "１２％"). Null when the text is
 * not a number, or its value is not finite.
 */
export function numberFromText(text: string): number | null {
  if (typeof text !== "string" || text.length > 400) return null;
  const t = foldWidth(text).trim();
  const pct = t.endsWith("%");
  const body = pct ? t.slice(0, -1) : t;
  if (!NUMERIC_TEXT.test(body)) return null;
  const n = Number(body.replace(/,/g, ""));
  if (!Number.isFinite(n)) return null;
  return pct ? n / 100 : n;
}
