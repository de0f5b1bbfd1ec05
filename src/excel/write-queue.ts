/**
 * One queue of workbook writes per workbook. The ribbon's 刷新 and the task pane run in ONE shared runtime (one
 * JavaScript realm per open workbook, manifest <Runtime lifetime="long">), so two writes can start at once; a write
 * is several syncs long, and two interleaved writes would each take the other's staging sheet for a leftover, or
 * undo the other's activation of a sheet. Every public write (load, refresh, undo, the briefing sheet, the self-test)
 * goes through `serialised`, so they run one after another.
 *
 * A write that holds the queue may run further writes inside it (the self-test loads, refreshes and undoes on its
 * temporary sheets) by passing the ticket it was given: only the holder of the running ticket can step in front.
 *
 * The queue lives on globalThis, not in this module: the task pane and the ribbon commands are separate webpack
 * entries on the same page and may each instantiate this module.
 */
/** Proof of holding the queue, handed to the function `serialised` runs. */
export interface QueueTicket {
  readonly id: number;
}

interface QueueState {
  tail: Promise<unknown>;
  /** Writes queued or running (for the UI and tests). */
  pending: number;
  /** The ticket of the write running now. */
  running: QueueTicket | null;
  next: number;
}

declare global {
  /** The queue of this page's runtime (one per open workbook). */
  var __investWriteQueue: QueueState | undefined;
}

function state(): QueueState {
  const q = (globalThis.__investWriteQueue ??= { tail: Promise.resolve(), pending: 0, running: null, next: 1 });
  q.next ??= 1;
  q.running ??= null;
  return q;
}

/**
 * Run `fn` after every write queued before it has finished (whatever their outcome). With the ticket of the write
 * running now, `fn` runs at once, inside it.
 */
export function serialised<T>(fn: (ticket: QueueTicket) => Promise<T>, ticket?: QueueTicket): Promise<T> {
  const q = state();
  if (ticket && q.running === ticket) return fn(ticket);
  const mine: QueueTicket = { id: q.next++ };
  q.pending++;
  const start = () => {
    q.running = mine;
    return fn(mine);
  };
  const run = q.tail.then(start, start);
  q.tail = run.then(
    () => {
      q.pending--;
      q.running = null;
    },
    () => {
      q.pending--;
      q.running = null;
    },
  );
  return run;
}

/** Writes queued or running now. */
export function pendingWrites(): number {
  return state().pending;
}
