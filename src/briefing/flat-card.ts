/**
 * The side-by-side report card (every region a row, no hierarchy). Rules (the sheet formulas in ./formulas.ts encode
 * the same):
 * - A reported figure (汇总数) that applies for (region, metric, year, last month) IS the actual; otherwise the ledger
 *   is aggregated. The ledger "has data" for (region, metric, year) when at least one of the region's rows carries
 *   that metric's date in that year (for signed_amount also an amount); without data and without a figure the actual
 *   is null, never a misleading 0.
 * - A region with nothing at all (no actual, prior or target in any metric) is dropped unless it was asked for.
 * - The 合计 row sums the regions' non-null actuals; its target is an explicit target for region 合计 if given, else
 *   the sum of the regions' targets when every region has one, else null. Its growth is given only like for like:
 *   when exactly the regions with an actual also have last year's number.
 */
import { share as shareMetric, valueOrNull } from "../core/metrics";
import { regionKey } from "../core/regions";
import type { Metric } from "../core/model";
import { fundsAttributionWarnings } from "./funds-warnings";
import { FundsProjectLookup } from "./funds-attribution";
import { listedRegions, RegionSlots } from "./flat-regions";
import { figureKey, flatFigures, flatFunds, flatTargets, targetKey } from "./flat-sources";
import { type Acc, ledgerAcc, scanLedger } from "./ledger-scan";
import type { ResolvedOptions } from "./resolve-options";
import { combinedSource, rankRows, rowFor, shareRows, sumOf, type Sourced } from "./rows";
import {
  type ActualSource,
  type Briefing,
  type BriefingInput,
  type BriefingOptions,
  type BriefingRow,
  type BriefingTable,
  type BriefingWarning,
  TOTAL_REGION,
} from "./types";

/** What the flat card adds to the briefing: its regions, tables, notes and the funds counts. */
export type FlatCard = Pick<Briefing, "regions" | "tables" | "warnings"> & {
  fromLedger: number;
  unattributed: number;
};

/** The value of one cell: the figure that applies, else the ledger's when it has data, else none. */
type CellOf = (metric: Metric, slot: number, region: string, current: boolean) => Sourced;

export function buildFlatCard(
  input: BriefingInput,
  options: BriefingOptions,
  o: ResolvedOptions,
  first: readonly BriefingWarning[],
): FlatCard {
  const listNotes: BriefingWarning[] = [];
  const slots = new RegionSlots(listedRegions(options, input, listNotes));
  const warnings: BriefingWarning[] = [...first, ...listNotes];
  const figureSum = flatFigures(input.figures ?? [], o.year, o.throughMonth, slots, warnings);
  const targetSum = flatTargets(input.targets ?? [], o.year, slots, warnings);
  const funds = input.funds ?? [];
  const lookup = FundsProjectLookup.forEntries(funds);
  // Dates are compared as month keys (year × 12 + month − 1) read straight from the ISO text.
  const scan = scanLedger(
    input.records,
    { pyStart: (o.year - 1) * 12, throughMonth: o.throughMonth },
    slots.slotOf,
    lookup,
  );
  const f = flatFunds(funds, input.records, lookup, o, slots);
  warnings.push(...fundsAttributionWarnings(f.fromLedger, f.unattributed));
  const accs: Record<Metric, Acc> = {
    signed_projects: ledgerAcc(scan, 0),
    signed_amount: ledgerAcc(scan, 1),
    funds_in_place: f.fIn,
    funds_in_place_out_of_province: f.fOut,
    projects_started: ledgerAcc(scan, 2),
  };
  for (const a of Object.values(accs)) a.grow(slots.names.length);
  warnings.push(...slots.variantWarnings());

  const cell: CellOf = (metric, s, region, current) => {
    const fig = figureSum.get(figureKey(regionKey(region), metric, current ? o.year : o.year - 1));
    if (fig !== undefined) return [fig, "figure"];
    const acc = accs[metric];
    if (current ? acc.hasCur[s] : acc.hasPrior[s]) return [current ? acc.cur[s] : acc.prior[s], "ledger"];
    return [null, null];
  };
  const { regions, tables } = flatTables(o, slots, cell, targetSum);
  return { regions, tables, warnings, fromLedger: f.fromLedger, unattributed: f.unattributed };
}

const hasAnything = (r: BriefingRow) => r.actual !== null || r.prior !== null || r.target !== null;

/**
 * The tables: rows for every region first; a region with nothing at all in any metric is dropped unless it was asked
 * for, so that the totals' "every region has a target" rule sees only real rows.
 */
function flatTables(
  o: ResolvedOptions,
  slots: RegionSlots,
  cell: CellOf,
  targetSum: ReadonlyMap<string, number>,
): { regions: string[]; tables: BriefingTable[] } {
  const order = slots.order();
  const draft = o.wanted.map((metric) =>
    order.map((s) => {
      const region = slots.names[s];
      const target = targetSum.get(targetKey(metric, region)) ?? null;
      return rowFor(o, region, metric, cell(metric, s, region, true), target, cell(metric, s, region, false));
    }),
  );
  const keep = order.map((_, k) => slots.explicit !== null || draft.some((rows) => hasAnything(rows[k])));
  const tables: BriefingTable[] = [];
  o.wanted.forEach((metric, m) => {
    const rows = draft[m].filter((_, k) => keep[k]);
    if (!rows.some(hasAnything) && !o.explicitMetrics) return;
    tables.push(flatTable(o, metric, rows, targetSum.get(targetKey(metric, TOTAL_REGION))));
  });
  return { regions: order.map((s) => slots.names[s]).filter((_, k) => keep[k]), tables };
}

/** A source of the flat card's 合计: figure when every region's is a figure, else the ledger (never "mixed"). */
function flatSource(sources: (ActualSource | null)[]): ActualSource | null {
  const s = combinedSource(sources);
  return s === "mixed" ? "ledger" : s;
}

/** One metric's table: its rows with shares and ranks, and the 合计 row. */
function flatTable(o: ResolvedOptions, metric: Metric, rows: BriefingRow[], explicitTotal: number | undefined) {
  const totalActual = sumOf(rows.map((r) => r.actual));
  const totalPrior = sumOf(rows.map((r) => r.prior));
  let totalTarget: number | null = null;
  let totalTargetSource: BriefingTable["total_target_source"] = null;
  if (explicitTotal !== undefined) {
    totalTarget = explicitTotal;
    totalTargetSource = "explicit";
  } else if (rows.length > 0 && rows.every((r) => r.target !== null)) {
    totalTarget = sumOf(rows.map((r) => r.target));
    totalTargetSource = "sum";
  }
  const total = rowFor(o, TOTAL_REGION, metric, [totalActual, null], totalTarget, [totalPrior, null]);
  total.actual_source = flatSource(rows.map((r) => r.actual_source));
  total.prior_source = flatSource(rows.map((r) => r.prior_source));
  // Like for like: the total's growth only when the same regions have this year's and last year's numbers.
  if (!rows.every((r) => (r.actual === null) === (r.prior === null))) total.yoy_growth = null;
  shareRows(rows, totalActual);
  total.share = totalActual !== null ? valueOrNull(shareMetric(totalActual, totalActual)) : null;
  // Competition ranking on rates rounded to 12 decimals (as the sheet's rank formula compares them).
  rankRows(rows);
  return { metric, rows, total, total_target_source: totalTargetSource };
}
