/**
 * THE formula generator of the briefing sheet, shared by the Excel writer (src/excel/briefing-sheet.ts, live in
 * the workbook) and the xlsx exporter (src/export/briefing-xlsx.ts), so the two cannot drift.
 *
 * It lays the sheet out (a parameter block, one table per metric with a row per region plus 合计, the text) and
 * gives every cell its formula and its cached value (from the Briefing, computed by buildBriefing with the same
 * rules). Three modes:
 * - "live": native SUMIFS/COUNTIFS over the data tables, INVEST.* custom functions for the ratios;
 * - "portable": only built-in functions (SUMIFS, COUNTIFS, COUNT, SUM, IF, OR, ROUND, ABS, DATE, EOMONTH…),
 *   blanks through IF, for colleagues without the add-in and for WPS / LibreOffice;
 * - "values": no formulas, a frozen copy.
 * References are either structured (Ledger[签约金额(亿元)], for the workbook's tables) or whole-column A1 ranges
 * ('台账'!$L:$L, for the exported workbook). Dates in the data sheets are date serials, so span bounds are
 * ">="&DATE(y,1,1) and "<="&DATE(y,m,last).
 */
import { sectionRows } from "./sections-layout";
import { parseIsoDate, toExcelSerial } from "../core/dates";
import { type Metric, METRIC_INFO } from "../core/model";
import type { Ctx } from "./data-formulas";
import { flatRows } from "./flat-layout";
import { levelRows } from "./level-layout";
import {
  type BriefingCell,
  type BriefingLayout,
  type CellRole,
  COLUMN_COUNT,
  FMT,
  type FormulaOptions,
  type LayoutTable,
  PARAMS,
} from "./sheet-grid";
import { BASIS_LABELS, labelsOf, rowLabel } from "./sheet-labels";
import type { TableFrame } from "./table-frame";
import type { Briefing, BriefingTable } from "./types";

export {
  a1,
  COL,
  COLUMN_COUNT,
  columnLetter,
  columnRef,
  FMT,
  PARAMS,
  RATE_DECIMALS,
  type BriefingCell,
  type BriefingLayout,
  type CellRole,
  type CellValue,
  type FormulaMode,
  type FormulaOptions,
  type LayoutTable,
  type RefStyle,
} from "./sheet-grid";
export { BASIS_LABELS, rowLabel } from "./sheet-labels";
export { actualFormula } from "./data-formulas";

/** The sheet's name, "成绩单 2025Q1", in every language (so that formulas, links and the task pane can find it). */
export function sheetNameFor(b: Briefing): string {
  return `成绩单 ${b.period}`.slice(0, 31);
}

const empty = (role: CellRole = "value"): BriefingCell => ({ value: null, role });

/** The complete sheet: every cell's formula (per mode) and cached value. */
export function briefingLayout(b: Briefing, text: string, options: FormulaOptions): BriefingLayout {
  const language = options.language ?? "zh-CN";
  const ctx: Ctx = {
    b,
    o: {
      mode: options.mode,
      refs: options.refs,
      language,
      metricLabel: options.metricLabel ?? ((m: Metric) => METRIC_INFO[m].zh),
      outOfProvinceCriterion: options.outOfProvinceCriterion ?? "TRUE()",
    },
  };
  const L = labelsOf(language);
  const live = options.mode === "live";
  const withFormulas = options.mode !== "values";
  const grid: BriefingCell[][] = [];
  const newRow = () => {
    const row = Array.from({ length: COLUMN_COUNT }, () => empty());
    grid.push(row);
    return row;
  };

  // Row 1: title. Row 2: parameters. Row 3: the rule in one sentence.
  newRow()[0] = { value: L.title(b), role: "title" };
  const p = newRow();
  const asOf = parseIsoDate(b.as_of)!;
  p[0] = { value: L.params[0], role: "param-label" };
  p[1] = { value: toExcelSerial(asOf), numFmt: FMT.date, role: "param" };
  p[2] = { value: L.params[1], role: "param-label" };
  const tpFormula = live
    ? `=INVEST.TIME_PROGRESS(${PARAMS.asOf},${PARAMS.basis})`
    : `=IF(OR(${PARAMS.basis}="day",${PARAMS.basis}="${BASIS_LABELS["zh-CN"].day}"),(${PARAMS.asOf}-DATE(YEAR(${PARAMS.asOf}),1,1)+1)/(DATE(YEAR(${PARAMS.asOf})+1,1,1)-DATE(YEAR(${PARAMS.asOf}),1,1)),IF(DAY(${PARAMS.asOf})>=DAY(EOMONTH(${PARAMS.asOf},0)),MONTH(${PARAMS.asOf}),MONTH(${PARAMS.asOf})-1)/12)`;
  p[3] = { value: b.time_progress, formula: withFormulas ? tpFormula : undefined, numFmt: FMT.percent, role: "param" };
  p[4] = { value: L.params[2], role: "param-label" };
  // In the sheet's language (按月 / month): INVEST.TIME_PROGRESS and the portable formula accept both.
  p[5] = { value: L.basis[b.basis], role: "param" };
  p[6] = { value: L.params[3], role: "param-label" };
  p[7] = { value: b.tolerance, role: "param", numFmt: "0.##" };
  newRow()[0] = { value: b.jurisdiction ? L.hierNote : L.note, role: "note" };

  const tables: LayoutTable[] = [];
  const f = (formula: string | undefined) => (withFormulas ? formula : undefined);
  for (const t of b.tables) tables.push(metricTable(ctx, t, grid, { newRow, live, f }));

  // Breakdowns and key projects (values, computed now: ./sections-layout.ts).
  for (const r of sectionRows(b, language, COLUMN_COUNT)) grid.push(r);

  newRow();
  const textRow = grid.length;
  newRow()[0] = { value: L.textTitle, role: "table-title" };
  for (const line of text.split(/\r\n?|\n|\u2028|\u2029/)) newRow()[0] = { value: line, role: "text" };

  return {
    sheetName: sheetNameFor(b),
    grid,
    tables,
    textRow,
    columnWidths: [16, 12, 12, 10, 10, 14, 9, 12, 10, 9, 6, 10],
  };
}

/** The table of a metric in a layout. */
export function layoutTable(layout: BriefingLayout, metric: Metric): LayoutTable | undefined {
  return layout.tables.find((t) => t.metric === metric);
}

export type { BriefingTable };

/**
 * One metric's table: a blank row, its title, the headers, then its rows (by level: ./level-layout.ts; side by side:
 * ./flat-layout.ts) and 合计.
 */
function metricTable(
  ctx: Ctx,
  t: BriefingTable,
  grid: BriefingCell[][],
  cells: Pick<TableFrame, "newRow" | "live" | "f">,
): LayoutTable {
  const { newRow } = cells;
  const L = labelsOf(ctx.o.language);
  newRow();
  const titleRow = grid.length;
  newRow()[0] = { value: L.unit(t.metric), role: "table-title" };
  const headerRow = grid.length;
  const h = newRow();
  L.headers.forEach((title, c) => (h[c] = { value: title, role: "header" }));
  const firstRow = grid.length;
  const totalRow = firstRow + t.rows.length;
  const fmtValue = METRIC_INFO[t.metric].unit === "yi" ? FMT.amount : FMT.count;
  const full: TableFrame = { ...cells, ctx, t, firstRow, fmtValue };
  // The report card by level: its own rows (本级, 其中), literal criteria on 地区路径, totals over the counted rows.
  if (ctx.b.jurisdiction) levelRows(full);
  else flatRows(full);
  const regions = ctx.b.jurisdiction
    ? t.rows.map((r) => rowLabel(r, ctx.o.language, false))
    : t.rows.map((r) => r.region);
  return { metric: t.metric, titleRow, headerRow, firstRow, totalRow, regions };
}
