/**
 * AppError: every error the product throws on purpose. It carries a code a program can test, a Chinese and an
 * English message (zh-CN is primary, so `message` is the Chinese one) and optional structured details. Whoever shows
 * it picks the language (`messageIn`): the task pane its UI language, the CLI both lines. Never glue the two languages
 * into one string (eslint.config.mjs and test/core/errors.test.ts refuse such glued messages in src).
 */

/** The languages an AppError speaks (src/i18n/language.ts's Language). */
export type MessageLanguage = "zh-CN" | "en-US";

/** What went wrong, for a program: tests, the CLI's --json output, the task pane's next step. */
export type AppErrorCode =
  // Import (src/import/errors.ts ImportErrorCode): the source cannot be read at all.
  | "EMPTY" // nothing in the file
  | "NOT_TEXT" // binary data that is not a workbook
  | "UNSUPPORTED_FORMAT" // .xls, PDF…
  | "BAD_JSON" // JSON syntax error or unexpected shape
  | "NO_HEADER" // no header row found
  | "MISSING_COLUMNS" // a required column is missing
  | "XLSX_UNREADABLE" // exceljs could not open the workbook
  | "SHEET_NOT_FOUND" // no sheet of that name in the workbook
  | "URL_INVALID" // not a URL, or not http(s)
  | "URL_INSECURE" // http to anything but localhost
  | "NETWORK" // fetch TypeError: offline, DNS, CORS
  | "HTTP_STATUS" // the server answered with an error status
  | "TIMEOUT" // the download took too long
  | "TOO_LARGE" // more than a sheet, memory or the download limit holds
  | "FILE_NOT_FOUND" // no such file (CLI)
  | "FILE_UNREADABLE" // the file or its encoding cannot be read
  | "INTERNAL" // a bug: an unexpected exception turned into an error (never expected)
  // Briefing (src/briefing/errors.ts BriefingError): the briefing cannot be built as asked.
  | "BAD_PERIOD" // the period is not 2025Q1, 2025H1, 2025M05YTD, 2025年一季度…
  | "BAD_AS_OF" // the as-of date is not YYYY-MM-DD
  | "UNKNOWN_METRIC" // a metric the briefing does not know
  | "UNKNOWN_BREAKDOWN" // a breakdown the briefing does not know
  | "AMBIGUOUS_JURISDICTION" // a jurisdiction name that fits several regions
  | "UNKNOWN_JURISDICTION" // a jurisdiction neither in the regions table nor a built-in division
  | "BAD_LEVEL" // the report card's level is not finer than the jurisdiction's
  // Workbook (src/excel, src/taskpane).
  | "EXCEL_UNAVAILABLE" // no Excel host (the global Excel is missing)
  | "NO_WORKBOOK" // the task pane runs without a workbook (no-workbook backends)
  | "TABLE_NOT_FOUND" // no table of that name in the workbook
  | "SOURCE_NOT_FOUND" // no loaded data source of that id
  | "NO_FREE_SHEET_NAME" // every candidate name for the briefing sheet is taken
  | "EXCEL_TOO_OLD" // the host lacks a requirement set the writer needs (src/excel/requirements.ts)
  | "LOCAL_FILE" // a source read from a local file cannot be re-read by a refresh: choose the file again
  | "UNDO_UNAVAILABLE" // nothing can be undone: the undo sheet is gone, or an older version wrote
  | "WRITE_BLOCKED" // a write would overwrite the user's cells (src/excel/guards.ts)
  | "SOURCE_HAS_ERRORS" // a refresh refused: the source has rows with errors (src/excel/refresh-all.ts)
  | "UNDO_BLOCKED" // undo would lose changes made after the write (src/excel/restore.ts)
  | "ROLLBACK_FAILED" // a write failed and putting the sheets back failed too (src/excel/restore.ts)
  | "CANCELLED" // the user cancelled (its name is AbortError, as fetch's)
  | "SELF_TEST_CHECK" // a self-test step found Excel holding something else than expected (src/excel/self-test-fixtures.ts)
  // CLI (src/cli).
  | "USAGE"; // an unknown argument or a flag without a value

export class AppError<C extends AppErrorCode = AppErrorCode, D extends object = object> extends Error {
  readonly code: C;
  readonly zh: string;
  readonly en: string;
  readonly details: D;

  constructor(code: C, zh: string, en: string, details?: D) {
    super(zh);
    this.name = "AppError";
    this.code = code;
    this.zh = zh;
    this.en = en;
    this.details = details ?? ({} as D);
  }

  /** The message in `language`. */
  messageIn(language: MessageLanguage): string {
    return language === "en-US" ? this.en : this.zh;
  }

  /** The names the import errors used first, still read by the CLI and the task pane. */
  get message_zh(): string {
    return this.zh;
  }

  get message_en(): string {
    return this.en;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** A text in both languages the product speaks. */
export interface Bilingual {
  zh: string;
  en: string;
}

/**
 * What went wrong, in both languages: an AppError's own zh and en (messageIn); any other error's message (or the
 * thrown value as text) in both, for there is no other.
 */
export function bilingualMessage(e: unknown): Bilingual {
  if (isAppError(e)) return { zh: e.messageIn("zh-CN"), en: e.messageIn("en-US") };
  const text = e instanceof Error ? e.message : String(e);
  return { zh: text, en: text };
}

/** A cancellation as fetch and DOM APIs raise it (named AbortError), with the code CANCELLED. */
export function cancelledError(zh = "已取消", en = "Cancelled"): AppError<"CANCELLED"> {
  const e = new AppError("CANCELLED", zh, en);
  e.name = "AbortError";
  return e;
}
