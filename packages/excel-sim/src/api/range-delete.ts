/**
 * Range.delete in the simulated host: cells removed and those below shifted up, with the tables they meet.
 */
import { rectsMeet } from "../formula";
import { notModelled } from "../workbook";
import type { WorkbookModel } from "../workbook";
import type { RangeTarget } from "./cell-grid";
import { shiftRows } from "./table-geometry";
import { liveSheet } from "./worksheets";

/**
 * Range.delete (ExcelApi 1.1): "removes cells from the worksheet and shifts surrounding cells to fill the gap"
 * (learn.microsoft.com excel-add-ins-ranges-clear-delete). Modelled: shifting up, where the range takes whole data
 * rows of the tables it meets (as the UI's delete of table rows does: the table shrinks, a total row moves up).
 * Refused: shifting left, part of a table's width, header or total rows, every data row, a filtered table.
 */
export function deleteCells(b: WorkbookModel, t: RangeTarget, shift: "Up" | "Left"): void {
  liveSheet(b, t.sheet);
  if (shift !== "Up") throw notModelled(`Range.delete shifting ${shift}`);
  b.assertUnprotected(t.sheet, "Range.delete");
  const n = t.rect.r1 - t.rect.r0 + 1;
  const hosts = b.tables.filter((x) => x.sheet === t.sheet && rectsMeet(x.rect, t.rect));
  for (const x of hosts) {
    const bodyTop = x.rect.r0 + 1;
    const bodyBottom = x.showTotals ? x.rect.r1 - 1 : x.rect.r1;
    if (x.filters.size) throw notModelled(`Range.delete in the rows of "${x.name}" while a filter is applied`);
    if (t.rect.c0 > x.rect.c0 || t.rect.c1 < x.rect.c1 || t.rect.r0 < bodyTop || t.rect.r1 > bodyBottom) {
      throw notModelled(`Range.delete of cells that are not whole data rows of the table "${x.name}"`);
    }
    if (n >= bodyBottom - bodyTop + 1) throw notModelled(`Range.delete of every data row of the table "${x.name}"`);
  }
  t.sheet.clear(t.rect, "All");
  shiftRows(b, t.sheet, t.rect.c0, t.rect.c1, t.rect.r1 + 1, -n);
  for (const x of hosts) x.rect = { ...x.rect, r1: x.rect.r1 - n };
  b.dirty = true;
}
