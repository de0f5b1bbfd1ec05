/**
 * Reporting periods. A period is a span of whole months inside one year.
 *
 * Codes (case-insensitive, full-width characters folded):
 *   "2025"        the whole year             (Jan–Dec)
 *   "2025Q1"      a quarter                  (Jan–Mar)
 *   "2025H2"      a half year                (Jul–Dec)
 *   "2025M03"     one month                  (Mar)
 *   "2025Q2YTD"   year to date through Q2    (Jan–Jun); likewise "2025H1YTD", "2025M05YTD"
 * Chinese forms the reports use are accepted too: "2025年一季度", "2025年上半年", "2025年前三季度",
 * "2025年1-5月", "2025年5月", "2025年全年".
 */
import { CalendarDate, daysInMonth, isValidYear, toIsoDate } from "./dates";

export interface Period {
  year: number;
  /** First month, 1-12. */
  fromMonth: number;
  /** Last month, 1-12, inclusive. */
  toMonth: number;
  /** Normalised code, e.g. "2025Q1" or "2025Q2YTD". */
  code: string;
}

/** Chinese numerals of quarters (a Map: never an Object.prototype name by accident). */
const CN_DIGITS = new Map<string, number>([
  ["一", 1],
  ["二", 2],
  ["两", 2],
  ["三", 3],
  ["四", 4],
]);
const digit = (ch: string): number => CN_DIGITS.get(ch) ?? +ch;

function make(year: number, fromMonth: number, toMonth: number, code: string): Period {
  return { year, fromMonth, toMonth, code };
}

/**
 * Parse a period code; null when it is not one (the caller says what is expected). The year must be one Excel's dates
 * reach (1900–9999, as for a year given as a number and for every date): no date can fall in 0999Q1.
 */
export function parsePeriod(input: string): Period | null {
  if (typeof input !== "string" || input.length > 64) return null;
  const p = parseCode(input.normalize("NFKC").replace(/\s+/g, "").toUpperCase());
  return p && isValidYear(p.year) ? p : null;
}

function parseCode(text: string): Period | null {
  let m = /^(\d{4})$/.exec(text);
  if (m) return make(+m[1], 1, 12, m[1]);
  m = /^(\d{4})Q([1-4])(YTD)?$/.exec(text);
  if (m) {
    const q = +m[2];
    return m[3] ? make(+m[1], 1, q * 3, `${m[1]}Q${q}YTD`) : make(+m[1], q * 3 - 2, q * 3, `${m[1]}Q${q}`);
  }
  m = /^(\d{4})H([12])(YTD)?$/.exec(text);
  if (m) {
    const h = +m[2];
    return m[3] ? make(+m[1], 1, h * 6, `${m[1]}H${h}YTD`) : make(+m[1], h * 6 - 5, h * 6, `${m[1]}H${h}`);
  }
  m = /^(\d{4})M(\d{1,2})(YTD)?$/.exec(text);
  if (m && +m[2] >= 1 && +m[2] <= 12) {
    const mm = String(+m[2]).padStart(2, "0");
    return m[3] ? make(+m[1], 1, +m[2], `${m[1]}M${mm}YTD`) : make(+m[1], +m[2], +m[2], `${m[1]}M${mm}`);
  }
  return parseChinesePeriod(text);
}

function parseChinesePeriod(text: string): Period | null {
  let m = /^(\d{4})年?(全年)?$/.exec(text);
  if (m && m[2]) return make(+m[1], 1, 12, m[1]);
  m = /^(\d{4})年?(?:第)?([一二三四1-4])季度$/.exec(text);
  if (m) {
    const q = digit(m[2]);
    return make(+m[1], q * 3 - 2, q * 3, `${m[1]}Q${q}`);
  }
  m = /^(\d{4})年?前([二三两2-3])季度$/.exec(text);
  if (m) {
    const q = digit(m[2]);
    return make(+m[1], 1, q * 3, `${m[1]}Q${q}YTD`);
  }
  m = /^(\d{4})年?([上下])半年$/.exec(text);
  if (m) return m[2] === "上" ? make(+m[1], 1, 6, `${m[1]}H1`) : make(+m[1], 7, 12, `${m[1]}H2`);
  m = /^(\d{4})年?(\d{1,2})[-—–~至到](\d{1,2})月$/.exec(text);
  if (m && +m[2] >= 1 && +m[3] <= 12 && +m[2] <= +m[3]) {
    const [from, to] = [+m[2], +m[3]];
    if (from === 1) return make(+m[1], 1, to, `${m[1]}M${String(to).padStart(2, "0")}YTD`);
    return make(+m[1], from, to, `${m[1]}M${String(from).padStart(2, "0")}-M${String(to).padStart(2, "0")}`);
  }
  m = /^(\d{4})年(\d{1,2})月$/.exec(text);
  if (m && +m[2] >= 1 && +m[2] <= 12) return make(+m[1], +m[2], +m[2], `${m[1]}M${String(+m[2]).padStart(2, "0")}`);
  return null;
}

/** Year to date through the end of the given period (what every 成绩单 reports). */
export function yearToDate(p: Period): Period {
  if (p.fromMonth === 1) return p;
  const q = p.toMonth % 3 === 0 ? `Q${p.toMonth / 3}` : `M${String(p.toMonth).padStart(2, "0")}`;
  return make(p.year, 1, p.toMonth, `${p.year}${q}YTD`);
}

/** The same span one year earlier (同期). */
export function samePeriodLastYear(p: Period): Period {
  return { ...p, year: p.year - 1, code: p.code.replace(/^\d{4}/, String(p.year - 1)) };
}

export function periodStart(p: Period): CalendarDate {
  return { year: p.year, month: p.fromMonth, day: 1 };
}

export function periodEnd(p: Period): CalendarDate {
  return { year: p.year, month: p.toMonth, day: daysInMonth(p.year, p.toMonth) };
}

/** Inclusive ISO bounds, e.g. ["2025-01-01", "2025-03-31"]. */
export function periodBounds(p: Period): [string, string] {
  return [toIsoDate(periodStart(p)), toIsoDate(periodEnd(p))];
}

/** Whether a date falls in the period. */
export function periodContains(p: Period, d: CalendarDate): boolean {
  return d.year === p.year && d.month >= p.fromMonth && d.month <= p.toMonth;
}

/**
 * Whether an ISO date string (YYYY-MM-DD, or YYYY-MM for month precision) falls in the period.
 * Comparing the year and month prefix is enough because periods are whole months.
 */
export function periodContainsIso(p: Period, iso: string | null | undefined): boolean {
  if (!iso || iso.length < 7) return false;
  const year = Number(iso.slice(0, 4));
  const month = Number(iso.slice(5, 7));
  return year === p.year && month >= p.fromMonth && month <= p.toMonth;
}

const CN_QUARTERS = ["一", "二", "三", "四"];
const MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * How reports name a span of months (the glossary: 一季度, 上半年, 前三季度, 全年, 1-5月), without the year:
 * - from January (year to date): 1月, 一季度 (1–3), 上半年 (1–6), 前三季度 (1–9), 全年 (1–12), else 1-N月;
 * - a single quarter: 一季度 … 四季度; the second half: 下半年; one month: N月; any other span: N-M月.
 * A span names the months it covers, so 2025Q1 and 2025Q1YTD (both January–March) read the same: 一季度.
 */
export function periodLabelZh(p: Period): string {
  const { fromMonth: from, toMonth: to } = p;
  if (from === 1) {
    switch (to) {
      case 1:
        return "1月";
      case 3:
        return "一季度";
      case 6:
        return "上半年";
      case 9:
        return "前三季度";
      case 12:
        return "全年";
      default:
        return `1-${to}月`;
    }
  }
  if (to - from === 2 && to % 3 === 0) return `${CN_QUARTERS[to / 3 - 1]}季度`;
  if (from === 7 && to === 12) return "下半年";
  if (from === to) return `${to}月`;
  return `${from}-${to}月`;
}

/** The English name of the same spans, one for one with {@link periodLabelZh}: Q1 2025 … Q4 2025, H1/H2 2025,
 * Q1-Q3 2025, full year 2025, Mar 2025, Jan-May 2025. */
export function periodLabelEn(p: Period): string {
  const { fromMonth: from, toMonth: to, year } = p;
  if (from === 1 && to === 12) return `full year ${year}`;
  if (from === 1 && to === 6) return `H1 ${year}`;
  if (from === 7 && to === 12) return `H2 ${year}`;
  if (from === 1 && to === 9) return `Q1-Q3 ${year}`;
  if (to - from === 2 && to % 3 === 0) return `Q${to / 3} ${year}`;
  return from === to ? `${MONTHS_EN[to - 1]} ${year}` : `${MONTHS_EN[from - 1]}-${MONTHS_EN[to - 1]} ${year}`;
}
