/**
 * Text cells: trimmed, except text that would start a formula once a spreadsheet or a trim removed what is in front
 * of its trigger; that text is kept verbatim so that what lands in the sheet is exactly what the file held.
 */
import { cellText, type Cell } from "./cell";

/**
 * Text whose first visible character is a formula trigger (= + - @), possibly behind characters that a spreadsheet
 * or a trim would remove: ASCII and Unicode spaces (no-break U+00A0, ideographic U+3000…), tabs, line breaks, the
 * BOM and zero-width characters.
 */
const INJECTION_START = /^[\s\p{Zs}\u200B-\u200D\u2060\uFEFF]*[=+\-@＝＋－＠]/u;

/** A first character that is a trigger or may hide one (whitespace of any kind): the cheap test before the regex. */
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

/**
 * Text field value: trimmed, or null when blank. Text whose first visible character is =, +, -, @ (possibly behind
 * whitespace of any kind, see INJECTION_START) is kept verbatim, untrimmed: trimming would leave a bare trigger, and
 * what lands in the sheet must be exactly what the file held (the sheet writer writes it as text).
 */
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
