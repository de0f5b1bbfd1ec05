/**
 * ImportError: the source cannot be read at all (not a table, no header row, unreachable URL…).
 * Problems with single rows or cells are never thrown: they are ImportIssues in the ImportResult.
 */
import { AppError, cancelledError } from "../core/errors";

/** The codes of import errors (each documented in src/core/errors.ts AppErrorCode). */
export type ImportErrorCode =
  | "EMPTY"
  | "NOT_TEXT"
  | "UNSUPPORTED_FORMAT"
  | "BAD_JSON"
  | "NO_HEADER"
  | "MISSING_COLUMNS"
  | "XLSX_UNREADABLE"
  | "SHEET_NOT_FOUND"
  | "URL_INVALID"
  | "URL_INSECURE"
  | "NETWORK"
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

/** An AppError of the import; `message_zh` (also `message`) and `message_en` are AppError's zh and en. */
export class ImportError extends AppError<ImportErrorCode, ImportErrorDetails> {
  constructor(code: ImportErrorCode, zh: string, en: string, details: ImportErrorDetails = {}) {
    super(code, zh, en, details);
    this.name = "ImportError";
  }
}

export function isImportError(e: unknown): e is ImportError {
  return e instanceof ImportError;
}

/** An AbortError (named so, as fetch and DOM APIs raise it): the signal's reason when it is one, else CANCELLED. */
export function abortError(signal?: AbortSignal): Error {
  const reason = signal?.reason;
  if (reason instanceof Error && reason.name === "AbortError") return reason;
  return cancelledError("导入已取消", "Import cancelled");
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
