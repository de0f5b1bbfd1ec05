/**
 * Step 4 of a write: the undo material on a very hidden undo sheet, then the undo record (phase "committing") in the
 * settings. The old data body is copied there as values, its number formats, formula cells and the tables' filters
 * as JSON in text cells beside it (undo-snapshot.ts); everything within the request budget. Once the record is in,
 * the snapshot is complete: a failure from then on is rolled back from it (restore.ts).
 */
import type { DataTableState } from "./read-state";
import { RequestBudget } from "./request-budget";
import { utf8Bytes } from "./values";
import type { WritePlan } from "./write-plan";

/** Copy the old data body (a range inside the table, never the whole table) to A1 of the undo sheet. */
async function copyOldBody(
  ctx: Excel.RequestContext,
  undoSheet: Excel.Worksheet,
  old: DataTableState,
  budget: RequestBudget,
): Promise<void> {
  // Range.copyFrom "copyType: values copies the data values and, in the case of formulas, the result of the formula"
  // (learn.microsoft.com excel-add-ins-ranges-cut-copy-paste). Formats and formulas go in the meta cells.
  const src = ctx.workbook.worksheets
    .getItem(old.sheetName)
    .getRangeByIndexes(old.top + 1, old.left, old.rows, old.cols);
  await budget.spend(0, 3);
  undoSheet.getRangeByIndexes(0, 0, old.rows, old.cols).copyFrom(src, "Values");
}

/** The meta chunks as text cells in column metaCol, as many per command as half a request holds. */
async function writeMetaCells(
  undoSheet: Excel.Worksheet,
  chunks: string[],
  metaCol: number,
  budget: RequestBudget,
): Promise<void> {
  for (let i = 0; i < chunks.length;) {
    let bytes = 0;
    let j = i;
    while (j < chunks.length && (j === i || bytes + utf8Bytes(chunks[j]) + 4 < budget.pieceLimit / 2))
      bytes += utf8Bytes(chunks[j++]) + 4;
    await budget.spend(bytes + 8 * (j - i), 3);
    const cells = undoSheet.getRangeByIndexes(i, metaCol, j - i, 1);
    cells.numberFormat = chunks.slice(i, j).map(() => ["@"]);
    cells.values = chunks.slice(i, j).map((c) => [c]);
    i = j;
  }
}

/**
 * Write the snapshot and the undo record. `staged`: bytes of the last staging chunk, still queued (they join the
 * first sync). `onSheet` is told once the undo sheet is queued (a failure before the commit removes it);
 * `beforeRecord` runs before the record is queued (the last point where a cancel is possible).
 */
export async function writeUndoSnapshot(
  ctx: Excel.RequestContext,
  plan: WritePlan,
  old: DataTableState | null,
  settingsKey: string,
  staged: number,
  hooks: { onSheet: (name: string) => void; beforeRecord: () => void },
): Promise<void> {
  const budget = new RequestBudget(ctx, () => {
    ctx.workbook.application.suspendApiCalculationUntilNextSync();
    ctx.workbook.application.suspendScreenUpdatingUntilNextSync();
  });
  budget.queued(staged);
  const undoSheet = ctx.workbook.worksheets.add(plan.record.undoSheet);
  undoSheet.visibility = "VeryHidden";
  hooks.onSheet(plan.record.undoSheet);
  if (old && old.rows > 0) await copyOldBody(ctx, undoSheet, old, budget);
  await writeMetaCells(undoSheet, plan.metaChunks, plan.metaCol, budget);
  hooks.beforeRecord();
  // The commit starts with the undo record (phase "committing"), the last command of this sync: once it is in, the
  // snapshot is complete, and a failure from here on is rolled back. A cancel is no longer possible.
  await budget.spend(utf8Bytes(JSON.stringify(plan.record)), 1);
  ctx.workbook.settings.add(settingsKey, plan.record);
  await budget.flush(true);
}
