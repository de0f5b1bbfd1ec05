/**
 * What the writer checks before it changes anything (a write, and an undo or rollback, which changes the same tables
 * back): a blocked write throws WriteBlockedError, bilingual, with the address, and nothing has changed.
 *
 * - Protected sheets (WorksheetProtection.protected, ExcelApi 1.2): what an API write to a protected sheet does is not
 *   documented, so the writer never tries.
 * - A table that grows or shrinks moves what lies below it: TableRowCollection.add ("Any rows below the inserted row
 *   are shifted downwards") and Range.delete up ("shifts surrounding cells to fill the gap"). Below it, in its columns,
 *   merged cells and tables that lie only partly in those columns cannot move along. Beside it, in the rows that
 *   move, whether a row insert moves the cells too (whole sheet rows) or not (the table's columns only) is not
 *   documented: those cells must be empty. Both directions are checked, because a failed write is rolled back and an
 *   undo runs, the other way.
 * - Columns a table grows into on its right must be empty.
 */
import { AppError } from "../core/errors";
import { parseA1 } from "./address";

/** A write that would harm what lies around a table: nothing was changed. */
export class WriteBlockedError extends AppError<"WRITE_BLOCKED"> {
  constructor(
    zh: string,
    en: string,
    readonly address: string,
  ) {
    super("WRITE_BLOCKED", zh, en);
    this.name = "WriteBlockedError";
  }
}

const MAX_ROWS = 1_048_576;
const MAX_COLS = 16_384;

/** A table as it is, and how the write (or its undo) changes its size. */
export interface AreaCheck {
  sheet: string;
  table: string;
  /** Header row (0-based), first column, columns, data rows now, total row shown. */
  top: number;
  left: number;
  cols: number;
  rows: number;
  showTotals: boolean;
  /** Data rows on the other side of the change (after the write, or after its undo). */
  otherRows: number;
  /** Columns added on the right. */
  newCols: number;
}

/** Queue the checks; the returned function syncs and throws WriteBlockedError for the first problem found. */
export function queueAreaChecks(
  ctx: Excel.RequestContext,
  checks: readonly AreaCheck[],
  protectedSheets: readonly string[] = [],
): () => Promise<void> {
  const pending: (() => void)[] = [];
  const later: (() => (() => void)[])[] = [];
  const last: (() => void)[] = [];
  const seen = new Set<string>();
  for (const name of protectedSheets) {
    if (seen.has(name)) continue;
    seen.add(name);
    const ws = ctx.workbook.worksheets.getItem(name);
    ws.load("protection/protected");
    pending.push(() => {
      // eslint-disable-next-line office-addins/call-sync-after-load, office-addins/call-sync-before-read -- read in a callback that runs after the caller's ctx.sync()
      if (ws.protection.protected) {
        throw new WriteBlockedError(
          `工作表“${name}”受保护，加载项不会写入受保护的工作表。请先撤消保护（审阅 → 撤消工作表保护），完成后可再保护。本次没有做任何改动。`,
          `The sheet "${name}" is protected, and the add-in does not write to protected sheets. Unprotect it (Review → Unprotect Sheet) first; you can protect it again afterwards. Nothing was changed.`,
          name,
        );
      }
    });
  }
  for (const ch of checks) {
    const ws = ctx.workbook.worksheets.getItem(ch.sheet);
    const width = ch.cols + ch.newCols;
    const end = ch.top + ch.rows + (ch.showTotals ? 1 : 0); // last row of the table now
    if (ch.otherRows !== ch.rows) {
      const firstMoving = ch.top + 1 + Math.min(ch.rows, ch.otherRows);
      // Below the table, in its columns: merged cells, and tables only partly in these columns.
      const below = ws.getRangeByIndexes(end + 1, ch.left, MAX_ROWS - end - 1, width);
      const tables = below.getTables(false);
      tables.load("items/name");
      // The rows that move, across the whole sheet: merged cells anywhere in them.
      const band = ws.getRangeByIndexes(firstMoving, 0, MAX_ROWS - firstMoving, MAX_COLS);
      const merged = band.getMergedAreasOrNullObject();
      merged.load("address");
      // Beside the table in the rows that move: anything at all (values, formulas, formats).
      const sides = [
        ch.left > 0 ? ws.getRangeByIndexes(firstMoving, 0, MAX_ROWS - firstMoving, ch.left) : null,
        ch.left + width < MAX_COLS
          ? ws.getRangeByIndexes(firstMoving, ch.left + width, MAX_ROWS - firstMoving, MAX_COLS - ch.left - width)
          : null,
      ].map((r) => {
        const u = r?.getUsedRangeOrNullObject(false) ?? null;
        u?.load("address");
        return u;
      });
      pending.push(() => {
        if (!merged.isNullObject) {
          throw new WriteBlockedError(
            `表格“${ch.table}”需要增减行，但下方的行中有合并单元格（${merged.address}），会阻止行的移动。请取消合并或移走后再试。本次没有做任何改动。`,
            `The table "${ch.table}" needs rows added or removed, but the rows below hold merged cells (${merged.address}) that would block the move. Unmerge or move them, then try again. Nothing was changed.`,
            merged.address,
          );
        }
        later.push(() =>
          tables.items
            .filter((x) => x.name !== ch.table)
            .map((x) => {
              const r = x.getRange();
              r.load("address");
              return () => {
                // eslint-disable-next-line office-addins/call-sync-after-load, office-addins/call-sync-before-read -- read in a callback that runs after the caller's ctx.sync()
                const rect = parseA1(r.address);
                if (rect.c0 < ch.left || rect.c1 > ch.left + width - 1) {
                  throw new WriteBlockedError(
                    // eslint-disable-next-line office-addins/call-sync-after-load, office-addins/call-sync-before-read -- read in a callback that runs after the caller's ctx.sync()
                    `表格“${ch.table}”下方的表格“${x.name}”（${r.address}）只有一部分在同样的列中，表格增减行时无法随之移动。请移动其中一个表格后再试。本次没有做任何改动。`,
                    // eslint-disable-next-line office-addins/call-sync-after-load, office-addins/call-sync-before-read -- read in a callback that runs after the caller's ctx.sync()
                    `The table "${x.name}" below "${ch.table}" (${r.address}) lies only partly in the same columns and cannot move when table rows are added or removed. Move one of the tables, then try again. Nothing was changed.`,
                    // eslint-disable-next-line office-addins/call-sync-after-load, office-addins/call-sync-before-read -- read in a callback that runs after the caller's ctx.sync()
                    r.address,
                  );
                }
              };
            }),
        );
        // After the tables (a table cut by the columns is the clearer message): anything beside the moving rows.
        last.push(() => {
          for (const u of sides) {
            if (u && !u.isNullObject) {
              throw new WriteBlockedError(
                `表格“${ch.table}”需要增减行，但表格下方两侧的 ${u.address} 有内容。Excel 没有说明增减表格行时这些单元格是否随之移动，为免打乱您的内容，请把它们移到表格上方、表格下方同样的列中或其他工作表，再试。本次没有做任何改动。`,
                `The table "${ch.table}" needs rows added or removed, but ${u.address}, beside the rows below the table, is not empty. Excel does not document whether such cells move with table rows; to keep your content in place, move it above the table, below it in the same columns, or to another sheet, then try again. Nothing was changed.`,
                u.address,
              );
            }
          }
        });
      });
    }
    if (ch.newCols > 0) {
      const right = ws.getRangeByIndexes(ch.top, ch.left + ch.cols, end - ch.top + 1, ch.newCols);
      const usedRight = right.getUsedRangeOrNullObject(true);
      usedRight.load("address");
      pending.push(() => {
        // eslint-disable-next-line office-addins/call-sync-before-read -- read in a callback that runs after the caller's ctx.sync()
        if (!usedRight.isNullObject) {
          throw new WriteBlockedError(
            // eslint-disable-next-line office-addins/call-sync-after-load, office-addins/call-sync-before-read -- read in a callback that runs after the caller's ctx.sync()
            `表格“${ch.table}”需要在右侧增加 ${ch.newCols} 列，但 ${usedRight.address} 有内容。请移走这些内容后再刷新。本次没有做任何改动。`,
            // eslint-disable-next-line office-addins/call-sync-after-load, office-addins/call-sync-before-read -- read in a callback that runs after the caller's ctx.sync()
            `The table "${ch.table}" needs ${ch.newCols} more column(s) on its right, but ${usedRight.address} is not empty. Move that content, then refresh again. Nothing was changed.`,
            // eslint-disable-next-line office-addins/call-sync-after-load, office-addins/call-sync-before-read -- read in a callback that runs after the caller's ctx.sync()
            usedRight.address,
          );
        }
      });
    }
  }
  return async () => {
    if (!pending.length) return;
    await ctx.sync();
    for (const p of pending) p();
    const checksAfter = later.flatMap((f) => f());
    if (checksAfter.length) {
      await ctx.sync();
      for (const c of checksAfter) c();
    }
    for (const c of last) c();
  };
}
