/**
 * The in-memory workbook behind the simulated Excel host: sheets (sheet-model.ts), tables (table-model.ts), settings
 * and the application's calculation state, with the rules Excel applies across them (names, visibility, headers,
 * filters, protection, typing of written strings). The proxy layer (api/) applies queued commands to this model at
 * sync time; tests inspect it through `SimWorkbookInspector`. No Node APIs.
 */
import { copyCells } from "./cell-copy";
import {
  MAX_ROWS,
  Rect,
  TableGeometry,
  cellAddress,
  fromR1C1,
  mapRefs,
  quoteSheet,
  rectAddress,
  rectsMeet,
  toR1C1,
} from "./formula";
import { formatValue } from "./number-format";
import { SheetModel, moveCell } from "./sheet-model";
import type { CellValue, Visibility } from "./sheet-model";
import { SimError, notModelled } from "./sim-error";
import type { TableModel } from "./table-model";
import { typeIntoCell } from "./typing";

// The model's parts, re-exported: the proxies, the host and the calculation import them from here.
export { DATE_SYSTEM_OFFSET, formatValue } from "./number-format";
export { SheetModel, moveCell } from "./sheet-model";
export type { CellStyle, CellValue, ChartModel, Visibility } from "./sheet-model";
export { SimError, notModelled } from "./sim-error";
export type { FilterCriteriaModel, TableModel } from "./table-model";

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
    let r = { ...rect };
    if (!hasHeaders) {
      // Excel inserts a generated header row above the data: the data moves down one row within the table's columns.
      const bottom = s.vals.length;
      for (let row = bottom; row >= rect.r0; row--)
        for (let c = rect.c0; c <= rect.c1; c++) moveCell(s, row, c, row + 1, c);
      r = { ...rect, r1: rect.r1 + 1 };
    }
    for (const t of this.tables)
      if (t.sheet === s && rectsMeet(t.rect, r))
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
    copyCells(src, from, dst, to, type, skipBlanks);
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

function renameSheetInFormula(f: string, oldName: string, newName: string, quote = true): string {
  const patterns = [`${quoteSheet(oldName, true)}!`, `${oldName}!`];
  let out = f;
  for (const p of patterns) out = out.split(p).join(quote ? `${quoteSheet(newName)}!` : newName);
  return out;
}

export { cellAddress, rectAddress, MAX_ROWS };
