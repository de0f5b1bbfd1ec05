/**
 * Number cells: amounts of money (returned in 亿元, whatever unit the column or the cell gives) and counts of
 * projects. Written numbers are read as people write them in 台账: units, thousands separators, 约/余 and placeholders.
 */
import { detectUnit, type MoneyUnit } from "../units";
import { fold, PLACEHOLDER, type Cell } from "./cell";

export type AmountResult =
  | { ok: true; value: number; approximate: boolean }
  | { ok: false; reason: "invalid" | "negative" | "unit_mismatch" }
  | null; // blank

const PLAIN_NUMBER = /^\d+(?:\.\d+)?$/;
const AMOUNT_RE =
  /^(约合|大约|超过|约|近|超|逾|达)?([-+]?)(\d+(?:\.\d*)?|\.\d+)(?:e([-+]?\d+))?(余|多)?(千万元|百万元|千元|万元|亿元|千万|百万|万|亿|元)?$/i;

/**
 * Whitespace out of a number's text: between two digits it is a thousands separator (12 345) and must group as a comma
 * does ("12 34" stays unreadable), elsewhere it goes ("3500 万元").
 */
function squeeze(s: string): string {
  return s.replace(/(\d)[\s\u3000]+(?=\d)/g, "$1,").replace(/[\s\u3000]+/g, "");
}

/**
 * Remove clean-cut thousands separators (1,234,567.8) from the number at the start of the text; leave anything else
 * alone so that it fails: "1,234.5,678" or "1,23" are not numbers (the number must not run on into more digits,
 * commas or points).
 */
export function stripThousands(s: string): string {
  const m = /^[-+]?\d{1,3}(?:,\d{3})+(?:\.\d*)?(?![\d,.])/.exec(s);
  return m ? m[0].replace(/,/g, "") + s.slice(m[0].length) : s;
}

/**
 * An amount, returned in 亿元. `unit` is the column's unit (header, unit column or a "单位：万元" line), default 亿元;
 * a unit written in the cell ("3500万元", "1.2亿") wins. Negative amounts are refused.
 */
export function parseAmount(v: Cell, unit: MoneyUnit = "亿元"): AmountResult {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return { ok: false, reason: "invalid" };
    if (v < 0) return { ok: false, reason: "negative" };
    return { ok: true, value: toYi(v, unit), approximate: false };
  }
  if (typeof v !== "string") return { ok: false, reason: "invalid" };
  let s = v.trim();
  if (s === "") return null;
  if (PLAIN_NUMBER.test(s)) {
    const n = Number(s);
    return Number.isFinite(n)
      ? { ok: true, value: toYi(n, unit), approximate: false }
      : { ok: false, reason: "invalid" };
  }
  s = squeeze(fold(s));
  if (s === "") return null;
  if (PLACEHOLDER.test(s)) return null;
  s = s.replace(/^[¥￥]|^(rmb|cny)/i, "").replace(/(rmb|cny|yuan)$/i, "");
  let negative = false;
  const paren = /^\((.*)\)$/.exec(s);
  if (paren) {
    negative = true;
    s = paren[1];
  }
  s = stripThousands(s);
  const m = AMOUNT_RE.exec(s);
  if (!m) return { ok: false, reason: "invalid" };
  const n = Number(m[3] + (m[4] ? `e${m[4]}` : ""));
  if (!Number.isFinite(n)) return { ok: false, reason: "invalid" };
  if (negative || (m[2] === "-" && n !== 0)) return { ok: false, reason: "negative" };
  const cellUnit = m[6] ? (detectUnit(m[6]) as MoneyUnit | null) : null;
  // Shift the decimal exponent instead of dividing: "3500万" → 3500e-4 → 0.35 exactly as if written in 亿元.
  const value = Number(`${m[3]}e${(m[4] ? Number(m[4]) : 0) - UNIT_POW[cellUnit ?? unit]}`);
  if (!Number.isFinite(value)) return { ok: false, reason: "invalid" };
  return { ok: true, value, approximate: Boolean(m[1] || m[5]) };
}

/**
 * A number in `unit` as 亿元: the decimal point shifted on the number's shortest decimal form (String(n) round-trips),
 * so 1234.567890123456 万元 from a JSON number or an xlsx cell is the same double as the text "1234.567890123456" in a
 * CSV (parseAmount and fastAmount shift the exponent of the text the same way). No rounding to fewer digits.
 */
function toYi(n: number, unit: MoneyUnit): number {
  const pow = UNIT_POW[unit];
  if (pow === 0) return n;
  const s = String(n);
  const e = s.indexOf("e");
  return e < 0 ? Number(`${s}e-${pow}`) : Number(`${s.slice(0, e)}e${Number(s.slice(e + 1)) - pow}`);
}

/**
 * Hot path of parseAmount for the common cell: plain digits ("3500", "12.5") or a finite number ≥ 0. Returns the value
 * in 亿元, or NaN when the cell needs the full parser (units, separators, signs, blanks…). No allocation.
 */
export function fastAmount(v: Cell, unit: MoneyUnit): number {
  if (typeof v === "number") return Number.isFinite(v) && v >= 0 ? toYi(v, unit) : NaN;
  if (typeof v !== "string" || v.length === 0 || v.length > 20) return NaN;
  let dot = -1;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 46) {
      if (dot >= 0 || i === 0 || i === v.length - 1) return NaN;
      dot = i;
    } else if (c < 48 || c > 57) return NaN;
  }
  // "4999.5" 万元 → Number("4999.5e-4"): the double nearest the exact decimal, in one parse.
  return unit === "亿元" ? Number(v) : Number(v + UNIT_EXP[unit]);
}

const UNIT_EXP: Record<MoneyUnit, string> = {
  元: "e-8",
  千元: "e-5",
  万元: "e-4",
  百万元: "e-2",
  千万元: "e-1",
  亿元: "",
};
const UNIT_POW: Record<MoneyUnit, number> = { 元: 8, 千元: 5, 万元: 4, 百万元: 2, 千万元: 1, 亿元: 0 };

export type CountResult =
  { ok: true; value: number } | { ok: false; reason: "invalid" | "negative" | "fraction" } | null;

/** A count of projects: a whole number ≥ 0, optionally with 个/项/家. */
export function parseCount(v: Cell): CountResult {
  if (v === null || v === undefined) return null;
  let n: number;
  if (typeof v === "number") n = v;
  else if (typeof v === "string") {
    let s = squeeze(fold(v));
    if (s === "") return null;
    if (PLACEHOLDER.test(s)) return null;
    s = stripThousands(s.replace(/^(约|近|超|逾)/, "")).replace(/(余|多)?(个|项|家)$/, "");
    if (!/^[-+]?\d+(\.\d+)?$/.test(s)) return { ok: false, reason: "invalid" };
    n = Number(s);
  } else return { ok: false, reason: "invalid" };
  if (!Number.isFinite(n)) return { ok: false, reason: "invalid" };
  if (n < 0) return { ok: false, reason: "negative" };
  if (!Number.isInteger(n)) return { ok: false, reason: "fraction" };
  return { ok: true, value: n };
}
