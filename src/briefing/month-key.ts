/**
 * Dates as month keys (year × 12 + month − 1), the one way every part of the briefing compares a date with the
 * period: read straight from the ISO text (or the importer's yyyymmdd number) without building a Date.
 */
import { ymdMonthKey } from "../core/dates";

/**
 * The month key (year × 12 + month − 1) of an ISO date "YYYY-MM-DD" or "YYYY-MM", read with charCodeAt (no
 * allocation: this runs once per date of every record); −1 when the text does not start with YYYY-MM.
 */
export function monthKey(d: string): number {
  // Past the end charCodeAt gives NaN, which fails every comparison the caller makes: no length check needed.
  if (d.charCodeAt(4) !== 45) return -1;
  const c0 = d.charCodeAt(0) - 48,
    c1 = d.charCodeAt(1) - 48,
    c2 = d.charCodeAt(2) - 48,
    c3 = d.charCodeAt(3) - 48;
  const c5 = d.charCodeAt(5) - 48,
    c6 = d.charCodeAt(6) - 48;
  // Digits only: as unsigned, anything outside 0..9 is > 9.
  if (c0 >>> 0 > 9 || c1 >>> 0 > 9 || c2 >>> 0 > 9 || c3 >>> 0 > 9 || c5 >>> 0 > 9 || c6 >>> 0 > 9) return -1;
  const m = c5 * 10 + c6;
  if (!(m >= 1 && m <= 12)) return -1; // also NaN (text shorter than YYYY-MM)
  return (c0 * 1000 + c1 * 100 + c2 * 10 + c3) * 12 + m - 1;
}

/** The month key of a record's date: the importer's yyyymmdd number, else the ISO text. */
export function recordMonthKey(d: string | number): number {
  return typeof d === "number" ? ymdMonthKey(d) : monthKey(d);
}
