/**
 * Range.merge in the simulated host: the merged areas it makes, and the refusals where Excel's behaviour through the
 * API is not documented.
 */
import { rectsMeet } from "../formula";
import type { Rect } from "../formula";
import { notModelled } from "../workbook";
import type { WorkbookModel } from "../workbook";
import type { RangeTarget } from "./cell-grid";
import { liveSheet } from "./worksheets";

/**
 * Range.merge (ExcelApi 1.2): "Merge the range cells into one region in the worksheet"; `across`: "merge cells in
 * each row of the specified range as separate merged cells". Refused, as not documented for the API: merging cells
 * other than the top-left one that hold something (the UI keeps only the top-left value, after a prompt), merging
 * over an existing merged area, and merging cells of a table (the UI does not allow it).
 */
export function mergeCells(b: WorkbookModel, t: RangeTarget, across: boolean): void {
  liveSheet(b, t.sheet);
  b.assertUnprotected(t.sheet, "Range.merge");
  const regions: Rect[] = across
    ? Array.from({ length: t.rect.r1 - t.rect.r0 + 1 }, (_, i) => ({
        ...t.rect,
        r0: t.rect.r0 + i,
        r1: t.rect.r0 + i,
      }))
    : [{ ...t.rect }];
  for (const m of regions) {
    if (m.r0 === m.r1 && m.c0 === m.c1) continue;
    if (t.sheet.mergesIn(m).length) throw notModelled("Range.merge over cells that are already merged");
    if (b.tables.some((x) => x.sheet === t.sheet && rectsMeet(x.rect, m)))
      throw notModelled("Range.merge of cells of a table");
    for (let r = m.r0; r <= m.r1; r++) {
      for (let c = m.c0; c <= m.c1; c++) {
        if ((r !== m.r0 || c !== m.c0) && t.sheet.holdsContent(r, c))
          throw notModelled("Range.merge of cells other than the top-left one that hold something");
      }
    }
  }
  for (const m of regions) if (m.r0 !== m.r1 || m.c0 !== m.c1) t.sheet.merges.push(m);
  b.dirty = true;
}
