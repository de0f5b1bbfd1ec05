/**
 * How much one sync may carry, and a budget that syncs before a batch would grow past it.
 *
 * performance.md (OfficeDev/office-js-docs-pr): "Excel on the web limits requests and responses to 5 MB", and "The
 * payload size of a request combines: The number of API calls. The number of objects, such as Range objects. The
 * length of the value to set or get." Its own sample puts one range plus one property set between 500 and 1,000 bytes
 * of request (10,000 of them "would likely exceed the 5MB payload size limit", 5,000 do not). So every command the
 * writer queues is counted at OP_BYTES (the upper end of that bracket for an object and a call) plus its values.
 */

/** Bytes of values per sync the writer aims at (Excel's limit is 5 MB per request). */
export const SYNC_BUDGET = 4_000_000;
/** What one queued object or call costs in a request beyond its arguments (conservative: see above). */
export const OP_BYTES = 500;
/** Bytes a response may carry that the writer aims at when reading (the limit is 5 MB). */
export const READ_BUDGET = 3_500_000;

/**
 * Counts what is queued on a request context and syncs before the next command would take the request past the
 * budget. `afterFlush` re-queues what must lead every batch (suspending calculation and screen updating).
 */
export class RequestBudget {
  private bytes = 0;
  syncs = 0;
  constructor(
    private readonly ctx: Excel.RequestContext,
    private readonly afterFlush: () => void = () => undefined,
    private readonly limit = SYNC_BUDGET,
  ) {}

  /** Make room for `ops` commands with `valueBytes` of arguments: sync first when they would not fit. */
  async spend(valueBytes: number, ops = 1): Promise<void> {
    const cost = valueBytes + ops * OP_BYTES;
    if (this.bytes > 0 && this.bytes + cost > this.limit) await this.flush();
    this.bytes += cost;
  }

  /** Count bytes already queued on the context (by code that did not go through this budget). */
  queued(bytes: number): void {
    this.bytes += bytes;
  }

  /** Sync what is queued (when anything is, or always with `force`). */
  async flush(force = false): Promise<void> {
    if (this.bytes === 0 && !force) return;
    await this.ctx.sync();
    this.syncs++;
    this.bytes = 0;
    this.afterFlush();
  }

  /** What a single command may carry at most (its values are split into pieces below this). */
  get pieceLimit(): number {
    return this.limit - 8 * OP_BYTES;
  }
}
