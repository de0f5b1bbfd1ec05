/**
 * Tables of the simulated Excel JavaScript API: the collection (workbook, worksheet or Range.getTables scope, add) and a
 * table (name, total row, ranges, filters, delete, convertToRange, resize).
 */
import { rectAddress, rectInside, rectsMeet } from "../formula";
import type { Rect } from "../formula";
import { SimError, notModelled } from "../workbook";
import type { SheetModel, TableModel, WorkbookModel } from "../workbook";
import { SimAutoFilter } from "./filters";
import { SimCollection, SimProxy } from "./proxy";
import { SimRange, rangeArg, rangeArgTarget } from "./ranges";
import { SimTableColumnCollection } from "./table-columns";
import { bodyRect } from "./table-geometry";
import { SimTableRowCollection } from "./table-rows";
import { SimWorksheet } from "./worksheets";

export interface TableScope {
  book: WorkbookModel;
  sheet: SheetModel | null;
  /** Range.getTables: only tables overlapping (or inside) this rectangle of `sheet`. */
  within?: Rect;
  fullyContained?: boolean;
}

export class SimTableCollection extends SimCollection<TableScope, TableModel, SimTable> {
  readonly _cls = "TableCollection";
  protected _list(s: TableScope): TableModel[] {
    return s.book.tables.filter((t) => {
      if (s.sheet && t.sheet !== s.sheet) return false;
      if (!s.within) return true;
      const w = s.within;
      return s.fullyContained ? rectInside(t.rect, w) : rectsMeet(t.rect, w);
    });
  }
  protected _wrap(table: TableModel): SimTable {
    return new SimTable(this.context, this, "_item", [table.id], () => table);
  }
  private _find(key: string): TableModel | null {
    const s = this._req();
    const t = s.book.findTable(key) ?? s.book.tables.find((x) => x.id === key);
    return t && (!s.sheet || t.sheet === s.sheet) ? t : null;
  }
  getItem(key: string): SimTable {
    return new SimTable(this.context, this, "getItem", [key], () => this._find(key));
  }
  getItemOrNullObject(key: string): SimTable {
    return new SimTable(this.context, this, "getItemOrNullObject", [key], () => this._find(key), true);
  }
  getItemAt(index: number): SimTable {
    return new SimTable(this.context, this, "getItemAt", [index], () => this._list(this._req())[index] ?? null);
  }
  /** Create a table over `address` ("Sheet!A1:D1" or a Range). Headers from the first row when hasHeaders. */
  add(address: string | SimRange, hasHeaders: boolean): SimTable {
    const table = new SimTable(
      this.context,
      this,
      "add",
      [typeof address === "string" ? address : address._id, hasHeaders],
      () => null,
    );
    this._call("add", [rangeArg(address), hasHeaders], (scope) => {
      const b = scope.book;
      const target = rangeArgTarget(b, address, scope.sheet ?? b.active);
      const sheet = target.sheet;
      let rect = target.rect;
      if (!sheet || !rect)
        throw new SimError(
          "InvalidArgument",
          `The argument is invalid or missing or has an incorrect format. (table address ${String(address)})`,
        );
      if (scope.sheet && sheet !== scope.sheet)
        throw new SimError("InvalidArgument", "The address is not on this worksheet.");
      b.assertUnprotected(sheet, "TableCollection.add");
      // A table always has at least one data row: a header-only range gets an empty one.
      if (hasHeaders && rect.r0 === rect.r1) rect = { ...rect, r1: rect.r0 + 1 };
      table._target = b.addTable(sheet, rect, hasHeaders);
    });
    return table;
  }
}

export class SimTable extends SimProxy<TableModel> {
  readonly _cls = "Table";
  protected override get _props() {
    return {
      name: (t: TableModel) => t.name,
      id: (t: TableModel) => t.id,
      showTotals: (t: TableModel) => t.showTotals,
      showHeaders: (t: TableModel) => t.hasHeaders,
      style: (t: TableModel) => t.style,
    };
  }
  protected override get _navs() {
    return {
      worksheet: () => this.worksheet,
      rows: () => this.rows,
      columns: () => this.columns,
      autoFilter: () => this.autoFilter,
    };
  }
  private _live(): TableModel {
    const t = this._req();
    if (!this.context._book.tables.includes(t))
      throw new SimError("ItemNotFound", "The requested resource doesn't exist. (the table was deleted)", "Table");
    return t;
  }
  get name(): string {
    return this._get("name");
  }
  set name(v: string) {
    this._set("name", v, (t) => {
      this.context._book.assertUnprotected(t.sheet, "renaming a table");
      this.context._book.validateTableName(v, t);
      const old = t.name;
      t.name = v;
      // Excel rewrites structured references when a table is renamed.
      const re = new RegExp(`(^|[^\\w.\\u3400-\\u9fff])${old.replace(/[.\\]/g, "\\$&")}\\[`, "gi");
      this.context._book.rewriteFormulas((f) => f.replace(re, `$1${v}[`));
    });
  }
  get id(): string {
    return this._get("id");
  }
  get showTotals(): boolean {
    return this._get("showTotals");
  }
  /**
   * Table.showTotals (ExcelApi 1.1): "This value can be set to show or remove the total row." The total row is the
   * row below the data; turning it on over a row that holds something is not documented (shift? overwrite?), so it
   * is refused. The new total row is left blank: what Excel writes into it by itself (a label, a SUBTOTAL) is not
   * documented for the API; tests write their own total formulas.
   */
  set showTotals(v: boolean) {
    this._set("showTotals", v, (t) => {
      if (v === t.showTotals) return;
      this.context._book.assertUnprotected(t.sheet, "Table.showTotals");
      if (v) {
        const below = t.rect.r1 + 1;
        for (let c = t.rect.c0; c <= t.rect.c1; c++) {
          if (t.sheet.holdsContent(below, c))
            throw notModelled(`showing the total row of "${t.name}" over a row that is not empty`);
        }
        t.showTotals = true;
        t.rect = { ...t.rect, r1: t.rect.r1 + 1 };
      } else {
        t.sheet.clear({ ...t.rect, r0: t.rect.r1 }, "All");
        t.showTotals = false;
        t.rect = { ...t.rect, r1: t.rect.r1 - 1 };
      }
      this.context._book.dirty = true;
    });
  }
  get showHeaders(): boolean {
    return this._get("showHeaders");
  }
  get style(): string {
    return this._get("style");
  }
  set style(v: string) {
    this._set("style", v, (t) => {
      t.style = v;
    });
  }
  get worksheet(): SimWorksheet {
    return this._nav(
      "worksheet",
      () => new SimWorksheet(this.context, this, "worksheet", [], () => this._live().sheet),
    );
  }
  get rows(): SimTableRowCollection {
    return this._nav("rows", () => new SimTableRowCollection(this.context, this, "rows", [], () => this._live()));
  }
  get columns(): SimTableColumnCollection {
    return this._nav(
      "columns",
      () => new SimTableColumnCollection(this.context, this, "columns", [], () => this._live()),
    );
  }
  /** The table's AutoFilter (ExcelApi 1.9): criteria per column, isDataFiltered. */
  get autoFilter(): SimAutoFilter {
    return this._nav("autoFilter", () => new SimAutoFilter(this.context, this, "autoFilter", [], () => this._live()));
  }
  /** Table.clearFilters (ExcelApi 1.2): "Clears all the filters currently applied on the table." */
  clearFilters(): void {
    this._call("clearFilters", [], (t) => {
      this._live();
      this.context._book.assertUnprotected(t.sheet, "Table.clearFilters");
      t.filters.clear();
      t.hiddenRows.clear();
    });
  }
  /** Table.reapplyFilters (ExcelApi 1.2): "Reapplies all the filters currently on the table." */
  reapplyFilters(): void {
    this._call("reapplyFilters", [], () => this.context._book.applyFilters(this._live()));
  }
  private _range(method: string, f: (t: TableModel) => Rect | null, nullable = false): SimRange {
    return new SimRange(
      this.context,
      this,
      method,
      [],
      () => {
        const t = this._live();
        const rect = f(t);
        if (!rect) {
          if (nullable) return null;
          throw new SimError("ItemNotFound", `The requested resource doesn't exist. (${method})`);
        }
        return { sheet: t.sheet, rect };
      },
      nullable,
    );
  }
  getRange(): SimRange {
    return this._range("getRange", (t) => t.rect);
  }
  getHeaderRowRange(): SimRange {
    return this._range("getHeaderRowRange", (t) => ({ ...t.rect, r1: t.rect.r0 }));
  }
  getDataBodyRange(): SimRange {
    return this._range("getDataBodyRange", (t) => bodyRect(t));
  }
  getTotalRowRange(): SimRange {
    return this._range("getTotalRowRange", (t) => (t.showTotals ? { ...t.rect, r0: t.rect.r1 } : null));
  }
  /** Delete the table and its cells. */
  delete(): void {
    this._call("delete", [], (t) => {
      const b = this.context._book;
      this._live();
      b.assertUnprotected(t.sheet, "Table.delete");
      t.sheet.clear(t.rect, "All");
      b.tables = b.tables.filter((x) => x !== t);
      b.dirty = true;
    });
  }
  /** Turn the table into a plain range: the cells stay, the table object goes. */
  convertToRange(): SimRange {
    const range = new SimRange(this.context, this, "convertToRange", [], () => null);
    this._call("convertToRange", [], (t) => {
      const b = this.context._book;
      this._live();
      b.assertUnprotected(t.sheet, "Table.convertToRange");
      range._target = { sheet: t.sheet, rect: t.rect };
      b.tables = b.tables.filter((x) => x !== t);
    });
    return range;
  }
  /**
   * Resize to a new range (ExcelApi 1.13). As documented, the header row must stay in place and the new range must
   * overlap the old one; new columns take their names from the header cells.
   */
  resize(newRange: SimRange | string): void {
    this._call("resize", [rangeArg(newRange)], (t) => {
      const b = this.context._book;
      this._live();
      b.assertUnprotected(t.sheet, "Table.resize");
      const target = rangeArgTarget(b, newRange, t.sheet);
      const sheet = target.sheet ?? t.sheet;
      const rect = target.rect;
      if (
        !rect ||
        sheet !== t.sheet ||
        rect.r0 !== t.rect.r0 ||
        rect.c0 > t.rect.c1 ||
        rect.c1 < t.rect.c0 ||
        rect.r1 <= rect.r0
      ) {
        throw new SimError(
          "InvalidArgument",
          "The argument is invalid or missing or has an incorrect format. (the header row must stay in place and the new range must overlap the table)",
        );
      }
      // Documented: resizing keeps cell values ("resize a table without adding data to the table or changing cell
      // values", learn.microsoft.com excel-add-ins-tables). Not documented, so refused: where a shown total row goes,
      // hidden (filtered) rows, and growing over cells that hold something (user content, a spill).
      if (t.showTotals) throw notModelled(`Table.resize of "${t.name}" while its total row is shown`);
      if (t.filters.size) throw notModelled(`Table.resize of "${t.name}" while a filter is applied`);
      for (let r = rect.r0; r <= rect.r1; r++) {
        for (let c = rect.c0; c <= rect.c1; c++) {
          if (r >= t.rect.r0 && r <= t.rect.r1 && c >= t.rect.c0 && c <= t.rect.c1) continue;
          if (r > rect.r0 && t.sheet.holdsContent(r, c))
            throw notModelled(
              `Table.resize of "${t.name}" over cells that are not empty (${rectAddress({ r0: r, c0: c, r1: r, c1: c })})`,
            );
        }
        if (r > t.rect.r1 + 100_000) break;
      }
      for (const o of b.tables) {
        if (o !== t && o.sheet === t.sheet && rectsMeet(o.rect, rect)) {
          throw new SimError("InvalidOperation", "A table can't overlap another table.");
        }
      }
      const cols: { id: number; name: string }[] = [];
      for (let c = rect.c0; c <= rect.c1; c++) {
        const existing = c >= t.rect.c0 && c <= t.rect.c1 ? t.columns[c - t.rect.c0] : undefined;
        cols.push(existing ?? { id: b.newColumnId(), name: "" });
      }
      t.columns = cols;
      t.rect = { ...rect };
      b.syncHeaders(t.sheet, rect);
      b.dirty = true;
    });
  }
}
