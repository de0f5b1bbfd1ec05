/**
 * Table columns of the simulated Excel JavaScript API: TableColumnCollection (getItem, add) and TableColumn (name,
 * values, ranges, filter, delete).
 */
import { bodyRect, colRect } from "./table-geometry";
import type { ColumnTarget } from "./table-geometry";
import type { Rect } from "../formula";
import { SimError, moveCell, notModelled } from "../workbook";
import type { TableModel } from "../workbook";
import { readGrid } from "./cell-grid";
import { SimFilter } from "./filters";
import { SimCollection, SimProxy } from "./proxy";
import { SimRange } from "./ranges";

export class SimTableColumnCollection extends SimCollection<TableModel, ColumnTarget, SimTableColumn> {
  readonly _cls = "TableColumnCollection";
  protected override get _props() {
    return { count: (t: TableModel) => t.columns.length };
  }
  get count(): number {
    return this._get("count");
  }
  protected _list(t: TableModel): ColumnTarget[] {
    return t.columns.map((col) => ({ t, col }));
  }
  protected _wrap(it: ColumnTarget): SimTableColumn {
    return new SimTableColumn(this.context, this, "_item", [it.col.id], () => it);
  }
  private _find(key: string | number): ColumnTarget | null {
    const t = this._req();
    const col = t.columns.find((c) =>
      typeof key === "number"
        ? c.id === key
        : c.name.toLowerCase() === String(key).toLowerCase() || String(c.id) === key,
    );
    return col ? { t, col } : null;
  }
  getItem(key: string | number): SimTableColumn {
    return new SimTableColumn(this.context, this, "getItem", [key], () => this._find(key));
  }
  getItemOrNullObject(key: string | number): SimTableColumn {
    return new SimTableColumn(this.context, this, "getItemOrNullObject", [key], () => this._find(key), true);
  }
  getItemAt(index: number): SimTableColumn {
    return new SimTableColumn(this.context, this, "getItemAt", [index], () => {
      const t = this._req();
      return t.columns[index] ? { t, col: t.columns[index] } : null;
    });
  }
  /**
   * Add a column at `index` (default: at the right). `values` covers the whole column, header first; `name` sets
   * the header. Cells to the right, in the table's rows, move right.
   */
  add(index?: number | null, values?: unknown[][], name?: string): SimTableColumn {
    const result = new SimTableColumn(this.context, this, "add", [index ?? null], () => null);
    this._call("add", [index ?? null, values ?? null, name ?? null], (t) => {
      const b = this.context._book;
      const at = index === null || index === undefined ? t.columns.length : index;
      if (at < 0 || at > t.columns.length) throw new SimError("InvalidArgument", "The index is out of range.");
      const height = t.rect.r1 - t.rect.r0 + 1;
      if (values && (values.length !== height || values.some((r) => r.length !== 1))) {
        throw new SimError(
          "InvalidArgument",
          "The number of rows or columns in the input array doesn't match the size or dimensions of the range.",
        );
      }
      const c = t.rect.c0 + at;
      const s = t.sheet;
      b.assertUnprotected(s, "TableColumnCollection.add");
      if (t.filters.size) throw notModelled(`TableColumnCollection.add on "${t.name}" while a filter is applied`);
      // "Columns with a higher index will be shifted to the side" (d.ts). Appending at the end next to an empty column
      // takes it; what happens to cells that lie right of the table when appending is not documented: refused.
      let emptyNext = at === t.columns.length;
      for (let r = t.rect.r0; emptyNext && r <= t.rect.r1; r++) if (s.holdsContent(r, c)) emptyNext = false;
      if (at === t.columns.length && !emptyNext)
        throw notModelled(`TableColumnCollection.add at the end of "${t.name}" next to cells that are not empty`);
      for (let r = t.rect.r0; !emptyNext && r <= t.rect.r1; r++) {
        const rowLen = Math.max(s.vals[r]?.length ?? 0, s.nfs[r]?.length ?? 0, t.rect.c1 + 1);
        for (let cc = rowLen - 1; cc >= c; cc--) moveCell(s, r, cc, r, cc + 1);
      }
      const header = name ?? (values ? values[0][0] : null);
      if (
        header !== null &&
        header !== undefined &&
        String(header).trim() !== "" &&
        t.columns.some((x) => x.name.toLowerCase() === String(header).trim().toLowerCase())
      ) {
        throw notModelled(
          `TableColumnCollection.add on "${t.name}" with the name of an existing column ("${String(header)}")`,
        );
      }
      const col = { id: b.newColumnId(), name: "" };
      t.columns.splice(at, 0, col);
      t.rect = { ...t.rect, c1: t.rect.c1 + 1 };
      for (let r = 0; r < height; r++) {
        const v = values ? values[r][0] : r === 0 ? (name ?? null) : null;
        if (v !== null && v !== undefined) b.writeInput(s, t.rect.r0 + r, c, v);
      }
      if (name && values) b.writeInput(s, t.rect.r0, c, name);
      b.syncHeaders(s, t.rect);
      result._target = { t, col };
      b.dirty = true;
    });
    return result;
  }
}

export class SimTableColumn extends SimProxy<ColumnTarget> {
  readonly _cls = "TableColumn";
  protected override get _props() {
    return {
      name: (x: ColumnTarget) => x.col.name,
      id: (x: ColumnTarget) => x.col.id,
      index: (x: ColumnTarget) => x.t.columns.indexOf(x.col),
      values: (x: ColumnTarget) => readGrid({ sheet: x.t.sheet, rect: colRect(x) }, (r, c) => x.t.sheet.value(r, c)),
    };
  }
  get name(): string {
    return this._get("name");
  }
  set name(v: string) {
    this._set("name", v, (x) => {
      const c = x.t.rect.c0 + x.t.columns.indexOf(x.col);
      this.context._book.assertUnprotected(x.t.sheet, "renaming a table column");
      this.context._book.writeInput(x.t.sheet, x.t.rect.r0, c, v);
      this.context._book.syncHeaders(x.t.sheet, x.t.rect, true);
    });
  }
  get id(): number {
    return this._get("id");
  }
  get index(): number {
    return this._get("index");
  }
  get values(): unknown[][] {
    return this._get("values");
  }
  /** TableColumn.filter (ExcelApi 1.1): the column's filter. */
  get filter(): SimFilter {
    return this._nav("filter", () => new SimFilter(this.context, this, "filter", [], () => this._req()));
  }
  protected override get _navs() {
    return { filter: () => this.filter };
  }
  private _range(method: string, f: (x: ColumnTarget, rect: Rect) => Rect | null): SimRange {
    return new SimRange(this.context, this, method, [], () => {
      const x = this._req();
      const rect = f(x, colRect(x));
      if (!rect) throw new SimError("ItemNotFound", `The requested resource doesn't exist. (${method})`);
      return { sheet: x.t.sheet, rect };
    });
  }
  getRange(): SimRange {
    return this._range("getRange", (_x, r) => r);
  }
  getHeaderRowRange(): SimRange {
    return this._range("getHeaderRowRange", (_x, r) => ({ ...r, r1: r.r0 }));
  }
  getDataBodyRange(): SimRange {
    return this._range("getDataBodyRange", (x, r) => {
      const body = bodyRect(x.t);
      return body ? { ...r, r0: body.r0, r1: body.r1 } : null;
    });
  }
  delete(): void {
    this._call("delete", [], (x) => {
      const b = this.context._book;
      const t = x.t;
      if (t.columns.length === 1) throw new SimError("InvalidOperation", "A table must keep at least one column.");
      b.assertUnprotected(t.sheet, "TableColumn.delete");
      if (t.filters.size) throw notModelled(`TableColumn.delete on "${t.name}" while a filter is applied`);
      const c = t.rect.c0 + t.columns.indexOf(x.col);
      const s = t.sheet;
      // TableColumn.delete (ExcelApi 1.1): "Deletes the column from the table." Whether cells right of the table move
      // left is not documented: refused when there are any in the table's rows.
      for (let r = t.rect.r0; r <= t.rect.r1; r++) {
        const len = Math.max(s.vals[r]?.length ?? 0, t.rect.c1 + 1);
        for (let cc = t.rect.c1 + 1; cc < len; cc++)
          if (s.holdsContent(r, cc))
            throw notModelled(`TableColumn.delete on "${t.name}" with cells right of the table`);
      }
      for (let r = t.rect.r0; r <= t.rect.r1; r++) {
        const rowLen = Math.max(s.vals[r]?.length ?? 0, s.nfs[r]?.length ?? 0, t.rect.c1 + 1);
        for (let cc = c; cc < rowLen; cc++) moveCell(s, r, cc + 1, r, cc);
      }
      t.columns = t.columns.filter((col) => col !== x.col);
      t.rect = { ...t.rect, c1: t.rect.c1 - 1 };
      b.dirty = true;
    });
  }
}

/**
 * A table column's filter (ExcelApi 1.2: Filter.apply, clear, criteria). Only filterOn "Values" is modelled (rows whose
 * displayed text is not among the values are hidden); other kinds are refused.
 */
