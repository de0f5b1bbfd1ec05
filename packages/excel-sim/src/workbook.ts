/**
 * The in-memory workbook behind the simulated Excel host: sheets of cells (values, formulas, number formats,
 * a few styles), tables, charts, settings and the application's calculation state. The proxy layer (api.ts)
 * applies queued commands to this model at sync time; tests inspect it through `SimWorkbookInspector`.
 *
 * Storage is by row arrays (values, number formats) so 100,000-row ledgers stay small in memory; formulas and
 * styles are sparse maps. No Node APIs.
 */
import {
  MAX_COLS,
  MAX_ROWS,
  Rect,
  TableGeometry,
  cellAddress,
  fromR1C1,
  mapRefs,
  quoteSheet,
  rectAddress,
  shiftFormula,
  toR1C1,
} from "./formula";
import { typeIntoCell } from "./typing";

export type CellValue = string | number | boolean;
export type Visibility = "Visible" | "Hidden" | "VeryHidden";

export interface CellStyle {
  bold?: boolean;
  italic?: boolean;
  fontColor?: string;
  fill?: string;
  horizontalAlignment?: string;
  wrapText?: boolean;
}

/**
 * Where Excel's behaviour is not documented, the simulated host refuses rather than guessing (a test double answers
 * to Excel, not to our code). The product must avoid these cases; a test that reaches one fails loudly.
 */
export function notModelled(what: string): SimError {
  return new SimError(
    "NotModelled",
    `not modelled: ${what}. Excel's behaviour here is not documented, so the simulated host refuses instead of guessing.`,
  );
}

/** Days between the 1900 and the 1904 date systems ("Date systems in Excel", support.microsoft.com, KB 214330). */
export const DATE_SYSTEM_OFFSET = 1462;

export class SimError extends Error {
  code: string;
  debugInfo: { code: string; message: string; errorLocation?: string };
  constructor(code: string, message: string, errorLocation?: string) {
    super(message);
    this.name = "RichApi.Error";
    this.code = code;
    this.debugInfo = { code, message, errorLocation };
  }
}

let nextId = 1;
const newId = (prefix: string) => `{${prefix}-${(nextId++).toString(16).padStart(8, "0")}}`;
const key = (r: number, c: number) => r * MAX_COLS + c;

export interface ChartModel {
  id: string;
  name: string;
  type: string;
  sourceSheet: string;
  source: string;
  seriesBy: string;
  title: string;
  titleVisible: boolean;
  axisTitles: { category?: string; value?: string };
  top?: string;
  bottom?: string;
}

export class SheetModel {
  id = newId("sheet");
  visibility: Visibility = "Visible";
  vals: (CellValue[] | undefined)[] = [];
  nfs: (string[] | undefined)[] = [];
  fmls = new Map<number, string>();
  styles = new Map<number, CellStyle>();
  colWidths = new Map<number, number>();
  rowHeights = new Map<number, number>();
  freezeRows = 0;
  freezeCols = 0;
  charts: ChartModel[] = [];
  tabColor = "";
  /** Merged areas (Range.merge), each a rectangle. */
  merges: Rect[] = [];
  /** WorksheetProtection.protect was called (and not unprotect). */
  protected = false;
  constructor(public name: string) {}

  /** The merged areas that meet `rect`. */
  mergesIn(rect: Rect): Rect[] {
    return this.merges.filter((m) => m.r0 <= rect.r1 && rect.r0 <= m.r1 && m.c0 <= rect.c1 && rect.c0 <= m.c1);
  }

  value(r: number, c: number): CellValue {
    const row = this.vals[r];
    const v = row ? row[c] : undefined;
    return v === undefined ? "" : v;
  }
  numberFormat(r: number, c: number): string {
    const row = this.nfs[r];
    return (row && row[c]) || "General";
  }
  formula(r: number, c: number): string | undefined {
    return this.fmls.get(key(r, c));
  }
  setRaw(r: number, c: number, v: CellValue | undefined): void {
    let row = this.vals[r];
    if (!row) {
      if (v === undefined || v === "") return;
      row = this.vals[r] = [];
    }
    row[c] = v === "" ? (undefined as unknown as CellValue) : (v as CellValue);
  }
  setFormula(r: number, c: number, f: string | undefined): void {
    if (f === undefined) this.fmls.delete(key(r, c));
    else this.fmls.set(key(r, c), f);
  }
  setNumberFormat(r: number, c: number, nf: string): void {
    let row = this.nfs[r];
    if (!row) {
      if (nf === "General") return;
      row = this.nfs[r] = [];
    }
    row[c] = nf === "General" ? (undefined as unknown as string) : nf;
  }
  style(r: number, c: number): CellStyle {
    return this.styles.get(key(r, c)) ?? {};
  }
  setStyle(r: number, c: number, patch: Partial<CellStyle>): void {
    const k = key(r, c);
    const next = { ...(this.styles.get(k) ?? {}), ...patch };
    for (const p of Object.keys(next) as (keyof CellStyle)[]) if (next[p] === undefined) delete next[p];
    if (Object.keys(next).length) this.styles.set(k, next);
    else this.styles.delete(k);
  }

  /** Used range: the smallest rectangle holding every value or formula (and formats unless valuesOnly). */
  usedRect(valuesOnly: boolean): Rect | null {
    let r0 = Infinity,
      c0 = Infinity,
      r1 = -1,
      c1 = -1;
    const take = (r: number, c: number) => {
      if (r < r0) r0 = r;
      if (r > r1) r1 = r;
      if (c < c0) c0 = c;
      if (c > c1) c1 = c;
    };
    this.vals.forEach((row, r) =>
      row?.forEach((v, c) => {
        if (v !== undefined) take(r, c);
      }),
    );
    for (const k of this.fmls.keys()) take(Math.floor(k / MAX_COLS), k % MAX_COLS);
    if (!valuesOnly) {
      this.nfs.forEach((row, r) =>
        row?.forEach((v, c) => {
          if (v !== undefined) take(r, c);
        }),
      );
      for (const k of this.styles.keys()) take(Math.floor(k / MAX_COLS), k % MAX_COLS);
    }
    return r1 < 0 ? null : { r0, c0, r1, c1 };
  }

  /** Remove contents and/or formats of a rectangle. */
  clear(rect: Rect, what: "All" | "Contents" | "Formats"): void {
    const contents = what !== "Formats";
    const formats = what !== "Contents";
    const rMax = Math.min(rect.r1, Math.max(this.vals.length, this.nfs.length) - 1);
    for (let r = rect.r0; r <= rMax; r++) {
      for (let c = rect.c0; c <= rect.c1; c++) {
        if (contents) this.setRaw(r, c, undefined);
        if (formats) this.setNumberFormat(r, c, "General");
        if (c > 512 && !this.vals[r] && !this.nfs[r]) break;
      }
    }
    const inRect = (k: number) => {
      const r = Math.floor(k / MAX_COLS),
        c = k % MAX_COLS;
      return r >= rect.r0 && r <= rect.r1 && c >= rect.c0 && c <= rect.c1;
    };
    if (contents) for (const k of [...this.fmls.keys()]) if (inRect(k)) this.fmls.delete(k);
    if (formats) for (const k of [...this.styles.keys()]) if (inRect(k)) this.styles.delete(k);
  }
}

/** A column filter as Excel.FilterCriteria describes it (only filterOn "Values" is modelled). */
export interface FilterCriteriaModel {
  filterOn: string;
  values?: string[];
  [k: string]: unknown;
}

export interface TableModel {
  id: string;
  name: string;
  sheet: SheetModel;
  rect: Rect;
  hasHeaders: boolean;
  showTotals: boolean;
  style: string;
  columns: { id: number; name: string }[];
  /** Applied column filters by column id (Table.autoFilter / TableColumn.filter). */
  filters: Map<number, FilterCriteriaModel>;
  /** Sheet rows hidden by the filters. */
  hiddenRows: Set<number>;
}

/**
 * The most the add-in's settings may hold: "We only support 2MB maximum for settings" (Microsoft, OfficeDev/office-js
 * #621, Excel on Windows); #3957 reports "The argument is invalid or missing or has an incorrect format" above it.
 * Counted as UTF-8 bytes of every key and JSON value, 2,000,000 (the strict reading of 2 MB).
 */
export const SETTINGS_LIMIT = 2_000_000;
const utf8 = new TextEncoder();

export interface FormulaEngine {
  compute(book: WorkbookModel): void;
}

export class WorkbookModel {
  sheets: SheetModel[] = [];
  tables: TableModel[] = [];
  settings = new Map<string, string>();
  active: SheetModel | null = null;
  calculationMode = "Automatic";
  /** The workbook's date system: serials count from 1904-01-01 (= 0) instead of 1900-01-01 (= 1). */
  date1904 = false;
  dirty = false;
  private nextColumnId = 1;
  /** Table.id "uniquely identifies the table in a given workbook": never reused after a delete. */
  private nextTableId = 1;
  private nextSheetNumber = 1;

  constructor(sheetNames: string[] = ["Sheet1"]) {
    for (const n of sheetNames) this.addSheet(n);
    this.active = this.sheets[0] ?? null;
  }

  // -------------------------------------------------------------- sheets
  findSheet(name: string): SheetModel | undefined {
    const low = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === low);
  }

  validateSheetName(name: string, except?: SheetModel): void {
    // support.microsoft.com "Rename a worksheet": at most 31 characters; none of : \ / ? * [ ]; no apostrophe first or
    // last; and not "History", "a reserved word Excel uses internally".
    if (
      !name ||
      name.length > 31 ||
      /[\\/?*[\]:]/.test(name) ||
      name.startsWith("'") ||
      name.endsWith("'") ||
      name.toLowerCase() === "history"
    ) {
      throw new SimError(
        "InvalidArgument",
        `The argument is invalid or missing or has an incorrect format. (sheet name "${name}")`,
      );
    }
    const other = this.findSheet(name);
    if (other && other !== except)
      throw new SimError("ItemAlreadyExists", `A resource with the same name or identifier already exists. (${name})`);
  }

  addSheet(name?: string): SheetModel {
    let n = name;
    if (n === undefined || n === null) {
      do n = `Sheet${this.nextSheetNumber++}`;
      while (this.findSheet(n));
    }
    this.validateSheetName(n);
    const s = new SheetModel(n);
    this.sheets.push(s);
    this.dirty = true;
    return s;
  }

  deleteSheet(s: SheetModel): void {
    // Worksheet.delete (@types/office-js): "if the worksheet's visibility is set to "VeryHidden", the delete operation
    // will fail with an `InvalidOperation` exception. You should first change its visibility to hidden or visible".
    if (s.visibility === "VeryHidden") {
      throw new SimError(
        "InvalidOperation",
        "This operation is not permitted for the current object. (a VeryHidden worksheet cannot be deleted: make it Hidden or Visible first)",
      );
    }
    const visible = this.sheets.filter((x) => x.visibility === "Visible");
    if (visible.length === 1 && visible[0] === s) {
      throw new SimError(
        "InvalidOperation",
        "This operation is not permitted for the current object. (a workbook must keep at least one visible sheet)",
      );
    }
    this.tables = this.tables.filter((t) => t.sheet !== s);
    this.sheets = this.sheets.filter((x) => x !== s);
    if (this.active === s) this.active = this.sheets.find((x) => x.visibility === "Visible") ?? null;
    // Excel turns references to a deleted sheet into #REF! (support.microsoft.com "How to correct a #REF! error":
    // "This happens most often when cells that were referenced by formulas get deleted"): ='Old'!B5 becomes =#REF!B5,
    // and stays #REF! when a sheet of that name is added again.
    this.rewriteFormulas((f) => renameSheetInFormula(f, s.name, "#REF!", false));
    this.dirty = true;
  }

  setVisibility(s: SheetModel, v: Visibility): void {
    if (!["Visible", "Hidden", "VeryHidden"].includes(v))
      throw new SimError("InvalidArgument", `Invalid visibility ${v}`);
    if (v !== "Visible") {
      const others = this.sheets.filter((x) => x !== s && x.visibility === "Visible");
      if (others.length === 0)
        throw new SimError(
          "InvalidOperation",
          "This operation is not permitted for the current object. (cannot hide the last visible sheet)",
        );
      if (this.active === s) this.active = others[0];
    }
    s.visibility = v;
  }

  setPosition(s: SheetModel, pos: number): void {
    if (!Number.isInteger(pos) || pos < 0 || pos >= this.sheets.length)
      throw new SimError("InvalidArgument", `Invalid position ${pos}`);
    this.sheets = this.sheets.filter((x) => x !== s);
    this.sheets.splice(pos, 0, s);
  }

  activate(s: SheetModel): void {
    if (s.visibility !== "Visible")
      throw new SimError(
        "InvalidOperation",
        "This operation is not permitted for the current object. (cannot activate a hidden sheet)",
      );
    this.active = s;
  }

  renameSheet(s: SheetModel, name: string): void {
    this.validateSheetName(name, s);
    const old = s.name;
    s.name = name;
    // Excel rewrites references to the renamed sheet in every formula.
    if (old !== name) this.rewriteFormulas((f) => renameSheetInFormula(f, old, name));
  }

  // -------------------------------------------------------------- tables
  findTable(name: string): TableModel | undefined {
    const low = name.toLowerCase();
    return this.tables.find((t) => t.name.toLowerCase() === low);
  }

  tableAt(s: SheetModel, r: number, c: number): TableModel | undefined {
    return this.tables.find(
      (t) => t.sheet === s && r >= t.rect.r0 && r <= t.rect.r1 && c >= t.rect.c0 && c <= t.rect.c1,
    );
  }

  validateTableName(name: string, except?: TableModel): void {
    // Table.name (d.ts): "must follow the guidelines specified in the Rename an Excel table article": a letter,
    // underscore or backslash first; no spaces; at most 255 characters; not "the same as a cell reference, such as
    // Z$100 or R1C1" (A1 references, and R, C, RC, R1C1, R2C3… of the R1C1 notation).
    if (
      !/^[A-Za-z_\\\u3400-\u9fff][\w.\\\u3400-\u9fff]*$/.test(name) ||
      /^[A-Za-z]{1,3}\d+$/.test(name) ||
      /^R\d*C?\d*$/i.test(name) ||
      /^C\d*$/i.test(name) ||
      name.length > 255
    ) {
      throw new SimError(
        "InvalidArgument",
        `The argument is invalid or missing or has an incorrect format. (table name "${name}")`,
      );
    }
    const other = this.findTable(name);
    if ((other && other !== except) || this.findSheet(name))
      throw new SimError("ItemAlreadyExists", `A resource with the same name or identifier already exists. (${name})`);
  }

  addTable(s: SheetModel, rect: Rect, hasHeaders: boolean): TableModel {
    const overlaps = (a: Rect, b: Rect) => a.r0 <= b.r1 && b.r0 <= a.r1 && a.c0 <= b.c1 && b.c0 <= a.c1;
    let r = { ...rect };
    if (!hasHeaders) {
      // Excel inserts a generated header row above the data: the data moves down one row within the table's columns.
      const bottom = s.vals.length;
      for (let row = bottom; row >= rect.r0; row--)
        for (let c = rect.c0; c <= rect.c1; c++) moveCell(s, row, c, row + 1, c);
      r = { ...rect, r1: rect.r1 + 1 };
    }
    for (const t of this.tables)
      if (t.sheet === s && overlaps(t.rect, r))
        throw new SimError("InvalidOperation", "A table can't overlap another table.");
    if (s.mergesIn(r).length) throw notModelled("a table over merged cells");
    let n = 1;
    while (this.findTable(`Table${n}`)) n++;
    const t: TableModel = {
      id: String(this.nextTableId++),
      name: `Table${n}`,
      sheet: s,
      rect: r,
      hasHeaders: true,
      showTotals: false,
      style: "TableStyleMedium2",
      columns: [],
      filters: new Map(),
      hiddenRows: new Set(),
    };
    const used = new Set<string>();
    for (let c = r.c0; c <= r.c1; c++) {
      let name = hasHeaders ? String(s.value(r.r0, c)).trim() : "";
      if (!name) name = `Column${c - r.c0 + 1}`;
      let unique = name;
      for (let k = 2; used.has(unique.toLowerCase()); k++) unique = `${name}${k}`;
      used.add(unique.toLowerCase());
      t.columns.push({ id: this.nextColumnId++, name: unique });
      s.setFormula(r.r0, c, undefined);
      s.setRaw(r.r0, c, unique);
    }
    this.tables.push(t);
    this.dirty = true;
    return t;
  }

  geometry(t: TableModel): TableGeometry {
    return {
      name: t.name,
      sheet: t.sheet.name,
      rect: t.rect,
      hasHeaders: t.hasHeaders,
      showTotals: t.showTotals,
      columns: t.columns.map((c) => c.name),
    };
  }

  /**
   * Keep table column names equal to their header cells (Excel renames a column when its header is edited).
   * `written`: the header cells were written (values, formulas, copyFrom, TableColumn.name). What a blank header, or
   * one that repeats another column's name, becomes then is not documented for the API (the UI makes "Column2",
   * "负责人2"): refused. A new column without a name takes the default name (TableColumnCollection.add: "If null, the
   * default name will be used"), as do resize's new columns.
   */
  syncHeaders(s: SheetModel, rect: Rect, written = false): void {
    for (const t of this.tables) {
      if (t.sheet !== s || t.rect.r0 < rect.r0 || t.rect.r0 > rect.r1) continue;
      for (let c = Math.max(rect.c0, t.rect.c0); c <= Math.min(rect.c1, t.rect.c1); c++) {
        const col = t.columns[c - t.rect.c0];
        let v = String(s.value(t.rect.r0, c)).trim();
        if (written && col.name && v !== col.name) {
          if (!v) throw notModelled(`a blank header written to the column "${col.name}" of the table "${t.name}"`);
          if (t.columns.some((x) => x !== col && x.name.toLowerCase() === v.toLowerCase()))
            throw notModelled(`a header written to the table "${t.name}" that repeats the column name "${v}"`);
        }
        if (!v) v = `Column${c - t.rect.c0 + 1}`;
        if (s.formula(t.rect.r0, c)) s.setFormula(t.rect.r0, c, undefined);
        if (col.name !== v) {
          const taken = t.columns.some((x) => x !== col && x.name.toLowerCase() === v.toLowerCase());
          col.name = taken ? `${v}2` : v;
        }
        s.setRaw(t.rect.r0, c, col.name);
      }
    }
  }

  newColumnId(): number {
    return this.nextColumnId++;
  }

  /**
   * A change to the cells, tables, formats, filters or panes of a protected sheet (WorksheetProtection.protect,
   * ExcelApi 1.2). The docs describe protection ("control whether users can edit worksheet data",
   * excel-add-ins-worksheets.md) but not what an API write to a protected sheet does (which error, whether unlocked
   * cells may change): refused.
   */
  assertUnprotected(s: SheetModel, what: string): void {
    if (s.protected) throw notModelled(`${what} on the protected sheet "${s.name}"`);
  }

  /**
   * Cells of columns c0..c1 from row `from` down shift by a row insert or delete: merged areas that meet them, or
   * that the shift would cut, are refused (what Excel does to them through the API is not documented).
   */
  assertNoMergesInShift(s: SheetModel, c0: number, c1: number, from: number): void {
    const hit = s.merges.find((m) => m.r1 >= from && m.c0 <= c1 && m.c1 >= c0);
    if (hit) throw notModelled(`shifting cells across the merged area ${rectAddress(hit)} of "${s.name}"`);
  }

  // -------------------------------------------------------------- cells
  /**
   * Write what a user or `range.values`/`range.formulas` writes. Strings go through Excel's typing conversion,
   * modelled (and refused where unknown) in typing.ts: formulas, the apostrophe prefix, numbers, dates, booleans,
   * a Text-formatted ("@") cell keeping strings as typed.
   */
  writeInput(s: SheetModel, r: number, c: number, input: unknown): void {
    // null (in a 2-D array) leaves the cell unchanged: "Use null in 2-D arrays to leave specific cells unchanged while
    // updating others" (excel-add-ins-blank-null-values.md), its formula included.
    if (input === null || input === undefined) return;
    if (typeof input === "string" && input.startsWith("=") && input.length > 1 && s.numberFormat(r, c) !== "@")
      this.checkFormulaTables(s, r, c, input);
    s.setFormula(r, c, undefined);
    if (typeof input === "number") {
      if (!Number.isFinite(input))
        throw new SimError(
          "InvalidArgument",
          "The argument is invalid or missing or has an incorrect format. (number is not finite)",
        );
      s.setRaw(r, c, input);
      return;
    }
    if (typeof input === "boolean") {
      s.setRaw(r, c, input);
      return;
    }
    if (typeof input !== "string")
      throw new SimError(
        "InvalidArgument",
        `The argument is invalid or missing or has an incorrect format. (${typeof input})`,
      );
    const typed = typeIntoCell(input, s.numberFormat(r, c), this.date1904);
    if (typed.kind === "refused") throw new SimError(typed.code, typed.message);
    if (typed.kind === "formula") {
      s.setFormula(r, c, typed.formula);
      s.setRaw(r, c, 0);
      this.dirty = true;
      return;
    }
    s.setRaw(r, c, typed.value);
    if (typed.format && s.numberFormat(r, c) === "General") s.setNumberFormat(r, c, typed.format);
  }

  /**
   * A formula naming a table that does not exist (or an unqualified [@col] outside any table): what Excel does on
   * such a write (an error, #REF!, a prompt?) is not documented, so it is refused.
   */
  checkFormulaTables(s: SheetModel, r: number, c: number, formula: string): void {
    mapRefs(formula, {
      structured: (ref) => {
        if (ref.table === null ? !this.tableAt(s, r, c) : !this.findTable(ref.table)) {
          throw notModelled(
            `a formula naming ${ref.table === null ? "an unqualified structured reference outside any table" : `the table "${ref.table}", which does not exist`} (${formula.slice(0, 80)})`,
          );
        }
        return "";
      },
    });
  }

  /**
   * Rows of a table under an active filter are hidden; what writing over them (or inserting/deleting rows) does to
   * the hidden rows is not documented (TableRowCollection.deleteRows even throws InsertDeleteConflict), so refused.
   */
  assertNotFiltered(s: SheetModel, rect: Rect, what: string): void {
    for (const t of this.tables) {
      if (t.sheet !== s || t.filters.size === 0) continue;
      const bodyTop = t.rect.r0 + 1;
      const bodyBottom = t.showTotals ? t.rect.r1 - 1 : t.rect.r1;
      if (rect.r0 <= bodyBottom && rect.r1 >= bodyTop && rect.c0 <= t.rect.c1 && rect.c1 >= t.rect.c0) {
        throw notModelled(
          `${what} in the rows of table "${t.name}" while a filter is applied (hidden rows); clear the filters first`,
        );
      }
    }
  }

  /** Apply the tables' filters: a row is hidden when a filtered column's displayed text is not among the values. */
  applyFilters(t: TableModel): void {
    t.hiddenRows.clear();
    const bodyBottom = t.showTotals ? t.rect.r1 - 1 : t.rect.r1;
    for (const [id, crit] of t.filters) {
      const c = t.rect.c0 + t.columns.findIndex((x) => x.id === id);
      if (c < t.rect.c0) continue;
      const allowed = new Set((crit.values ?? []).map(String));
      for (let r = t.rect.r0 + 1; r <= bodyBottom; r++) {
        if (!allowed.has(formatValue(t.sheet.value(r, c), t.sheet.numberFormat(r, c), this.date1904)))
          t.hiddenRows.add(r);
      }
    }
  }

  writeFormulaR1C1(s: SheetModel, r: number, c: number, input: unknown): void {
    if (typeof input === "string" && input.startsWith("=")) this.writeInput(s, r, c, fromR1C1(input, r, c));
    else this.writeInput(s, r, c, input);
  }

  formulaR1C1(s: SheetModel, r: number, c: number): CellValue {
    const f = s.formula(r, c);
    return f ? toR1C1(f, r, c) : s.value(r, c);
  }

  /** Range.copyFrom: values, formulas (relative references moved) and/or formats, cell by cell. */
  copy(src: SheetModel, from: Rect, dst: SheetModel, to: Rect, type: string, skipBlanks: boolean): void {
    const h = from.r1 - from.r0 + 1;
    const w = from.c1 - from.c0 + 1;
    // The destination is the source's size, repeated when the destination is a whole multiple of it.
    const th = to.r1 - to.r0 + 1;
    const tw = to.c1 - to.c0 + 1;
    const reps = { r: th % h === 0 ? th / h : 1, c: tw % w === 0 ? tw / w : 1 };
    // Read everything first: source and destination may overlap.
    const cells: { v: CellValue; f?: string; nf: string; st?: CellStyle }[][] = [];
    for (let r = 0; r < h; r++) {
      const row: { v: CellValue; f?: string; nf: string; st?: CellStyle }[] = [];
      for (let c = 0; c < w; c++) {
        const st = src.styles.get(key(from.r0 + r, from.c0 + c));
        row.push({
          v: src.value(from.r0 + r, from.c0 + c),
          f: src.formula(from.r0 + r, from.c0 + c),
          nf: src.numberFormat(from.r0 + r, from.c0 + c),
          st,
        });
      }
      cells.push(row);
    }
    const values = type === "All" || type === "Values" || type === "Formulas";
    const formats = type === "All" || type === "Formats";
    for (let rr = 0; rr < reps.r; rr++) {
      for (let cr = 0; cr < reps.c; cr++) {
        for (let r = 0; r < h; r++) {
          for (let c = 0; c < w; c++) {
            const cell = cells[r][c];
            const tr = to.r0 + rr * h + r;
            const tc = to.c0 + cr * w + c;
            if (skipBlanks && cell.v === "" && !cell.f) continue;
            if (values) {
              if (cell.f && type !== "Values") {
                dst.setFormula(tr, tc, shiftFormula(cell.f, tr - (from.r0 + r), tc - (from.c0 + c)));
                dst.setRaw(tr, tc, cell.v);
              } else {
                dst.setFormula(tr, tc, undefined);
                dst.setRaw(tr, tc, cell.v);
              }
            }
            if (formats) {
              dst.setNumberFormat(tr, tc, cell.nf);
              const k = key(tr, tc);
              if (cell.st) dst.styles.set(k, { ...cell.st });
              else dst.styles.delete(k);
            }
          }
        }
      }
    }
    this.dirty = true;
  }

  rewriteFormulas(fn: (f: string) => string): void {
    for (const s of this.sheets) for (const [k, f] of s.fmls) s.fmls.set(k, fn(f));
  }

  /** Store a setting (JSON text), refusing what would take the settings past SETTINGS_LIMIT. */
  setSetting(key: string, json: string): void {
    let total = utf8.encode(key).length + utf8.encode(json).length;
    for (const [k, v] of this.settings) if (k !== key) total += utf8.encode(k).length + utf8.encode(v).length;
    if (total > SETTINGS_LIMIT) {
      throw new SimError(
        "InvalidArgument",
        `The argument is invalid or missing or has an incorrect format. (settings would hold ${total} bytes; the limit is 2 MB)`,
      );
    }
    this.settings.set(key, json);
  }

  hasFormulas(): boolean {
    return this.sheets.some((s) => s.fmls.size > 0);
  }
}

/** Move one cell's content and number format; the source becomes empty. */
export function moveCell(s: SheetModel, r: number, c: number, r2: number, c2: number): void {
  s.setRaw(r2, c2, s.value(r, c));
  s.setFormula(r2, c2, s.formula(r, c));
  s.setNumberFormat(r2, c2, s.numberFormat(r, c));
  s.setRaw(r, c, undefined);
  s.setFormula(r, c, undefined);
  s.setNumberFormat(r, c, "General");
}

function renameSheetInFormula(f: string, oldName: string, newName: string, quote = true): string {
  const patterns = [`${quoteSheet(oldName, true)}!`, `${oldName}!`];
  let out = f;
  for (const p of patterns) out = out.split(p).join(quote ? `${quoteSheet(newName)}!` : newName);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Display text of a value under a number format (Range.text)

/** `date1904`: the workbook counts serials from 1904-01-01 (0), 1,462 days fewer than the 1900 system. */
export function formatValue(v: CellValue, nf: string, date1904 = false): string {
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "string") return v;
  if (nf === "General" || nf === "@") return generalNumber(v);
  const dt = /^yyyy-mm-dd hh:mm(:ss)?$/i.exec(nf);
  if (date1904 && (dt || /^yyyy-mm(-dd)?$/i.test(nf) || /^yyyy"?年"?m"?月"?/.test(nf)))
    return formatValue(v + DATE_SYSTEM_OFFSET, nf, false);
  if (dt) {
    const ms = Math.round(((v - 25569) * 86_400_000) / 1000) * 1000;
    const d = new Date(ms);
    const p = (n: number) => String(n).padStart(2, "0");
    const base = `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
    return dt[1] ? `${base}:${p(d.getUTCSeconds())}` : base;
  }
  if (/^yyyy-mm(-dd)?$/i.test(nf) || /^yyyy"?年"?m"?月"?/.test(nf)) {
    const whole = Math.floor(v);
    const adjusted = whole < 60 ? whole + 1 : whole;
    const d = new Date((adjusted - 25569) * 86_400_000);
    const y = String(d.getUTCFullYear()).padStart(4, "0");
    const m = String(d.getUTCMonth() + 1).padStart(2, "0");
    const day = String(d.getUTCDate()).padStart(2, "0");
    if (/^yyyy-mm-dd$/i.test(nf)) return `${y}-${m}-${day}`;
    if (/^yyyy-mm$/i.test(nf)) return `${y}-${m}`;
    return `${y}年${d.getUTCMonth() + 1}月`;
  }
  const m = /^(#,##)?0(\.(0+))?(%?)$/.exec(nf);
  if (m) {
    const digits = m[3]?.length ?? 0;
    const x = m[4] ? v * 100 : v;
    let s = x.toFixed(digits);
    if (m[1]) {
      const [int, frac] = s.split(".");
      s = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (frac ? `.${frac}` : "");
    }
    return s + m[4];
  }
  return generalNumber(v);
}

function generalNumber(v: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e11) return String(v);
  const s = Number(v.toPrecision(10)).toString();
  return s;
}

export { cellAddress, rectAddress, MAX_ROWS };
