/**
 * The value of a target or reported figure, read once the row's metric is known: a count (个) for the counting
 * metrics, an amount in 亿元 for the others; a unit that contradicts the metric rejects the row.
 */
import { METRIC_INFO, type Metric } from "../../core/model";
import type { Unit } from "../fields";
import { isBlank, parseAmount, parseCount, plainCell, type Cell } from "../values";
import { badCell } from "./cell-issues";
import { approximate } from "./row-cells";
import type { TableState } from "./state";
import type { ColumnPlan, ParsedRow } from "./types";

export function readMetricValue(
  s: TableState,
  v: ParsedRow,
  col: ColumnPlan,
  cells: readonly Cell[],
  row: number,
  rowUnit: Unit | null,
): void {
  const raw = plainCell(cells[col.index]);
  const metric = v.metric as Metric | null | undefined;
  // Blank, or no metric (the metric's own error rejects the row): nothing to read.
  if (isBlank(raw) || !metric) {
    v.value = null;
    return;
  }
  const unit = rowUnit ?? col.unit ?? s.titleUnit;
  if (METRIC_INFO[metric].unit === "count") readCount(s, v, col, raw, row, metric, unit);
  else readAmountValue(s, v, col, raw, row, metric, unit);
}

function readCount(
  s: TableState,
  v: ParsedRow,
  col: ColumnPlan,
  raw: Cell,
  row: number,
  metric: Metric,
  unit: Unit | null,
): void {
  if (unit && unit !== "个") {
    s.issue(
      row,
      col.title,
      "error",
      `指标“${METRIC_INFO[metric].zh}”是个数，但单位是“${unit}”，本行未导入。请把单位改为“个”，或改正指标。`,
      `Metric "${METRIC_INFO[metric].en}" is a count but the unit is "${unit}"; row rejected. Make the unit 个, or correct the metric.`,
    );
    return;
  }
  const r = parseCount(raw);
  if (r && r.ok) v.value = r.value;
  else badCell(s, row, col, col.def!, raw, r && r.reason === "negative" ? "negative" : "count");
}

function readAmountValue(
  s: TableState,
  v: ParsedRow,
  col: ColumnPlan,
  raw: Cell,
  row: number,
  metric: Metric,
  unit: Unit | null,
): void {
  if (unit === "个") {
    s.issue(
      row,
      col.title,
      "error",
      `指标“${METRIC_INFO[metric].zh}”是金额，但单位是“个”，本行未导入。请把单位改为亿元、万元或元。`,
      `Metric "${METRIC_INFO[metric].en}" is an amount but the unit is a count; row rejected. Make the unit 亿元, 万元 or 元.`,
    );
    return;
  }
  const r = parseAmount(raw, unit ?? "亿元");
  if (r && r.ok) {
    v.value = r.value;
    if (r.approximate) approximate(s, col, raw, r.value, row);
  } else badCell(s, row, col, col.def!, raw, r && !r.ok && r.reason === "negative" ? "negative" : "amount");
}
