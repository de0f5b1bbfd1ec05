/**
 * The card by level's one pass over each input table: every record, funds entry, reported figure and target placed at
 * its node of the region hierarchy (a record refined by its park), and summed per node × metric × year (0 this year,
 * 1 last year). Funds entries are placed by the one funds-attribution rule (./funds-attribution.ts).
 */
import { ExactSum } from "../core/exact-sum";
import { METRICS, type FundsEntry, type Metric, type ReportedFigure, type Target } from "../core/model";
import type { RegionHierarchy } from "../core/region-hierarchy";
import { duplicateFigureWarning, duplicateTargetWarning } from "./figures-targets";
import { FundsProjectLookup, fundsPlace } from "./funds-attribution";
import { fundsAttributionWarnings } from "./funds-warnings";
import { recordMonthKey } from "./month-key";
import { type BriefingInput, type BriefingWarning, TOTAL_REGION } from "./types";

/** Metrics by index (k), and the slot of node × metric × year in the flat arrays. */
export const K = METRICS.length;
export const MK = Object.fromEntries(METRICS.map((m, i) => [m, i])) as Record<Metric, number>;
const SP = MK.signed_projects,
  SA = MK.signed_amount,
  FI = MK.funds_in_place,
  FO = MK.funds_in_place_out_of_province,
  ST = MK.projects_started;
export const slot = (node: number, k: number, y: number) => (node * K + k) * 2 + y;
/** Metrics summed as money (exactly); the others are counts. */
export const isMoney = (k: number) => k === SA || k === FI || k === FO;

/** What the tally needs of the card's context. */
export interface TallyContext {
  year: number;
  throughMonth: number;
  figureApplies: (f: { scope?: string | null; status?: string | null }) => boolean;
}

interface Summed {
  sum: ExactSum;
  n: number;
}

export class LevelTally {
  readonly count: Float64Array;
  readonly seen: Uint8Array;
  readonly sums: (ExactSum | undefined)[] = [];
  /** Items (records, figures, targets) placed at each node. */
  readonly placedCount: Float64Array;
  /** Node of each record (−1: not in the hierarchy). */
  readonly recordNode: Int32Array;
  /** Regions the hierarchy does not know: records, and figures or targets. */
  readonly unknownRecords = new Map<string, number>();
  readonly unknownOther = new Map<string, number>();
  readonly figures = new Map<number, Summed>();
  /** Reported figures marked 备选 per slot. */
  readonly alternatives = new Map<number, { value: number; source: string | null }[]>();
  readonly targets = new Map<number, Summed>();
  /** Targets for 合计, per metric. */
  readonly totalTargets = new Map<number, ExactSum>();
  readonly warnings: BriefingWarning[] = [];
  fromLedger = 0;
  unattributed = 0;
  private readonly places = new Map<string, { own: number | undefined; parks: Map<string, number> | null }>();

  constructor(
    readonly h: RegionHierarchy,
    readonly ctx: TallyContext,
    records: number,
  ) {
    this.count = new Float64Array(h.size * K * 2);
    this.seen = new Uint8Array(h.size * K * 2);
    this.placedCount = new Float64Array(h.size);
    this.recordNode = new Int32Array(records);
  }

  /** The node of a region, refined by its park (cached per distinct pair); −1 when the hierarchy lacks it. */
  placeOf(region: string | null | undefined, park?: string | null): number {
    if (!region) return -1;
    let e = this.places.get(region);
    if (!e) this.places.set(region, (e = { own: undefined, parks: null }));
    if (!park) return (e.own ??= this.h.placeOf(region));
    e.parks ??= new Map();
    let p = e.parks.get(park);
    if (p === undefined) e.parks.set(park, (p = this.h.placeOf(region, park)));
    return p;
  }

  sumAt(i: number): ExactSum {
    return (this.sums[i] ??= new ExactSum());
  }

  /** The reported figure that applies for node × metric × year, if any. */
  figureOf(node: number, k: number, y: number): number | undefined {
    const e = node >= 0 ? this.figures.get(slot(node, k, y)) : undefined;
    return e ? e.sum.value() : undefined;
  }

  targetOf(node: number, k: number): number | null {
    const e = node >= 0 ? this.targets.get(node * K + k) : undefined;
    return e ? e.sum.value() : null;
  }

  /** The ledger's own value of a node (its records only), null without data. */
  own(node: number, k: number, y: number): number | null {
    const s = slot(node, k, y);
    if (this.seen[s] !== 1) return null;
    return isMoney(k) ? (this.sums[s]?.value() ?? 0) : this.count[s];
  }
}

/** Every input table placed and summed. */
export function tallyInput(input: BriefingInput, ctx: TallyContext, h: RegionHierarchy): LevelTally {
  const t = new LevelTally(h, ctx, input.records.length);
  const funds = input.funds ?? [];
  const lookup = FundsProjectLookup.forEntries(funds);
  tallyRecords(t, input.records, lookup);
  tallyFunds(t, funds, input.records, lookup);
  t.warnings.push(...fundsAttributionWarnings(t.fromLedger, t.unattributed));
  tallyFigures(t, input.figures ?? []);
  tallyTargets(t, input.targets ?? []);
  return t;
}

/** Adds a record's date to metric k of its node (y: 0 this year, 1 last), when in the two years. */
function addDate(t: LevelTally, node: number, k: number, d: string | number): { y: number; inSpan: boolean } | null {
  const r = recordMonthKey(d) - (t.ctx.year - 1) * 12;
  if (!(r >= 0 && r < 24)) return null;
  const y = r < 12 ? 1 : 0;
  const inSpan = (y === 1 ? r : r - 12) < t.ctx.throughMonth;
  t.seen[slot(node, k, y)] = 1;
  if (inSpan) t.count[slot(node, k, y)]++;
  return { y, inSpan };
}

/** THE single pass over the records. */
function tallyRecords(t: LevelTally, records: BriefingInput["records"], lookup: FundsProjectLookup | null): void {
  for (let i = 0; i < records.length; i++) {
    const rec = records[i];
    const node = t.placeOf(rec.region, rec.park);
    t.recordNode[i] = node;
    if (lookup !== null) lookup.note(i, rec);
    if (node < 0) {
      if (rec.region) t.unknownRecords.set(rec.region, (t.unknownRecords.get(rec.region) ?? 0) + 1);
      continue;
    }
    t.placedCount[node]++;
    const sd = rec.signed_ymd ?? rec.signed_date; // the importer's number, else the ISO text (as the flat card reads)
    const signed = sd ? addDate(t, node, SP, sd) : null;
    const amt = rec.signed_amount;
    if (signed && typeof amt === "number") {
      t.seen[slot(node, SA, signed.y)] = 1;
      if (signed.inSpan) t.sumAt(slot(node, SA, signed.y)).add(amt);
    }
    const st = rec.started_ymd ?? rec.started_date;
    if (st) addDate(t, node, ST, st);
  }
}

function tallyFunds(
  t: LevelTally,
  funds: readonly FundsEntry[],
  records: BriefingInput["records"],
  lookup: FundsProjectLookup | null,
): void {
  const { year, throughMonth } = t.ctx;
  const yStart = year * 12;
  const pyStart = yStart - 12;
  for (const e of funds) {
    const place = fundsPlace(e, lookup, records);
    if (place === null) {
      t.unattributed++;
      continue;
    }
    if (place.kind === "ledger") t.fromLedger++;
    const node = place.kind === "own" ? t.placeOf(place.region) : t.recordNode[place.row];
    if (node < 0) continue;
    const k = e.date ? recordMonthKey(e.date) : -1;
    if (k < pyStart || k >= yStart + 12) continue;
    const y = k >= yStart ? 0 : 1;
    t.seen[slot(node, FI, y)] = t.seen[slot(node, FO, y)] = 1;
    if ((y === 0 ? k - yStart : k - pyStart) >= throughMonth) continue;
    const amount = typeof e.amount === "number" ? e.amount : 0;
    t.sumAt(slot(node, FI, y)).add(amount);
    if (e.out_of_province) t.sumAt(slot(node, FO, y)).add(amount);
  }
}

/** Reported figures (whole scope, 采用) and the alternatives (备选) for the period's month. */
function tallyFigures(t: LevelTally, figures: readonly ReportedFigure[]): void {
  const { year, throughMonth } = t.ctx;
  for (const f of figures) {
    if (f.through_month !== throughMonth || (f.year !== year && f.year !== year - 1)) continue;
    if (f.scope != null && String(f.scope).trim() !== "") continue;
    if (f.region === TOTAL_REGION) continue;
    const node = t.placeOf(f.region);
    if (node < 0) {
      t.unknownOther.set(f.region, (t.unknownOther.get(f.region) ?? 0) + 1);
      continue;
    }
    t.placedCount[node]++;
    const s = slot(node, MK[f.metric], f.year === year ? 0 : 1);
    if (!t.ctx.figureApplies(f)) {
      (t.alternatives.get(s) ?? t.alternatives.set(s, []).get(s)!).push({ value: f.value, source: f.source ?? null });
      continue;
    }
    const e = t.figures.get(s) ?? t.figures.set(s, { sum: new ExactSum(), n: 0 }).get(s)!;
    e.sum.add(f.value);
    e.n++;
  }
  for (const [s, e] of t.figures) {
    if (e.n < 2) continue;
    const node = Math.floor(s / (K * 2));
    const k = Math.floor(s / 2) % K;
    const y = s % 2 === 0 ? year : year - 1;
    t.warnings.push(duplicateFigureWarning(t.h.names[node], METRICS[k], y, throughMonth, e.n));
  }
}

function tallyTargets(t: LevelTally, targets: readonly Target[]): void {
  const { year } = t.ctx;
  for (const tg of targets) {
    if (tg.year !== year) continue;
    const k = MK[tg.metric];
    if (tg.region === TOTAL_REGION) {
      (t.totalTargets.get(k) ?? t.totalTargets.set(k, new ExactSum()).get(k)!).add(tg.value);
      continue;
    }
    const node = t.placeOf(tg.region);
    if (node < 0) {
      t.unknownOther.set(tg.region, (t.unknownOther.get(tg.region) ?? 0) + 1);
      continue;
    }
    t.placedCount[node]++;
    const key = node * K + k;
    const e = t.targets.get(key) ?? t.targets.set(key, { sum: new ExactSum(), n: 0 }).get(key)!;
    e.sum.add(tg.value);
    e.n++;
  }
  for (const [key, e] of t.targets) {
    if (e.n < 2) continue;
    t.warnings.push(duplicateTargetWarning(t.h.names[Math.floor(key / K)], METRICS[key % K], year, e.n));
  }
}
