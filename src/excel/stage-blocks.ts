/**
 * Step 3 of a write: the new body's values and the archive and change-log rows written to the very hidden staging
 * sheet, in as few syncs as the 4 MB request budget allows, calculation and screen updating suspended. The commit
 * copies them into place; a cancel or a failing sync here leaves the visible sheets as they were.
 */
import { checkAbort } from "./abort";
import { OP_BYTES, SYNC_BUDGET } from "./request-budget";
import { chunkRows, rowBytes } from "./values";
import type { Block } from "./write-plan";

/** Queue the rows [r0, r0 + n) of a block on the staging sheet. */
function queueRows(stage: Excel.Worksheet, blk: Block, r0: number, n: number): void {
  stage.getRangeByIndexes(blk.r0 + r0, blk.c0, n, blk.rows[r0].length).values = blk.rows.slice(r0, r0 + n);
}

/**
 * Write blocks' values to the staging sheet in as few syncs as the 4 MB budget allows. The last chunk is left queued
 * (its bytes returned) for the snapshot to join its sync.
 */
export async function stageBlocks(
  ctx: Excel.RequestContext,
  stage: Excel.Worksheet,
  blocks: Block[],
  progress: (f: number) => void,
  signal?: AbortSignal,
): Promise<number> {
  const items: { b: number; r: number }[] = [];
  const sizes: number[] = [];
  blocks.forEach((blk, b) =>
    blk.rows.forEach((row, r) => {
      items.push({ b, r });
      sizes.push(rowBytes(row));
    }),
  );
  const chunks = chunkRows(sizes, SYNC_BUDGET - 64 * OP_BYTES);
  let done = 0;
  let pending = 0;
  for (const [s, e] of chunks) {
    checkAbort(signal);
    ctx.workbook.application.suspendApiCalculationUntilNextSync();
    ctx.workbook.application.suspendScreenUpdatingUntilNextSync();
    // Group consecutive items of the same block.
    let i = s;
    while (i < e) {
      const b = items[i].b;
      let j = i;
      while (j < e && items[j].b === b) j++;
      queueRows(stage, blocks[b], items[i].r, j - i);
      pending += 2 * OP_BYTES;
      i = j;
    }
    for (let k = s; k < e; k++) pending += sizes[k];
    if (e < items.length) {
      await ctx.sync();
      pending = 0;
    }
    done += e - s;
    progress(0.3 + 0.5 * (done / Math.max(1, items.length)));
  }
  return pending;
}
