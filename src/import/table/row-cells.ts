/**
 * The cells of one data row read into its values by field, each by its column's type (text, date, amount, stage…):
 * a cell that cannot be read is said where (./cell-issues.ts), cells of columns not imported are kept as extras,
 * a formula the file holds no value for is never read as blank. The fast paths (ISO dates, plain amounts, common
 * stages) come first: a million-row ledger passes through here cell by cell.
 */
import { ymdFromIso } from "../../core/dates";
import { parseLevel } from "../../core/region-levels";
import { setOwn } from "../../core/own";
import { quoteValue } from "../errors";
import type { Unit } from "../fields";
import * as values from "../values";
import type { Cell } from "../values";
import type { BadKind } from "./bad-cell-text";
import { badCell, tooLong, undecodableKey } from "./cell-issues";
import { MAX_CELL_CHARS } from "./limits";
import type { TableState } from "./state";
import type { ColumnPlan, ParsedRow } from "./types";

// Bound once: the row loop calls these millions of times.
const {
  cellText,
  errorValue,
  isBlank,
  fastAmount,
  fastStage,
  formulaWithoutValue,
  isIsoDay,
  parseAmount,
  parseBoolean,
  parseDate,
  parseInvestorType,
  parseMetric,
  parseMonth,
  parseStage,
  parseStatus,
  parseText,
  parseUnit,
  parseYear,
  plainCell,
} = values;

/** What the row's cells give besides the values: the cells kept as extras, the column of a target's value. */
export interface RowCells {
  extra: Record<string, string> | null;
  /** Targets and figures: the value column, read once the metric (and so its unit) is known (./metric-value.ts). */
  valueCol: ColumnPlan | null;
}

/** The unit the row's unit column gives (null: none or unreadable, which is said). */
export function rowUnitOf(s: TableState, cells: readonly Cell[], row: number): Unit | null {
  const { unitCol, plan } = s.layout;
  if (unitCol < 0) return null;
  const raw = plainCell(cells[unitCol]);
  const u = parseUnit(raw);
  if (u !== "invalid") return u;
  const col = plan[unitCol];
  s.issue(
    row,
    col.title,
    "warning",
    `「${col.title}」的值 ${quoteValue(raw)} 不是可识别的单位，按表头单位（默认亿元）读取。请填写亿元、万元、元或个。`,
    `"${col.title}" value ${quoteValue(raw)} is not a known unit; the header's unit (default 亿元) is used. Write 亿元, 万元, 元 or 个.`,
  );
  return null;
}

/** Read every planned cell of the row into `v`. */
export function readCells(
  s: TableState,
  cells: readonly Cell[],
  row: number,
  v: ParsedRow,
  rowUnit: Unit | null,
): RowCells {
  const { plan } = s.layout;
  const out: RowCells = { extra: null, valueCol: null };
  for (let p = 0; p < plan.length; p++) {
    const col = plan[p];
    const raw0 = cells[col.index];
    if (col.field === null || col.extra || col.type === "ignore") {
      // 序号 and other ignored columns: nothing in them matters, not even a formula.
      if (col.extra && col.title && !isBlank(raw0)) keepExtra(s, out, col, raw0, row);
      continue;
    }
    if (col.alternate && (isBlank(raw0) || v[col.field] != null)) {
      if (!isBlank(raw0)) alternateDiffers(s, cells, p, row);
      continue;
    }
    if (unreadable(s, col, raw0, row)) continue;
    if (col.type === "metric_value") {
      if (!out.valueCol || isBlank(cells[out.valueCol.index])) out.valueCol = col;
      continue;
    }
    readCell(s, col, col.field, plainCell(raw0), cells, row, v, rowUnit);
  }
  return out;
}

/** A cell of a column not imported, kept as it shows; a formula never calculated shows nothing anyone has seen. */
function keepExtra(s: TableState, out: RowCells, col: ColumnPlan, raw0: Cell, row: number): void {
  const uncached = formulaWithoutValue(raw0);
  if (uncached === null) {
    setOwn((out.extra ??= {}), col.title, cellText(plainCell(raw0)));
    return;
  }
  s.issue(
    row,
    col.title,
    "warning",
    `「${col.title}」是公式 ${quoteValue(uncached, 80)}，但文件里没有它的计算结果（文件不是由 Excel 保存的），这一格未保留，其余内容照常导入。请在 Excel 中打开该文件、保存后重新导入。`,
    `"${col.title}" holds the formula ${quoteValue(uncached, 80)} but the file has no calculated value for it (it was not saved by Excel); the cell was not kept, the rest of the row was imported. Open the file in Excel, save it and import again.`,
    "formula_without_value",
  );
}

/** A formula without its value (row rejected) or an Excel error value (said by the field's rule): not read further. */
function unreadable(s: TableState, col: ColumnPlan, raw0: Cell, row: number): boolean {
  const uncached = formulaWithoutValue(raw0);
  if (uncached !== null) {
    s.issue(
      row,
      col.title,
      "error",
      `「${col.title}」是公式 ${quoteValue(uncached, 80)}，但文件里没有它的计算结果（文件不是由 Excel 保存的），本行未导入。请在 Excel 中打开该文件、保存后重新导入，或把公式换成数值。`,
      `"${col.title}" holds the formula ${quoteValue(uncached, 80)} but the file has no calculated value for it (it was not saved by Excel); row rejected. Open the file in Excel and save it, or replace the formula with its value, and import again.`,
      "formula_without_value",
    );
    return true;
  }
  const error = errorValue(raw0);
  if (error === null) return false;
  badCell(s, row, col, col.def!, error, "error_value", "cell_error");
  return true;
}

/** One cell, by its column's type, into v[field]. */
function readCell(
  s: TableState,
  col: ColumnPlan,
  field: string,
  raw: Cell,
  cells: readonly Cell[],
  row: number,
  v: ParsedRow,
  rowUnit: Unit | null,
): void {
  switch (col.type) {
    case "id":
    case "text":
      return readText(s, col, field, raw, row, v);
    case "level":
      return readLevel(s, col, field, raw, row, v);
    case "order":
      return readOrder(s, col, field, raw, row, v);
    case "date":
      return readDate(s, col, field, raw, row, v);
    case "amount":
      return readAmount(s, col, field, raw, cells, row, v, rowUnit);
    case "year":
      return choose(s, col, field, raw, row, v, parseYear(raw), "year");
    case "month":
      return choose(s, col, field, raw, row, v, parseMonth(raw), "month");
    case "metric":
      return choose(s, col, field, raw, row, v, parseMetric(raw), "metric");
    case "stage": {
      const fast = fastStage(raw);
      if (fast) v[field] = fast;
      else choose(s, col, field, raw, row, v, parseStage(raw), "stage");
      return;
    }
    case "investor_type":
      return choose(s, col, field, raw, row, v, parseInvestorType(raw), "investor_type");
    case "boolean":
      return readFlagOrPart(s, col, field, raw, cells, row, v);
    case "status":
      return choose(s, col, field, raw, row, v, parseStatus(raw), "status");
    default:
      return;
  }
}

/** What the parsers of a closed set of values give: a value, a cell that is not one (ok: false), or blank (null). */
type Choice = { ok: true; value: unknown } | { ok: false } | null;

function choose(
  s: TableState,
  col: ColumnPlan,
  field: string,
  raw: Cell,
  row: number,
  v: ParsedRow,
  r: Choice,
  bad: BadKind,
): void {
  if (r === null) v[field] = null;
  else if (r.ok) v[field] = r.value;
  else badCell(s, row, col, col.def!, raw, bad);
}

/** Text; a region (or a regions table's name) as the file's spelling of it, a key with undecodable text rejected. */
function readText(s: TableState, col: ColumnPlan, field: string, raw: Cell, row: number, v: ParsedRow): void {
  const t = parseText(raw);
  if (t !== null && t.includes("\uFFFD") && s.isKeyColumn(col.index)) {
    undecodableKey(s, row, col.title, t);
    return;
  }
  v[field] =
    t !== null && (field === "region" || (field === "name" && s.kind === "regions"))
      ? s.regions.resolve(t, row, col.title, s.kind)
      : t;
  if (t !== null && t.length > MAX_CELL_CHARS) tooLong(s, row, col.title, t.length);
}

function readLevel(s: TableState, col: ColumnPlan, field: string, raw: Cell, row: number, v: ParsedRow): void {
  const t = parseText(raw);
  if (t === null) {
    v[field] = null;
    return;
  }
  const level = parseLevel(t);
  if (level) v[field] = level;
  else badCell(s, row, col, col.def!, raw, "level");
}

function readOrder(s: TableState, col: ColumnPlan, field: string, raw: Cell, row: number, v: ParsedRow): void {
  const t = parseText(raw);
  if (t === null) {
    v[field] = null;
    return;
  }
  const n = Number(t.normalize("NFKC").replace(/,/g, ""));
  if (Number.isFinite(n) && t.trim() !== "") v[field] = n;
  else badCell(s, row, col, col.def!, raw, "order");
}

/** A date as YYYY-MM-DD (and, for a ledger date, as a YYYYMMDD number too). */
function readDate(s: TableState, col: ColumnPlan, field: string, raw: Cell, row: number, v: ParsedRow): void {
  if (isIsoDay(raw)) {
    v[field] = raw;
    if (col.ymdField) v[col.ymdField] = ymdFromIso(raw);
    return;
  }
  const r = parseDate(raw);
  if (r === null) v[field] = null;
  else if (r.ok) {
    v[field] = r.value;
    if (col.ymdField) v[col.ymdField] = ymdFromIso(r.value);
    if (r.note === "serial_text") {
      s.issue(
        row,
        col.title,
        "warning",
        `「${col.title}」的值 ${quoteValue(raw)} 按 Excel 日期序号读作 ${r.value}。如果不对，请写成 2025-02-19 这样的日期。`,
        `"${col.title}" value ${quoteValue(raw)} was read as an Excel date serial: ${r.value}. If that is wrong, write the date like 2025-02-19.`,
      );
    }
  } else if (r.reason === "phantom") badCell(s, row, col, col.def!, raw, "phantom_date", "date_1900_02_29");
  else if (r.reason === "trailing") badCell(s, row, col, col.def!, raw, "date_trailing", "date_trailing_text");
  else badCell(s, row, col, col.def!, raw, "date");
}

/** An amount in 亿元, logged for the total rows' check. */
function readAmount(
  s: TableState,
  col: ColumnPlan,
  field: string,
  raw: Cell,
  cells: readonly Cell[],
  row: number,
  v: ParsedRow,
  rowUnit: Unit | null,
): void {
  const unit = rowUnit && rowUnit !== "个" ? rowUnit : s.moneyUnit(col, cells);
  const fast = fastAmount(raw, unit);
  if (fast === fast) {
    v[field] = fast;
    if (col.amountIdx >= 0) s.layout.amountLogs[col.amountIdx].push(fast);
    return;
  }
  const r = parseAmount(raw, unit);
  if (r === null) v[field] = null;
  else if (r.ok) {
    v[field] = r.value;
    if (col.amountIdx >= 0) s.layout.amountLogs[col.amountIdx].push(r.value);
    if (r.approximate) approximate(s, col, raw, r.value, row);
  } else badCell(s, row, col, col.def!, raw, r.reason === "negative" ? "negative" : "amount");
}

/** An amount written as an estimate (约 3 亿元): imported as its number, said. */
export function approximate(s: TableState, col: ColumnPlan, raw: Cell, value: number, row: number): void {
  s.issue(
    row,
    col.title,
    "warning",
    `「${col.title}」的值 ${quoteValue(raw)} 是约数，按 ${value} 亿元导入。`,
    `"${col.title}" value ${quoteValue(raw)} is approximate; imported as ${value} (100m CNY).`,
  );
}

/**
 * 省外资金 is a yes/no flag, or (with a money unit in the title, or a number that is not 0/1) the out-of-province
 * part of the row's amount: "其中：省外资金（万元）".
 */
function readFlagOrPart(
  s: TableState,
  col: ColumnPlan,
  field: string,
  raw: Cell,
  cells: readonly Cell[],
  row: number,
  v: ParsedRow,
): void {
  const moneyCol = col.unit !== null && col.unit !== "个";
  if (!moneyCol) {
    const r = parseBoolean(raw);
    if (r === null || r.ok) {
      v[field] = r === null ? null : r.value;
      return;
    }
  }
  const amountCol = s.layout.plan.find((c) => c.field === "amount");
  const a = parseAmount(raw, moneyCol || !amountCol ? s.moneyUnit(col, cells) : s.moneyUnit(amountCol, cells));
  if (a === null) v[field] = null;
  else if (a.ok) v.out_of_province_amount = a.value;
  else badCell(s, row, col, col.def!, raw, moneyCol ? (a.reason === "negative" ? "negative" : "amount") : "boolean");
}

/**
 * JSON: a field given under two keys in one object ("项目名称" and "name"). The first is used; when the other says
 * something else, the row is rejected rather than one of the two values dropped without a word.
 */
function alternateDiffers(s: TableState, cells: readonly Cell[], p: number, row: number): void {
  const { plan } = s.layout;
  const col = plan[p];
  const text = cellText(plainCell(cells[col.index])).trim();
  for (let q = 0; q < p; q++) {
    const first = plan[q];
    if (first.field !== col.field || isBlank(cells[first.index])) continue;
    const firstText = cellText(plainCell(cells[first.index])).trim();
    if (firstText === text) return;
    s.issue(
      row,
      col.title,
      "error",
      `「${first.title}」和「${col.title}」都是${col.def?.label ?? col.field}，但值不同（${quoteValue(firstText)} 与 ${quoteValue(text)}），本项未导入。请只保留一个键，或改正其中一个值。`,
      `"${first.title}" and "${col.title}" both give ${col.def?.label_en ?? col.field} but differ (${quoteValue(firstText)} and ${quoteValue(text)}); item rejected. Keep one key, or correct one of the values.`,
    );
    return;
  }
}
