/**
 * Pieces every report card shares (flat or by level): a row from its actual, target and prior (every ratio from
 * src/core/metrics.ts), ranks, exact sums of nullable values, the combined source of several rows.
 */
import {
  completionRate,
  paceGap,
  paceStatusFromGap,
  share as shareMetric,
  valueOrNull,
  yoyGrowth,
  type ProgressBasis,
} from "../core/metrics";
import type { CalendarDate } from "../core/dates";
import { exactSum } from "../core/exact-sum";
import type { Metric } from "../core/model";
import type { ActualSource, BriefingRow } from "./types";

export interface RowContext {
  asOf: CalendarDate;
  basis: ProgressBasis;
  tolerance: number;
  timeProgress: number;
}

export type Sourced = [number | null, ActualSource | null];

/** A row from its actual and prior (with their sources) and its target: every ratio computed here. */
export function rowFor(
  ctx: RowContext,
  region: string,
  metric: Metric,
  actual: Sourced,
  target: number | null,
  prior: Sourced,
): BriefingRow {
  const a = actual[0];
  const p = prior[0];
  const rate = a !== null && target !== null ? valueOrNull(completionRate(a, target)) : null;
  const gap = a !== null && target !== null ? valueOrNull(paceGap(a, target, ctx.asOf, ctx.basis)) : null;
  return {
    region,
    metric,
    actual: a,
    actual_source: actual[1],
    target,
    completion_rate: rate,
    time_progress: ctx.timeProgress,
    pace_gap: gap,
    status: gap === null ? null : paceStatusFromGap(gap, ctx.tolerance),
    prior: p,
    prior_source: prior[1],
    yoy_growth: a !== null && p !== null ? valueOrNull(yoyGrowth(a, p)) : null,
    share: null,
    rank: null,
  };
}

/** A completion rate rounded to 12 decimals for ranking (float dust never separates a tie). */
export function roundRate(rate: number): number {
  return Math.round(rate * 1e12) / 1e12;
}

/** Competition ranking ("1224") by completion rate, rounded as the sheet's rank formula compares them. */
export function rankRows(rows: BriefingRow[]): void {
  const rounded = rows.map((r) => (r.completion_rate === null ? null : roundRate(r.completion_rate)));
  rows.forEach((r, k) => {
    const mine = rounded[k];
    if (mine === null) return;
    let better = 0;
    for (const o of rounded) if (o !== null && o > mine) better++;
    r.rank = better + 1;
  });
}

/** Every row's share of the total's actual. */
export function shareRows(rows: BriefingRow[], totalActual: number | null): void {
  for (const r of rows)
    r.share = r.actual !== null && totalActual !== null ? valueOrNull(shareMetric(r.actual, totalActual)) : null;
}

/** Exact sum of the non-null values; null when all are null. */
export function sumOf(xs: (number | null)[]): number | null {
  const present = xs.filter((x): x is number => x !== null);
  return present.length === 0 ? null : exactSum(present);
}

/** The source of a sum of rows: figure or ledger when all agree, mixed otherwise, null when none has one. */
export function combinedSource(sources: (ActualSource | null)[]): ActualSource | null {
  const present = sources.filter((s): s is ActualSource => s !== null);
  if (present.length === 0) return null;
  if (present.every((s) => s === "figure")) return "figure";
  if (present.every((s) => s === "ledger")) return "ledger";
  return "mixed";
}
