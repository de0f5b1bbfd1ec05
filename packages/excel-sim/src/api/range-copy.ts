/**
 * Range.copyFrom in the simulated host: the paste rules about tables that Excel documents, and the refusals where
 * it does not, before the model copies the cells (cell-copy.ts).
 */
import { mapRefs, rectInside, rectsMeet } from "../formula";
import type { Rect } from "../formula";
import { notModelled } from "../workbook";
import type { SheetModel, WorkbookModel } from "../workbook";
import type { RangeTarget } from "./cell-grid";
import { liveSheet } from "./worksheets";

/**
 * Copy cells (values, formulas with relative references moved, formats) from another range, in the host.
 * Range.copyFrom (ExcelApi 1.9) "replicates the Copy and Paste actions of the Excel UI" (learn.microsoft.com,
 * excel-add-ins-ranges-cut-copy-paste); a destination that is an exact multiple of the source repeats it (the d.ts
 * note). Refused, because the UI's paste rules for them are not documented for the API: a source that contains a
 * whole table (the UI pastes a new table), a destination that overlaps a table without lying inside it (the UI may
 * grow the table), and structured references pasted outside the table they belong to.
 */
export function copyRange(
  b: WorkbookModel,
  from: RangeTarget,
  t: RangeTarget,
  copyType: "All" | "Formulas" | "Values" | "Formats",
  skipBlanks: boolean,
): void {
  liveSheet(b, from.sheet);
  liveSheet(b, t.sheet);
  const to = pasteArea(from.rect, t.rect);
  for (const tb of b.tables) {
    if (tb.sheet === from.sheet && rectInside(tb.rect, from.rect))
      throw notModelled(
        `Range.copyFrom of a range containing the whole table "${tb.name}" (the UI pastes a new table)`,
      );
    if (tb.sheet === t.sheet && rectsMeet(to, tb.rect) && !rectInside(to, tb.rect))
      throw notModelled(`Range.copyFrom into a range that overlaps the table "${tb.name}" without lying inside it`);
  }
  if (copyType === "All" || copyType === "Formulas") assertStructuredRefsStayHome(b, from, t.sheet, to);
  b.assertUnprotected(t.sheet, "Range.copyFrom");
  b.assertNotFiltered(t.sheet, to, "Range.copyFrom");
  b.copy(from.sheet, from.rect, t.sheet, to, copyType, skipBlanks);
  b.syncHeaders(t.sheet, to, true);
}

/** Where the paste lands: the source's size, or the whole destination when it is a whole multiple of the source. */
function pasteArea(from: Rect, dest: Rect): Rect {
  const h = from.r1 - from.r0 + 1;
  const w = from.c1 - from.c0 + 1;
  const th = dest.r1 - dest.r0 + 1;
  const tw = dest.c1 - dest.c0 + 1;
  return {
    r0: dest.r0,
    c0: dest.c0,
    r1: dest.r0 + (th % h === 0 ? th : h) - 1,
    c1: dest.c0 + (tw % w === 0 ? tw : w) - 1,
  };
}

/** A formula with a structured reference may only be pasted into the table it belongs to (else: refused). */
function assertStructuredRefsStayHome(b: WorkbookModel, from: RangeTarget, sheet: SheetModel, to: Rect): void {
  for (let r = from.rect.r0; r <= from.rect.r1; r++) {
    for (let c = from.rect.c0; c <= from.rect.c1; c++) {
      const f = from.sheet.formula(r, c);
      if (!f || !f.includes("[")) continue;
      let structured = false;
      mapRefs(f, {
        structured: () => {
          structured = true;
          return "";
        },
      });
      const home = b.tableAt(from.sheet, r, c);
      const dest = b.tableAt(sheet, to.r0 + (r - from.rect.r0), to.c0 + (c - from.rect.c0));
      if (structured && (!home || home !== dest))
        throw notModelled("Range.copyFrom of a structured reference to outside its table");
    }
  }
}
