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
 * The zip is read by xlsx-zip.ts, the worksheets counted by xlsx-sheet-counter.ts; the limits and refusals are here.
 */
import { ImportError, throwIfAborted } from "./errors";
import { isWorksheet, SheetCounter, UnreadableReference } from "./xlsx-sheet-counter";
import { hasDeflateRaw, inflateBounded, partData, zipDirectory, zipEntries, type ZipEntry } from "./xlsx-zip";

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

/**
 * Check an .xlsx against XLSX_LIMITS in bounded memory; throws ImportError TOO_LARGE (or XLSX_UNREADABLE for a
 * damaged zip) and returns what it counted otherwise. Where the platform has no raw-deflate stream (very old
 * browsers), only the declared sizes are checked.
 */
export async function guardXlsx(bytes: Uint8Array, fileName: string, signal?: AbortSignal): Promise<XlsxStats> {
  const fail = (detail: string): never => damaged(fileName, detail);
  const dir = zipDirectory(bytes, fail);
  if (dir.count > XLSX_LIMITS.maxParts)
    refuse(
      fileName,
      `有 ${dir.count} 个组成部分（上限 ${XLSX_LIMITS.maxParts}）`,
      `has ${dir.count} parts (limit ${XLSX_LIMITS.maxParts})`,
    );
  const entries = zipEntries(bytes, dir, fail);
  const declared = declaredSize(entries, fileName);
  if (!hasDeflateRaw())
    return { parts: entries.length, uncompressedBytes: declared, rows: 0, cells: 0, lastColumn: 0, lastRow: 0 };
  const counter = new SheetCounter();
  let actual = 0;
  for (const e of entries) {
    throwIfAborted(signal);
    actual += await inflatePart(bytes, e, counter, fileName);
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

/** All parts' declared sizes together; refused when any part is encrypted or compressed in a way exceljs cannot read. */
function declaredSize(entries: readonly ZipEntry[], fileName: string): number {
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
  return declared;
}

/**
 * Inflate one part as a stream (stored parts as they are), counting it when it is a worksheet; refused as soon as
 * it passes its declared size or the counts pass a limit. Returns its inflated size.
 */
async function inflatePart(bytes: Uint8Array, e: ZipEntry, counter: SheetCounter, fileName: string): Promise<number> {
  const data = partData(bytes, e, (detail) => damaged(fileName, detail));
  const sheet = isWorksheet(e.name);
  const lie = (): never =>
    refuse(
      fileName,
      `的「${e.name}」解压后比它声明的 ${e.uncompressedSize} 字节更大（可能是“压缩炸弹”）`,
      `part "${e.name}" inflates beyond the ${e.uncompressedSize} bytes it declares (a zip bomb?)`,
    );
  const count = (chunk: Uint8Array, last: boolean) => {
    if (!sheet) return;
    feed(counter, chunk, last, e.name, fileName);
    checkCounts(counter, fileName);
  };
  if (e.method === 0) {
    if (data.length !== e.uncompressedSize) lie();
    count(data, true);
    return data.length;
  }
  let n: number;
  try {
    n = await inflateBounded(data, e.uncompressedSize, (chunk) => count(chunk, false), lie);
  } catch (err) {
    if (err instanceof ImportError) throw err;
    damaged(fileName, `${e.name}: ${err instanceof Error ? err.message.slice(0, 80) : String(err)}`);
  }
  count(new Uint8Array(0), true);
  return n;
}

/** Feed a worksheet's piece to the counter; a reference it cannot read makes the workbook damaged. */
function feed(counter: SheetCounter, chunk: Uint8Array, last: boolean, part: string, fileName: string): void {
  try {
    counter.feed(chunk, last);
  } catch (err) {
    if (err instanceof UnreadableReference) damaged(fileName, `${part}: ${err.message}`);
    throw err;
  }
}

/** Refuse the workbook once the worksheets counted so far pass a limit. */
function checkCounts(counter: SheetCounter, fileName: string): void {
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
}
