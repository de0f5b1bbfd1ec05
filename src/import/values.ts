/**
 * Cell parsers. Each takes what a source gives (CSV text, JSON values, exceljs values, Range.values) and returns
 * a value in the canonical form or a failure reason; none throws. Messages are built by the caller (table.ts).
 */
import {
  INVESTOR_TYPES,
  METRIC_INFO,
  METRICS,
  STAGES,
  type InvestorType,
  type Metric,
  type Stage,
} from "../core/model";
import { daysInMonth, fromExcelSerial, isValidDate, toIsoDate } from "../core/dates";
import { detectUnit, type MoneyUnit, type Unit } from "./fields";

/** A cell as sources give it. exceljs objects (formula, rich text, hyperlink, error) are flattened by `plainCell`. */
export type Cell = unknown;

const FULLWIDTH = /[\uFF01-\uFF5E\u3000\u00A0]/;
/** Placeholders that mean "nothing here" in a numeric or date column. */
const PLACEHOLDER = /^(?:[-—–－/／\\]+|无|暂无|空|n\/?a|null|none|nil|未知|待定)$/i;

/** Excel's date serial 60: 1900-02-29, a day that does not exist (see xlsx.ts excelDate). */
export class PhantomDate {
  toString(): string {
    return "1900-02-29";
  }
  toJSON(): string {
    return "1900-02-29";
  }
}
export const PHANTOM_1900_02_29 = Object.freeze(new PhantomDate());

/**
 * The formula of an exceljs formula cell that has no cached value (a file written by a program that does not
 * calculate: its value is unknown until Excel recalculates it), else null.
 */
export function formulaWithoutValue(v: Cell): string | null {
  if (v === null || typeof v !== "object" || v instanceof Date) return null;
  const o = v as Record<string, unknown>;
  if (!("formula" in o || "sharedFormula" in o)) return null;
  if (o.result !== undefined && o.result !== null) return null;
  const f =
    typeof o.formula === "string"
      ? o.formula
      : typeof o.sharedFormula === "string"
        ? `(shared ${o.sharedFormula})`
        : "";
  return f.startsWith("=") ? f : `=${f}`;
}

/**
 * The error value an xlsx cell holds (an exceljs error cell, or a formula whose cached result is an error such as
 * #DIV/0!), else null. Such a cell holds no data: it must not become a name. Text that merely reads "#N/A" (a CSV)
 * is text; as a region it is rejected by the region rule (region_ambiguous).
 */
export function errorValue(v: Cell): string | null {
  if (v === null || typeof v !== "object" || v instanceof Date) return null;
  const o = v as Record<string, unknown>;
  if ("error" in o) return safeString(o.error);
  if ("result" in o && o.result !== null && typeof o.result === "object") return errorValue(o.result);
  return null;
}

/** Flatten an exceljs cell value to a plain value: formula → result, rich text → text, hyperlink → text, error → "#N/A". */
export function plainCell(v: Cell): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v !== "object" || v instanceof Date) return v;
  const o = v as Record<string, unknown>;
  if ("result" in o || "formula" in o || "sharedFormula" in o) return plainCell(o.result ?? null);
  if (Array.isArray(o.richText))
    return (o.richText as Array<{ text?: unknown }>).map((r) => safeString(r?.text ?? "")).join("");
  if ("text" in o && ("hyperlink" in o || typeof o.text === "string")) return plainCell(o.text);
  if ("error" in o) return safeString(o.error);
  return v;
}

/** True when a cell holds nothing (null, "", whitespace only). */
export function isBlank(v: Cell): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === "string") {
    if (v.length === 0) return true;
    const c = v.charCodeAt(0);
    if (c > 0x20 && c !== 0x3000 && c !== 0xfeff && c !== 0xa0 && c < 0x2000) return false;
    return /^[\s\u3000\uFEFF]*$/.test(v);
  }
  return false;
}

/** A cell as text for display in messages and for text fields (numbers as written, dates as ISO). */
export function cellText(v: Cell): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (v instanceof Date) {
    const d = dateFromJsDate(v);
    return d ?? "";
  }
  if (v instanceof PhantomDate) return v.toString();
  if (typeof v === "bigint") return v.toString();
  try {
    return JSON.stringify(v) ?? "";
  } catch {
    return safeString(v);
  }
}

/** String(v) for any value, including objects whose toString is broken or missing. */
export function safeString(v: unknown): string {
  try {
    return String(v);
  } catch {
    return Object.prototype.toString.call(v);
  }
}

/**
 * Text whose first visible character is a formula trigger (= + - @), possibly behind characters that a spreadsheet
 * or a trim would remove: ASCII and Unicode spaces (no-break U+00A0, ideographic U+3000…), tabs, line breaks, the
 * BOM and zero-width characters.
 */
const INJECTION_START = /^[\s\p{Zs}\u200B-\u200D\u2060\uFEFF]*[=+\-@＝＋－＠]/u;

/**
 * Text field value: trimmed, or null when blank. Text whose first visible character is =, +, -, @ (possibly behind
 * whitespace of any kind, see INJECTION_START) is kept verbatim, untrimmed: trimming would leave a bare trigger, and
 * what lands in the sheet must be exactly what the file held (the sheet writer writes it as text).
 */
function mayHideTrigger(c: number): boolean {
  return (
    c === 61 ||
    c === 43 ||
    c === 45 ||
    c === 64 ||
    c <= 0x20 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x206f) ||
    c === 0x3000 ||
    c === 0xfeff ||
    c === 0xff0b ||
    c === 0xff0d ||
    c === 0xff1d ||
    c === 0xff20
  );
}

export function parseText(v: Cell): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "string") {
    if (v.length === 0) return null;
    const c = v.charCodeAt(0);
    // Plain text starts with a character that is neither a trigger nor whitespace: the common case, no regex.
    if (mayHideTrigger(c) && INJECTION_START.test(v)) return v;
    const t = v.trim();
    return t.length === 0 ? null : t;
  }
  const t = cellText(v).trim();
  return t.length === 0 ? null : t;
}

function fold(s: string): string {
  return FULLWIDTH.test(s) ? s.normalize("NFKC") : s;
}

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

export type DateResult =
  { ok: true; value: string; note?: "serial_text" } | { ok: false; reason?: "phantom" | "trailing" } | null;

/** Excel serials accepted as dates: 10000 (1927-05-18) .. 2958465 (9999-12-31); smaller numbers are years or ids, not dates. */
const MIN_SERIAL = 10000;

function dateFromJsDate(d: Date): string | null {
  const t = d.getTime();
  if (!Number.isFinite(t)) return null;
  // exceljs gives dates as UTC midnight; round to the second to absorb float dust from serial conversion.
  const r = new Date(Math.round(t / 1000) * 1000);
  const y = r.getUTCFullYear();
  if (y < 1900 || y > 9999) return null;
  return toIsoDate({ year: y, month: r.getUTCMonth() + 1, day: r.getUTCDate() });
}

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

function key(s: string): string {
  return fold(s)
    .replace(/[\s\u3000]+/g, "")
    .toLowerCase();
}

const STAGE_SYNONYMS = new Map<string, Stage>();
for (const [stage, words] of Object.entries({
  在谈: [
    "在谈",
    "洽谈",
    "洽谈中",
    "在洽谈",
    "正在洽谈",
    "谈判",
    "谈判中",
    "在谈项目",
    "意向",
    "有意向",
    "意向项目",
    "对接",
    "对接中",
    "重点对接",
    "negotiating",
    "undernegotiation",
    "negotiation",
    "talks",
  ],
  签约: [
    "签约",
    "已签约",
    "签约落地",
    "已签",
    "签订",
    "已签订",
    "签署",
    "已签署",
    "协议签订",
    "合同签订",
    "正式签约",
    "新签约",
    "签约项目",
    "引进",
    "已引进",
    "signed",
    "contracted",
  ],
  开工: [
    "开工",
    "已开工",
    "开工建设",
    "在建",
    "建设中",
    "新开工",
    "续建",
    "动工",
    "已动工",
    "施工",
    "施工中",
    "开工项目",
    "started",
    "underconstruction",
    "construction",
  ],
  投产: [
    "投产",
    "已投产",
    "竣工投产",
    "建成投产",
    "竣工",
    "已竣工",
    "建成",
    "已建成",
    "投运",
    "投入运营",
    "运营",
    "试生产",
    "达产",
    "inproduction",
    "production",
    "operating",
    "completed",
  ],
} as Record<Stage, string[]>)) {
  for (const w of words) STAGE_SYNONYMS.set(key(w), stage as Stage);
}

/** Hot path of parseStage: the stage for an exact synonym as written, or undefined. */
export function fastStage(v: Cell): Stage | undefined {
  return typeof v === "string" ? STAGE_EXACT.get(v) : undefined;
}

const STAGE_EXACT = new Map<string, Stage>(STAGE_SYNONYMS);

export function parseStage(v: Cell): { ok: true; value: Stage } | { ok: false } | null {
  const t = parseText(v);
  if (t === null) return null;
  const s = STAGE_SYNONYMS.get(key(t));
  return s ? { ok: true, value: s } : { ok: false };
}

const INVESTOR_SYNONYMS = new Map<string, InvestorType>();
for (const [type, words] of Object.entries({
  世界500强: ["世界500强", "世界五百强", "世界500强企业", "财富500强", "fortune500", "global500", "世界500强投资"],
  中国500强: ["中国500强", "中国五百强", "中国企业500强", "中国500强企业", "china500"],
  央企: ["央企", "中央企业", "中央国有企业", "央属企业", "中央直属企业", "centralsoe", "soe", "centralstateowned"],
  民营500强: ["民营500强", "民营企业500强", "中国民营企业500强", "民企500强", "民营五百强", "privatetop500"],
  上市公司: ["上市公司", "上市企业", "上市", "listed", "listedcompany"],
  其他: ["其他", "其它", "其他企业", "other", "others"],
} as Record<InvestorType, string[]>)) {
  for (const w of words) INVESTOR_SYNONYMS.set(key(w), type as InvestorType);
}

export function parseInvestorType(v: Cell): { ok: true; value: InvestorType } | { ok: false } | null {
  const t = parseText(v);
  if (t === null) return null;
  const s = INVESTOR_SYNONYMS.get(key(t));
  return s ? { ok: true, value: s } : { ok: false };
}
export { INVESTOR_TYPES, STAGES };

const TRUE_WORDS = new Set(["是", "y", "yes", "true", "1", "省外", "√", "✓", "对", "t"]);
const FALSE_WORDS = new Set(["否", "n", "no", "false", "0", "省内", "境外", "国外", "港澳台", "×", "✗", "f", "不是"]);

/**
 * 省外资金 flag: 是/否, Y/N, true/false, 1/0, 省外 (true) / 省内, 境外, 港澳台 (false: the glossary counts them apart
 * from 省外资金). Blank is false.
 */
export function parseBoolean(v: Cell): { ok: true; value: boolean } | { ok: false } | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "boolean") return { ok: true, value: v };
  if (typeof v === "number") return v === 1 || v === 0 ? { ok: true, value: v === 1 } : { ok: false };
  const t = parseText(v);
  if (t === null) return null;
  const k = key(t);
  if (TRUE_WORDS.has(k)) return { ok: true, value: true };
  if (FALSE_WORDS.has(k)) return { ok: true, value: false };
  return { ok: false };
}

const METRIC_SYNONYMS = new Map<string, Metric>();
for (const m of METRICS) {
  METRIC_SYNONYMS.set(key(m), m);
  METRIC_SYNONYMS.set(key(METRIC_INFO[m].zh), m);
  METRIC_SYNONYMS.set(key(METRIC_INFO[m].en), m);
}
for (const [metric, words] of Object.entries({
  signed_projects: ["签约项目", "签约项目个数", "签约个数", "签约项目数量", "签约数"],
  signed_amount: ["签约额", "签约总额", "签约资金", "签约投资额", "合同金额"],
  funds_in_place: ["实际到位资金", "到位金额", "资金到位", "到位资金总额", "到位资金额"],
  funds_in_place_out_of_province: ["省外资金", "实际到位省外资金", "省外资金到位", "到位省外资金", "省外到位资金额"],
  projects_started: ["开工项目", "新开工项目数", "开工个数", "开工项目个数", "开工数"],
} as Record<Metric, string[]>)) {
  for (const w of words) METRIC_SYNONYMS.set(key(w), metric as Metric);
}

export function parseMetric(v: Cell): { ok: true; value: Metric } | { ok: false } | null {
  const t = parseText(v);
  if (t === null) return null;
  const m = METRIC_SYNONYMS.get(key(t));
  return m ? { ok: true, value: m } : { ok: false };
}

export function parseStatus(v: Cell): { ok: true; value: "采用" | "备选" } | { ok: false } | null {
  const t = parseText(v);
  if (t === null) return null;
  const k = key(t);
  if (["采用", "采纳", "使用", "adopted", "used", "primary"].includes(k)) return { ok: true, value: "采用" };
  if (["备选", "备用", "候选", "alternative", "alternate", "backup"].includes(k)) return { ok: true, value: "备选" };
  return { ok: false };
}

/** A unit cell (单位 column). */
export function parseUnit(v: Cell): Unit | null | "invalid" {
  const t = parseText(v);
  if (t === null) return null;
  return detectUnit(t) ?? "invalid";
}

export { daysInMonth };
