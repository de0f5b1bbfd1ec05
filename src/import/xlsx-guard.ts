/**
 * Bounds for .xlsx files, checked BEFORE exceljs sees them. exceljs (through JSZip) inflates every part of the
 * workbook into memory and builds an object per cell: a 400 KB file that expands to 400 MB took 3 GB, a 16 MB file
 * of two million rows ran Node out of heap (exit 134), a sparse sheet reaching column XFD took minutes. Measured here:
 * exceljs needs about twelve times a sheet's XML in memory (62 MB of XML, 100,000 rows × 15 columns: 760 MB, 15 s).
 *
 * So, in this order, each step cheap and in bounded memory:
 * 1. the zip's central directory (PKWARE APPNOTE 4.3.12, 4.3.16, ZIP64 4.3.14/4.5.3) gives every part's declared
 *    sizes: too many parts, too many bytes in all, or an encrypted or unknown compression → refused at once;
 * 2. every part is inflated as a stream (the platform's DecompressionStream, nothing kept): a part that inflates to
 *    more than it declared (a lying bomb) is refused as soon as it passes its declared size;
 * 3. while the worksheets stream by, their rows, cells and the last column are counted: more than XLSX_LIMITS
 *    allows → refused with a message saying which limit and to save the sheet as CSV.
 * JSZip checks declared sizes too, but only after inflating a whole part into memory, which is the bomb.
 */
import { ImportError, throwIfAborted } from "./errors";

/** Documented limits (docs/import.md "Limits"): a workbook beyond any of them is refused before it is read. */
export const XLSX_LIMITS = {
  /** Parts (files) in the zip. */
  maxParts: 10_000,
  /** All parts together, uncompressed. */
  maxUncompressedBytes: 100 * 1024 * 1024,
  /** Rows that hold anything, all worksheets together. */
  maxRows: 200_000,
  /** Cells written in the worksheets (`<c>` elements), all worksheets together. */
  maxCells: 3_000_000,
  /** The last column any cell reaches (1,000 = ALL). */
  maxColumns: 1_000,
} as const;

export interface XlsxStats {
  parts: number;
  uncompressedBytes: number;
  rows: number;
  cells: number;
  lastColumn: number;
  lastRow: number;
}

interface Entry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

const u16 = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8);
const u32 = (b: Uint8Array, o: number) => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
const u64 = (b: Uint8Array, o: number) => u32(b, o) + u32(b, o + 4) * 2 ** 32;

function refuse(fileName: string, zh: string, en: string): never {
  throw new ImportError(
    "TOO_LARGE",
    `工作簿「${fileName}」${zh}，为防止耗尽内存，未读取。请在 Excel 中删去多余的工作表、行和列，或把台账另存为 CSV（UTF-8）后导入（CSV 可达 1,048,576 行）。`,
    `The workbook "${fileName}" ${en}; it was not read, so as not to run out of memory. Delete surplus sheets, rows and columns in Excel, or save the ledger as CSV (UTF-8) and import that (CSV takes up to 1,048,576 rows).`,
  );
}

function damaged(fileName: string, detail: string): never {
  throw new ImportError(
    "XLSX_UNREADABLE",
    `无法打开工作簿「${fileName}」（${detail}）。文件可能已损坏或不是 .xlsx 格式；请在 Excel 中打开后另存为 .xlsx 或 CSV 再导入。`,
    `Cannot open the workbook "${fileName}" (${detail}). It may be damaged or not .xlsx; open it in Excel, save as .xlsx or CSV, and import again.`,
  );
}

/** The central directory: every part's name, method and sizes (ZIP64 fields where the 32-bit ones overflow). */
function centralDirectory(b: Uint8Array, fileName: string): Entry[] {
  // End of central directory: 22 bytes plus a comment of at most 65,535.
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 65535); i--) {
    if (u32(b, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) damaged(fileName, "no zip directory");
  let count = u16(b, eocd + 10);
  let cdSize = u32(b, eocd + 12);
  let cdOffset = u32(b, eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || u32(b, loc) !== 0x07064b50) damaged(fileName, "ZIP64 locator missing");
    const z = u64(b, loc + 8);
    if (z + 56 > b.length || u32(b, z) !== 0x06064b50) damaged(fileName, "ZIP64 directory missing");
    count = u64(b, z + 32);
    cdSize = u64(b, z + 40);
    cdOffset = u64(b, z + 48);
  }
  if (count > XLSX_LIMITS.maxParts)
    refuse(
      fileName,
      `有 ${count} 个组成部分（上限 ${XLSX_LIMITS.maxParts}）`,
      `has ${count} parts (limit ${XLSX_LIMITS.maxParts})`,
    );
  if (cdOffset + cdSize > b.length) damaged(fileName, "zip directory outside the file");
  const entries: Entry[] = [];
  let p = cdOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > b.length || u32(b, p) !== 0x02014b50) damaged(fileName, "bad zip directory entry");
    const nameLen = u16(b, p + 28);
    const extraLen = u16(b, p + 30);
    const commentLen = u16(b, p + 32);
    const e: Entry = {
      name: new TextDecoder().decode(b.subarray(p + 46, p + 46 + nameLen)),
      flags: u16(b, p + 8),
      method: u16(b, p + 10),
      compressedSize: u32(b, p + 20),
      uncompressedSize: u32(b, p + 24),
      localOffset: u32(b, p + 42),
    };
    // ZIP64 extended information (header 0x0001): the 64-bit values of the fields that hold 0xFFFFFFFF, in order.
    let x = p + 46 + nameLen;
    const xEnd = x + extraLen;
    while (x + 4 <= xEnd) {
      const id = u16(b, x);
      const size = u16(b, x + 2);
      if (id === 0x0001) {
        let q = x + 4;
        if (e.uncompressedSize === 0xffffffff) {
          e.uncompressedSize = u64(b, q);
          q += 8;
        }
        if (e.compressedSize === 0xffffffff) {
          e.compressedSize = u64(b, q);
          q += 8;
        }
        if (e.localOffset === 0xffffffff) e.localOffset = u64(b, q);
      }
      x += 4 + size;
    }
    entries.push(e);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** The compressed bytes of a part (after its local header). */
function partData(b: Uint8Array, e: Entry, fileName: string): Uint8Array {
  const o = e.localOffset;
  if (o + 30 > b.length || u32(b, o) !== 0x04034b50) damaged(fileName, `bad local header of ${e.name}`);
  const start = o + 30 + u16(b, o + 26) + u16(b, o + 28);
  if (start + e.compressedSize > b.length) damaged(fileName, `${e.name} is cut short`);
  return b.subarray(start, start + e.compressedSize);
}

/**
 * A part read as a worksheet. exceljs strips one leading "/" and then matches xl/worksheets/sheetN.xml anywhere in
 * the name (unanchored): the guard counts every part whose name, slashes normalised, holds xl/worksheets/….xml, so
 * no spelling of the name exceljs reads can pass uncounted (counting a part it would not read is merely cautious).
 */
const WORKSHEET = /xl\/+worksheets\/+[^/]*\.xml/i;
const isWorksheet = (name: string) => WORKSHEET.test(name.replace(/\\/g, "/"));

/** Counts rows, cells and the furthest row and column of worksheet XML streaming by in pieces. */
class SheetCounter {
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
class UnreadableReference extends Error {
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

/** Inflate `data` as a stream, never keeping more than a chunk; refuse once it passes `declared` bytes. */
async function inflateBounded(
  data: Uint8Array,
  declared: number,
  onChunk: (chunk: Uint8Array) => void,
  tooBig: () => never,
): Promise<number> {
  let total = 0;
  const ds = new DecompressionStream("deflate-raw");
  const writer = ds.writable.getWriter();
  const reader = ds.readable.getReader();
  const write = (async () => {
    for (let off = 0; off < data.length; off += 65536)
      await writer.write(data.subarray(off, off + 65536) as Uint8Array<ArrayBuffer>);
    await writer.close();
  })().catch(() => undefined); // a cancelled or failing stream surfaces through the reader
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      total += value.length;
      // Stop the stream before throwing: the writer waits on a reader that would never read again.
      try {
        if (total > declared) tooBig();
        onChunk(value);
      } catch (e) {
        await reader.cancel().catch(() => undefined);
        throw e;
      }
    }
  } finally {
    await write;
  }
  return total;
}

function hasDeflateRaw(): boolean {
  try {
    if (typeof DecompressionStream !== "function") return false;
    new DecompressionStream("deflate-raw"); // throws where the format is not supported
    return true;
  } catch {
    return false;
  }
}

/**
 * Check an .xlsx against XLSX_LIMITS in bounded memory; throws ImportError TOO_LARGE (or XLSX_UNREADABLE for a
 * damaged zip) and returns what it counted otherwise. Where the platform has no raw-deflate stream (very old
 * browsers), only the declared sizes are checked.
 */
export async function guardXlsx(bytes: Uint8Array, fileName: string, signal?: AbortSignal): Promise<XlsxStats> {
  const entries = centralDirectory(bytes, fileName);
  const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
  let declared = 0;
  for (const e of entries) {
    if (e.flags & 1) damaged(fileName, "encrypted parts: remove the password in Excel");
    if (e.method !== 0 && e.method !== 8) damaged(fileName, `unsupported compression ${e.method} in ${e.name}`);
    declared += e.uncompressedSize;
  }
  const limit = XLSX_LIMITS.maxUncompressedBytes;
  if (declared > limit)
    refuse(
      fileName,
      `解压后有 ${mb(declared)}（上限 ${mb(limit)}）`,
      `expands to ${mb(declared)} (limit ${mb(limit)})`,
    );
  const counter = new SheetCounter();
  const check = () => {
    if (counter.rows > XLSX_LIMITS.maxRows)
      refuse(
        fileName,
        `有超过 ${XLSX_LIMITS.maxRows} 行（上限）`,
        `has more than ${XLSX_LIMITS.maxRows} rows (the limit)`,
      );
    if (counter.cells > XLSX_LIMITS.maxCells)
      refuse(
        fileName,
        `有超过 ${XLSX_LIMITS.maxCells} 个单元格（上限）`,
        `has more than ${XLSX_LIMITS.maxCells} cells (the limit)`,
      );
    if (counter.lastColumn > XLSX_LIMITS.maxColumns) {
      refuse(
        fileName,
        `有内容一直到第 ${counter.lastColumn} 列（上限 ${XLSX_LIMITS.maxColumns} 列）`,
        `has content as far as column ${counter.lastColumn} (limit ${XLSX_LIMITS.maxColumns})`,
      );
    }
    if (counter.lastRow > 1_048_576)
      refuse(
        fileName,
        `有超过 Excel 上限 1,048,576 的行号 ${counter.lastRow}`,
        `has row ${counter.lastRow}, beyond Excel's 1,048,576`,
      );
  };
  const feed = (c: SheetCounter, chunk: Uint8Array, last: boolean, part: string) => {
    try {
      c.feed(chunk, last);
    } catch (err) {
      if (err instanceof UnreadableReference) damaged(fileName, `${part}: ${err.message}`);
      throw err;
    }
  };
  if (!hasDeflateRaw())
    return { parts: entries.length, uncompressedBytes: declared, rows: 0, cells: 0, lastColumn: 0, lastRow: 0 };
  let actual = 0;
  for (const e of entries) {
    throwIfAborted(signal);
    const data = partData(bytes, e, fileName);
    const sheet = isWorksheet(e.name);
    const lie = (): never =>
      refuse(
        fileName,
        `的「${e.name}」解压后比它声明的 ${e.uncompressedSize} 字节更大（可能是“压缩炸弹”）`,
        `part "${e.name}" inflates beyond the ${e.uncompressedSize} bytes it declares (a zip bomb?)`,
      );
    if (e.method === 0) {
      if (data.length !== e.uncompressedSize) lie();
      if (sheet) {
        feed(counter, data, true, e.name);
        check();
      }
      actual += data.length;
      continue;
    }
    let n: number;
    try {
      n = await inflateBounded(
        data,
        e.uncompressedSize,
        (chunk) => {
          if (sheet) {
            feed(counter, chunk, false, e.name);
            check();
          }
        },
        lie,
      );
    } catch (err) {
      if (err instanceof ImportError) throw err;
      damaged(fileName, `${e.name}: ${err instanceof Error ? err.message.slice(0, 80) : String(err)}`);
    }
    if (sheet) {
      feed(counter, new Uint8Array(0), true, e.name);
      check();
    }
    actual += n;
  }
  return {
    parts: entries.length,
    uncompressedBytes: actual,
    rows: counter.rows,
    cells: counter.cells,
    lastColumn: counter.lastColumn,
    lastRow: counter.lastRow,
  };
}
