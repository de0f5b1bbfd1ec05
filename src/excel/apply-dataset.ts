/**
 * The write pipeline behind writeDataset and refreshDataset (the protocol is described in sheets.ts): read the
 * workbook, plan the write (pure), check what it reaches, stage, snapshot for undo, commit, and the settings last.
 * A failure before the commit removes this write's work sheets; during it, everything is put back from the snapshot
 * (restore.ts, the same code as undo).
 */
import type { SheetSpec } from "../core/columns";
import { AppError } from "../core/errors";
import type { DatasetKind, ImportResult } from "../import/types";
import { checkAbort } from "./abort";
import { commitWrite } from "./commit-write";
import { queueAreaChecks } from "./guards";
import { excel } from "./host";
import { leftoverSheets, STAGE_PREFIX, UNDO_PREFIX, workSheetName } from "./leftovers";
import { DEFAULT_NAMESPACE, Names, namesOf } from "./namespace";
import { readState, WorkbookState } from "./read-state";
import { checkRequirements } from "./requirements";
import { restore, RollbackFailedError, undoRecordOf } from "./restore";
import type { SourceDescriptor } from "./sources";
import { stageBlocks } from "./stage-blocks";
import { deleteWorkSheet } from "./table-ops";
import { writeUndoSnapshot } from "./undo-write";
import { planWrite, WritePlan } from "./write-plan";
import type { UndoRecord, WriteOptions, WriteSummary } from "./write-types";

/** How far a write got, for the clean-up or rollback after a failure. */
interface RunState {
  record: UndoRecord | null;
  stage: string | null;
  undo: string | null;
  phase: "reading" | "staging" | "committing" | "done";
  rawUndo: unknown;
}

let batchCounter = 0;

/** A refresh never starts a new table silently. */
function requireTable(spec: SheetSpec, state: WorkbookState): void {
  if (state.table) return;
  throw new AppError(
    "TABLE_NOT_FOUND",
    `找不到数据集“${spec.sheet}”的表格“${spec.table}”（可能已被删除），无法刷新。请在任务窗格中重新载入该数据。本次没有做任何改动。`,
    `The table "${spec.table}" of the dataset "${spec.sheet}" is not in the workbook (deleted?), so it cannot be refreshed. Load the data again in the task pane. Nothing was changed.`,
  );
}

function summaryOf(spec: SheetSpec, plan: WritePlan, batch: string): WriteSummary {
  const m = plan.merge;
  return {
    kind: spec.kind,
    sheet: plan.sheetName,
    table: spec.table,
    batch,
    rows: m.rows.length,
    added: m.counts.added,
    updated: m.counts.updated,
    archived: m.counts.archived,
    unchanged: m.counts.unchanged,
    changes: plan.logged.length,
    notices: plan.notices,
  };
}

/** Stage the new values on a very hidden sheet (leftovers of dead writes removed first); returns bytes still queued. */
async function stage(
  ctx: Excel.RequestContext,
  plan: WritePlan,
  state: WorkbookState,
  now: Date,
  run: RunState,
  opts: WriteOptions,
): Promise<{ sheet: Excel.Worksheet; staged: number }> {
  // Leftovers of dead writes (never a sheet an undo record names, nor one a live write of another owner uses).
  for (const n of leftoverSheets(state.sheetNames, state.referenced, now.getTime()))
    deleteWorkSheet(ctx.workbook.worksheets.getItem(n));
  const sheet = ctx.workbook.worksheets.add(plan.record.stageSheet);
  sheet.visibility = "VeryHidden";
  run.stage = plan.record.stageSheet;
  run.phase = "staging";
  const blocks = [plan.body, plan.archive.block, plan.changeLog.block];
  const staged = await stageBlocks(ctx, sheet, blocks, opts.onProgress ?? (() => undefined), opts.signal);
  return { sheet, staged };
}

/** Everything inside the one Excel.run of a write. */
async function writeInExcel(
  ctx: Excel.RequestContext,
  job: { spec: SheetSpec; names: Names; result: ImportResult; source: SourceDescriptor; refresh: boolean },
  batch: string,
  now: Date,
  run: RunState,
  opts: WriteOptions,
): Promise<WriteSummary> {
  const { spec, names } = job;
  const progress = opts.onProgress ?? (() => undefined);
  const state = await readState(ctx, spec, names, progress, opts.signal);
  run.rawUndo = state.rawUndo;
  checkAbort(opts.signal);
  if (job.refresh) requireTable(spec, state);
  const plan = planWrite({
    spec,
    state,
    result: job.result,
    batch,
    now,
    stageSheet: workSheetName(STAGE_PREFIX, now),
    undoSheet: workSheetName(UNDO_PREFIX, now),
  });
  // Nothing is changed before the checks of what the write reaches.
  await queueAreaChecks(ctx, plan.checks, plan.writtenSheets)();
  checkAbort(opts.signal);
  const staged = await stage(ctx, plan, state, now, run, opts);
  run.record = plan.record;
  await writeUndoSnapshot(ctx, plan, state.table, names.settingsUndo, staged.staged, {
    onSheet: (name) => (run.undo = name),
    beforeRecord: () => {
      progress(0.85);
      checkAbort(opts.signal);
    },
  });
  run.phase = "committing";
  await commitWrite(ctx, { plan, state, spec, names, source: job.source, now, stage: staged.sheet });
  run.phase = "done";
  progress(1);
  return summaryOf(spec, plan, batch);
}

/** Whether a rollback that failed still got as far as the undo setting (then only its clean-up failed). */
async function rollbackReachedSettings(names: Names, batch: string): Promise<boolean> {
  return excel()
    .run(async (ctx) => {
      const item = ctx.workbook.settings.getItemOrNullObject(names.settingsUndo);
      item.load("value");
      await ctx.sync();
      // eslint-disable-next-line office-addins/call-sync-before-read -- the rule knows only a context named `context`; ctx.sync() above has run
      return undoRecordOf(item.isNullObject ? null : item.value)?.batch !== batch;
    })
    .catch(() => false);
}

/** After a failure during the commit: put everything back from the snapshot (and the previous undo record). */
async function rollBack(e: unknown, record: UndoRecord, names: Names, rawUndo: unknown): Promise<void> {
  try {
    await restore(record, names, { mode: "rollback", previousUndo: rawUndo });
  } catch (rollbackError) {
    // Did the rollback get as far as the undo setting? Then only its clean-up failed (leftover work sheets, removed
    // by the next write): the sheets are back, and Undo must not run this record again.
    if (!(await rollbackReachedSettings(names, record.batch))) throw new RollbackFailedError(e, rollbackError);
    // Not swallowed: the write's error carries it (the sheets are back; leftover work sheets go with the next write).
    if (e && typeof e === "object") Object.assign(e, { rollbackCleanupError: rollbackError });
  }
}

/** After a failure before the commit: remove this run's staging and undo sheets; nothing else changed. */
async function cleanUp(sheetNames: (string | null)[]): Promise<void> {
  const wanted = new Set(sheetNames.filter((n): n is string => !!n));
  if (!wanted.size) return;
  await excel().run(async (ctx) => {
    const sheets = ctx.workbook.worksheets;
    sheets.load("items/name");
    await ctx.sync();
    for (const s of sheets.items) if (wanted.has(s.name)) deleteWorkSheet(s);
    await ctx.sync();
  });
}

/** Write (or, with `refresh`, refresh) a dataset: the whole pipeline, with clean-up or rollback on failure. */
export async function applyDataset(
  kind: DatasetKind,
  result: ImportResult,
  source: SourceDescriptor,
  opts: WriteOptions,
  refresh: boolean,
): Promise<WriteSummary> {
  const names = namesOf(opts.namespace ?? DEFAULT_NAMESPACE);
  const spec = names.spec(kind);
  const now = (opts.now ?? (() => new Date()))();
  const batch = `${spec.kind}-${now.getTime().toString(36)}-${(batchCounter++).toString(36)}`;
  checkAbort(opts.signal);
  checkRequirements();
  const run: RunState = { record: null, stage: null, undo: null, phase: "reading", rawUndo: null };
  try {
    const job = { spec, names, result, source, refresh };
    return await excel().run((ctx) => writeInExcel(ctx, job, batch, now, run, opts));
  } catch (e) {
    // Before the commit: only the staging/undo sheets exist. During it: put everything back from the snapshot.
    if (run.phase === "committing" && run.record) await rollBack(e, run.record, names, run.rawUndo);
    else if (run.phase === "staging") await cleanUp([run.stage, run.undo]).catch(() => undefined);
    throw e;
  }
}
