/**
 * Counting a worksheet's XML as it streams by (xlsx-guard.ts): rows, cells and the furthest row and column, from the
 * start tags alone, in any XML spelling, without building a document. A cell reference the counter cannot read is
 * refused (UnreadableReference) rather than guessed at.
 */

/**
 * A part read as a worksheet. exceljs strips one leading "/" and then matches xl/worksheets/sheetN.xml anywhere in
 * the name (unanchored): the guard counts every part whose name, slashes normalised, holds xl/worksheets/….xml, so
 * no spelling of the name exceljs reads can pass uncounted (counting a part it would not read is merely cautious).
 */
const WORKSHEET = /xl\/+worksheets\/+[^/]*\.xml/i;
export const isWorksheet = (name: string) => WORKSHEET.test(name.replace(/\\/g, "/"));

/** Counts rows, cells and the furthest row and column of worksheet XML streaming by in pieces. */
export class SheetCounter {
  rows = 0;
  cells = 0;
  lastColumn = 0;
  lastRow = 0;
  private carry = "";
  private readonly decoder = new TextDecoder();
  /** The column of the last cell seen in the current row: a cell without r="…" follows it (ECMA-376 18.3.1.4). */
  private column = 0;
  private row = 0;
  // Any XML spelling of the start tag: a namespace prefix (<x:c>), whitespace, either quote, spaces around "=".
  private static readonly TAG = /<(?:[A-Za-z_][\w.-]*:)?(c|row)(?=[\s/>])([^>]*)>?/g;
  private static readonly REF = /(?:^|\s)r\s*=\s*(?:"([^"]*)"|'([^']*)')/;

  feed(chunk: Uint8Array, last: boolean): void {
    const text = this.carry + this.decoder.decode(chunk, { stream: !last });
    // Keep an unfinished tag for the next piece (tags here are short; 4 KiB is ample).
    const lt = text.lastIndexOf("<");
    const cut = !last && lt >= 0 && text.indexOf(">", lt) < 0 && text.length - lt < 4096 ? lt : text.length;
    this.carry = text.slice(cut);
    const body = text.slice(0, cut);
    SheetCounter.TAG.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = SheetCounter.TAG.exec(body)) !== null) {
      const a = SheetCounter.REF.exec(m[2]);
      const ref = a ? xmlEntities(a[1] ?? a[2] ?? "").trim() : "";
      const r = /^\$?([A-Za-z]*)\$?(\d*)$/.exec(ref);
      if (!r) throw new UnreadableReference(ref);
      if (m[1] === "row") {
        this.rows++;
        this.row = r[2] ? Number(r[2]) : this.row + 1;
        this.column = 0;
        this.lastRow = Math.max(this.lastRow, this.row);
      } else {
        this.cells++;
        // A reference the guard cannot read is refused rather than guessed at.
        this.column = r[1] ? columnNumber(r[1]) : this.column + 1;
        this.lastColumn = Math.max(this.lastColumn, this.column);
      }
    }
  }
}

/** A cell or row reference the guard cannot read: refused rather than guessed at. */
export class UnreadableReference extends Error {
  constructor(readonly ref: string) {
    super(`cell reference "${ref.slice(0, 40)}" not understood`);
  }
}

/** The five predefined XML entities and character references (r="&#88;FD3" is r="XFD3"). */
function xmlEntities(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(
    /&(?:#x([0-9A-Fa-f]+)|#(\d+)|(amp|lt|gt|quot|apos));/g,
    (_, hex: string, dec: string, name: string) =>
      hex || dec
        ? String.fromCodePoint(Math.min(parseInt(hex || dec, hex ? 16 : 10), 0x10ffff))
        : ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" } as Record<string, string>)[name],
  );
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}
