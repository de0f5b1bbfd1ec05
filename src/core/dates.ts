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

export function isValidDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) && Number.isInteger(month) && Number.isInteger(day) &&
    year >= 1900 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
  );
}

/** Excel serial (whole part) to a calendar date; null outside Excel's range 1..2958465 or at the phantom 1900-02-29. */
export function fromExcelSerial(serial: number): CalendarDate | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2958466) return null;
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
 * A date given as an Excel serial or ISO text (what custom functions and the briefing accept).
 * A month-precision ISO value "YYYY-MM" means the last day of that month (the end of a reporting month).
 */
export function coerceDate(value: unknown): CalendarDate | null {
  if (typeof value === "number") return fromExcelSerial(value);
  if (typeof value !== "string") return null;
  const full = parseIsoDate(value);
  if (full) return full;
  const ym = /^\s*(\d{4})-(\d{1,2})\s*$/.exec(value);
  if (ym) {
    const [year, month] = [Number(ym[1]), Number(ym[2])];
    if (month >= 1 && month <= 12 && year >= 1900) return { year, month, day: daysInMonth(year, month) };
  }
  return null;
}

/** Compare two dates: negative, zero or positive. */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}
