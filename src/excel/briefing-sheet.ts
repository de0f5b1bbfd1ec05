/**
 * Writes the briefing sheet "成绩单 2025Q1" into the open workbook (thin Office.js layer: the layout, every formula
 * and every cached value come from src/briefing/formulas.ts, shared with the xlsx exporter).
 *
 * - live (default): SUMIFS/COUNTIFS over the Ledger/Funds/Targets/Figures tables, INVEST.* for the ratios;
 * - portable: built-in functions only (same numbers) for colleagues without the add-in and for WPS;
 * - valuesOnly: a frozen copy (numbers, no formulas).
 * Status cells are coloured green/amber/red (static fills for the values written now, plus conditional formats
 * where the host supports them, so the colours follow recalculation); number formats per column; optional charts:
 * actual vs target per region (clustered column) and completion rate vs time progress, per metric.
 */
import type { Language } from "../i18n/language";
import { currentLanguage } from "../i18n/language";
import { briefingLayout, BriefingCell, BriefingLayout, COL, columnLetter, COLUMN_COUNT, FormulaMode } from "../briefing/formulas";
import { briefingText } from "../briefing/text";
import type { Briefing } from "../briefing/types";
import { Metric, METRIC_INFO } from "../core/model";
import { missingTables, renameTables, tablesIn } from "./briefing-tables";

export interface WriteBriefingSheetOptions {
  /** Only built-in Excel functions (no INVEST.*). */
  portable?: boolean;
  /** A frozen copy: values, no formulas. Wins over `portable`. */
  valuesOnly?: boolean;
  /** Add the two charts per metric (default true). */
  charts?: boolean;
  language?: Language;
  /** The briefing text; default briefingText(briefing, {language}). */
  text?: string;
  /** How the Targets/Figures tables spell a metric (default its Chinese name). */
  metricLabel?: (metric: Metric) => string;
  /** Criterion for Funds[省外资金] (default TRUE()). */
  outOfProvinceCriterion?: string;
  /** Activate the sheet when done (default true). */
  activate?: boolean;
  /** Names of the data tables the formulas use instead of Ledger, Funds, Targets, Figures (the self-test's). */
  tableNames?: Readonly<Record<string, string>>;
  /** The sheet's name instead of "成绩单 <period>" (the self-test's temporary sheet). */
  sheetName?: string;
}

export interface WriteBriefingSheetResult {
  sheetName: string;
  /** The written range, e.g. "A1:L48". */
  address: string;
  mode: FormulaMode;
  charts: number;
  layout: BriefingLayout;
  /** What the user should know (Chinese and English), e.g. funds entries the formulas cannot attribute. */
  warnings: { message: string; message_en: string }[];
}

/** Status colours: fill and font (Excel's good / neutral / bad styles). */
export const STATUS_STYLE = {
  ahead: { fill: "#C6EFCE", font: "#006100" },
  on_track: { fill: "#FFEB9C", font: "#9C5700" },
  behind: { fill: "#FFC7CE", font: "#9C0006" },
} as const;

/** Where the chart data (linked copies of region, completion rate and time progress) go: right of the tables. */
const CHART_DATA_COL = COLUMN_COUNT + 1;

function cellInput(c: BriefingCell): string | number | boolean {
  if (c.formula) return c.formula;
  if (c.value === null) return "";
  // Text starting with "=" must not become a formula.
  if (typeof c.value === "string" && c.value.startsWith("=")) return `'${c.value}`;
  return c.value;
}

/** Write (or rewrite) the briefing sheet. Runs its own Excel.run unless a context is given. */
export async function writeBriefingSheet(
  briefing: Briefing,
  options: WriteBriefingSheetOptions = {},
  context?: Excel.RequestContext,
): Promise<WriteBriefingSheetResult> {
  if (!context) return Excel.run((ctx) => writeBriefingSheet(briefing, options, ctx));
  const language = options.language ?? currentLanguage();
  const mode: FormulaMode = options.valuesOnly ? "values" : options.portable ? "portable" : "live";
  const text = options.text ?? briefingText(briefing, { language });
  const layout = briefingLayout(briefing, text, {
    mode, refs: "structured", language, metricLabel: options.metricLabel, outOfProvinceCriterion: options.outOfProvinceCriterion,
  });
  if (options.sheetName) layout.sheetName = options.sheetName;
  // Formulas over tables that do not exist are not written (Excel's answer to them is not documented): those cells
  // get the value computed now, and the user is told which dataset to load (src/excel/briefing-tables.ts).
  const missing = mode === "values" ? new Set<string>() : await fixTableReferences(context, layout, options.tableNames ?? {});
  const sheets = context.workbook.worksheets;
  const existing = sheets.getItemOrNullObject(layout.sheetName);
  await context.sync();
  if (!existing.isNullObject) existing.delete();
  const sheet = sheets.add(layout.sheetName);

  const rows = layout.grid.length;
  const address = `A1:${columnLetter(COLUMN_COUNT - 1)}${rows}`;
  const range = sheet.getRange(address);
  range.numberFormat = layout.grid.map((row) => row.map((c) => c.numFmt ?? "General"));
  range.formulas = layout.grid.map((row) => row.map(cellInput)) as unknown as string[][];

  // Styles: title, table titles, headers, totals, status colours.
  const rowRange = (r: number, from = 0, to = COLUMN_COUNT - 1) => sheet.getRange(`${columnLetter(from)}${r + 1}:${columnLetter(to)}${r + 1}`);
  sheet.getRange("A1").format.font.bold = true;
  for (let c = 0; c < 8; c += 2) {
    const label = sheet.getRange(`${columnLetter(c)}2`);
    label.format.font.bold = true;
    label.format.fill.color = "#DDEBF7";
  }
  for (const t of layout.tables) {
    sheet.getRange(`A${t.titleRow + 1}`).format.font.bold = true;
    const header = rowRange(t.headerRow);
    header.format.font.bold = true;
    header.format.fill.color = "#DDEBF7";
    header.format.wrapText = true;
    rowRange(t.totalRow).format.font.bold = true;
    for (let r = t.firstRow; r <= t.totalRow; r++) {
      const cell = layout.grid[r][COL.status];
      if (!cell.status) continue;
      const s = sheet.getRange(`${columnLetter(COL.status)}${r + 1}`);
      s.format.fill.color = STATUS_STYLE[cell.status].fill;
      s.format.font.color = STATUS_STYLE[cell.status].font;
    }
    if (mode !== "values") addStatusFormats(sheet, `${columnLetter(COL.status)}${t.firstRow + 1}:${columnLetter(COL.status)}${t.totalRow + 1}`, language);
  }
  sheet.getRange(`A${layout.textRow + 1}`).format.font.bold = true;
  layout.columnWidths.forEach((w, i) => (sheet.getRange(`${columnLetter(i)}:${columnLetter(i)}`).format.columnWidth = w * 7));

  let charts = 0;
  if (options.charts !== false) charts = addCharts(sheet, layout, language, mode);
  if (options.activate !== false) sheet.activate();
  await context.sync();
  const warnings: WriteBriefingSheetResult["warnings"] = [];
  if (missing.size) {
    const list = [...missing].join("、");
    warnings.push({
      message: `工作簿中没有表格 ${list}：用到它们的单元格写入了当前数值，不会随数据更新。载入相应数据后请重新生成成绩单。`,
      message_en: `The workbook has no table ${[...missing].join(", ")}: the cells that need it hold today's values and will not follow the data. Load that data and write the sheet again.`,
    });
  }
  const blank = briefing.stats.funds_region_from_ledger;
  if (mode !== "values" && blank > 0) {
    // The formulas count funds by Funds[所属地区]; the builder attributed these entries through the ledger.
    warnings.push({
      message: `到位资金明细中有 ${blank} 条未填所属地区：成绩单公式按“所属地区”汇总到位资金，这些条目不会计入，与简报文字不一致。请在到位资金表中补填所属地区。`,
      message_en: `${blank} funds entries have no region: the sheet's formulas sum funds by region and leave them out, unlike the briefing text. Fill in their region in the Funds table.`,
    });
  }
  return { sheetName: layout.sheetName, address, mode, charts, layout, warnings };
}

/**
 * Rename the tables the layout's formulas name (`map`), then turn every formula that names a table missing from the
 * workbook into its computed value. Returns the missing tables.
 */
async function fixTableReferences(ctx: Excel.RequestContext, layout: BriefingLayout, map: Readonly<Record<string, string>>): Promise<Set<string>> {
  const named = new Set<string>();
  for (const row of layout.grid) {
    for (const cell of row) {
      if (!cell.formula) continue;
      cell.formula = renameTables(cell.formula, map);
      for (const t of tablesIn(cell.formula)) named.add(t);
    }
  }
  const missing = await missingTables(ctx, [...named]);
  if (missing.size) {
    for (const row of layout.grid) {
      for (const cell of row) {
        if (cell.formula && tablesIn(cell.formula).some((t) => missing.has(t))) delete cell.formula;
      }
    }
  }
  return missing;
}

/** Conditional formats on a status column, where the host supports them (ExcelApi 1.6). */
function addStatusFormats(sheet: Excel.Worksheet, address: string, language: Language): void {
  const range = sheet.getRange(address);
  const formats = (range as unknown as { conditionalFormats?: Excel.ConditionalFormatCollection }).conditionalFormats;
  if (!formats || typeof formats.add !== "function") return;
  const labels = language === "zh-CN"
    ? { ahead: "超序时", on_track: "正常", behind: "滞后" }
    : { ahead: "Ahead", on_track: "On track", behind: "Behind" };
  for (const status of ["ahead", "on_track", "behind"] as const) {
    const cf = formats.add(Excel.ConditionalFormatType.containsText);
    cf.textComparison.format.fill.color = STATUS_STYLE[status].fill;
    cf.textComparison.format.font.color = STATUS_STYLE[status].font;
    cf.textComparison.rule = { operator: Excel.ConditionalTextOperator.contains, text: labels[status] };
  }
}

/**
 * Two charts per metric: actual vs target by region (clustered column over the table's first three columns), and
 * completion rate vs time progress by region (clustered column over a linked copy of region, rate and progress
 * placed right of the tables, since a chart takes one contiguous range).
 */
function addCharts(sheet: Excel.Worksheet, layout: BriefingLayout, language: Language, mode: FormulaMode): number {
  const zh = language === "zh-CN";
  let n = 0;
  const chartCol = columnLetter(CHART_DATA_COL + 4);
  for (const t of layout.tables) {
    if (t.regions.length === 0) continue;
    const info = METRIC_INFO[t.metric];
    const first = t.firstRow + 1;
    const last = t.totalRow; // regions only: the total would dwarf them
    // Chart 1: actual vs target.
    const source1 = sheet.getRange(`A${t.headerRow + 1}:C${last}`);
    const c1 = sheet.charts.add(Excel.ChartType.columnClustered, source1, Excel.ChartSeriesBy.columns);
    c1.name = `${t.metric}-actual-target`;
    c1.title.text = zh ? `${info.zh}：实际完成与年度目标` : `${info.en}: actual vs annual target`;
    c1.axes.valueAxis.title.text = info.unit === "yi" ? (zh ? "亿元" : "100m CNY") : (zh ? "个" : "count");
    c1.setPosition(`${chartCol}${t.titleRow + 1}`, `${columnLetter(CHART_DATA_COL + 10)}${t.totalRow + 1}`);
    // Chart data for chart 2: linked copies (formulas, or values in a frozen copy).
    const dataCols = [COL.region, COL.rate, COL.progress];
    const block: (string | number)[][] = [];
    for (let r = t.headerRow; r < t.totalRow; r++) {
      block.push(dataCols.map((c) => {
        const cell = layout.grid[r][c];
        if (mode === "values") return cell.value === null ? "" : (cell.value as string | number);
        return `=IF(${columnLetter(c)}${r + 1}="","",${columnLetter(c)}${r + 1})`;
      }));
    }
    const dataAddress = `${columnLetter(CHART_DATA_COL)}${t.headerRow + 1}:${columnLetter(CHART_DATA_COL + 2)}${last}`;
    const data = sheet.getRange(dataAddress);
    data.formulas = block as unknown as string[][];
    sheet.getRange(`${columnLetter(CHART_DATA_COL + 1)}${first}:${columnLetter(CHART_DATA_COL + 2)}${last}`).numberFormat =
      Array.from({ length: last - first + 1 }, () => ["0.00%", "0.00%"]);
    const c2 = sheet.charts.add(Excel.ChartType.columnClustered, data, Excel.ChartSeriesBy.columns);
    c2.name = `${t.metric}-rate-progress`;
    c2.title.text = zh ? `${info.zh}：完成率与序时进度` : `${info.en}: completion vs time progress`;
    c2.axes.valueAxis.title.text = "%";
    c2.setPosition(`${columnLetter(CHART_DATA_COL + 11)}${t.titleRow + 1}`, `${columnLetter(CHART_DATA_COL + 17)}${t.totalRow + 1}`);
    n += 2;
  }
  return n;
}
