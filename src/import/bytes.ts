/**
 * importBytes / importTable / importUrl without the bundled seeds (so Node code such as the CLI can use them
 * without a .csv loader). index.ts re-exports everything with loadSeeds.
 */
import { detectEncoding, importCsvBytes } from "./csv";
import { ImportError, isImportError } from "./errors";
import { importJsonValue, parseJsonText } from "./json";
import { TableEngine, type EngineOptions } from "./table";
import type { ImportOptions, ImportResult, ImportUrlOptions, SourceFormat } from "./types";
import { importUrlWith } from "./url";
import { importXlsxBytes } from "./xlsx";

/** Largest JSON file imported (it is parsed whole). */
export const MAX_JSON_BYTES = 256 * 1024 * 1024;

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  if (bytes.length < magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (bytes[i] !== magic[i]) return false;
  return true;
}

function extensionOf(name: string): string {
  return /\.([a-z0-9]+)(?:[?#].*)?$/i.exec(name.trim())?.[1]?.toLowerCase() ?? "";
}

/** The format of a source: magic bytes first (a workbook is a zip), then the file name, then the first character. */
export function detectFormat(bytes: Uint8Array, fileName: string): SourceFormat {
  const ext = extensionOf(fileName);
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return "xlsx";
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw new ImportError(
      "UNSUPPORTED_FORMAT",
      `「${fileName}」是旧版 Excel（.xls）或 WPS（.et）格式，不能直接读取。请在 Excel/WPS 中另存为 .xlsx 或 CSV（UTF-8）后再导入。`,
      `"${fileName}" is an old Excel (.xls) or WPS (.et) file, which cannot be read. Save it as .xlsx or CSV (UTF-8) in Excel/WPS and import again.`,
    );
  }
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) {
    throw new ImportError(
      "UNSUPPORTED_FORMAT",
      `「${fileName}」是 PDF 文件，不是表格。请导入 CSV、JSON 或 .xlsx。`,
      `"${fileName}" is a PDF, not a table. Import CSV, JSON or .xlsx.`,
    );
  }
  if (ext === "xls" || ext === "et") {
    throw new ImportError(
      "UNSUPPORTED_FORMAT",
      `不支持 .${ext} 文件。请另存为 .xlsx 或 CSV（UTF-8）后再导入。`,
      `.${ext} files are not supported. Save as .xlsx or CSV (UTF-8) and import again.`,
    );
  }
  if (ext === "json") return "json";
  if (ext === "xlsx" || ext === "xlsm") return "xlsx";
  if (ext === "csv" || ext === "tsv" || ext === "txt") return "csv";
  let i = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  return bytes[i] === 0x5b || bytes[i] === 0x7b ? "json" : "csv";
}

function isAbort(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { name?: string }).name === "AbortError";
}

/** Any failure that is not ours becomes an ImportError, so callers see ImportResult, ImportError or AbortError only. */
function wrap(e: unknown, fileName: string): never {
  if (isImportError(e) || isAbort(e)) throw e;
  const detail = e instanceof Error ? `${e.name}: ${e.message}`.slice(0, 200) : String(e).slice(0, 200);
  if (e instanceof RangeError && /memory|allocation|string length/i.test(detail)) {
    throw new ImportError(
      "TOO_LARGE",
      `「${fileName}」太大，超出了可用内存（${detail}）。请拆分文件后再导入。`,
      `"${fileName}" is too large for the available memory (${detail}). Split it and import again.`,
    );
  }
  throw new ImportError(
    "INTERNAL",
    `读取「${fileName}」时出现内部错误（${detail}）。请把文件发给维护人员。`,
    `Internal error while reading "${fileName}" (${detail}). Please send the file to the maintainers.`,
  );
}

/** Import a file's bytes: CSV (any delimiter, UTF-8 with/without BOM, GB18030/GBK), JSON, or .xlsx. */
export async function importBytes(bytes: Uint8Array, opts: ImportOptions): Promise<ImportResult> {
  const fileName = opts.fileName || "(未命名)";
  try {
    if (!(bytes instanceof Uint8Array))
      throw new ImportError("FILE_UNREADABLE", "没有收到文件内容。", "No file content was given.");
    if (bytes.length === 0)
      throw new ImportError("EMPTY", `「${fileName}」是空文件。`, `"${fileName}" is an empty file.`);
    const format = opts.format ?? detectFormat(bytes, fileName);
    if (format === "xlsx") return await importXlsxBytes(bytes, opts, fileName);
    if (format === "json") {
      // JSON is parsed whole (JSON.parse): bound it before it can take the memory of several copies of itself.
      if (bytes.length > MAX_JSON_BYTES) {
        throw new ImportError(
          "TOO_LARGE",
          `「${fileName}」有 ${Math.round(bytes.length / 1024 / 1024)} MB，JSON 文件最大 ${MAX_JSON_BYTES / 1024 / 1024} MB。请改用 CSV，或拆分文件。`,
          `"${fileName}" is ${Math.round(bytes.length / 1024 / 1024)} MB; JSON files are limited to ${MAX_JSON_BYTES / 1024 / 1024} MB. Use CSV, or split the file.`,
        );
      }
      const enc = opts.encoding ?? detectEncoding(bytes);
      let text: string;
      try {
        text = new TextDecoder(/^(gbk|gb2312|cp936)$/i.test(enc) ? "gb18030" : enc).decode(bytes);
      } catch {
        throw new ImportError("FILE_UNREADABLE", `不支持的文本编码“${enc}”。`, `Unsupported text encoding "${enc}".`);
      }
      return await importJsonValue(parseJsonText(text, fileName), opts, fileName);
    }
    return await importCsvBytes(bytes, opts, fileName);
  } catch (e) {
    wrap(e, fileName);
  }
}

/**
 * Import a table already in the workbook (Range.values / Table values): numbers, strings, booleans, "" for blank,
 * dates as Excel serial numbers. Title rows above the header are skipped as in files; `opts.startRow` gives the
 * sheet row of values[0] so messages name the rows the user sees.
 */
export function importTable(values: unknown[][], opts: ImportOptions): ImportResult {
  const fileName = opts.fileName || "(工作表)";
  try {
    if (!Array.isArray(values))
      throw new ImportError("NOT_TEXT", "给出的不是表格（需要二维数组）。", "Not a table (a 2-D array is needed).");
    const engine = new TableEngine({ ...opts, fileLabel: fileName } as EngineOptions);
    const start = opts.startRow ?? 1;
    for (let i = 0; i < values.length; i++) {
      const row = values[i];
      engine.push(Array.isArray(row) ? row : [row], start + i);
    }
    return engine.finish();
  } catch (e) {
    wrap(e, fileName);
  }
}

/** Import from an https URL (plain http only for localhost), with timeout and size limit. */
export function importUrl(url: string, opts: ImportUrlOptions): Promise<ImportResult> {
  return importUrlWith(importBytes, url, { ...opts, fileName: opts.fileName || url });
}
