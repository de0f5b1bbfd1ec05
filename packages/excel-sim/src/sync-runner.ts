/**
 * What happens when a simulated `context.sync()` reaches the host: the request is measured (and refused above Excel's
 * 5 MB limit), injected faults fire, the queued commands run in order, formulas are recalculated, the response is
 * measured, and null objects learn whether they are null. Also the counters tests read (`sim.stats`).
 */
import type { SimHostHooks, SimRequestContext } from "./api/request-context";
import { EngineFactory, recalculate } from "./calc";
import { SimError, WorkbookModel } from "./workbook";

/**
 * Excel's request payload limit: "Excel on the web limits requests and responses to 5 MB" (performance.md;
 * resource-limits-and-performance-optimization.md: "5MB"). Read strictly, as 5,000,000 bytes.
 */
export const PAYLOAD_LIMIT = 5_000_000;

/**
 * What one queued operation (an object created by a method or navigation, a property set, a method call, a load)
 * adds to a request beyond its arguments. performance.md: "The payload size of a request combines: The number of API
 * calls. The number of objects, such as Range objects. The length of the value to set or get." Office.js sends each
 * object as an object path and each call as an action (JSON objects with ids, type, name, parent and argument info);
 * the simulator's own encoding is far more compact, so this overhead is added per operation. Its size follows the
 * same page's sample: 10,000 × (getRangeByIndexes + values = [["1"]]) "would likely exceed the 5MB payload size
 * limit", split into two loops of 5,000 it does not; so one range plus one property set costs between 500 and 1,000
 * bytes. 300 per operation (600 the pair) is inside that bracket.
 */
export const REQUEST_BYTES_PER_OPERATION = 300;

export interface SimStats {
  syncs: number;
  /** Request size of each sync: UTF-8 size of its serialised commands plus REQUEST_BYTES_PER_OPERATION each. */
  bytesPerSync: number[];
  /** UTF-8 size of what each sync returned (loaded values). */
  responseBytesPerSync: number[];
  /** Syncs during which API calculation / screen updating were suspended. */
  calcSuspendedSyncs: number;
  screenSuspendedSyncs: number;
  /** Times the formulas were recalculated. */
  recalcs: number;
}

export interface SyncFault {
  /** The error to throw (default: a GeneralException as a lost connection gives). */
  error?: Error;
  /**
   * Apply this many commands of the batch before failing (Excel runs a batch in order and stops at the first
   * error: earlier commands stay applied). Undefined: fail before anything is applied.
   */
  afterCommands?: number;
  /** Let this many syncs succeed first (fail the (skip+1)-th sync from now). */
  skip?: number;
}

export function emptyStats(): SimStats {
  return {
    syncs: 0,
    bytesPerSync: [],
    responseBytesPerSync: [],
    calcSuspendedSyncs: 0,
    screenSuspendedSyncs: 0,
    recalcs: 0,
  };
}

/** Bytes of a string in UTF-8, measured by the platform (independent of the add-in's own byte counter it checks). */
const encoder = new TextEncoder();
function utf8Length(s: string): number {
  return encoder.encode(s).length;
}

/** What a value adds to a response: 8 bytes a number or boolean, a string's UTF-8 and its quotes, JSON otherwise. */
function responseSize(value: unknown): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === "number" || typeof value === "boolean") return 8;
  if (typeof value === "string") return utf8Length(value) + 2;
  if (Array.isArray(value) && Array.isArray(value[0])) {
    let n = 0;
    for (const row of value as unknown[][]) for (const v of row) n += typeof v === "string" ? utf8Length(v) + 3 : 8;
    return n;
  }
  return utf8Length(JSON.stringify(value) ?? "");
}

function injectedFault(fault: SyncFault): Error {
  return (
    fault.error ??
    new SimError("GeneralException", "There was an internal error while processing the request. (injected fault)")
  );
}

/** An operation that only creates an object (`n`: its id) is not a command of the batch. */
function isCommand(op: { d: unknown }): boolean {
  return !(op.d as { n?: number }).n;
}

/** The host side of the simulated API: runs each sync, recalculates, counts bytes, injects faults. */
export class SimHost implements SimHostHooks {
  readonly flags = { suspendCalc: false, suspendScreen: false };
  readonly stats = emptyStats();
  readonly faults: SyncFault[] = [];
  closed = false;
  private responseBytes = 0;

  constructor(
    readonly book: WorkbookModel,
    private readonly factory: EngineFactory,
    private readonly limit: number,
  ) {}

  recalcNow(): void {
    recalculate(this.book, this.factory);
    this.book.dirty = false;
    this.stats.recalcs++;
  }

  /** Before a read, formulas are brought up to date (unless calculation is suspended or manual). */
  beforeRead(): void {
    const b = this.book;
    if (b.dirty && !this.flags.suspendCalc && b.calculationMode !== "Manual" && b.hasFormulas()) this.recalcNow();
  }

  countResponse(value: unknown): void {
    this.responseBytes += responseSize(value);
  }

  resetStats(): void {
    Object.assign(this.stats, emptyStats());
  }

  async runSync(ctx: SimRequestContext): Promise<void> {
    if (this.closed) throw new SimError("InvalidOperation", "The simulated host was closed.");
    const ops = ctx._queue;
    ctx._queue = [];
    const bytes = utf8Length(JSON.stringify(ops.map((o) => o.d))) + ops.length * REQUEST_BYTES_PER_OPERATION;
    this.stats.syncs++;
    this.stats.bytesPerSync.push(bytes);
    await Promise.resolve(); // the request leaves the add-in: other code may run meanwhile
    const fault = this.nextFault();
    if (fault && fault.afterCommands === undefined) {
      this.stats.responseBytesPerSync.push(0);
      throw injectedFault(fault);
    }
    if (bytes > this.limit) {
      this.stats.responseBytesPerSync.push(0);
      throw new SimError(
        "RequestPayloadSizeLimitExceeded",
        `The request payload size has exceeded the limit. (${bytes} bytes > ${this.limit})`,
      );
    }
    this.responseBytes = 0;
    try {
      this.runCommands(ops, fault);
      this.beforeRead();
      if (this.responseBytes > this.limit) {
        throw new SimError(
          "ResponsePayloadSizeLimitExceeded",
          `The response payload size has exceeded the limit. (${this.responseBytes} bytes)`,
        );
      }
      resolveNullObjects(ctx);
    } finally {
      this.endSync();
    }
  }

  /** The fault for this sync, if one is due (a fault with `skip` lets that many syncs pass first). */
  private nextFault(): SyncFault | undefined {
    const first = this.faults[0];
    if (first && (first.skip ?? 0) > 0) {
      first.skip = (first.skip ?? 0) - 1;
      return undefined;
    }
    return this.faults.shift();
  }

  /** Run the batch in order; an injected fault stops it after `afterCommands` commands (earlier ones stay applied). */
  private runCommands(ops: SimRequestContext["_queue"], fault: SyncFault | undefined): void {
    let commands = 0;
    for (const op of ops) {
      const command = isCommand(op);
      if (command && fault && commands === fault.afterCommands) throw injectedFault(fault);
      op.run();
      if (command) commands++;
    }
  }

  /** Count the sync, end the suspensions it carried, and recalculate if calculation was suspended. */
  private endSync(): void {
    const { stats, flags } = this;
    stats.responseBytesPerSync.push(this.responseBytes);
    if (flags.suspendCalc) stats.calcSuspendedSyncs++;
    if (flags.suspendScreen) stats.screenSuspendedSyncs++;
    const wasSuspended = flags.suspendCalc;
    flags.suspendCalc = false;
    flags.suspendScreen = false;
    if (wasSuspended) this.beforeRead();
  }
}

/** After a sync, every *OrNullObject proxy knows whether it is null (unless its parent failed to resolve). */
function resolveNullObjects(ctx: SimRequestContext): void {
  for (const p of ctx._nullables) {
    if (p._isNull !== undefined) continue;
    try {
      p._isNull = p._resolve() === null;
    } catch {
      // resolution depends on a failed parent: stays unknown
    }
  }
}

/** Whether anything besides object creation is still queued (Excel.run then sends it). */
export function hasQueuedCommands(ctx: SimRequestContext): boolean {
  return ctx._queue.some(isCommand);
}
