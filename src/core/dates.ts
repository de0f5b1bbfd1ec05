/**
 * Calendar helpers on plain (year, month, day) triples, so no time zone ever shifts a date.
 * Excel serial numbers use the 1900 date system, including its phantom 1900-02-29 (serial 60).
 */

export interface CalendarDate {
  year: number;
  month: number; // 1-12
  day: number; // 1-31
}

const MS_PER_DAY = 86_400_000;
/** Serial 25569 is 1970-01-01 in Excel's 1900 system (valid for serials after the 1900 leap bug). */
const UNIX_EPOCH_SERIAL = 25569;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month (1-12). A table, not a Date: the importer calls it for every date cell. */
export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1];
}

export function daysInYear(year: number): number {
  return isLeapYear(year) ? 366 : 365;
}

/** 1-based day of the year. */
export function dayOfYear(d: CalendarDate): number {
  return Math.round((Date.UTC(d.year, d.month - 1, d.day) - Date.UTC(d.year, 0, 1)) / MS_PER_DAY) + 1;
}

/** The years Excel's dates cover (1900 system: 1900-01-01 … 9999-12-31). Periods and text dates use the same range. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 9999;

export function isValidYear(year: number): boolean {
  return Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR;
}

export function isValidDate(year: number, month: number, day: number): boolean {
  return (
    isValidYear(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/** Excel serial (whole part) to a calendar date; null outside Excel's range 1..2958465 or at the phantom 1900-02-29. */
export function fromExcelSerial(serial: number): CalendarDate | null {
  if (typeof serial !== "number" || !Number.isFinite(serial) || serial < 1 || serial >= 2958466) return null;
  const whole = Math.floor(serial);
  if (whole === 60) return null; // 1900-02-29 does not exist
  const adjusted = whole < 60 ? whole + 1 : whole; // serials before the phantom day are one day early
  const d = new Date((adjusted - UNIX_EPOCH_SERIAL) * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function toExcelSerial(d: CalendarDate): number {
  const serial = Date.UTC(d.year, d.month - 1, d.day) / MS_PER_DAY + UNIX_EPOCH_SERIAL;
  return serial < 61 ? serial - 1 : serial;
}

export function toIsoDate(d: CalendarDate): string {
  return `${String(d.year).padStart(4, "0")}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;
}

/** Strict ISO "YYYY-MM-DD" (an optional time part is ignored). */
export function parseIsoDate(text: string): CalendarDate | null {
  const m = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?\s*$/.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isValidDate(year, month, day) ? { year, month, day } : null;
}

/**
 * A date written as text, the ONE reader of date text for the functions (as_of_date, ledger dates, date criteria):
 * ISO "2025-02-19" (a time part after T or a space is ignored), "2025/2/19", "2025.02.19", "2025年2月19日", and month
 * precision "2025-02", "2025/2", "2025.2", "2025年2月". Full-width digits and punctuation ("２０２５－０２－１９") are
 * folded first ({@link foldWidth}), as every numeric text is. `monthOnly` says the day was not written; the caller decides what a
 * month means (the end of a reporting month for as_of_date, the whole month for a criterion).
 * The importer (src/import/values.ts parseDate) folds the same way and reads the same forms, plus a few that
 * only files carry (20250219, serials as text).
 */
export interface DateText {
  /** The date; for month precision, the first day of the month. */
  date: CalendarDate;
  monthOnly: boolean;
}

const DAY_TEXT = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[T ][\d:.]+Z?)?$/;
const MONTH_TEXT = /^(\d{4})[-/.年](\d{1,2})月?$/;

/** Full-width forms (U+FF01–FF5E), the ideographic space and the no-break space: what Chinese input methods type. */
const WIDE = /[\uFF01-\uFF5E\u3000\u00A0]/;

/**
 * Fold full-width digits, letters and punctuation to ASCII (NFKC), only when the text has any — the importer's rule
 * (src/import/values.ts): "２０２５－０３" → "2025-03". Text without them is returned as it is, which keeps the
 * common case fast and leaves other compatibility characters alone ("1²" does not become 12).
 */
export function foldWidth(text: string): string {
  return WIDE.test(text) ? text.normalize("NFKC") : text;
}

export function parseDateText(text: string): DateText | null {
  if (typeof text !== "string" || text.length > 64) return null;
  const t = foldWidth(text).trim();
  let m = DAY_TEXT.exec(t);
  if (m) {
    const [year, month, day] = [+m[1], +m[2], +m[3]];
    return isValidDate(year, month, day) ? { date: { year, month, day }, monthOnly: false } : null;
  }
  m = MONTH_TEXT.exec(t);
  if (m) {
    const [year, month] = [+m[1], +m[2]];
    return isValidDate(year, month, 1) ? { date: { year, month, day: 1 }, monthOnly: true } : null;
  }
  return null;
}

/**
 * A date given as an Excel serial (1900 system) or as text ({@link parseDateText}). A month-precision text
 * "2025-03" means the LAST day of that month (the end of a reporting month: as_of_date, a ledger date to the month).
 */
export function coerceDate(value: unknown): CalendarDate | null {
  if (typeof value === "number") return fromExcelSerial(value);
  if (typeof value !== "string") return null;
  const d = parseDateText(value);
  if (!d) return null;
  return d.monthOnly ? { ...d.date, day: daysInMonth(d.date.year, d.date.month) } : d.date;
}

/**
 * A serial of the workbook as a date: `offset` is what turns it into a 1900-system serial (1462 in a 1904 workbook).
 * Nothing precedes serial 0 in either system, so a negative serial is no date (in the 1904 system it would otherwise
 * land in 1900–1903); 0 itself is 1904-01-01 there and "1900-01-00" (no date) in the 1900 system.
 */
export function workbookSerialDate(serial: number, offset = 0): CalendarDate | null {
  if (!(serial >= 0)) return null;
  return fromExcelSerial(serial + offset);
}

/** Compare two dates: negative, zero or positive. */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/**
 * The canonical model's numeric form of a date (ProjectRecord.signed_ymd, started_ymd): the integer YYYYMMDD, or
 * YYYYMM00 for a month-precision "YYYY-MM". It says exactly what the ISO text says, sorts as the dates do, and is read
 * without parsing text (the briefing's month: ymdMonthKey). Null when the text is not canonical ISO (the importer
 * writes only canonical ISO text: "YYYY-MM-DD" or "YYYY-MM", zero-padded).
 */
export function ymdFromIso(iso: string | null | undefined): number | null {
  if (typeof iso !== "string" || (iso.length !== 10 && iso.length !== 7) || iso.charCodeAt(4) !== 45) return null;
  let n = 0;
  for (let i = 0; i < iso.length; i++) {
    if (i === 4 || i === 7) {
      if (iso.charCodeAt(i) !== 45) return null;
      continue;
    }
    const d = iso.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return null;
    n = n * 10 + d;
  }
  return iso.length === 7 ? n * 100 : n;
}

/** The ISO text of a YYYYMMDD number ("YYYY-MM" when the day is 00): the inverse of ymdFromIso. */
export function isoFromYmd(ymd: number): string {
  const y = Math.floor(ymd / 10000);
  const m = Math.floor(ymd / 100) % 100;
  const d = ymd % 100;
  const mm = `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}`;
  return d === 0 ? mm : `${mm}-${String(d).padStart(2, "0")}`;
}

/** The month key year × 12 + month − 1 of a YYYYMMDD number (integer arithmetic only). */
export function ymdMonthKey(ymd: number): number {
  const ym = (ymd / 100) | 0;
  const y = (ym / 100) | 0;
  return y * 12 + (ym - y * 100) - 1;
}
