/**
 * The contract of the import layer: what every source (CSV, JSON, xlsx, URL, a workbook table) produces,
 * and how problems are reported. Pure TypeScript.
 */
import type { FundsEntry, ProjectRecord, ReportedFigure, Target } from "../core/model";

/** Which table a source holds. "auto" decides from the headers. */
export type DatasetKind = "ledger" | "funds" | "targets" | "figures";

export interface ImportIssue {
  /** File name, URL or "工作表!表名" the row came from. */
  file: string;
  /** 1-based row number as the user sees it in the source (the header row included; for JSON, 1-based index). */
  row: number;
  /** Source column title as written in the file (e.g. "签约金额（万元）"), or null for a whole-row problem. */
  column: string | null;
  /** What is wrong and what to do, in Chinese. */
  message: string;
  /** The same in English. */
  message_en: string;
  /** error: the row was rejected; warning: the row was kept (a bad optional cell was left blank, a total row was checked…). */
  severity: "error" | "warning";
}

export interface ImportSummary {
  /** Data rows seen (header, title, blank and total rows excluded). */
  rows: number;
  accepted: number;
  rejected: number;
}

/** Header → canonical field mapping; a user override is remembered per source. */
export type ColumnMapping = Record<string, string | null>;

export interface ImportResult {
  kind: DatasetKind;
  records: ProjectRecord[];
  funds: FundsEntry[];
  targets: Target[];
  figures: ReportedFigure[];
  issues: ImportIssue[];
  summary: ImportSummary;
  /** The mapping used: source column title → canonical field (null = ignored). */
  mapping: ColumnMapping;
  /** Source column titles in order (for previews and for columns the user added). */
  headers: string[];
}

export interface ImportOptions {
  /** File name or URL, used in messages and to guess the format. */
  fileName: string;
  kind?: DatasetKind | "auto";
  /** xlsx: the sheet to read (default: the first). */
  sheet?: string;
  /** User override of the header mapping. */
  mapping?: ColumnMapping;
  /** Progress 0..1 for long files. */
  onProgress?: (fraction: number) => void;
  /** Cancels the import: the promise rejects with an AbortError and nothing is returned. */
  signal?: AbortSignal;
}
