/**
 * The one append the archive and the change log share: rows added at the end of the table (or the table created on
 * its sheet), then the staged rows copied in as values and each column given its number format, and the table's
 * filters applied again. In two steps, so that the commit opens both tables in the sync that creates them (their ids
 * come back with it) and fills them after the data body, in the order of requests the commit has always made.
 */
import { a1 } from "./address";
import type { RequestBudget } from "./request-budget";
import { writeColumn } from "./table-body";
import { applyFilters, AT_END, quoteSheet, setRowCount } from "./table-ops";
import { rowBytes, textCell, utf8Bytes } from "./values";
import type { AppendPlan } from "./write-plan";

/** A table opened for an append: where its appended rows go, and the staged rows to copy (null: already written). */
export interface OpenAppend {
  plan: AppendPlan;
  ws: Excel.Worksheet;
  table: Excel.Table;
  top: number;
  left: number;
  src: Excel.Range | null;
}

/** The sheet an append goes to (added when it does not exist); null when there is nothing to append. */
export function appendSheet(ctx: Excel.RequestContext, a: AppendPlan): Excel.Worksheet | null {
  if (!a.rows.length) return null;
  return a.sheetExists ? ctx.workbook.worksheets.getItem(a.sheet) : ctx.workbook.worksheets.add(a.sheet);
}

/** First load of the table: headers and rows as plain cells, then a table over them (TableCollection.add). */
async function createTable(ws: Excel.Worksheet, a: AppendPlan, src: Excel.Range, budget: RequestBudget) {
  const { headers, rows } = a;
  await budget.spend(rowBytes(headers), 8);
  ws.getRangeByIndexes(0, 0, 1, headers.length).values = [headers.map(textCell)];
  ws.getRangeByIndexes(1, 0, rows.length, headers.length).copyFrom(src, "Values");
  const t = ws.tables.add(
    `${quoteSheet(a.sheet)}!${a1({ r0: 0, c0: 0, r1: rows.length, c1: headers.length - 1 })}`,
    true,
  );
  t.name = a.table;
  ws.freezePanes.freezeRows(1);
  ws.getRangeByIndexes(0, 0, 1, headers.length).format.columnWidth = a.width;
  t.load("id");
  return t;
}

/**
 * Open the table for the append: create it with the rows in it, or (filters cleared: rows move only unfiltered)
 * give it the new columns and rows at the end. Null when there is nothing to append.
 */
export async function openAppend(
  ctx: Excel.RequestContext,
  stage: Excel.Worksheet,
  a: AppendPlan,
  ws: Excel.Worksheet | null,
  budget: RequestBudget,
): Promise<OpenAppend | null> {
  if (!ws || !a.rows.length) return null;
  const src = stage.getRangeByIndexes(a.block.r0, a.block.c0, a.rows.length, a.headers.length);
  const st = a.st;
  if (!st) return { plan: a, ws, table: await createTable(ws, a, src, budget), top: 0, left: 0, src: null };
  const t = ctx.workbook.tables.getItem(st.ref.id);
  t.load("id");
  await budget.spend(0, 4);
  if (st.filters) t.clearFilters();
  for (const h of a.headers.slice(st.cols)) {
    await budget.spend(utf8Bytes(h), 3);
    t.columns.add(AT_END, undefined, h);
  }
  await setRowCount(ws, t, { ...st, cols: a.headers.length }, st.rows, st.rows + a.rows.length, budget);
  return { plan: a, ws, table: t, top: st.top, left: st.left, src };
}

/** Copy the staged rows into the opened rows and give every column its number format. */
export async function fillAppend(o: OpenAppend, budget: RequestBudget): Promise<void> {
  const { headers, rows, formats, first } = o.plan;
  if (o.src) {
    await budget.spend(0, 3);
    o.ws.getRangeByIndexes(o.top + 1 + first, o.left, rows.length, headers.length).copyFrom(o.src, "Values");
  }
  for (let c = 0; c < headers.length; c++)
    await writeColumn(
      o.ws,
      o.top + 1 + first,
      o.left + c,
      rows.map(() => formats[c]),
      "numberFormat",
      budget,
    );
}

/** The filters an existing table had, applied again after the append. */
export async function refilterAppend(o: OpenAppend | null, budget: RequestBudget): Promise<void> {
  if (o && o.plan.st) await applyFilters(o.table, o.plan.st.filters, budget);
}
