/**
 * Filters of the simulated Excel JavaScript API: a table column's Filter and a table's AutoFilter. Only filterOn
 * "Values" is modelled.
 */
import type { ColumnTarget } from "./table-geometry";
import { notModelled } from "../workbook";
import type { FilterCriteriaModel, TableModel } from "../workbook";
import { SimProxy } from "./proxy";

export class SimFilter extends SimProxy<ColumnTarget> {
  readonly _cls = "Filter";
  protected override get _props() {
    return { criteria: (x: ColumnTarget) => criteriaOf(x.t, x.col.id) };
  }
  get criteria(): unknown {
    return this._get("criteria");
  }
  apply(criteria: FilterCriteriaModel): void {
    const copy = JSON.parse(JSON.stringify(criteria)) as FilterCriteriaModel;
    this._call("apply", [copy], (x) => {
      this.context._book.assertUnprotected(x.t.sheet, "Filter.apply");
      if (copy.filterOn !== "Values") throw notModelled(`a filter on ${copy.filterOn}`);
      x.t.filters.set(x.col.id, copy);
      this.context._book.applyFilters(x.t);
    });
  }
  clear(): void {
    this._call("clear", [], (x) => {
      this.context._book.assertUnprotected(x.t.sheet, "Filter.clear");
      x.t.filters.delete(x.col.id);
      this.context._book.applyFilters(x.t);
    });
  }
}

export function criteriaOf(t: TableModel, id: number): FilterCriteriaModel | null {
  const c = t.filters.get(id);
  return c ? (JSON.parse(JSON.stringify(c)) as FilterCriteriaModel) : null;
}

/**
 * A table's AutoFilter (ExcelApi 1.9): `criteria` ("An array that holds all the filter criteria in the autofiltered
 * range", one entry per column; a column without a filter gives an entry without criteria), `isDataFiltered`,
 * `enabled`; clearCriteria and reapply.
 */
export class SimAutoFilter extends SimProxy<TableModel> {
  readonly _cls = "AutoFilter";
  protected override get _props() {
    return {
      enabled: () => true,
      isDataFiltered: (t: TableModel) => t.filters.size > 0,
      criteria: (t: TableModel) => t.columns.map((c) => criteriaOf(t, c.id) ?? { filterOn: "" }),
    };
  }
  get enabled(): boolean {
    return this._get("enabled");
  }
  get isDataFiltered(): boolean {
    return this._get("isDataFiltered");
  }
  get criteria(): FilterCriteriaModel[] {
    return this._get("criteria");
  }
  clearCriteria(): void {
    this._call("clearCriteria", [], (t) => {
      t.filters.clear();
      t.hiddenRows.clear();
    });
  }
  reapply(): void {
    this._call("reapply", [], (t) => this.context._book.applyFilters(t));
  }
}
