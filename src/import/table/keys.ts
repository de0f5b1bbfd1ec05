/**
 * Keys for duplicate detection: two spellings of one id or scope ("qh-2025-001", "ＱＨ-2025-001 ") must meet.
 */

const NEEDS_FOLD = /[\s\uFF01-\uFF5E\u3000\u00A0]/;
const HAS_LOWER = /[a-z]/;

/**
 * Key for duplicate detection: NFKC, no whitespace, upper case ("qh-2025-001" repeats "QH-2025-001"). Ids are
 * usually upper case already, so the common key is the id string itself (no copy).
 */
export function normKey(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // Printable ASCII without lower case is already its own key (the common "QH-2025-001").
    if (c <= 0x20 || c >= 0x7f || (c >= 97 && c <= 122)) return foldKey(s);
  }
  return s;
}

function foldKey(s: string): string {
  if (NEEDS_FOLD.test(s)) s = s.normalize("NFKC").replace(/\s+/g, "");
  return HAS_LOWER.test(s) ? s.toUpperCase() : s;
}
