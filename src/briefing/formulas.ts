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
import { FIGURES, FUNDS, LEDGER, SheetSpec, TARGETS } from "../core/columns";
import { daysInMonth, parseIsoDate, toExcelSerial } from "../core/dates";
import { PACE_STATUS_LABELS } from "../core/metrics";
import { Metric, METRIC_INFO } from "../core/model";
import { LEVEL_EN } from "../core/region-levels";
import { criterionText, pathCriterion, regionCriterion } from "../core/regions";
import type { Language } from "../i18n/language";
import { Briefing, BriefingRow, BriefingTable, RowPlan, TOTAL_REGION } from "./types";

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

/** Spreadsheet column letters: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let s = "";
  let n = index + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

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
  return `'${spec.sheet}'!$${letter}:$${letter}`;
}

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * Completion rate, time progress, pace gap and status of one row, the same in both layouts: INVEST.* functions in
 * live mode, plain arithmetic otherwise. B, C, D, F: the row's actual, target, rate and gap cells.
 */
function paceCells(
  cells: BriefingCell[],
  row: BriefingRow,
  refs: { B: string; C: string; D: string; F: string },
  live: boolean,
  f: (formula: string | undefined) => string | undefined,
  language: Language,
): void {
  const { B, C, D, F } = refs;
  const statusLabels = PACE_STATUS_LABELS[language];
  const rateF = live
    ? `=IF(OR(${B}="",${C}=""),"",IFERROR(ROUND(INVEST.COMPLETION_RATE(${B},${C}),${RATE_DECIMALS}),""))`
    : `=IF(OR(${B}="",${C}="",${C}=0),"",ROUND(${B}/${C},${RATE_DECIMALS}))`;
  cells[COL.rate] = { value: row.completion_rate, formula: f(rateF), numFmt: FMT.percent, role: "value" };
  cells[COL.progress] = {
    value: row.time_progress,
    formula: f(`=${PARAMS.timeProgress}`),
    numFmt: FMT.percent,
    role: "value",
  };
  const gapF = live
    ? `=IF(OR(${B}="",${C}=""),"",IFERROR(INVEST.PACE_GAP(${B},${C},${PARAMS.asOf},${PARAMS.basis}),""))`
    : `=IF(${D}="","",ROUND((${D}-${PARAMS.timeProgress})*100,9))`;
  cells[COL.gap] = { value: row.pace_gap, formula: f(gapF), numFmt: FMT.points, role: "value" };
  const statusF = live
    ? `=IF(OR(${B}="",${C}=""),"",IFERROR(INVEST.PACE_STATUS(${B},${C},${PARAMS.asOf},${PARAMS.basis},${PARAMS.tolerance},${quote(language)}),""))`
    : `=IF(${F}="","",IF(${F}>=0,${quote(statusLabels.ahead)},IF(${F}>=-ABS(${PARAMS.tolerance}),${quote(statusLabels.on_track)},${quote(statusLabels.behind)})))`;
  cells[COL.status] = {
    value: row.status ? statusLabels[row.status] : null,
    formula: f(statusF),
    role: "status",
    status: row.status,
  };
}

/** The sheet's name, "成绩单 2025Q1", in every language (so that formulas, links and the task pane can find it). */
export function sheetNameFor(b: Briefing): string {
  return `成绩单 ${b.period}`.slice(0, 31);
}

interface Ctx {
  o: Required<Omit<FormulaOptions, "language">> & { language: Language };
  b: Briefing;
}

/** The reported figure of a region (criterion `r`: a cell, an escaping expression, or a quoted literal), year `y`. */
function figureAggregates(ctx: Ctx, metric: Metric, r: string, y: number): { figCount: string; figValue: string } {
  const G = (f: string) => columnRef(FIGURES, f, ctx.o.refs);
  const figCrit = `${G("year")},${y},${G("through_month")},${ctx.b.span.toMonth},${G("region")},${r},${G("metric")},${quote(ctx.o.metricLabel(metric))},${G("scope")},"",${G("status")},"<>备选"`;
  return { figCount: `COUNTIFS(${figCrit})`, figValue: `SUMIFS(${G("value")},${figCrit})` };
}

/**
 * The ledger's aggregates of one metric for the rows whose `column` (所属地区, or 地区路径 for a region with its
 * descendants) meets criterion `r`, year `y`: [has-data test, value].
 */
function ledgerAggregates(
  ctx: Ctx,
  metric: Metric,
  column: "region" | "region_path",
  r: string,
  y: number,
): { hasData: string; value: string } {
  const { refs } = ctx.o;
  const L = (f: string) => columnRef(LEDGER, f, refs);
  const F = (f: string) => columnRef(FUNDS, f, refs);
  const m = ctx.b.span.toMonth;
  const last = daysInMonth(y, m);
  const inSpan = (col: string) => `${col},">="&DATE(${y},1,1),${col},"<="&DATE(${y},${m},${last})`;
  const inYear = (col: string) => `${col},">="&DATE(${y},1,1),${col},"<="&DATE(${y},12,31)`;
  const LR = L(column),
    FR = F(column);
  switch (metric) {
    case "signed_projects":
      return {
        hasData: `COUNTIFS(${LR},${r},${inYear(L("signed_date"))})`,
        value: `COUNTIFS(${LR},${r},${inSpan(L("signed_date"))})`,
      };
    case "signed_amount":
      return {
        hasData: `COUNTIFS(${LR},${r},${inYear(L("signed_date"))},${L("signed_amount")},"<>")`,
        value: `SUMIFS(${L("signed_amount")},${LR},${r},${inSpan(L("signed_date"))})`,
      };
    case "projects_started":
      return {
        hasData: `COUNTIFS(${LR},${r},${inYear(L("started_date"))})`,
        value: `COUNTIFS(${LR},${r},${inSpan(L("started_date"))})`,
      };
    case "funds_in_place":
      return {
        hasData: `COUNTIFS(${FR},${r},${inYear(F("date"))})`,
        value: `SUMIFS(${F("amount")},${FR},${r},${inSpan(F("date"))})`,
      };
    case "funds_in_place_out_of_province":
      return {
        hasData: `COUNTIFS(${FR},${r},${inYear(F("date"))})`,
        value: `SUMIFS(${F("amount")},${FR},${r},${inSpan(F("date"))},${F("out_of_province")},${ctx.o.outOfProvinceCriterion})`,
      };
  }
}

/** The conditional aggregates of one metric, region criterion `r` (a cell, or an escaping expression of it), year `y`: [figure test, figure value, has-data test, ledger value]. */
function aggregates(
  ctx: Ctx,
  metric: Metric,
  r: string,
  y: number,
): { figCount: string; figValue: string; hasData: string; value: string } {
  return { ...figureAggregates(ctx, metric, r, y), ...ledgerAggregates(ctx, metric, "region", r, y) };
}

/**
 * The actual (or prior) of a region with its descendants, in the report card by level (rules: ./report-card.ts): the
 * region's own reported figure if any; else the ledger over its 地区路径 subtree, where each descendant's reported
 * figure known when the sheet was written replaces that descendant's part of the ledger; blank without any data.
 */
function subtreeFormula(ctx: Ctx, metric: Metric, plan: RowPlan, y: number): { actual: string; source: string } {
  const own = figureAggregates(ctx, metric, quote(criterionText(plan.region)), y);
  const whole = ledgerAggregates(ctx, metric, "region_path", quote(pathCriterion(plan.path, true)), y);
  const figs = plan.figures[y === ctx.b.span.year ? 0 : 1].map((f) => ({
    fig: figureAggregates(ctx, metric, quote(criterionText(f.region)), y),
    part: ledgerAggregates(ctx, metric, "region_path", quote(pathCriterion(f.path, true)), y),
  }));
  const anyFig = figs.map((f) => `${f.fig.figCount}>0`);
  const swapped = figs.map((f) => `+IF(${f.fig.figCount}>0,${f.fig.figValue}-${f.part.value},0)`).join("");
  const present = figs.length > 0 ? `OR(${whole.hasData}>0,${anyFig.join(",")})` : `${whole.hasData}>0`;
  const actual = `=IF(${own.figCount}>0,${own.figValue},IF(${present},${whole.value}${swapped},""))`;
  const [figLabel, ledgerLabel, mixedLabel] = labelsOf(ctx.o.language).source;
  const ledgerRest =
    figs.length > 0
      ? `${whole.hasData}${figs.map((f) => `-IF(${f.fig.figCount}>0,${f.part.hasData},0)`).join("")}`
      : whole.hasData;
  const source =
    figs.length > 0
      ? `=IF(${own.figCount}>0,${quote(figLabel)},IF(OR(${anyFig.join(",")}),IF(${ledgerRest}>0,${quote(mixedLabel)},${quote(figLabel)}),IF(${whole.hasData}>0,${quote(ledgerLabel)},"")))`
      : `=IF(${own.figCount}>0,${quote(figLabel)},IF(${whole.hasData}>0,${quote(ledgerLabel)},""))`;
  return { actual, source };
}

/** A 本级 row: the ledger of the region itself (its exact 地区路径), never a figure (a figure stands for the subtree). */
function ownFormula(ctx: Ctx, metric: Metric, plan: RowPlan, y: number): { actual: string; source: string } {
  const a = ledgerAggregates(ctx, metric, "region_path", quote(pathCriterion(plan.path, false)), y);
  const ledgerLabel = labelsOf(ctx.o.language).source[1];
  return { actual: `=IF(${a.hasData}>0,${a.value},"")`, source: `=IF(${a.hasData}>0,${quote(ledgerLabel)},"")` };
}

/** The actual (y = the year) or prior (y = the year before) of a region: figure if any, else the ledger, else blank. */
export function actualFormula(ctx: Ctx, metric: Metric, regionCell: string, y: number): string {
  const a = aggregates(ctx, metric, regionCell, y);
  return `=IF(${a.figCount}>0,${a.figValue},IF(${a.hasData}>0,${a.value},""))`;
}

function sourceFormula(ctx: Ctx, metric: Metric, regionCell: string, y: number): string {
  const a = aggregates(ctx, metric, regionCell, y);
  const [fig, ledger] = labelsOf(ctx.o.language).source;
  return `=IF(${a.figCount}>0,${quote(fig)},IF(${a.hasData}>0,${quote(ledger)},""))`;
}

function targetFormula(ctx: Ctx, metric: Metric, regionCell: string): string {
  const T = (f: string) => columnRef(TARGETS, f, ctx.o.refs);
  const crit = `${T("year")},${ctx.b.span.year},${T("region")},${regionCell},${T("metric")},${quote(ctx.o.metricLabel(metric))}`;
  return `IF(COUNTIFS(${crit})>0,SUMIFS(${T("value")},${crit}),`;
}

/** The time-progress basis as the briefing sheet shows it (cell F2); INVEST.* functions accept each of these. */
export const BASIS_LABELS = {
  "zh-CN": { month: "按月", day: "按日" },
  "en-US": { month: "month", day: "day" },
} as const;

function labelsOf(language: Language) {
  return language === "zh-CN"
    ? {
        headers: [
          "地区",
          "实际完成",
          "年度目标",
          "完成率",
          "序时进度",
          "超/欠序时进度(百分点)",
          "状态",
          "上年同期",
          "同比增长",
          "占比",
          "排名",
          "数据来源",
        ],
        source: ["汇总数", "台账", "汇总数+台账"] as [string, string, string],
        total: TOTAL_REGION,
        title: (b: Briefing) =>
          `${b.span.year}年${spanZh(b)}${b.jurisdiction ? `${b.jurisdiction.name}` : ""}招商引资成绩单${b.jurisdiction && b.level ? `（按${b.level}）` : ""}`,
        params: ["截至日期", "序时进度", "计算方式", "滞后容差(百分点)"],
        basis: BASIS_LABELS["zh-CN"],
        note: "完成率 = 实际完成 ÷ 年度目标；超/欠序时进度 = 完成率 − 序时进度，单位为百分点；有汇总数（口径为空、状态不是备选）的地区以汇总数为实际完成，否则按台账汇总；空白表示无数据，不作 0 处理。",
        hierNote:
          "各地区含下级地区；有汇总数（口径为空、状态不是备选）的地区以汇总数为准，否则按台账汇总，下级的汇总数代替其台账；“其中”行不计入合计；“本级”为直属该地区的项目；合计为辖区的汇总数，没有时为各行之和；空白表示无数据。",
        unit: (m: Metric) =>
          METRIC_INFO[m].unit === "yi" ? `${METRIC_INFO[m].zh}（亿元）` : `${METRIC_INFO[m].zh}（个）`,
        textTitle: "简报文字",
      }
    : {
        headers: [
          "Region",
          "Actual",
          "Annual target",
          "Completion",
          "Time progress",
          "Pace gap (points)",
          "Status",
          "Same period last year",
          "YoY growth",
          "Share",
          "Rank",
          "Source",
        ],
        source: ["Reported figure", "Ledger", "Figures + ledger"] as [string, string, string],
        total: "Total",
        title: (b: Briefing) =>
          `Investment report card ${b.period}${b.jurisdiction ? `, ${b.jurisdiction.name}${b.level ? ` by ${LEVEL_EN[b.level]}` : ""}` : ""}`,
        params: ["As of", "Time progress", "Basis", "Tolerance (points)"],
        basis: BASIS_LABELS["en-US"],
        note: "Completion = actual ÷ annual target; pace gap = completion − time progress, in percentage points; a region with a reported figure (blank scope, status not alternative 备选) uses it as the actual, otherwise the ledger is summed; blank means no data, never 0.",
        hierNote:
          "Each region includes its descendants; a reported figure (blank scope, status not alternative 备选) stands for its region, otherwise the ledger is summed, a descendant's figure replacing its part; “of which” rows are not added to the total; “(own level)” rows are the region's own projects; the total is the jurisdiction's reported figure, else the sum of the rows; blank means no data.",
        unit: (m: Metric) =>
          METRIC_INFO[m].unit === "yi" ? `${METRIC_INFO[m].en} (100m CNY)` : `${METRIC_INFO[m].en} (count)`,
        textTitle: "Briefing text",
      };
}

/**
 * The first column of a row as the sheet shows it: the place name (user data, as it is) with the words the add-in
 * adds in the sheet's language (合计 → Total, 其中：X → of which: X, X本级 → X (own level)). Formulas never look a row
 * up by this text: the total's target criterion is the literal 合计 of the targets table.
 */
export function rowLabel(row: BriefingRow, language: Language, isTotal: boolean): string {
  if (isTotal) return labelsOf(language).total;
  const label = row.label ?? row.region;
  if (language === "zh-CN") return label;
  if (row.role === "zone") return `of which: ${label.replace(/^其中：/, "")}`;
  if (row.role === "own") return `${label.replace(/本级$/, "")} (own level)`;
  return label;
}

function spanZh(b: Briefing): string {
  const m = b.span.toMonth;
  return m === 3
    ? "一季度"
    : m === 6
      ? "上半年"
      : m === 9
        ? "前三季度"
        : m === 12
          ? "全年"
          : m === 1
            ? "1月"
            : `1-${m}月`;
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
  for (const t of b.tables) {
    newRow();
    const titleRow = grid.length;
    newRow()[0] = { value: L.unit(t.metric), role: "table-title" };
    const headerRow = grid.length;
    const h = newRow();
    L.headers.forEach((title, c) => (h[c] = { value: title, role: "header" }));
    const firstRow = grid.length;
    const totalRow = firstRow + t.rows.length;
    const regionRange = (col: number) => `${a1(firstRow, col, true)}:${a1(totalRow - 1, col, true)}`;
    const fmtValue = METRIC_INFO[t.metric].unit === "yi" ? FMT.amount : FMT.count;
    if (b.jurisdiction) {
      // The report card by level: its own rows (本级, 其中), literal criteria on 地区路径, totals over the counted rows.
      hierarchicalRows(ctx, t, firstRow, newRow, fmtValue, live, withFormulas);
      tables.push({
        metric: t.metric,
        titleRow,
        headerRow,
        firstRow,
        totalRow,
        regions: t.rows.map((r) => rowLabel(r, language, false)),
      });
      continue;
    }
    const all: BriefingRow[] = [...t.rows, t.total];
    all.forEach((row, k) => {
      const r = firstRow + k;
      const isTotal = k === t.rows.length;
      const cells = newRow();
      const A = (col: number) => a1(r, col);
      // The criterion that matches exactly this region (wildcards escaped, "=" before an operator): the one rule of
      // src/core/regions.ts, which the builder groups by and the importer folds to.
      // The total's cell shows "Total" in English: its target is looked up by the literal 合计, not by the cell.
      const regionCell = isTotal ? quote(TOTAL_REGION) : regionCriterion(a1(r, COL.region, false, true), row.region);
      cells[COL.region] = { value: isTotal ? L.total : row.region, role: isTotal ? "total" : "region" };
      const f = (formula: string | undefined) => (withFormulas ? formula : undefined);
      // Actual and prior
      const actualF = isTotal
        ? `=IF(COUNT(${regionRange(COL.actual)})>0,SUM(${regionRange(COL.actual)}),"")`
        : actualFormula(ctx, t.metric, regionCell, b.span.year);
      const priorF = isTotal
        ? `=IF(COUNT(${regionRange(COL.prior)})>0,SUM(${regionRange(COL.prior)}),"")`
        : actualFormula(ctx, t.metric, regionCell, b.span.year - 1);
      cells[COL.actual] = { value: row.actual, formula: f(actualF), numFmt: fmtValue, role: "value" };
      cells[COL.prior] = { value: row.prior, formula: f(priorF), numFmt: fmtValue, role: "value" };
      // Target
      const targetF = isTotal
        ? `=${targetFormula(ctx, t.metric, regionCell)}IF(COUNT(${regionRange(COL.target)})=ROWS(${regionRange(COL.target)}),SUM(${regionRange(COL.target)}),""))`
        : `=${targetFormula(ctx, t.metric, regionCell)}"")`;
      cells[COL.target] = { value: row.target, formula: f(targetF), numFmt: fmtValue, role: "value" };
      const B = A(COL.actual),
        C = A(COL.target),
        D = A(COL.rate),
        F = A(COL.gap),
        H = A(COL.prior);
      const totalActual = a1(totalRow, COL.actual, true);
      // Rates are rounded to 12 decimals so that the rank's COUNTIFS(">"&rate) criterion, which passes through
      // text, compares exactly (ties stay ties in every engine); 1e-12 is far below any published precision.
      paceCells(cells, row, { B, C, D, F }, live, f, language);
      // The total's growth only like for like: the same regions have an actual and a prior.
      const likeForLike = isTotal
        ? `,COUNTIFS(${regionRange(COL.actual)},">-1E+300",${regionRange(COL.prior)},">-1E+300")<>COUNT(${regionRange(COL.actual)}),COUNT(${regionRange(COL.actual)})<>COUNT(${regionRange(COL.prior)})`
        : "";
      const yoyF = live
        ? `=IF(OR(${B}="",${H}=""${likeForLike}),"",IFERROR(INVEST.YOY_GROWTH(${B},${H}),""))`
        : `=IF(OR(${B}="",${H}="",${H}=0${likeForLike}),"",(${B}-${H})/ABS(${H}))`;
      cells[COL.yoy] = { value: row.yoy_growth, formula: f(yoyF), numFmt: FMT.percent, role: "value" };
      const shareF = live
        ? `=IF(OR(${B}="",${totalActual}=""),"",IFERROR(INVEST.SHARE(${B},${totalActual}),""))`
        : `=IF(OR(${B}="",${totalActual}="",${totalActual}=0),"",${B}/${totalActual})`;
      cells[COL.share] = { value: row.share, formula: f(shareF), numFmt: FMT.percent, role: "value" };
      const rates = regionRange(COL.rate);
      cells[COL.rank] = isTotal
        ? { value: null, role: "value" }
        : {
            value: row.rank,
            formula: f(`=IF(${D}="","",COUNTIFS(${rates},">"&${D})+1)`),
            numFmt: FMT.rank,
            role: "value",
          };
      const [figLabel, ledgerLabel] = L.source;
      const srcValue = row.actual_source === "figure" ? figLabel : row.actual_source === "ledger" ? ledgerLabel : null;
      const srcRange = regionRange(COL.source);
      const srcF = isTotal
        ? `=IF(COUNTIF(${srcRange},${quote(ledgerLabel)})>0,${quote(ledgerLabel)},IF(COUNTIF(${srcRange},${quote(figLabel)})>0,${quote(figLabel)},""))`
        : sourceFormula(ctx, t.metric, regionCell, b.span.year);
      cells[COL.source] = { value: srcValue, formula: f(srcF), role: "value" };
    });
    tables.push({ metric: t.metric, titleRow, headerRow, firstRow, totalRow, regions: t.rows.map((r) => r.region) });
  }

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

/** Ranges of the given rows of a column, merged where contiguous ("$B$7:$B$9", "$B$11"). */
function runRefs(firstRow: number, rows: readonly number[], col: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < rows.length;) {
    let j = i;
    while (j + 1 < rows.length && rows[j + 1] === rows[j] + 1) j++;
    const a = a1(firstRow + rows[i], col, true, true);
    out.push(i === j ? a : `${a}:${a1(firstRow + rows[j], col, true, true)}`);
    i = j + 1;
  }
  return out;
}

/** fn(args…) over many ranges, as a sum of calls of at most 250 arguments each (Excel takes 255). */
function overRanges(fn: "SUM" | "COUNT", ranges: readonly string[]): string {
  if (ranges.length === 0) return "0";
  const parts: string[] = [];
  for (let i = 0; i < ranges.length; i += 250) parts.push(`${fn}(${ranges.slice(i, i + 250).join(",")})`);
  return parts.join("+");
}

/** The rows of one metric table of the report card by level, and its total (rules: ./report-card.ts). */
function hierarchicalRows(
  ctx: Ctx,
  t: BriefingTable,
  firstRow: number,
  newRow: () => BriefingCell[],
  fmtValue: string,
  live: boolean,
  withFormulas: boolean,
): void {
  const { b } = ctx;
  const language = ctx.o.language;
  const L = labelsOf(language);
  const T = (f: string) => columnRef(TARGETS, f, ctx.o.refs);
  const year = b.span.year;
  // Rows that count in the total (the level's regions and 本级 rows; 其中 rows never), as runs of ranges.
  const counted = t.rows.map((r, k) => (r.role === "zone" ? -1 : k)).filter((k) => k >= 0);
  const runs = (col: number) => runRefs(firstRow, counted, col);
  const totalRow = firstRow + t.rows.length;
  const totalActual = a1(totalRow, COL.actual, true);
  const f = (formula: string | undefined) => (withFormulas ? formula : undefined);
  const targetOf = (region: string) => {
    const crit = `${T("year")},${year},${T("region")},${quote(criterionText(region))},${T("metric")},${quote(ctx.o.metricLabel(t.metric))}`;
    return { count: `COUNTIFS(${crit})`, value: `SUMIFS(${T("value")},${crit})` };
  };
  const [figLabel, ledgerLabel, mixedLabel] = L.source;
  [...t.rows, t.total].forEach((row, k) => {
    const r = firstRow + k;
    const isTotal = k === t.rows.length;
    const plan = row.plan!;
    const cells = newRow();
    const A = (col: number) => a1(r, col);
    cells[COL.region] = { value: rowLabel(row, language, isTotal), role: isTotal ? "total" : "region" };
    const B = A(COL.actual),
      C = A(COL.target),
      D = A(COL.rate),
      F = A(COL.gap),
      H = A(COL.prior);
    let actualF: string, priorF: string, targetF: string | undefined, sourceF: string;
    if (isTotal) {
      const jFig = (y: number) =>
        plan.region !== "" ? figureAggregates(ctx, t.metric, quote(criterionText(plan.region)), y) : null;
      const sumOf = (col: number, y: number) => {
        const fig = jFig(y);
        const sum =
          counted.length > 0 ? `IF(${overRanges("COUNT", runs(col))}>0,${overRanges("SUM", runs(col))},"")` : `""`;
        return fig ? `=IF(${fig.figCount}>0,${fig.figValue},${sum})` : `=${sum}`;
      };
      actualF = sumOf(COL.actual, year);
      priorF = sumOf(COL.prior, year - 1);
      const jt = plan.region !== "" ? targetOf(plan.region) : null;
      const tt = targetOf(TOTAL_REGION);
      // The rows' targets add up to the whole only when every counted row with an actual has a target (./report-card.ts).
      const withBoth = runs(COL.actual)
        .map((x, i) => `COUNTIFS(${x},">-1E+300",${runs(COL.target)[i]},">-1E+300")`)
        .join("+");
      const summed =
        counted.length > 0
          ? `IF(AND(${overRanges("COUNT", runs(COL.target))}>0,${withBoth}=${overRanges("COUNT", runs(COL.actual))}),${overRanges("SUM", runs(COL.target))},"")`
          : `""`;
      targetF = `=${jt ? `IF(${jt.count}>0,${jt.value},` : ""}IF(${tt.count}>0,${tt.value},${summed})${jt ? ")" : ""}`;
      const srcRuns = runs(COL.source);
      const n = (label: string) =>
        srcRuns.length > 0 ? srcRuns.map((x) => `COUNTIF(${x},${quote(label)})`).join("+") : "0";
      const combined = `IF(${n(ledgerLabel)}+${n(figLabel)}+${n(mixedLabel)}=0,"",IF(${n(ledgerLabel)}+${n(mixedLabel)}=0,${quote(figLabel)},IF(${n(figLabel)}+${n(mixedLabel)}=0,${quote(ledgerLabel)},${quote(mixedLabel)})))`;
      const fig = jFig(year);
      sourceF = fig ? `=IF(${fig.figCount}>0,${quote(figLabel)},${combined})` : `=${combined}`;
    } else if (plan.role === "own") {
      const cur = ownFormula(ctx, t.metric, plan, year);
      actualF = cur.actual;
      priorF = ownFormula(ctx, t.metric, plan, year - 1).actual;
      targetF = undefined;
      sourceF = cur.source;
    } else {
      const cur = subtreeFormula(ctx, t.metric, plan, year);
      actualF = cur.actual;
      priorF = subtreeFormula(ctx, t.metric, plan, year - 1).actual;
      const tg = targetOf(plan.region);
      targetF = `=IF(${tg.count}>0,${tg.value},"")`;
      sourceF = cur.source;
    }
    cells[COL.actual] = { value: row.actual, formula: f(actualF), numFmt: fmtValue, role: "value" };
    cells[COL.prior] = { value: row.prior, formula: f(priorF), numFmt: fmtValue, role: "value" };
    cells[COL.target] = { value: row.target, formula: f(targetF), numFmt: fmtValue, role: "value" };
    paceCells(cells, row, { B, C, D, F }, live, f, language);
    // Growth only like for like: values of the same sources (decided when written), and for a sum, the same rows.
    let yoyF: string | undefined;
    if (plan.comparable) {
      let extra = "";
      if (
        isTotal &&
        !((row.figure_regions?.length ?? 0) > 0 && (row.prior_figure_regions?.length ?? 0) > 0) &&
        counted.length > 0
      ) {
        const both = runs(COL.actual)
          .map((x, i) => `COUNTIFS(${x},">-1E+300",${runs(COL.prior)[i]},">-1E+300")`)
          .join("+");
        extra = `,${both}<>${overRanges("COUNT", runs(COL.actual))},${overRanges("COUNT", runs(COL.actual))}<>${overRanges("COUNT", runs(COL.prior))}`;
      }
      yoyF = live
        ? `=IF(OR(${B}="",${H}=""${extra}),"",IFERROR(INVEST.YOY_GROWTH(${B},${H}),""))`
        : `=IF(OR(${B}="",${H}="",${H}=0${extra}),"",(${B}-${H})/ABS(${H}))`;
    }
    cells[COL.yoy] = { value: row.yoy_growth, formula: f(yoyF), numFmt: FMT.percent, role: "value" };
    const shareF = live
      ? `=IF(OR(${B}="",${totalActual}=""),"",IFERROR(INVEST.SHARE(${B},${totalActual}),""))`
      : `=IF(OR(${B}="",${totalActual}="",${totalActual}=0),"",${B}/${totalActual})`;
    cells[COL.share] = { value: row.share, formula: f(shareF), numFmt: FMT.percent, role: "value" };
    const rankF =
      !isTotal && plan.role === "region" && counted.length > 0
        ? `=IF(${D}="","",${runs(COL.rate)
            .map((x) => `COUNTIFS(${x},">"&${D})`)
            .join("+")}+1)`
        : undefined;
    cells[COL.rank] = rankF
      ? { value: row.rank, formula: f(rankF), numFmt: FMT.rank, role: "value" }
      : { value: null, role: "value" };
    const srcValue =
      row.actual_source === "figure"
        ? figLabel
        : row.actual_source === "ledger"
          ? ledgerLabel
          : row.actual_source === "mixed"
            ? mixedLabel
            : null;
    cells[COL.source] = { value: srcValue, formula: f(sourceF), role: "value" };
  });
}

/** The table of a metric in a layout. */
export function layoutTable(layout: BriefingLayout, metric: Metric): LayoutTable | undefined {
  return layout.tables.find((t) => t.metric === metric);
}

export type { BriefingTable };
