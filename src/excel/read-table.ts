/**
 * Reading a table of the open workbook back (the ribbon's refresh of a table source, the task pane's import of a
 * table and its reading of the four dataset tables for the briefing). Kept apart from the importer so the task pane's
 * first chunk can use it without pulling the importer in.
 */
import { AppError } from "../core/errors";
import { excel } from "./host";
import { isDateFormat, queueDateSystem, to1900Serial } from "./date-system";

/**
 * Read a workbook table: its header row and data body (never a shown total row: Table.getRange includes it,
 * getDataBodyRange does not), in chunks of about 100,000 cells. Dates come back as 1900-system serials whatever the
 * workbook's date system (date-system.ts): in a 1904-system workbook every number shown with a date format is moved
 * by 1,462 days, so the importer reads the dates the user sees. Null when there is no such table.
 */
export async function readWorkbookTableOrNull(
  name: string,
): Promise<{ values: unknown[][]; label: string; startRow: number; sheet: string } | null> {
  return excel().run(async (ctx) => {
    const t = ctx.workbook.tables.getItemOrNullObject(name);
    const is1904 = queueDateSystem(ctx);
    await ctx.sync();
    // eslint-disable-next-line office-addins/call-sync-before-read -- the rule knows only a context named `context`; ctx.sync() above has run
    if (t.isNullObject) return null;
    const header = t.getHeaderRowRange();
    header.load("values, rowIndex, columnIndex, columnCount");
    const body = t.getDataBodyRange();
    body.load("rowCount");
    // eslint-disable-next-line office-addins/call-sync-before-read -- the rule knows only a context named `context`; ctx.sync() above has run
    const ws = t.worksheet;
    ws.load("name");
    await ctx.sync();
    const date1904 = is1904();
    const cols = header.columnCount;
    const values: unknown[][] = [header.values[0]];
    const per = Math.max(1, Math.floor(100_000 / cols));
    // eslint-disable-next-line office-addins/call-sync-after-load, office-addins/call-sync-before-read -- the rule knows only a context named `context`; ctx.sync() above has run
    for (let r = 0; r < body.rowCount; r += per) {
      const part = ws.getRangeByIndexes(
        header.rowIndex + 1 + r,
        header.columnIndex,
        // eslint-disable-next-line office-addins/call-sync-after-load, office-addins/call-sync-before-read -- the rule knows only a context named `context`; ctx.sync() above has run
        Math.min(per, body.rowCount - r),
        cols,
      );
      // eslint-disable-next-line office-addins/no-empty-load -- the argument is an expression naming the properties, not an empty load
      part.load(date1904 ? "values, numberFormat" : "values");
      await ctx.sync();
      if (!date1904) {
        // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read -- load() names its properties through an expression; ctx.sync() above has run
        values.push(...part.values);
        continue;
      }
      part.values.forEach((row, i) => {
        values.push(
          row.map((v, c) =>
            // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read -- load() names its properties through an expression; ctx.sync() above has run
            typeof v === "number" && isDateFormat(String(part.numberFormat[i][c])) ? to1900Serial(v, true) : v,
          ),
        );
      });
    }
    return { values, label: `${ws.name}!${name}`, startRow: header.rowIndex + 1, sheet: ws.name };
  });
}

/** readWorkbookTableOrNull, failing with a bilingual message when the table does not exist. */
export async function readWorkbookTable(
  name: string,
): Promise<{ values: unknown[][]; label: string; startRow: number }> {
  const t = await readWorkbookTableOrNull(name);
  if (!t) throw new AppError("TABLE_NOT_FOUND", `工作簿中没有表格“${name}”`, `No table "${name}" in the workbook`);
  return t;
}
