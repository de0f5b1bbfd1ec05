/**
 * ImportError: the source cannot be read at all (not a table, no header row, unreachable URL…).
 * Problems with single rows or cells are never thrown: they are ImportIssues in the ImportResult.
 */

export type ImportErrorCode =
  | "EMPTY" // nothing in the file
  | "NOT_TEXT" // binary data that is not a workbook
  | "UNSUPPORTED_FORMAT" // .xls, PDF…
  | "BAD_JSON" // JSON syntax error or unexpected shape
  | "NO_HEADER" // no header row found
  | "MISSING_COLUMNS" // a required column is missing
  | "XLSX_UNREADABLE" // exceljs could not open the workbook
  | "SHEET_NOT_FOUND"
  | "URL_INVALID"
  | "URL_INSECURE"
  | "NETWORK" // fetch TypeError: offline, DNS, CORS
  | "HTTP_STATUS"
  | "TIMEOUT"
  | "TOO_LARGE"
  | "FILE_NOT_FOUND"
  | "FILE_UNREADABLE"
  /** A bug: an unexpected exception turned into an ImportError (never expected; fuzz tests assert its absence). */
  | "INTERNAL";

export interface ImportErrorDetails {
  /**
   * Header titles (MISSING_COLUMNS: the header found; NO_HEADER: the widest row near the top, the likeliest header),
   * so a UI can offer a column mapping for them.
   */
  headers?: string[];
  /** Missing required fields (MISSING_COLUMNS), canonical names. */
  missing?: string[];
  /** HTTP status (HTTP_STATUS). */
  status?: number;
  /** Sheet names (SHEET_NOT_FOUND). */
  sheets?: string[];
  /** 1-based row of `headers`. */
  headerRow?: number;
}

export class ImportError extends Error {
  readonly code: ImportErrorCode;
  /** Chinese message (also `message`). */
  readonly message_zh: string;
  readonly message_en: string;
  readonly details: ImportErrorDetails;

  constructor(code: ImportErrorCode, zh: string, en: string, details: ImportErrorDetails = {}) {
    super(zh);
    this.name = "ImportError";
    this.code = code;
    this.message_zh = zh;
    this.message_en = en;
    this.details = details;
  }

  /** "中文 / English" on one line, for logs and the CLI. */
  override toString(): string {
    return `${this.message_zh} / ${this.message_en}`;
  }
}

export function isImportError(e: unknown): e is ImportError {
  return e instanceof ImportError;
}

/** An AbortError, as fetch and DOM APIs raise it (a DOMException where available). */
export function abortError(signal?: AbortSignal): Error {
  const reason = signal?.reason;
  if (reason instanceof Error && reason.name === "AbortError") return reason;
  if (typeof DOMException !== "undefined") return new DOMException("导入已取消 / import cancelled", "AbortError");
  const e = new Error("导入已取消 / import cancelled");
  e.name = "AbortError";
  return e;
}

export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw abortError(signal);
}

/** Quote a cell value in a message, shortened so that a huge cell cannot flood the report. */
export function quoteValue(value: unknown, max = 40): string {
  let s: string;
  if (value instanceof Date) s = Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString();
  else if (typeof value === "object" && value !== null) {
    try {
      s = JSON.stringify(value) ?? Object.prototype.toString.call(value);
    } catch {
      s = Object.prototype.toString.call(value);
    }
  } else {
    try {
      s = String(value);
    } catch {
      s = Object.prototype.toString.call(value);
    }
  }
  s = s.replace(/[\r\n\t]/g, (c) => (c === "\t" ? "\\t" : c === "\r" ? "\\r" : "\\n"));
  return s.length > max ? `${s.slice(0, max)}…[${s.length}字符/chars]` : s;
}
