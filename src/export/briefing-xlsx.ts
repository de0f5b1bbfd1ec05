/**
 * The briefing workbook (.xlsx) written with exceljs: the data sheets (台账, 到位资金, 目标任务, 汇总数, canonical
 * Chinese column titles, dates as date serials) and the briefing sheet "成绩单 2025Q1", whose cells are the formulas
 * of src/briefing/formulas.ts (portable by default: built-in functions only, so Excel without the add-in, WPS and
 * LibreOffice all recalculate them) with the builder's numbers cached as their results.
 *
 * Two writers, one content: `briefingXlsx` and `writeBriefingXlsx` (the command line) use exceljs's streaming
 * WorkbookWriter (Node's zlib), which writes a ledger-sized data sheet a row at a time, so a million records go
 * out in bounded memory (the in-memory writer keeps every cell object of the workbook, and ran out of heap on a
 * million records); `briefingWorkbook` builds the same workbook in memory for callers that add to it. Both write
 * the briefing sheet with the one writeBriefingSheet and the data sheets from the same row values
 * (test/export/streaming.test.ts reads both back and compares them).
 */
import ExcelJS from "exceljs";
import type { Writable } from "stream";
import { FIGURES, FUNDS, LEDGER, SheetSpec, TARGETS } from "../core/columns";
import { parseIsoDate, toExcelSerial } from "../core/dates";
import { metricInfo } from "../core/model";
import type { Language } from "../i18n/language";
import { sheetRows } from "../briefing/sheet-data";
import type { RegionHierarchy } from "../core/region-hierarchy";
import {
  briefingLayout,
  BriefingCell,
  BriefingLayout,
  columnLetter,
  COL,
  FMT,
  FormulaMode,
} from "../briefing/formulas";
import { briefingText } from "../briefing/text";
import { fitCell, MAX_TEXT_CELL } from "../excel/values";
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
  /** Set when the text was longer than a cell holds (32,767 characters) and was cut: its length. */
  truncated?: number;
}

/**
 * Characters XML 1.0 cannot hold (the Char production: no C0 control but tab, LF and CR; no U+FFFE, U+FFFF; no lone
 * surrogate). exceljs writes them raw, which makes the part malformed: Excel refuses the file and other readers
 * blank every later cell. They are replaced by U+FFFD on the way out and reported (SanitizedCell).
 */
const XML_INVALID =
  // eslint-disable-next-line no-control-regex -- the characters XML 1.0 forbids, removed before writing
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text made fit for XML; what was replaced goes into `report`. */
export function xmlSafeText(text: string, where: { sheet: string; cell: string }, report?: SanitizedCell[]): string {
  if (text.length > MAX_TEXT_CELL) {
    // Longer than a cell holds (a composed briefing line): Excel would refuse the file. Cut, marked, and reported.
    report?.push({ ...where, characters: [], truncated: text.length });
    text = fitCell(text);
  }
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

/**
 * Text as an xlsx string element must spell it (ECMA-376 Part 1, 22.9.2.19 ST_Xstring). A CR written raw is turned
 * into LF by every XML parser (XML 1.0 §2.11 end-of-line handling), so it is written as the escape _x000D_; text
 * that already looks like an escape (_x000D_ typed by someone) is protected by escaping its underscore (_x005F_),
 * or readers would decode it into the character. Used for plain text cells only, after xmlSafeText.
 */
export function xstring(text: string): string {
  if (!text.includes("_x") && !text.includes("_X") && !text.includes("\r")) return text;
  return text.replace(/_(?=x[0-9A-Fa-f]{4}_)/gi, "_x005F_").replace(/\r/g, "_x000D_");
}

/**
 * A text cell's value for exceljs. exceljs's streaming writer puts plain text in <v> of a t="str" cell, which readers
 * disagree on (exceljs takes _x000D_ literally, LibreOffice decodes it); text that needs an escape is written as an
 * inline string (<is><r><t>), an ST_Xstring that Excel, LibreOffice and exceljs all decode. Other text is unchanged.
 */
function textValue(text: string): ExcelJS.CellValue {
  const x = xstring(text);
  return x === text ? text : ({ richText: [{ text: x }] } as ExcelJS.CellRichTextValue);
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

/** A data row: a record, funds entry, target or figure, read field by field as its sheet spec names them. */
type Row = object;

/** The cells of one data row (sheet row `rowNumber`): dates as serials, metrics by their Chinese name, text made XML-safe. */
function dataRowValues(spec: SheetSpec, r: Row, rowNumber: number, report?: SanitizedCell[]): ExcelJS.CellValue[] {
  return spec.columns.map((c, i) => {
    const v: unknown = Reflect.get(r, c.field);
    if (v === null || v === undefined || v === "") return null;
    if (c.type === "date") return dateSerial(String(v));
    const text = c.type === "metric" ? (metricInfo(v)?.zh ?? String(v)) : v;
    return (
      typeof text === "string"
        ? textValue(xmlSafeText(text, { sheet: spec.sheet, cell: `${columnLetter(i)}${rowNumber}` }, report))
        : text
    ) as ExcelJS.CellValue;
  });
}

/** Column widths and the date format of a data sheet. */
function dataColumns(ws: ExcelJS.Worksheet, spec: SheetSpec): void {
  spec.columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c.type === "text" ? 18 : 12;
    if (c.type === "date") col.numFmt = FMT.date;
  });
}

const DATA_VIEWS: Partial<ExcelJS.WorksheetView>[] = [{ state: "frozen", ySplit: 1 }];

function writeDataSheet(wb: ExcelJS.Workbook, spec: SheetSpec, rows: readonly Row[], report?: SanitizedCell[]): void {
  const ws = wb.addWorksheet(spec.sheet);
  ws.addRow(spec.columns.map((c) => c.title));
  ws.getRow(1).font = { bold: true };
  rows.forEach((r, k) => ws.addRow(dataRowValues(spec, r, k + 2, report)));
  dataColumns(ws, spec);
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: spec.columns.length } };
  ws.views = DATA_VIEWS;
}

/** Rows written between turns of the event loop, in which zlib compresses what was written (so memory stays bounded). */
const ROWS_PER_TURN = 1000;

/**
 * A data sheet through the streaming writer: columns and views first (they precede the rows in the sheet's XML),
 * then each row committed as it is made.
 */
async function streamDataSheet(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  spec: SheetSpec,
  rows: readonly Row[],
  report?: SanitizedCell[],
): Promise<void> {
  const ws = wb.addWorksheet(spec.sheet, { views: DATA_VIEWS });
  dataColumns(ws, spec);
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: spec.columns.length } };
  const header = ws.addRow(spec.columns.map((c) => c.title));
  header.font = { bold: true };
  header.commit();
  for (let k = 0; k < rows.length; k++) {
    ws.addRow(dataRowValues(spec, rows[k], k + 2, report)).commit();
    if (k % ROWS_PER_TURN === ROWS_PER_TURN - 1) await new Promise((resolve) => setImmediate(resolve));
  }
  ws.commit();
}

function cellValue(c: BriefingCell, safe: (s: string) => string): ExcelJS.CellValue {
  const v = typeof c.value === "string" ? safe(c.value) : c.value;
  if (c.formula) {
    // A cached result (<v>) is not an ST_Xstring and is recalculated on load: left unescaped.
    const result = v === null ? "" : (v as number | string | boolean);
    return { formula: c.formula.slice(1), result } as ExcelJS.CellFormulaValue;
  }
  return (typeof v === "string" ? textValue(v) : v) as ExcelJS.CellValue;
}

function writeBriefingSheet(
  wb: ExcelJS.Workbook,
  layout: BriefingLayout,
  mode: FormulaMode,
  language: Language,
  report?: SanitizedCell[],
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(layout.sheetName);
  layout.grid.forEach((row, r) => {
    row.forEach((c, col) => {
      if (c.value === null && !c.formula) return;
      const cell = ws.getCell(r + 1, col + 1);
      cell.value = cellValue(c, (s) =>
        xmlSafeText(s, { sheet: layout.sheetName, cell: `${columnLetter(col)}${r + 1}` }, report),
      );
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
            fill: {
              type: "pattern" as const,
              pattern: "solid" as const,
              bgColor: { argb: STATUS_COLOURS[status].fill },
            },
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
    ? [
        ["ahead", "超序时"],
        ["on_track", "正常"],
        ["behind", "滞后"],
      ]
    : [
        ["ahead", "Ahead"],
        ["on_track", "On track"],
        ["behind", "Behind"],
      ];
}

/** What both writers put in the workbook, worked out once. */
function workbookParts(input: BriefingInput, briefing: Briefing, options: BriefingXlsxOptions) {
  const mode = options.mode ?? "portable";
  const language = options.language ?? "zh-CN";
  const text = options.text ?? briefingText(briefing, { language });
  const layout = briefingLayout(briefing, text, { mode, refs: "a1", language });
  // Formulas count funds by 所属地区 (and 地区路径): filled from the ledger where the entry left it blank, as the builder
  // attributes it; records and entries get their 地区路径 from the hierarchy when the import did not give one.
  const { records, funds } = sheetRows(input, options.hierarchy);
  const data: [SheetSpec, readonly Row[]][] = [
    [LEDGER, records],
    [FUNDS, funds],
    [TARGETS, input.targets ?? []],
    [FIGURES, input.figures ?? []],
  ];
  return {
    mode,
    language,
    layout,
    data,
    report: options.sanitized,
    creator: "招商引资成绩单 / Investment Report Card",
    created: new Date(Date.UTC(briefing.span.year, briefing.span.toMonth - 1, 1)),
    // Excel and WPS recompute every formula on opening; the cached results serve viewers that do not calculate.
    fullCalcOnLoad: mode !== "values",
  };
}

/** Build the workbook object in memory (for callers that add to it); briefingXlsx streams the same workbook. */
export function briefingWorkbook(
  input: BriefingInput,
  briefing: Briefing,
  options: BriefingXlsxOptions = {},
): ExcelJS.Workbook {
  const parts = workbookParts(input, briefing, options);
  const wb = new ExcelJS.Workbook();
  wb.creator = parts.creator;
  wb.created = parts.created;
  if (parts.fullCalcOnLoad) wb.calcProperties.fullCalcOnLoad = true;
  // The briefing sheet first, so the workbook opens on it.
  writeBriefingSheet(wb, parts.layout, parts.mode, parts.language, parts.report);
  for (const [spec, rows] of parts.data) writeDataSheet(wb, spec, rows, parts.report);
  return wb;
}

/**
 * exceljs's streaming writer writes `<calcPr>` without attributes whatever the workbook says; ask for a full
 * recalculation on load in the one place it is written (xl/workbook.xml, added by addWorkbook at commit).
 */
function setFullCalcOnLoad(wb: ExcelJS.stream.xlsx.WorkbookWriter): void {
  // eslint-disable-next-line no-restricted-syntax -- exceljs's WorkbookWriter type does not declare addWorkbook and zip, which it has
  const writer = wb as unknown as {
    addWorkbook(): Promise<void>;
    zip: { append(source: unknown, data: { name: string }): unknown };
  };
  const addWorkbook = writer.addWorkbook.bind(writer);
  writer.addWorkbook = async () => {
    const zip = writer.zip;
    const append = zip.append;
    zip.append = (source, data) => {
      const xml =
        data.name === "/xl/workbook.xml" && typeof source === "string"
          ? source.replace(/<calcPr\b(?![^>]*fullCalcOnLoad)([^>]*?)\s*\/>/, '<calcPr$1 fullCalcOnLoad="1"/>')
          : source;
      return append.call(zip, xml, data);
    };
    try {
      await addWorkbook();
    } finally {
      zip.append = append;
    }
  };
}

/**
 * Write the briefing workbook to `stream` with exceljs's streaming writer: the briefing sheet first (it is small
 * and written cell by cell), then each data sheet a row at a time. Resolves when the last byte was handed to the stream.
 */
export async function writeBriefingXlsx(
  stream: Writable,
  input: BriefingInput,
  briefing: Briefing,
  options: BriefingXlsxOptions = {},
): Promise<void> {
  const parts = workbookParts(input, briefing, options);
  // Inline strings (no shared-strings table to hold in memory); styles for the number formats, fonts and fills.
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  wb.creator = parts.creator;
  wb.created = parts.created;
  if (parts.fullCalcOnLoad) setFullCalcOnLoad(wb);
  writeBriefingSheet(wb, parts.layout, parts.mode, parts.language, parts.report).commit();
  for (const [spec, rows] of parts.data) await streamDataSheet(wb, spec, rows, parts.report);
  await wb.commit();
}

/** Write the briefing workbook to a file (streamed: memory does not grow with the ledger). */
export async function writeBriefingXlsxFile(
  file: string,
  input: BriefingInput,
  briefing: Briefing,
  options: BriefingXlsxOptions = {},
): Promise<void> {
  const { createWriteStream } = await import("fs");
  const out = createWriteStream(file);
  const closed = new Promise<void>((resolve, reject) => {
    out.on("close", resolve);
    out.on("error", reject);
  });
  try {
    await writeBriefingXlsx(out, input, briefing, options);
  } catch (e) {
    out.destroy();
    throw e;
  }
  await closed;
}

/** The briefing workbook as xlsx bytes (streamed into memory). */
export async function briefingXlsx(
  input: BriefingInput,
  briefing: Briefing,
  options: BriefingXlsxOptions = {},
): Promise<Uint8Array> {
  const { PassThrough } = await import("stream");
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on("data", (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => sink.on("end", resolve));
  await writeBriefingXlsx(sink, input, briefing, options);
  await ended;
  return new Uint8Array(Buffer.concat(chunks));
}
