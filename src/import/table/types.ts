/**
 * The shapes the parts of the table engine share: the engine's options, the plan of each column (what field it holds,
 * in which unit), a row's parsed values, and what a source reader found wrong with a whole row.
 */
import type { FieldDef, FieldType, Unit } from "../fields";
import type { ImportOptions } from "../types";

export interface EngineOptions extends ImportOptions {
  /** Label used in issues (file name, "file!sheet", URL). */
  fileLabel: string;
  /** The text encoding a CSV/JSON file was decoded with, named in messages about characters it could not decode. */
  encodingLabel?: string;
  /** The first row given is the header (JSON keys): no search for a header row. */
  headerFirst?: boolean;
}

/** What the source reader found wrong with a whole row (a JSON key given twice, a stray quote): the row is rejected. */
export interface RowProblem {
  column: string | null;
  zh: string;
  en: string;
}

export interface ColumnPlan {
  index: number;
  title: string;
  /** Field of the kind, or null (ignored / unknown / duplicate: kept as an extra when it has a title). */
  field: string | null;
  type: FieldType | null;
  def?: FieldDef;
  unit: Unit | null;
  /** Kept with the row in `extras`. */
  extra: boolean;
  /** Index in amountCols (totals), or -1. */
  amountIdx: number;
  /** JSON: another key for a field already given by an earlier key; used when that one is blank. */
  alternate?: boolean;
  /** A ledger date column: the record field holding the date as a YYYYMMDD number (signed_ymd, started_ymd). */
  ymdField?: string;
}

/** The values of one data row by field name, as the cell parsers read them (a ledger row is its record already). */
export interface ParsedRow {
  [field: string]: unknown;
}
