/**
 * The table operations a write and its undo share: finding out where a table is and how it looks, giving it a number
 * of rows, applying filters again, deleting a work sheet. Thin Office.js calls, each cited.
 */
import type { RequestBudget } from "./request-budget";
import type { TableRef } from "./table-identity";
import type { Filters } from "./undo-snapshot";
import { Cell, utf8Bytes } from "./values";

/** A table as read: where it is, its size, headers and filters. */
export interface TableState {
  ref: TableRef;
  by: "id" | "name";
  sheetName: string;
  /** Header row (0-based sheet row) and columns. */
  top: number;
  left: number;
  cols: number;
  /** Data body rows (the total row is not part of it). */
  rows: number;
  showTotals: boolean;
  headers: string[];
  filters: Filters;
}

/**
 * Whether a column's criteria (AutoFilter.criteria, one entry per column) hold a filter: a kind and what it filters
 * on. A column without a filter is not re-applied.
 */
function isActiveCriteria(c: Excel.FilterCriteria | null | undefined): c is Excel.FilterCriteria {
  if (!c || !c.filterOn) return false;
  switch (c.filterOn) {
    case "Values":
      return !!c.values?.length;
    case "Custom":
    case "TopItems":
    case "BottomItems":
    case "TopPercent":
    case "BottomPercent":
      return !!c.criterion1;
    case "CellColor":
    case "FontColor":
      return !!c.color;
    case "Dynamic":
      return !!c.dynamicCriteria && c.dynamicCriteria !== "Unknown";
    case "Icon":
      return !!c.icon;
    default:
      return false;
  }
}

/**
 * Queue the loads that describe a table (TableCollection.getItem: "Gets a table by name or ID"): header, data body,
 * total row, filters, sheet. The returned read() answers after the next sync.
 */
export function locate(ctx: Excel.RequestContext, ref: TableRef, by: "id" | "name") {
  const t = ctx.workbook.tables.getItem(ref.id);
  const header = t.getHeaderRowRange();
  header.load("values, rowIndex, columnIndex, columnCount");
  const body = t.getDataBodyRange();
  body.load("rowCount");
  t.load("showTotals");
  // Table.autoFilter (ExcelApi 1.9): criteria per column and whether any filter applies.
  t.autoFilter.load("criteria, isDataFiltered");
  // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read -- a navigation property (a proxy object), not a value to load
  const sheet = t.worksheet;
  sheet.load("name");
  return {
    table: t,
    read(): TableState {
      // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read -- read in a callback that runs after the caller's ctx.sync()
      const filtered = t.autoFilter.isDataFiltered;
      return {
        ref,
        by,
        sheetName: sheet.name,
        top: header.rowIndex,
        left: header.columnIndex,
        cols: header.columnCount,
        // eslint-disable-next-line office-addins/call-sync-after-load, office-addins/call-sync-before-read -- read in a callback that runs after the caller's ctx.sync()
        rows: body.rowCount,
        // eslint-disable-next-line office-addins/call-sync-after-load, office-addins/call-sync-before-read -- read in a callback that runs after the caller's ctx.sync()
        showTotals: t.showTotals,
        headers: (header.values[0] as Cell[]).map(String),
        filters: filtered ? t.autoFilter.criteria.map((c) => (isActiveCriteria(c) ? c : null)) : null,
      };
    },
  };
}

/**
 * The index that adds a table row or column at the end. TableRowCollection.add and TableColumnCollection.add: "If
 * null or -1, the addition happens at the end" (their doc comments in @types/office-js), yet the same declarations
 * type the index as `number` only; the writer sends null, the form of learn.microsoft.com's samples.
 */
// eslint-disable-next-line no-restricted-syntax -- @types/office-js types `index` as number, its doc allows null
export const AT_END = null as unknown as number;

/** Empty rows for TableRowCollection.add, which needs a 2-D array of values (one row per new row). */
function blankRows(n: number, cols: number): string[][] {
  return Array.from({ length: n }, () => new Array<string>(cols).fill(""));
}

/**
 * Give a table `rows` data rows, from `from`: add rows through the table API (TableRowCollection.add, ExcelApi 1.4
 * for several: "If null or -1, the addition happens at the end. Any rows below the inserted row are shifted
 * downwards.") or delete the surplus at the end of the data body (Range.delete up, ExcelApi 1.1: "removes cells from
 * the worksheet and shifts surrounding cells to fill the gap", learn.microsoft.com excel-add-ins-ranges-clear-delete).
 * A shown total row moves with the rows below. guards.ts checked beforehand that nothing beside the table moves.
 */
export async function setRowCount(
  ws: Excel.Worksheet,
  table: Excel.Table,
  t: { top: number; left: number; cols: number },
  from: number,
  rows: number,
  budget: RequestBudget,
): Promise<void> {
  if (rows > from) {
    const add = rows - from;
    // In pieces of ≤ ~1 MB of request each (an empty cell is 3 bytes of JSON).
    const per = Math.max(1, Math.floor(1_000_000 / (3 * t.cols + 2)));
    for (let k = 0; k < add; k += per) {
      const n = Math.min(per, add - k);
      await budget.spend(n * (3 * t.cols + 2), 2);
      // index null: "the addition happens at the end" (the documented form, as in learn.microsoft.com's sample).
      table.rows.add(AT_END, blankRows(n, t.cols));
    }
  } else if (rows < from) {
    await budget.spend(0, 2);
    ws.getRangeByIndexes(t.top + 1 + rows, t.left, from - rows, t.cols).delete("Up");
  }
}

/** Re-apply filters read before the write (Filter.apply, ExcelApi 1.2), column by column, within the budget. */
export async function applyFilters(table: Excel.Table, filters: Filters, budget: RequestBudget): Promise<void> {
  if (!filters) return;
  for (let i = 0; i < filters.length; i++) {
    const c = filters[i];
    if (!c) continue;
    await budget.spend(utf8Bytes(JSON.stringify(c)), 3);
    table.columns.getItemAt(i).filter.apply(c);
  }
}

/**
 * Delete a worksheet that may be very hidden. Worksheet.delete (ExcelApi 1.1): "if the worksheet's visibility is set
 * to "VeryHidden", the delete operation will fail with an `InvalidOperation` exception. You should first change its
 * visibility to hidden or visible before deleting it." Both commands go in the same batch.
 */
export function deleteWorkSheet(ws: Excel.Worksheet): void {
  ws.visibility = "Hidden";
  ws.delete();
}

export { quoteSheet } from "../core/a1";
