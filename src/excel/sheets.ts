/**
 * Dataset sheets in Excel: write, refresh by record key, undo. The thin Office.js layer over merge.ts/values.ts.
 *
 * Layout of a dataset sheet (台账, 到位资金, 目标任务, 汇总数): row 1 is a note "来源 Source：… · 载入 Loaded：…",
 * the table (Ledger, Funds, Targets, Figures) starts at A2 with Chinese titles; both rows are frozen.
 * Records taken out of the source go to the table Archive on 归档; every change is a row of ChangeLog on 变更日志.
 *
 * Tables are found by Table.id remembered in the workbook (table-identity.ts), the sheet through the table; a table is
 * checked to be the add-in's (its headers) before anything is written into it.
 *
 * Protocol: only documented operations (each cited where it is used), a few large syncs, never one per row.
 *  0. one write at a time per workbook (write-queue.ts); leftovers of dead writes are recognised by owner and age
 *     (leftovers.ts) and removed, a very hidden sheet always made Hidden first (Worksheet.delete fails on VeryHidden);
 *  1. read: the date system, the tables (by id, else by name, then their headers), each one's header, data body
 *     (never the total row), filters, and the body's values, number formats and formula cells, in chunks
 *     (table-body.ts);
 *  2. plan (pure, merge.ts); check (guards.ts) that the sheets are not protected, that the rows that move when a
 *     table grows or shrinks hold no merged cells, no table that would be cut and nothing beside the table, and that
 *     the columns a table grows into are empty: else stop with a clear message, nothing changed;
 *  3. stage the new body's values, archive rows and change-log rows on a very hidden staging sheet in chunks of
 *     ≤ 4 MB, calculation and screen updating suspended. A cancel or a failing sync here deletes the staging sheet:
 *     the visible sheets never changed;
 *  4. snapshot for undo on a very hidden undo sheet: the old data body copied with copyType "Values", its number
 *     formats, every formula cell and the tables' filters as runs in text cells beside it (undo-snapshot.ts);
 *  5. commit: the undo record first (phase "committing"), then clear the tables' filters, add rows through the table
 *     API or delete the surplus rows, copy the staged values into the data bodies ("Values": the user's data
 *     validation, conditional formats and fills in the table are not pasted over), number formats and formulas by
 *     column, the note, filters again, and last the settings (the record "committed", with a fingerprint of what the
 *     write left, fingerprint.ts) and the deletion of the staging and the previous undo sheet. Every sync stays within
 *     the request budget (request-budget.ts). If any of it fails, the snapshot is put back (restore.ts, the same code
 *     as undo) and the previous undo record with it; if that fails too, the error says so and the undo material stays
 *     for Undo to finish the job.
 *
 * This module is the public API; the steps live in read-state.ts (1), write-plan.ts (2, pure), guards.ts,
 * stage-blocks.ts (3), undo-write.ts (4), commit-write.ts with commit-data.ts and ledger-append.ts (5), run in order by
 * apply-dataset.ts.
 */
import { AppError } from "../core/errors";
import type { DatasetKind, ImportResult } from "../import/types";
import { abortError } from "./abort";
import { colLetters } from "./address";
import { applyDataset } from "./apply-dataset";
import { WriteBlockedError } from "./guards";
import { excel } from "./host";
import { ACTION_LABELS, ARCHIVE_LEAD, CHANGELOG_HEADERS, noteText, serialOf, widthFor } from "./ledger-layout";
import { STAGE_PREFIX, UNDO_PREFIX } from "./leftovers";
import { ARCHIVE_BASE, CHANGELOG_BASE, namesOf, WriterNamespace } from "./namespace";
import { SYNC_BUDGET } from "./request-budget";
import { restore, RollbackFailedError, UndoBlockedError, undoRecordOf, verifyUndo } from "./restore";
import { listSources, SourceDescriptor } from "./sources";
import { deleteWorkSheet } from "./table-ops";
import type { WriteOptions, WriteSummary } from "./write-types";
import { QueueTicket, serialised } from "./write-queue";

export const ARCHIVE = ARCHIVE_BASE;
export const CHANGELOG = CHANGELOG_BASE;
export type { TablePart, UndoRecord, WriteOptions, WriteSummary } from "./write-types";
export {
  ACTION_LABELS,
  ARCHIVE_LEAD,
  CHANGELOG_HEADERS,
  STAGE_PREFIX,
  UNDO_PREFIX,
  SYNC_BUDGET,
  WriteBlockedError,
  UndoBlockedError,
  RollbackFailedError,
  abortError,
  colLetters,
  deleteWorkSheet,
  noteText,
  serialOf,
  widthFor,
};

// =========================================================================================== public API

/**
 * Write a dataset to its sheet (creating sheet and table on first load). When the table exists already this is a
 * refresh by record key: nothing the user added is lost. The source is remembered for Refresh.
 */
export async function writeDataset(
  kind: DatasetKind,
  result: ImportResult,
  source: Omit<SourceDescriptor, "id" | "kind" | "lastRefresh"> & Partial<SourceDescriptor>,
  opts: WriteOptions = {},
): Promise<WriteSummary> {
  const desc: SourceDescriptor = { ...source, id: kind, kind, lastRefresh: null };
  return serialised(() => applyDataset(kind, result, desc, opts, false), opts.ticket);
}

/**
 * Refresh a remembered source with newly imported records (the caller re-read the source). The dataset's table must
 * still be there (found by its id, or by its name and headers): a refresh never starts a new table silently.
 */
export async function refreshDataset(
  sourceId: string,
  newResult: ImportResult,
  opts: WriteOptions = {},
): Promise<WriteSummary> {
  return serialised(async () => {
    const sources = await listSources(opts.namespace);
    const desc = sources.find((s) => s.id === sourceId);
    if (!desc) throw new AppError("SOURCE_NOT_FOUND", `没有这个数据来源：${sourceId}`, `No such source: ${sourceId}`);
    return applyDataset(desc.kind, newResult, desc, opts, true);
  }, opts.ticket);
}

export interface UndoOptions {
  namespace?: WriterNamespace;
  ticket?: QueueTicket;
  /**
   * Undo even though the sheets changed after the write (UndoBlockedError lists what): those changes are lost. The
   * task pane asks the user first.
   */
  force?: boolean;
}

/**
 * Undo the last write or refresh: table, archive, change log and the remembered source as they were. Refuses with
 * UndoBlockedError when the sheets were changed after the write (unless `force`); finds the tables by id wherever
 * they are now.
 */
export async function undoLastRefresh(
  opts: UndoOptions = {},
): Promise<{ batch: string; kind: DatasetKind; description: string } | null> {
  return serialised(async () => {
    const names = namesOf(opts.namespace);
    const raw = await excel().run(async (ctx) => {
      const item = ctx.workbook.settings.getItemOrNullObject(names.settingsUndo);
      item.load("value");
      await ctx.sync();
      // eslint-disable-next-line office-addins/call-sync-after-load, office-addins/call-sync-before-read -- the rule knows only a context named `context`; ctx.sync() above has run
      return item.isNullObject ? null : (item.value as unknown);
    });
    if (raw === null) return null;
    const record = undoRecordOf(raw);
    if (!record) {
      // A record of an older version of the add-in: its snapshot sheet is laid out differently. Forget it rather
      // than guess.
      await excel().run(async (ctx) => {
        ctx.workbook.settings.getItem(names.settingsUndo).delete();
        await ctx.sync();
      });
      throw new AppError(
        "UNDO_UNAVAILABLE",
        "上次写入由旧版本加载项完成，无法撤销。",
        "The last write was made by an older version of the add-in and cannot be undone.",
      );
    }
    if (record.phase === "committed" && !opts.force) {
      const changes = await verifyUndo(record);
      if (changes.length) throw new UndoBlockedError(changes);
    }
    await restore(record, names, { mode: "undo" });
    return { batch: record.batch, kind: record.kind, description: `${record.sheet} ${record.at}` };
  }, opts.ticket);
}
