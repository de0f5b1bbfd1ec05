/**
 * The briefing workbook (.xlsx) written with exceljs: the data sheets (台账, 到位资金, 目标任务, 汇总数, canonical
 * Chinese column titles, dates as date serials) and the briefing sheet "成绩单 2025Q1", whose cells are the formulas
 * of src/briefing/formulas.ts (portable by default: built-in functions only, so Excel without the add-in, WPS and
 * LibreOffice all recalculate them) with the builder's numbers cached as their results.
 */
import ExcelJS from "exceljs";
import { FIGURES, FUNDS, LEDGER, SheetSpec, TARGETS } from "../core/columns";
import { parseIsoDate, toExcelSerial } from "../core/dates";
import { FundsEntry, metricInfo, ProjectRecord, ReportedFigure, Target } from "../core/model";
import type { Language } from "../i18n/language";
import { sheetRows } from "../briefing/sheet-data";
import type { RegionHierarchy } from "../core/region-hierarchy";
import { briefingLayout, BriefingCell, BriefingLayout, columnLetter, COL, FMT, FormulaMode } from "../briefing/formulas";
import { briefingText } from "../briefing/text";
import type { Briefing, BriefingInput } from "../briefing/types";

export interface BriefingXlsxOptions {
  /** "portable" (default): built-in functions only; "live": INVEST.* functions (needs the add-in); "values": frozen. */
  mode?: FormulaMode;
  language?: Language;
  /** The briefing text; default: briefingText(briefing, {language}). */
  text?: string;
  /** Collects every cell whose text held characters XML cannot hold (each replaced by U+FFFD), to report them. */
  sanitized?: SanitizedCell[];
  /** The regions: records not resolved at import get their 地区路径 from it (the formulas of a card by level need it). */
  hierarchy?: RegionHierarchy;
}

/** A cell of the exported workbook whose text was changed so that the file stays well-formed XML. */
export interface SanitizedCell {
  sheet: string;
  /** A1 address. */
  cell: string;
  /** The characters replaced, as U+XXXX. */
  characters: string[];
}

/**
 * Characters XML 1.0 cannot hold (the Char production: no C0 control but tab, LF and CR; no U+FFFE, U+FFFF; no lone
 * surrogate). exceljs writes them raw, which makes the part malformed: Excel refuses the file and other readers
 * blank every later cell. They are replaced by U+FFFD on the way out and reported (SanitizedCell).
 */
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text made fit for XML; what was replaced goes into `report`. */
export function xmlSafeText(text: string, where: { sheet: string; cell: string }, report?: SanitizedCell[]): string {
  XML_INVALID.lastIndex = 0;
  if (!XML_INVALID.test(text)) return text;
  const found = new Set<string>();
  const out = text.replace(XML_INVALID, (c) => {
    found.add(`U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`);
    return "\uFFFD";
  });
  report?.push({ ...where, characters: [...found] });
  return out;
}

/** Status fills: green / amber / red, as the reports' traffic lights. */
export const STATUS_COLOURS = {
  ahead: { fill: "FFC6EFCE", font: "FF006100" },
  on_track: { fill: "FFFFEB9C", font: "FF9C5700" },
  behind: { fill: "FFFFC7CE", font: "FF9C0006" },
} as const;

/** A date as an Excel serial: "YYYY-MM-DD", or "YYYY-MM" as the 1st of the month; null when absent or invalid. */
export function dateSerial(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const full = parseIsoDate(iso);
  if (full) return toExcelSerial(full);
  const ym = /^\s*(\d{4})-(\d{1,2})\s*$/.exec(iso);
  if (ym && +ym[2] >= 1 && +ym[2] <= 12) return toExcelSerial({ year: +ym[1], month: +ym[2], day: 1 });
  return null;
}

type Row = Record<string, unknown>;

function writeDataSheet(wb: ExcelJS.Workbook, spec: SheetSpec, rows: Row[], report?: SanitizedCell[]): void {
  const ws = wb.addWorksheet(spec.sheet);
  ws.addRow(spec.columns.map((c) => c.title));
  ws.getRow(1).font = { bold: true };
  rows.forEach((r, k) => {
    const values = spec.columns.map((c, i) => {
      const v = r[c.field];
      if (v === null || v === undefined || v === "") return null;
      if (c.type === "date") return dateSerial(String(v));
      const text = c.type === "metric" ? metricInfo(v)?.zh ?? String(v) : v;
      return (typeof text === "string" ? xmlSafeText(text, { sheet: spec.sheet, cell: `${columnLetter(i)}${k + 2}` }, report) : text) as ExcelJS.CellValue;
    });
    ws.addRow(values);
  });
  spec.columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c.type === "text" ? 18 : 12;
    if (c.type === "date") col.numFmt = FMT.date;
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: spec.columns.length } };
  ws.views = [{ state: "frozen", ySplit: 1 }];
}

function cellValue(c: BriefingCell, safe: (s: string) => string): ExcelJS.CellValue {
  const v = typeof c.value === "string" ? safe(c.value) : c.value;
  if (c.formula) {
    const result = v === null ? "" : (v as number | string | boolean);
    return { formula: c.formula.slice(1), result } as ExcelJS.CellFormulaValue;
  }
  return v as ExcelJS.CellValue;
}

function writeBriefingSheet(wb: ExcelJS.Workbook, layout: BriefingLayout, mode: FormulaMode, language: Language, report?: SanitizedCell[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(layout.sheetName);
  layout.grid.forEach((row, r) => {
    row.forEach((c, col) => {
      if (c.value === null && !c.formula) return;
      const cell = ws.getCell(r + 1, col + 1);
      cell.value = cellValue(c, (s) => xmlSafeText(s, { sheet: layout.sheetName, cell: `${columnLetter(col)}${r + 1}` }, report));
      if (c.numFmt) cell.numFmt = c.numFmt;
      if (c.role === "title") cell.font = { bold: true, size: 14 };
      if (c.role === "table-title") cell.font = { bold: true, size: 12 };
      if (c.role === "header" || c.role === "param-label") {
        cell.font = { bold: true };
        cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
      }
      if (c.role === "total") cell.font = { bold: true };
      if (c.role === "status" && c.status && mode === "values") {
        const colours = STATUS_COLOURS[c.status];
        cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: colours.fill } };
        cell.font = { color: { argb: colours.font } };
      }
    });
  });
  // Status colours follow the value after recalculation: conditional formats on each status column.
  if (mode !== "values") {
    const labels = statusTexts(language);
    for (const t of layout.tables) {
      const ref = `${columnLetter(COL.status)}${t.firstRow + 1}:${columnLetter(COL.status)}${t.totalRow + 1}`;
      ws.addConditionalFormatting({
        ref,
        rules: labels.map(([status, text], i) => ({
          type: "containsText" as const,
          operator: "containsText" as const,
          text,
          priority: i + 1,
          style: {
            fill: { type: "pattern" as const, pattern: "solid" as const, bgColor: { argb: STATUS_COLOURS[status].fill } },
            font: { color: { argb: STATUS_COLOURS[status].font } },
          },
        })),
      });
    }
  }
  layout.columnWidths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  return ws;
}

function statusTexts(language: Language): [keyof typeof STATUS_COLOURS, string][] {
  return language === "zh-CN"
    ? [["ahead", "超序时"], ["on_track", "正常"], ["behind", "滞后"]]
    : [["ahead", "Ahead"], ["on_track", "On track"], ["behind", "Behind"]];
}

/** Build the workbook object (for callers that add to it); see briefingXlsx for bytes. */
export function briefingWorkbook(input: BriefingInput, briefing: Briefing, options: BriefingXlsxOptions = {}): ExcelJS.Workbook {
  const mode = options.mode ?? "portable";
  const language = options.language ?? "zh-CN";
  const wb = new ExcelJS.Workbook();
  wb.creator = "招商引资成绩单 / Investment Report Card";
  wb.created = new Date(Date.UTC(briefing.span.year, briefing.span.toMonth - 1, 1));
  // Excel and WPS recompute every formula on opening; the cached results serve viewers that do not calculate.
  if (mode !== "values") wb.calcProperties.fullCalcOnLoad = true;
  // The briefing sheet first, so the workbook opens on it.
  const text = options.text ?? briefingText(briefing, { language });
  const layout = briefingLayout(briefing, text, { mode, refs: "a1", language });
  const report = options.sanitized;
  writeBriefingSheet(wb, layout, mode, language, report);
  // Formulas count funds by 所属地区 (and 地区路径): filled from the ledger where the entry left it blank, as the builder
  // attributes it; records and entries get their 地区路径 from the hierarchy when the import did not give one.
  const { records, funds } = sheetRows(input, options.hierarchy);
  writeDataSheet(wb, LEDGER, records as unknown as Row[], report);
  writeDataSheet(wb, FUNDS, funds as unknown as Row[], report);
  writeDataSheet(wb, TARGETS, (input.targets ?? []) as Target[] as unknown as Row[], report);
  writeDataSheet(wb, FIGURES, (input.figures ?? []) as ReportedFigure[] as unknown as Row[], report);
  return wb;
}

/** The briefing workbook as xlsx bytes. */
export async function briefingXlsx(input: BriefingInput, briefing: Briefing, options: BriefingXlsxOptions = {}): Promise<Uint8Array> {
  const wb = briefingWorkbook(input, briefing, options);
  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
