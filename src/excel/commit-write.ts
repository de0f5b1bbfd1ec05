/**
 * Step 5 of a write, after the undo record is in: change the visible sheets and end with the settings. In order:
 * the dataset table and the archive and change-log tables opened (created, or unfiltered and resized) in one sync
 * that also gives the created tables their ids; the data body filled (commit-data.ts), the appended rows filled
 * (ledger-append.ts); filters applied again; then the settings (the record "committed" with the fingerprint the
 * write left, the remembered tables and sources), the staging sheet and the previous write's undo sheet deleted.
 */
import type { SheetSpec } from "../core/columns";
import { fillDataTable, openDataTable } from "./commit-data";
import { appendSheet, fillAppend, openAppend, refilterAppend } from "./ledger-append";
import type { Names } from "./namespace";
import type { WorkbookState } from "./read-state";
import { RequestBudget } from "./request-budget";
import { undoRecordOf } from "./restore";
import type { SourceDescriptor } from "./sources";
import { applyFilters, deleteWorkSheet } from "./table-ops";
import { utf8Bytes } from "./values";
import { committedSettings, WritePlan, WrittenIds } from "./write-plan";

export interface CommitJob {
  plan: WritePlan;
  state: WorkbookState;
  spec: SheetSpec;
  names: Names;
  source: SourceDescriptor;
  now: Date;
  /** The staging sheet holding the new values. */
  stage: Excel.Worksheet;
}

/** The settings last (the write is done when they are), then the work sheets this write no longer needs. */
async function commitSettings(
  ctx: Excel.RequestContext,
  job: CommitJob,
  ids: WrittenIds,
  budget: RequestBudget,
): Promise<void> {
  const { state, names } = job;
  const { record, memory, sources } = committedSettings(job.plan, state, job.source, job.now, ids);
  await budget.spend(utf8Bytes(JSON.stringify([sources, memory, record])), 8);
  ctx.workbook.settings.add(names.settingsSources, sources);
  ctx.workbook.settings.add(names.settingsTables, memory);
  ctx.workbook.settings.add(names.settingsUndo, record);
  deleteWorkSheet(job.stage);
  // The previous write's undo sheet goes last: a failure before this command leaves it for the previous record.
  const previous = undoRecordOf(state.rawUndo);
  const previousSheet = previous?.undoSheet ?? (state.rawUndo as { undoSheet?: unknown } | null)?.undoSheet;
  if (typeof previousSheet === "string" && state.sheetNames.includes(previousSheet))
    deleteWorkSheet(ctx.workbook.worksheets.getItem(previousSheet));
  await ctx.sync();
}

/** Carry out the commit of a planned write (see the module comment). */
export async function commitWrite(ctx: Excel.RequestContext, job: CommitJob): Promise<void> {
  const { plan, state, stage } = job;
  const app = ctx.workbook.application;
  const suspend = () => {
    app.suspendApiCalculationUntilNextSync();
    app.suspendScreenUpdatingUntilNextSync();
  };
  const budget = new RequestBudget(ctx, suspend);
  suspend();
  const data = await openDataTable(ctx, stage, plan, state, job.spec, budget);
  const aws = appendSheet(ctx, plan.archive);
  const lws = appendSheet(ctx, plan.changeLog);
  const archive = await openAppend(ctx, stage, plan.archive, aws, budget);
  const changeLog = await openAppend(ctx, stage, plan.changeLog, lws, budget);
  // Created tables' ids are known after this sync.
  await budget.flush(true);
  await fillDataTable(data, plan, state.table !== null, job.source, job.now, budget);
  if (archive) await fillAppend(archive, budget);
  if (changeLog) await fillAppend(changeLog, budget);
  if (state.table) await applyFilters(data.table, state.table.filters, budget);
  await refilterAppend(archive, budget);
  await refilterAppend(changeLog, budget);
  const ids: WrittenIds = {
    data: String(data.table.id),
    archive: archive ? String(archive.table.id) : null,
    changeLog: changeLog ? String(changeLog.table.id) : null,
  };
  await commitSettings(ctx, job, ids, budget);
}
