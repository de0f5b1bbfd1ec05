/**
 * Step 5 of a write, for the dataset table: the table created over the staged body on a first load, or its filters
 * cleared, new columns added and rows added or deleted on a refresh; then the staged values copied into the data
 * body ("Values": the user's data validation, conditional formats and fills in the table are not pasted over), number
 * formats and formulas column by column, and the note above the table. Within the request budget throughout.
 */
import { a1 } from "./address";
import { noteText, widthFor } from "./ledger-layout";
import type { DataTableState } from "./read-state";
import type { RequestBudget } from "./request-budget";
import type { SourceDescriptor } from "./sources";
import { writeColumn } from "./table-body";
import { AT_END, quoteSheet, setRowCount } from "./table-ops";
import { rowBytes, textCell, utf8Bytes } from "./values";
import { bodyFormats, bodyFormulas, WritePlan } from "./write-plan";
import type { SheetSpec } from "../core/columns";

/** The dataset table being committed: its sheet, the table, the staged body to copy from. */
export interface OpenData {
  ws: Excel.Worksheet;
  table: Excel.Table;
  stagedBody: Excel.Range;
}

/** First load: plain cells, then a table over them (TableCollection.add, ExcelApi 1.1), frozen header, widths. */
async function createDataTable(
  ws: Excel.Worksheet,
  plan: WritePlan,
  spec: SheetSpec,
  stagedBody: Excel.Range,
  budget: RequestBudget,
) {
  const { merge, top, left, bodyRows, sheetName } = plan;
  await budget.spend(rowBytes(merge.headers), 8);
  ws.getRangeByIndexes(top, left, 1, merge.headers.length).values = [merge.headers.map(textCell)];
  ws.getRangeByIndexes(top + 1, left, bodyRows, merge.headers.length).copyFrom(stagedBody, "Values");
  const table = ws.tables.add(`${quoteSheet(sheetName)}!${a1(plan.after)}`, true);
  table.name = spec.table;
  ws.freezePanes.freezeRows(top + 1);
  merge.headers.forEach((_, c) => {
    const col = merge.canonical[c] >= 0 ? spec.columns[merge.canonical[c]] : undefined;
    ws.getRangeByIndexes(0, left + c, 1, 1).format.columnWidth = widthFor(col?.type, col?.title ?? merge.headers[c]);
  });
  return table;
}

/** Refresh: the table found by id, unfiltered, with the new columns and the body's new number of rows. */
async function resizeDataTable(
  ctx: Excel.RequestContext,
  ws: Excel.Worksheet,
  t: DataTableState,
  plan: WritePlan,
  budget: RequestBudget,
) {
  const table = ctx.workbook.tables.getItem(t.ref.id);
  await budget.spend(0, 4);
  // Rows are inserted, deleted and rewritten only with no filter applied (hidden rows would stay where they were;
  // TableRow.delete does nothing under a filter, OfficeDev/office-js#994): clear, write, re-apply.
  if (t.filters) table.clearFilters();
  // New canonical columns at the right (TableColumnCollection.add, ExcelApi 1.4 with a name); checked empty.
  for (const h of plan.merge.headers.slice(t.cols)) {
    await budget.spend(utf8Bytes(h), 3);
    table.columns.add(AT_END, undefined, h);
  }
  const cols = plan.merge.headers.length;
  await setRowCount(ws, table, { top: t.top, left: t.left, cols }, t.rows, plan.bodyRows, budget);
  return table;
}

/** Open the dataset table for the commit: its sheet (added on a first load), the table created or resized. */
export async function openDataTable(
  ctx: Excel.RequestContext,
  stage: Excel.Worksheet,
  plan: WritePlan,
  existing: { table: DataTableState | null; sheetExists: boolean },
  spec: SheetSpec,
  budget: RequestBudget,
): Promise<OpenData> {
  const { sheetName, top, left, bodyRows } = plan;
  const ws =
    existing.sheetExists || existing.table
      ? ctx.workbook.worksheets.getItem(sheetName)
      : ctx.workbook.worksheets.add(sheetName);
  const stagedBody = stage.getRangeByIndexes(top + 1, left, bodyRows, plan.merge.headers.length);
  const table = existing.table
    ? await resizeDataTable(ctx, ws, existing.table, plan, budget)
    : await createDataTable(ws, plan, spec, stagedBody, budget);
  table.load("id");
  return { ws, table, stagedBody };
}

/** The note row above the table (only when the table leaves room for it). */
async function writeNote(ws: Excel.Worksheet, plan: WritePlan, text: string, budget: RequestBudget): Promise<void> {
  await budget.spend(utf8Bytes(text) + 40, 6);
  const note = ws.getRangeByIndexes(plan.top - 1, plan.left, 1, 1);
  note.values = [[textCell(text)]];
  note.format.font.italic = true;
  note.format.font.color = "#595959";
}

/**
 * Fill the opened data table: the staged values (a refresh; a first load copied them when creating the table),
 * number formats and formulas by column, the note. A first load shows the sheet.
 */
export async function fillDataTable(
  o: OpenData,
  plan: WritePlan,
  refreshed: boolean,
  source: SourceDescriptor,
  now: Date,
  budget: RequestBudget,
): Promise<void> {
  const { ws } = o;
  const { top, left, bodyRows, merge } = plan;
  // Plain cells pasted into cells inside a table (Range.copyFrom "replicates the Copy and Paste actions of the Excel
  // UI"), values only, never a range that holds a whole table.
  if (refreshed) {
    await budget.spend(0, 3);
    ws.getRangeByIndexes(top + 1, left, bodyRows, merge.headers.length).copyFrom(o.stagedBody, "Values");
  }
  for (let c = 0; c < merge.headers.length; c++)
    await writeColumn(ws, top + 1, left + c, bodyFormats(plan, c), "numberFormat", budget);
  for (const c of merge.formulaColumns)
    await writeColumn(ws, top + 1, left + c, bodyFormulas(plan, c), "formulasR1C1", budget);
  if (top >= 1) await writeNote(ws, plan, noteText(source, now), budget);
  if (!refreshed) ws.activate();
}
