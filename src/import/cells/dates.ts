/**
 * Date cells and the year and month of a period: ISO and Chinese forms, Excel serials, exceljs Dates, quarter words.
 * Text that holds more than one day is refused, never read as its first date.
 */
import { daysInMonth, fromExcelSerial, isValidDate, toIsoDate } from "../../core/dates";
import { dateFromJsDate, fold, PhantomDate, PLACEHOLDER, type Cell } from "./cell";

/** Hot path of parseDate: an exact, valid "YYYY-MM-DD" string is its own ISO value. */
export function isIsoDay(v: Cell): v is string {
  if (typeof v !== "string" || v.length !== 10 || v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45) return false;
  for (const i of [0, 1, 2, 3, 5, 6, 8, 9]) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  const y =
    (v.charCodeAt(0) - 48) * 1000 + (v.charCodeAt(1) - 48) * 100 + (v.charCodeAt(2) - 48) * 10 + (v.charCodeAt(3) - 48);
  const m = (v.charCodeAt(5) - 48) * 10 + (v.charCodeAt(6) - 48);
  const d = (v.charCodeAt(8) - 48) * 10 + (v.charCodeAt(9) - 48);
  return y >= 1900 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

export type DateResult =
  { ok: true; value: string; note?: "serial_text" } | { ok: false; reason?: "phantom" | "trailing" } | null;

/** Excel serials accepted as dates: 10000 (1927-05-18) .. 2958465 (9999-12-31); smaller numbers are years or ids, not dates. */
const MIN_SERIAL = 10000;

function serialDate(n: number): string | null {
  if (n < MIN_SERIAL) return null;
  const d = fromExcelSerial(n);
  return d ? toIsoDate(d) : null;
}

function ymd(y: number, m: number, d: number): string | null {
  return isValidDate(y, m, d) ? toIsoDate({ year: y, month: m, day: d }) : null;
}

function ym(y: number, m: number): string | null {
  return y >= 1900 && y <= 9999 && m >= 1 && m <= 12
    ? `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}`
    : null;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_FULL = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?(.*)$/s;
/** What may follow a date: a time of day (08:30, T08:30:00, 08:30:00.000Z). Anything else is text after the date. */
const TIME_AFTER = /^T?\s*([01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;
const DATE_MONTH = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?(?:份)?$/;
const DATE_COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const SERIAL_TEXT = /^\d{5}(?:\.\d+)?$/;

/**
 * A date as ISO text: 2025-02-19, 2025/2/19, 2025.02.19, 2025年2月19日, 20250219, an Excel serial, a JS Date (exceljs);
 * month precision "2025年2月" / "2025-02" gives "2025-02".
 */
export function parseDate(v: Cell): DateResult {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) {
    const s = dateFromJsDate(v);
    return s ? { ok: true, value: s } : { ok: false };
  }
  if (v instanceof PhantomDate) return { ok: false, reason: "phantom" };
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return { ok: false };
    if (Number.isInteger(v) && v >= 19000101 && v <= 99991231) {
      const s = ymd(Math.floor(v / 10000), Math.floor(v / 100) % 100, v % 100);
      return s ? { ok: true, value: s } : { ok: false };
    }
    const s = serialDate(v);
    return s ? { ok: true, value: s } : { ok: false };
  }
  if (typeof v !== "string") return { ok: false };
  const s = fold(v).trim();
  if (s === "") return null;
  // Fast path: ISO.
  if (s.length === 10 && s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45 && ISO_DAY.test(s)) {
    const y = Number(s.slice(0, 4));
    const m = Number(s.slice(5, 7));
    const d = Number(s.slice(8, 10));
    if (y >= 1900 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m)) return { ok: true, value: s };
  }
  if (PLACEHOLDER.test(s)) return null;
  let m = DATE_FULL.exec(s);
  if (m) {
    // "2025-03-31 至 2025-06-30", "2025/3/31 取消": not one day; never read as the first date silently.
    if (m[4] !== "" && !TIME_AFTER.test(m[4])) return { ok: false, reason: "trailing" };
    const r = ymd(+m[1], +m[2], +m[3]);
    return r ? { ok: true, value: r } : { ok: false };
  }
  m = DATE_MONTH.exec(s);
  if (m) {
    const r = ym(+m[1], +m[2]);
    return r ? { ok: true, value: r } : { ok: false };
  }
  m = DATE_COMPACT.exec(s);
  if (m) {
    const r = ymd(+m[1], +m[2], +m[3]);
    return r ? { ok: true, value: r } : { ok: false };
  }
  if (SERIAL_TEXT.test(s)) {
    const r = serialDate(Number(s));
    return r ? { ok: true, value: r, note: "serial_text" } : { ok: false };
  }
  return { ok: false };
}

/** A year: 2025, "2025", "2025年". */
export function parseYear(v: Cell): { ok: true; value: number } | { ok: false } | null {
  if (v === null || v === undefined) return null;
  let n: number;
  if (typeof v === "number") n = v;
  else if (typeof v === "string") {
    const s = fold(v).replace(/\s+/g, "");
    if (s === "") return null;
    const m = /^(\d{4})(?:年度?)?$/.exec(s);
    if (!m) return { ok: false };
    n = Number(m[1]);
  } else return { ok: false };
  return Number.isInteger(n) && n >= 1900 && n <= 9999 ? { ok: true, value: n } : { ok: false };
}

// Every lookup table keyed by cell text is a Map: a plain object would answer "constructor", "__proto__" or
// "toString" with what Object.prototype holds (test/hardening/lookups.test.ts).
const QUARTER_WORDS = new Map<string, number>(
  Object.entries({
    一季度: 3,
    第一季度: 3,
    一季: 3,
    q1: 3,
    上半年: 6,
    h1: 6,
    前三季度: 9,
    三季度: 9,
    第三季度: 9,
    q3: 9,
    二季度: 6,
    第二季度: 6,
    q2: 6,
    四季度: 12,
    第四季度: 12,
    q4: 12,
    全年: 12,
    年度: 12,
    下半年: 12,
    fy: 12,
  }),
);

/**
 * Through-month of a year-to-date figure: 3, "3", "3月", "1-3月", "一季度", "上半年", "全年". 0 is how the model writes
 * "no month" (a figure that is not year-to-date), so it reads back as blank.
 */
export function parseMonth(v: Cell): { ok: true; value: number } | { ok: false } | null {
  if (v === null || v === undefined || v === 0 || v === "0") return null;
  let n: number;
  if (typeof v === "number") n = v;
  else if (typeof v === "string") {
    const s = fold(v).replace(/\s+/g, "").toLowerCase();
    if (s === "") return null;
    const q = QUARTER_WORDS.get(s);
    if (q !== undefined) return { ok: true, value: q };
    const m = /^(?:1[-—–~至到])?(\d{1,2})(?:月份?|月末|月底)?$/.exec(s);
    if (!m) return { ok: false };
    n = Number(m[1]);
  } else return { ok: false };
  return Number.isInteger(n) && n >= 1 && n <= 12 ? { ok: true, value: n } : { ok: false };
}
