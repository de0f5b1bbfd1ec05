/** A1-style column names, shared by the sheet writer, the importer's messages, the simulated host and the preview. */

/** 0 → "A", 25 → "Z", 26 → "AA", 16383 → "XFD". */
export function columnLetters(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** "A" → 0, "xfd" → 16383 (case-insensitive). */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/**
 * A sheet name as the prefix of an address or a formula reference: quoted when Excel needs it (anything but a plain
 * name), or always when `always` is set (formulas written for several spreadsheet programs); an apostrophe doubled.
 */
export function quoteSheet(name: string, always = false): string {
  if (!always && /^[A-Za-z_\u3400-\u9fff][\w.\u3400-\u9fff]*$/.test(name)) return name;
  return `'${name.replace(/'/g, "''")}'`;
}
