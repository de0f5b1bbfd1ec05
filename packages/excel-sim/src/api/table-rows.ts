/**
 * Table rows of the simulated Excel JavaScript API: TableRowCollection (count, getItemAt, add) and TableRow (values,
 * range, delete).
 */
import { bodyRect, shiftRows, besideBelow, rowRect } from "./table-geometry";
import type { RowTarget } from "./table-geometry";
import { SimError, notModelled } from "../workbook";
import type { TableModel } from "../workbook";
import { readGrid, writeGrid } from "./cell-grid";
import { SimCollection, SimProxy } from "./proxy";
import { SimRange } from "./ranges";

export class SimTableRowCollection extends SimCollection<TableModel, RowTarget, SimTableRow> {
  readonly _cls = "TableRowCollection";
  protected override get _props() {
    return { count: (t: TableModel) => this._list(t).length };
  }
  get count(): number {
    return this._get("count");
  }
  protected _list(t: TableModel): RowTarget[] {
    const body = bodyRect(t);
    if (!body) return [];
    return Array.from({ length: body.r1 - body.r0 + 1 }, (_, i) => ({ t, i }));
  }
  protected _wrap(it: RowTarget): SimTableRow {
    return new SimTableRow(this.context, this, "_item", [it.i], () => it);
  }
  getItemAt(index: number): SimTableRow {
    return new SimTableRow(this.context, this, "getItemAt", [index], () => {
      const list = this._list(this._req());
      if (index < 0 || index >= list.length) throw new SimError("InvalidArgument", "Row index out of range");
      return list[index];
    });
  }
  /**
   * TableRowCollection.add (ExcelApi 1.1; 1.4 for several rows): "If null or -1, the addition happens at the end. Any
   * rows below the inserted row are shifted downwards." The shift is modelled within the table's columns (as the UI's
   * Insert Table Rows does); a shown total row moves down with them. Refused: adding under a filter, and
   * alwaysInsert false ("added below the table": not described further).
   */
  add(index?: number | null, values?: unknown[][] | string | number | boolean, alwaysInsert?: boolean): SimTableRow {
    const n = Array.isArray(values) ? values.length : 1;
    this._call("add", [index ?? null, values ?? null], (t) => {
      const b = this.context._book;
      b.assertUnprotected(t.sheet, "TableRowCollection.add");
      if (t.filters.size) throw notModelled(`TableRowCollection.add on "${t.name}" while a filter is applied`);
      if (alwaysInsert === false) throw notModelled("TableRowCollection.add with alwaysInsert false");
      // The d.ts types `values` as a 2-D array or one boolean, string or number; it describes only "A 2D array of
      // unformatted values of the table row". What one value does (every cell? the first?) is not documented.
      if (values !== undefined && values !== null && !Array.isArray(values))
        throw notModelled("TableRowCollection.add with a single value instead of a 2-D array");
      const body = bodyRect(t);
      const bodyTop = t.rect.r0 + 1;
      const count = body ? body.r1 - body.r0 + 1 : 0;
      const at = index === null || index === undefined || index === -1 ? count : index;
      if (at < 0 || at > count) throw new SimError("InvalidArgument", "The index is out of range.");
      const width = t.rect.c1 - t.rect.c0 + 1;
      if (Array.isArray(values) && values.some((r) => !Array.isArray(r) || r.length !== width)) {
        throw new SimError(
          "InvalidArgument",
          "The number of rows or columns in the input array doesn't match the size or dimensions of the range.",
        );
      }
      const row0 = bodyTop + at;
      // "Any rows below the inserted row are shifted downwards": whole sheet rows, or the cells under the table's
      // columns (the UI's Insert Table Rows)? Not documented. Both readings agree when nothing lies beside the table
      // in the rows that move; otherwise refused.
      const beside = besideBelow(t.sheet, t.rect.c0, t.rect.c1, row0);
      if (beside)
        throw notModelled(
          `TableRowCollection.add on "${t.name}" with cells beside the table in the rows that would move (${beside})`,
        );
      shiftRows(b, t.sheet, t.rect.c0, t.rect.c1, row0, n);
      t.rect = { ...t.rect, r1: t.rect.r1 + n };
      // New rows take the number formats of the row above (Excel extends a table's formatting).
      for (let i = 0; i < n; i++) {
        for (let c = t.rect.c0; c <= t.rect.c1; c++) {
          if (row0 > bodyTop) t.sheet.setNumberFormat(row0 + i, c, t.sheet.numberFormat(row0 - 1, c));
          const v = Array.isArray(values) ? (values[i] as unknown[])[c - t.rect.c0] : null;
          b.writeInput(t.sheet, row0 + i, c, v);
        }
      }
      b.dirty = true;
    });
    return new SimTableRow(this.context, this, "add", [index ?? null], () => null, true);
  }
}

export class SimTableRow extends SimProxy<RowTarget> {
  readonly _cls = "TableRow";
  protected override get _props() {
    return {
      index: (x: RowTarget) => x.i,
      values: (x: RowTarget) => readGrid({ sheet: x.t.sheet, rect: rowRect(x) }, (r, c) => x.t.sheet.value(r, c)),
    };
  }
  get index(): number {
    return this._get("index");
  }
  get values(): unknown[][] {
    return this._get("values");
  }
  set values(v: unknown[][]) {
    this._set("values", v, (x) => {
      writeGrid({ sheet: x.t.sheet, rect: rowRect(x) }, v, (r, c, val) =>
        this.context._book.writeInput(x.t.sheet, r, c, val),
      );
      this.context._book.dirty = true;
    });
  }
  getRange(): SimRange {
    return new SimRange(this.context, this, "getRange", [], () => {
      const x = this._req();
      return { sheet: x.t.sheet, rect: rowRect(x) };
    });
  }
  /** TableRow.delete (ExcelApi 1.1): "Deletes the row from the table." Cells below, in the table's columns, move up. */
  delete(): void {
    this._call("delete", [], (x) => {
      const b = this.context._book;
      if (x.t.filters.size) throw notModelled(`TableRow.delete on "${x.t.name}" while a filter is applied`);
      const r = rowRect(x).r0;
      const count = (bodyRect(x.t)?.r1 ?? 0) - (bodyRect(x.t)?.r0 ?? 0) + 1;
      if (count <= 1) {
        x.t.sheet.clear(rowRect(x), "Contents"); // a table keeps one (empty) data row
        return;
      }
      x.t.sheet.clear(rowRect(x), "All");
      shiftRows(b, x.t.sheet, x.t.rect.c0, x.t.rect.c1, r + 1, -1);
      x.t.rect = { ...x.t.rect, r1: x.t.rect.r1 - 1 };
      b.dirty = true;
    });
  }
}
