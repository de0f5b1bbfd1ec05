/**
 * One queue of workbook writes per workbook. The ribbon's 刷新 and the task pane run in ONE shared runtime (one
 * JavaScript realm per open workbook, manifest <Runtime lifetime="long">), so two writes can start at once; a write
 * is several syncs long, and two interleaved writes would each take the other's staging sheet for a leftover. Every
 * public write (load, refresh, undo) goes through `serialised`, so they run one after another.
 *
 * The queue lives on globalThis, not in this module: the task pane and the ribbon commands are separate webpack
 * entries on the same page and may each instantiate this module.
 */
const KEY = "__investWriteQueue";

interface QueueState {
  tail: Promise<unknown>;
  /** Writes queued or running (for the UI and tests). */
  pending: number;
}

function state(): QueueState {
  const g = globalThis as unknown as Record<string, QueueState | undefined>;
  return (g[KEY] ??= { tail: Promise.resolve(), pending: 0 });
}

/** Run `fn` after every write queued before it has finished (whatever their outcome). */
export function serialised<T>(fn: () => Promise<T>): Promise<T> {
  const q = state();
  q.pending++;
  const run = q.tail.then(fn, fn);
  q.tail = run.then(
    () => { q.pending--; },
    () => { q.pending--; },
  );
  return run;
}

/** Writes queued or running now. */
export function pendingWrites(): number {
  return state().pending;
}
