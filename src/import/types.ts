/**
 * The contract of the import layer: what every source (CSV, JSON, xlsx, URL, a workbook table) produces,
 * and how problems are reported. Pure TypeScript.
 */
import type { FundsEntry, ProjectRecord, ReportedFigure, Target } from "../core/model";
import type { Division } from "../core/divisions";
import type { RegionHierarchy, RegionRow } from "../core/region-hierarchy";

/** Which table a source holds (defined in the core). "auto" decides from the headers. */
export type { DatasetKind } from "../core/columns";
import type { DatasetKind } from "../core/columns";

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
  /**
   * What kind of problem, where a program needs to know: a row skipped as not data (total_row and total_mismatch: a
   * total or subtotal row, matching the rows above or not; note_row; header_repeated), or a cell the import could
   * not keep as it is (see IssueCode). Absent for ordinary cell and row problems.
   */
  code?: IssueCode;
}

export type IssueCode =
  | "total_row"
  | "total_mismatch"
  | "note_row"
  | "header_repeated"
  | "encoding"
  | "cell_too_long"
  | "formula_without_value"
  | "date_1900_02_29"
  | "region_folded"
  | "region_ambiguous"
  /** Region resolution (ImportOptions.hierarchy): a name folded to its region through an alias or short form; a name
   * no region has (kept, with the closest name suggested); a short form two regions share that the data's context
   * could not settle (kept). */
  | "region_alias"
  | "region_unknown"
  | "region_unresolved"
  /** The regions table (地区表): a name or region given twice, an alias pointing at two regions, an unknown or
   * ambiguous parent (or itself, or one left out), a cycle, a chain too deep or a path too long, a level coarser than
   * its parent's (warning). */
  | "region_duplicate"
  | "region_alias_conflict"
  | "region_parent"
  | "region_cycle"
  | "region_depth"
  | "region_level"
  | "header_continued"
  | "region_total_label"
  | "cell_error"
  | "date_trailing_text";

/**
 * Every non-blank row below the header is exactly one of: accepted, rejected (with at least one error issue at its
 * row) or skipped as not data (with a warning whose code says why): rows + skipped = accepted + rejected + skipped.
 */
export interface ImportSummary {
  /** Data rows seen (header, title, blank rows and the skipped rows below excluded). */
  rows: number;
  accepted: number;
  rejected: number;
  /**
   * Rows recognised as not data and skipped, each reported by a warning at its row (code total_row, total_mismatch,
   * note_row or header_repeated). Always set by the importer; optional for results built by hand.
   */
  skipped?: number;
}

/** Header → canonical field mapping; a user override is remembered per source. */
export type ColumnMapping = Record<string, string | null>;

export interface ImportResult {
  kind: DatasetKind;
  records: ProjectRecord[];
  funds: FundsEntry[];
  targets: Target[];
  figures: ReportedFigure[];
  /** Rows of a regions table (kind "regions"); absent or empty for the other kinds. */
  regions?: RegionRow[];
  issues: ImportIssue[];
  summary: ImportSummary;
  /** The mapping used: source column title → canonical field (null = ignored). */
  mapping: ColumnMapping;
  /** Source column titles in order (for previews and for columns the user added). */
  headers: string[];
  /**
   * How many records, funds entries, targets and figures were accepted: the arrays' lengths, also when
   * ImportOptions.keep left them empty or projected. Always set by the importer; optional for results built by hand.
   */
  counts?: Record<DatasetKind, number>;
  /**
   * Cells of source columns that have no place in the model (columns the user added, 公布完成率, a ledger's
   * cumulative 到位资金…), per accepted row, so nothing is lost: `index` points into the kind's array
   * (records / funds / targets / figures). Absent when the source has no such cells.
   */
  extras?: ImportExtra[];
}

export interface ImportExtra {
  kind: DatasetKind;
  /** Index in the array of that kind (records for ledger). */
  index: number;
  /** 1-based source row. */
  row: number;
  /** Column title → cell text. */
  values: Record<string, string>;
}

/** Source formats importBytes understands. */
export type SourceFormat = "csv" | "json" | "xlsx";

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
  /** Force a format instead of guessing it from the file name and the first bytes. */
  format?: SourceFormat;
  /** Text encoding of a CSV/JSON source ("utf-8", "gb18030", "gbk"…); default: detected (BOM, UTF-8 validity, else GB18030). */
  encoding?: string;
  /** importTable: the sheet row number of values[0] (a range starting at B5 gives 5), so messages name the rows the user sees. Default 1. */
  startRow?: number;
  /** CSV: bytes decoded and parsed per chunk (default 128 KiB). */
  chunkSize?: number;
  /**
   * What to keep of each accepted row. "all" (default): everything. "none": nothing (records, funds, targets,
   * figures and extras stay empty; `counts` says how many were accepted): `validate` without --json. A list of
   * ledger fields: each ledger record holds only those (funds, targets and figures are kept whole; no extras): the
   * briefing keeps the 6 fields of 17 it reads. Every cell is read and checked whatever is kept: the issues, the
   * summary and the counts are the same.
   */
  keep?: "all" | "none" | readonly (keyof ProjectRecord)[];
  /**
   * Resolve region names to canonical regions (aliases and short forms fold, unknown names are kept and reported with
   * the closest known name) and give each ledger record and funds entry its 地区路径. Without it names are only
   * folded for width and case (src/core/regions.ts).
   */
  hierarchy?: RegionHierarchy;
  /**
   * A regions table is validated against these built-in divisions (parents may name them). null: against none (a
   * parent must be in the table); undefined (default): a parent outside the table is not checked.
   */
  divisions?: readonly Division[] | null;
}

/** Options of importUrl. */
export interface ImportUrlOptions extends ImportOptions {
  /** Whole-download timeout in ms (default 30 000). */
  timeoutMs?: number;
  /** Largest accepted download in bytes (default 50 MB), enforced while streaming. */
  maxBytes?: number;
  /** fetch to use (tests inject one; default globalThis.fetch). */
  fetchImpl?: typeof fetch;
}

/**
 * Remembers the user's column mapping per source (a file name or URL), so the next import of the same source
 * applies it again. Implementations: InMemoryMappingStore, LocalStorageMappingStore (src/import/mapping.ts),
 * and the workbook-settings one kept with the workbook.
 */
export interface MappingStore {
  get(sourceKey: string): Promise<ColumnMapping | null>;
  set(sourceKey: string, mapping: ColumnMapping): Promise<void>;
  delete(sourceKey: string): Promise<void>;
}
