/**
 * The side-by-side card's small tables, each read once: reported figures (汇总数) and targets summed per region,
 * metric and year (with a note where several were added up), and funds entries (到位资金) summed per region slot,
 * placed by the one funds-attribution rule (./funds-attribution.ts).
 */
import { ExactSum } from "../core/exact-sum";
import { regionKey } from "../core/regions";
import type { FundsEntry, ProjectRecord, ReportedFigure, Target } from "../core/model";
import { duplicateFigureWarning, duplicateTargetWarning, figureApplies } from "./figures-targets";
import { type FundsProjectLookup, fundsPlace } from "./funds-attribution";
import { isTotalRegion, type RegionSlots } from "./flat-regions";
import { Acc } from "./ledger-scan";
import { monthKey } from "./month-key";
import type { BriefingWarning } from "./types";

/** The key of a reported figure: year, metric, region key. */
export const figureKey = (region: string, metric: string, y: number) => `${y}\u0001${metric}\u0001${region}`;

/** The key of a target: metric, region key. */
export const targetKey = (metric: string, region: string) => `${metric}\u0001${regionKey(region)}`;

/** Exact sums per key, how many were added, and the first spelling of the region. */
class KeyedSums {
  readonly sums = new Map<string, ExactSum>();
  readonly counts = new Map<string, number>();
  readonly regions = new Map<string, string>();
  add(key: string, region: string, value: number): void {
    (this.sums.get(key) ?? this.sums.set(key, new ExactSum()).get(key)!).add(value);
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    if (!this.regions.has(key)) this.regions.set(key, region);
  }
  values(): Map<string, number> {
    return new Map([...this.sums].map(([k, v]) => [k, v.value()]));
  }
}

/** The figures that apply (whole scope, not 备选) for this year and last, through the period's month, by figureKey. */
export function flatFigures(
  figures: readonly ReportedFigure[],
  year: number,
  throughMonth: number,
  slots: RegionSlots,
  warnings: BriefingWarning[],
): Map<string, number> {
  const sums = new KeyedSums();
  for (const f of figures) {
    if (f.through_month !== throughMonth || (f.year !== year && f.year !== year - 1) || !figureApplies(f)) continue;
    if (isTotalRegion(f.region)) continue;
    sums.add(figureKey(regionKey(f.region), f.metric, f.year), f.region, f.value);
    slots.slotOf(f.region);
  }
  for (const [key, n] of sums.counts) {
    if (n < 2) continue;
    const [y, metric] = key.split("\u0001");
    warnings.push(duplicateFigureWarning(sums.regions.get(key)!, metric, y, throughMonth, n));
  }
  return sums.values();
}

/** This year's targets by targetKey (合计's too: the total's explicit target). */
export function flatTargets(
  targets: readonly Target[],
  year: number,
  slots: RegionSlots,
  warnings: BriefingWarning[],
): Map<string, number> {
  const sums = new KeyedSums();
  for (const t of targets) {
    if (t.year !== year) continue;
    sums.add(targetKey(t.metric, t.region), t.region, t.value);
    if (!isTotalRegion(t.region)) slots.slotOf(t.region);
  }
  const out = sums.values();
  for (const [key, n] of sums.counts) {
    if (n < 2) continue;
    const [metric] = key.split("\u0001");
    warnings.push(duplicateTargetWarning(sums.regions.get(key)!, metric, year, n));
  }
  return out;
}

/** Funds in place and out of province per region slot, and how many entries were placed through the ledger. */
export interface FlatFunds {
  fIn: Acc;
  fOut: Acc;
  fromLedger: number;
  unattributed: number;
}

/** Funds entries summed per region slot, this year and last (year = the briefing's year). */
export function flatFunds(
  funds: readonly FundsEntry[],
  records: readonly ProjectRecord[],
  lookup: FundsProjectLookup | null,
  span: { year: number; throughMonth: number },
  slots: RegionSlots,
): FlatFunds {
  const yStart = span.year * 12;
  const pyStart = yStart - 12;
  const out: FlatFunds = { fIn: new Acc(), fOut: new Acc(), fromLedger: 0, unattributed: 0 };
  // Exact sums per slot: [in place current, prior, out of province current, prior].
  const fundSums: ExactSum[][] = [];
  const fundSum = (s: number, k: number) => ((fundSums[s] ??= [])[k] ??= new ExactSum());
  for (const e of funds) {
    const place = fundsPlace(e, lookup, records);
    if (place === null) {
      out.unattributed++;
      continue;
    }
    if (place.kind === "ledger") out.fromLedger++;
    const s = slots.slotOf(place.kind === "own" ? place.region : records[place.row].region);
    if (s < 0) continue;
    const k = e.date ? monthKey(e.date) : -1;
    if (k < pyStart || k >= yStart + 12) continue;
    const y = k >= yStart ? 0 : 1;
    out.fIn.grow(s + 1);
    out.fOut.grow(s + 1);
    if (y === 0) out.fIn.hasCur[s] = out.fOut.hasCur[s] = true;
    else out.fIn.hasPrior[s] = out.fOut.hasPrior[s] = true;
    if (k - (y === 0 ? yStart : pyStart) >= span.throughMonth) continue;
    const amount = typeof e.amount === "number" ? e.amount : 0;
    fundSum(s, y).add(amount);
    if (e.out_of_province) fundSum(s, 2 + y).add(amount);
  }
  fundSums.forEach((sums, s) => {
    out.fIn.cur[s] = sums[0]?.value() ?? 0;
    out.fIn.prior[s] = sums[1]?.value() ?? 0;
    out.fOut.cur[s] = sums[2]?.value() ?? 0;
    out.fOut.prior[s] = sums[3]?.value() ?? 0;
  });
  return out;
}
