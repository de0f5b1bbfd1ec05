/**
 * The side-by-side card's single pass over the ledger: per region slot, projects signed, amount signed and projects
 * started, this year and last, and whether the ledger has data for them. Kept apart and tight because it is the one
 * loop that runs per record (a million records in well under a second).
 */
import { ExactSum } from "../core/exact-sum";
import type { FundsProjectLookup } from "./funds-attribution";
import { recordMonthKey } from "./month-key";
import type { BriefingInput } from "./types";

/** Per region accumulators of one metric: index = region slot. */
export class Acc {
  cur: number[] = [];
  prior: number[] = [];
  /** The ledger has data for the region in the current / prior year. */
  hasCur: boolean[] = [];
  hasPrior: boolean[] = [];
  grow(n: number) {
    while (this.cur.length < n) {
      this.cur.push(0);
      this.prior.push(0);
      this.hasCur.push(false);
      this.hasPrior.push(false);
    }
  }
}

/** Months: pyStart = the month key of January last year; throughMonth = the period's last month (1..12). */
export interface Spans {
  pyStart: number;
  throughMonth: number;
}

/** Values per region slot in the ledger scan: [signed count, signed amount, started count] × [current, prior]. */
const LEDGER_STRIDE = 6;

/** The metrics the ledger scan sums: 0 projects signed, 1 amount signed, 2 projects started. */
export type LedgerMetric = 0 | 1 | 2;

/**
 * What the pass found. Counts are whole numbers far below 2^53, exact in plain doubles; money is summed exactly
 * (ExactSum: the correctly rounded exact sum, whatever the order of the rows), so the same records in any order, or
 * read from a CSV or from its JSON, give the same totals to the last digit.
 */
export interface LedgerScan {
  sums: Float64Array;
  seen: Uint8Array;
  /** Signed amounts per slot: [current, prior], exact. */
  amounts: ExactSum[];
}

/** A copy of `a` with room for `cap` slots. */
function grown<T extends Float64Array | Uint8Array>(a: T, cap: number, make: (n: number) => T): T {
  const b = make(cap * LEDGER_STRIDE);
  b.set(a);
  return b;
}

/**
 * THE single pass over the records (kept in its own small function so the JIT compiles it tight): per record, its
 * region's slot (cached per region text), the month keys of its signing and start dates, and the sums into flat
 * typed arrays. Also notes, in `lookup`, the projects that region-less funds entries name.
 */
export function scanLedger(
  records: BriefingInput["records"],
  spans: Spans,
  slotOf: (region: string) => number,
  lookup: FundsProjectLookup | null,
): LedgerScan {
  const { pyStart, throughMonth } = spans;
  let cap = 16;
  let sums = new Float64Array(cap * LEDGER_STRIDE);
  let seen = new Uint8Array(cap * LEDGER_STRIDE);
  const amounts: ExactSum[] = [];
  // Region text → slot, so that slotOf (which folds case and width) runs once per distinct text, however many
  // regions there are and in whatever order the records come (a ledger's rows are seldom grouped by region).
  const slotByText = new Map<string, number>();
  let lastRegion: string | undefined;
  let base = -1;
  const n = records.length;
  for (let i = 0; i < n; i++) {
    const rec = records[i];
    const region = rec.region;
    if (region !== lastRegion) {
      lastRegion = region;
      let slot = slotByText.get(region);
      if (slot === undefined) {
        slot = region ? slotOf(region) : -1; // a record without a region counts nowhere
        slotByText.set(region, slot);
      }
      if (slot >= cap) {
        while (slot >= cap) cap *= 2;
        sums = grown(sums, cap, (k) => new Float64Array(k));
        seen = grown(seen, cap, (k) => new Uint8Array(k));
      }
      base = slot < 0 ? -1 : slot * LEDGER_STRIDE;
    }
    if (lookup !== null) lookup.note(i, rec);
    if (base < 0) continue;
    // r = months since January of the prior year: 0..11 prior year, 12..23 this year (anything else: outside).
    // Inside, the writes are branch-free: off picks the prior/current slot, inSpan is 1 for months up to the end.
    const sd = rec.signed_ymd ?? rec.signed_date; // the importer's number, else the ISO text
    if (sd) {
      const r = recordMonthKey(sd) - pyStart;
      if (r >>> 0 < 24) {
        const off = r < 12 ? 1 : 0;
        const inSpan = (off === 1 ? r : r - 12) < throughMonth ? 1 : 0;
        seen[base + off] = 1;
        sums[base + off] += inSpan;
        const amt = rec.signed_amount;
        if (typeof amt === "number") {
          seen[base + 2 + off] = 1;
          if (inSpan === 1) (amounts[(base / LEDGER_STRIDE) * 2 + off] ??= new ExactSum()).add(amt);
        }
      }
    }
    const st = rec.started_ymd ?? rec.started_date;
    if (st) {
      const r = recordMonthKey(st) - pyStart;
      if (r >>> 0 < 24) {
        const off = r < 12 ? 1 : 0;
        seen[base + 4 + off] = 1;
        sums[base + 4 + off] += (off === 1 ? r : r - 12) < throughMonth ? 1 : 0;
      }
    }
  }
  return { sums, seen, amounts };
}

/** The accumulator of one metric from the scan. */
export function ledgerAcc(scan: LedgerScan, metric: LedgerMetric): Acc {
  const { sums, seen, amounts } = scan;
  const a = new Acc();
  const slotsSeen = sums.length / LEDGER_STRIDE;
  a.grow(slotsSeen);
  for (let s = 0; s < slotsSeen; s++) {
    const b = s * LEDGER_STRIDE + metric * 2;
    a.cur[s] = metric === 1 ? (amounts[s * 2]?.value() ?? 0) : sums[b];
    a.prior[s] = metric === 1 ? (amounts[s * 2 + 1]?.value() ?? 0) : sums[b + 1];
    a.hasCur[s] = seen[b] === 1;
    a.hasPrior[s] = seen[b + 1] === 1;
  }
  return a;
}
