/**
 * A table of the simulated workbook, and the column filters Table.autoFilter / TableColumn.filter apply to it.
 */
import type { Rect } from "./formula";
import type { SheetModel } from "./sheet-model";

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
