/**
 * Read-only inspection of the simulated workbook for tests (`sim.workbook`): values, formulas, formats, tables,
 * settings, charts and a comparable snapshot, read straight from the model (no syncs counted).
 */
import { MAX_COLS, parseAddress, rectAddress } from "./formula";
import type { Rect } from "./formula";
import { formatValue } from "./workbook";
import type { CellStyle, CellValue, SheetModel, TableModel, Visibility, WorkbookModel } from "./workbook";

export interface TableInfo {
  name: string;
  sheet: string;
  address: string;
  columns: string[];
  rowCount: number;
  showTotals: boolean;
  /** Applied filters by column name (criteria as Excel.FilterCriteria). */
  filters: Record<string, unknown>;
  /** Data rows (0-based within the body) hidden by the filters. */
  hiddenRows: number[];
}

/** Read-only inspection of the simulated workbook for tests (bypasses the API: no syncs counted). */
export interface SimWorkbookInspector {
  sheetNames(): string[];
  visibility(sheet: string): Visibility;
  activeSheet(): string | null;
  /** Values of a range ("A1:C3" on `sheet`), or of the sheet's used range when omitted. */
  values(sheet: string, address?: string): CellValue[][];
  formulas(sheet: string, address?: string): CellValue[][];
  numberFormats(sheet: string, address?: string): string[][];
  text(sheet: string, address?: string): string[][];
  cell(sheet: string, address: string): { value: CellValue; formula?: string; numberFormat: string; style: CellStyle };
  usedAddress(sheet: string): string | null;
  columnWidth(sheet: string, column: number): number | undefined;
  frozenRows(sheet: string): number;
  tables(): TableInfo[];
  table(name: string): TableInfo | undefined;
  /** A table's data body as values (header excluded). */
  tableValues(name: string): CellValue[][];
  tableFormulas(name: string): CellValue[][];
  settings(): Record<string, unknown>;
  charts(
    sheet: string,
  ): { name: string; type: string; source: string; title: string; axisTitles: { category?: string; value?: string } }[];
  calculationMode(): string;
  /** A deep, comparable picture of the whole workbook (sheets, cells, formats, tables, settings). */
  snapshot(): unknown;
}

function sheetOf(book: WorkbookModel, name: string): SheetModel {
  const s = book.findSheet(name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

/** The sheet and rectangle of `address` on `name`, or the sheet's used range (values only) when omitted. */
function rectOf(book: WorkbookModel, name: string, address?: string): { s: SheetModel; rect: Rect } {
  const s = sheetOf(book, name);
  if (address === undefined) return { s, rect: s.usedRect(true) ?? { r0: 0, c0: 0, r1: 0, c1: 0 } };
  const p = parseAddress(address);
  if (!p) throw new Error(`bad address ${address}`);
  return { s, rect: p.rect };
}

function grid<V>(
  book: WorkbookModel,
  name: string,
  address: string | undefined,
  f: (s: SheetModel, r: number, c: number) => V,
): V[][] {
  const { s, rect } = rectOf(book, name, address);
  const out: V[][] = [];
  for (let r = rect.r0; r <= rect.r1; r++) {
    const row: V[] = [];
    for (let c = rect.c0; c <= rect.c1; c++) row.push(f(s, r, c));
    out.push(row);
  }
  return out;
}

function tableInfo(t: TableModel): TableInfo {
  return {
    name: t.name,
    sheet: t.sheet.name,
    address: `${t.sheet.name}!${rectAddress(t.rect)}`,
    columns: t.columns.map((c) => c.name),
    rowCount: t.rect.r1 - t.rect.r0 - (t.showTotals ? 1 : 0),
    showTotals: t.showTotals,
    filters: Object.fromEntries(
      [...t.filters].map(([id, f]) => [t.columns.find((c) => c.id === id)?.name ?? String(id), f]),
    ),
    hiddenRows: [...t.hiddenRows].map((r) => r - t.rect.r0 - 1).sort((a, b) => a - b),
  };
}

/** A table's data body (header and total row excluded), one value per cell. */
function body(book: WorkbookModel, name: string, f: (t: TableModel, r: number, c: number) => CellValue): CellValue[][] {
  const t = book.findTable(name);
  if (!t) throw new Error(`no table ${name}`);
  const out: CellValue[][] = [];
  for (let r = t.rect.r0 + 1; r <= t.rect.r1 - (t.showTotals ? 1 : 0); r++) {
    const row: CellValue[] = [];
    for (let c = t.rect.c0; c <= t.rect.c1; c++) row.push(f(t, r, c));
    out.push(row);
  }
  return out;
}

/** One sheet as plain data: cells ("r,c" → [value, formula?]), number formats, panes and styles. */
function sheetSnapshot(s: SheetModel) {
  const cells: Record<string, unknown> = {};
  s.vals.forEach((row, r) =>
    row?.forEach((v, c) => {
      if (v !== undefined) cells[`${r},${c}`] = [v];
    }),
  );
  for (const [k, f] of s.fmls) {
    const id = `${Math.floor(k / MAX_COLS)},${k % MAX_COLS}`;
    cells[id] = [...((cells[id] as unknown[]) ?? [""]), f];
  }
  const nfs: Record<string, string> = {};
  s.nfs.forEach((row, r) =>
    row?.forEach((v, c) => {
      if (v !== undefined) nfs[`${r},${c}`] = v;
    }),
  );
  return {
    name: s.name,
    visibility: s.visibility,
    cells,
    nfs,
    freeze: s.freezeRows,
    styles: Object.fromEntries(s.styles),
  };
}

function snapshotOf(book: WorkbookModel): unknown {
  return {
    sheets: book.sheets.map(sheetSnapshot),
    tables: book.tables.map(tableInfo),
    settings: Object.fromEntries(book.settings),
  };
}

export function createInspector(book: WorkbookModel): SimWorkbookInspector {
  return {
    sheetNames: () => book.sheets.map((s) => s.name),
    visibility: (n) => sheetOf(book, n).visibility,
    activeSheet: () => book.active?.name ?? null,
    values: (n, a) => grid(book, n, a, (s, r, c) => s.value(r, c)),
    formulas: (n, a) => grid(book, n, a, (s, r, c) => s.formula(r, c) ?? s.value(r, c)),
    numberFormats: (n, a) => grid(book, n, a, (s, r, c) => s.numberFormat(r, c)),
    text: (n, a) => grid(book, n, a, (s, r, c) => formatValue(s.value(r, c), s.numberFormat(r, c), book.date1904)),
    cell(n, a) {
      const { s, rect } = rectOf(book, n, a);
      return {
        value: s.value(rect.r0, rect.c0),
        formula: s.formula(rect.r0, rect.c0),
        numberFormat: s.numberFormat(rect.r0, rect.c0),
        style: s.style(rect.r0, rect.c0),
      };
    },
    usedAddress(n) {
      const r = sheetOf(book, n).usedRect(true);
      return r ? rectAddress(r) : null;
    },
    columnWidth: (n, c) => sheetOf(book, n).colWidths.get(c),
    frozenRows: (n) => sheetOf(book, n).freezeRows,
    tables: () => book.tables.map(tableInfo),
    table: (name) => {
      const t = book.findTable(name);
      return t ? tableInfo(t) : undefined;
    },
    tableValues: (name) => body(book, name, (t, r, c) => t.sheet.value(r, c)),
    tableFormulas: (name) => body(book, name, (t, r, c) => t.sheet.formula(r, c) ?? t.sheet.value(r, c)),
    settings: () => Object.fromEntries([...book.settings].map(([k, v]) => [k, JSON.parse(v)])),
    charts: (n) =>
      sheetOf(book, n).charts.map((c) => ({
        name: c.name,
        type: c.type,
        source: `${c.sourceSheet}!${c.source}`,
        title: c.title,
        axisTitles: { ...c.axisTitles },
      })),
    calculationMode: () => book.calculationMode,
    snapshot: () => snapshotOf(book),
  };
}
