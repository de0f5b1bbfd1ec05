/**
 * The grid of the briefing sheet: its cells (value, formula, format, role), the columns of a metric table, the
 * parameter cells, number formats and A1 addresses, shared by the layout (./formulas.ts) and both writers.
 */
import { columnLetters as columnLetter, quoteSheet } from "../core/a1";
import type { SheetSpec } from "../core/columns";
import type { Metric } from "../core/model";
import type { Language } from "../i18n/language";

export type FormulaMode = "live" | "portable" | "values";
export type RefStyle = "structured" | "a1";

export interface FormulaOptions {
  mode: FormulaMode;
  /** "structured": Table[列名] (the add-in's tables); "a1": whole columns of the canonical sheets. */
  refs: RefStyle;
  language?: Language;
  /** How the Targets/Figures tables spell a metric (default: its Chinese name, 签约金额). */
  metricLabel?: (metric: Metric) => string;
  /** Criterion matching an out-of-province funds entry in Funds[省外资金] (default TRUE(): a boolean cell). */
  outOfProvinceCriterion?: string;
}

export type CellValue = string | number | boolean | null;
export type CellRole =
  | "title"
  | "note"
  | "param-label"
  | "param"
  | "table-title"
  | "header"
  | "region"
  | "total"
  | "value"
  | "status"
  | "text";

export interface BriefingCell {
  /** The cached (or frozen) value: what buildBriefing computed. null = blank. */
  value: CellValue;
  /** Formula with a leading "=", absent for plain values. */
  formula?: string;
  numFmt?: string;
  role: CellRole;
  /** For status cells: the pace status behind the label (for colouring). */
  status?: "ahead" | "on_track" | "behind" | null;
}

export interface LayoutTable {
  metric: Metric;
  /** 0-based row indexes into the grid. */
  titleRow: number;
  headerRow: number;
  firstRow: number;
  totalRow: number;
  regions: string[];
}

export interface BriefingLayout {
  sheetName: string;
  /** Row-major; every row has COLUMN_COUNT cells. */
  grid: BriefingCell[][];
  tables: LayoutTable[];
  /** 0-based first row of the text block. */
  textRow: number;
  columnWidths: number[];
}

/** Columns of each metric table (0-based). */
export const COL = {
  region: 0,
  actual: 1,
  target: 2,
  rate: 3,
  progress: 4,
  gap: 5,
  status: 6,
  prior: 7,
  yoy: 8,
  share: 9,
  rank: 10,
  source: 11,
} as const;
export const COLUMN_COUNT = 12;

/** Decimals the sheet's completion rates are rounded to (see the rank formula); the builder ranks on the same. */
export const RATE_DECIMALS = 12;

/** Parameter cells (A1, absolute). */
export const PARAMS = { asOf: "$B$2", timeProgress: "$D$2", basis: "$F$2", tolerance: "$H$2" } as const;

export const FMT = {
  count: "0",
  amount: "0.00",
  percent: "0.00%",
  points: "0.00",
  rank: "0",
  date: "yyyy-mm-dd",
} as const;

/** Spreadsheet column letters: 0 → A, 26 → AA (one definition, in src/core/a1.ts). */
export { columnLetter };

/** A1 address of a 0-based (row, col). */
export function a1(row: number, col: number, absRow = false, absCol = false): string {
  return `${absCol ? "$" : ""}${columnLetter(col)}${absRow ? "$" : ""}${row + 1}`;
}

/** Reference to a whole data column: Ledger[签约金额(亿元)] or '台账'!$L:$L. */
export function columnRef(spec: SheetSpec, field: string, refs: RefStyle): string {
  const index = spec.columns.findIndex((c) => c.field === field);
  if (index < 0) throw new Error(`${spec.table} has no column ${field}`);
  const title = spec.columns[index].title;
  if (refs === "structured") return `${spec.table}[${title.replace(/(['[\]#])/g, "'$1")}]`;
  const letter = columnLetter(index);
  return `${quoteSheet(spec.sheet, true)}!$${letter}:$${letter}`;
}

/** A text literal in a formula. */
export const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
