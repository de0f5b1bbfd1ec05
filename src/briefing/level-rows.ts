/**
 * The rows of the card by level and each metric's table (rules: ./report-card.ts): the level's regions with their
 * 其中 zones and 本级 rows, those shown, each row's values, and 合计 (the jurisdiction's figure, else the sum of the
 * counted rows; its target the jurisdiction's, else 合计's, else the rows' when every row with an actual has one).
 */
import { METRIC_INFO, METRICS, type Metric } from "../core/model";
import type { RegionHierarchy } from "../core/region-hierarchy";
import type { FrontierRow } from "./level-jurisdiction";
import { type LevelTally, MK } from "./level-tally";
import { LevelValues } from "./level-values";
import { combinedSource, rankRows, rowFor, shareRows, sumOf, type RowContext, type Sourced } from "./rows";
import { type BriefingRow, type BriefingTable, type BriefingWarning, TOTAL_REGION } from "./types";

/** A row in order: `of` is the row a 其中 zone belongs to (−1 otherwise). */
export interface PlannedRow extends FrontierRow {
  of: number;
}

/** What the tables of the card by level are built from. */
export interface LevelCard {
  h: RegionHierarchy;
  t: LevelTally;
  v: LevelValues;
  /** The jurisdiction (−1: 全国) and its name. */
  J: number;
  jName: string;
  ctx: RowContext;
}

/** Zones and parks beneath a row: the first 园区 met going down. */
function zonesOf(h: RegionHierarchy, node: number): number[] {
  const out: number[] = [];
  const walk = (p: number) => {
    for (const c of h.children(p)) {
      if (h.levels[c] === "园区") out.push(c);
      else walk(c);
    }
  };
  walk(node);
  return out;
}

/** A row's value this year (y = 0) or last year (y = 1): a 本级 row's own records, else the region's value. */
function rowCell(c: LevelCard, r: FrontierRow, k: number, y: number): Sourced {
  if (r.role === "own") {
    const v = c.t.own(r.node, k, y);
    return [v, v === null ? null : "ledger"];
  }
  const v = c.v.vals[k][y][r.node];
  return [v?.value ?? null, LevelValues.sourceOf(v)];
}

const rowTarget = (c: LevelCard, r: FrontierRow, k: number) => (r.role === "own" ? null : c.t.targetOf(r.node, k));

/** The rows shown: data or a target in any metric (or showEmpty); 本级 only with data; 其中 only under a shown row. */
export function shownRows(c: LevelCard, plan: readonly FrontierRow[], zones: boolean, showEmpty: boolean) {
  const ordered: PlannedRow[] = [];
  for (const r of plan) {
    ordered.push({ ...r, of: -1 });
    if (r.role === "region" && zones)
      for (const z of zonesOf(c.h, r.node)) ordered.push({ node: z, role: "zone", of: r.node });
  }
  const hasAnything = (r: FrontierRow) =>
    METRICS.some(
      (_, k) =>
        rowCell(c, r, k, 0)[0] !== null ||
        rowCell(c, r, k, 1)[0] !== null ||
        (r.role !== "own" && rowTarget(c, r, k) !== null),
    );
  const shown = ordered.filter((r) =>
    r.role === "own"
      ? METRICS.some((_, k) => c.t.own(r.node, k, 0) !== null || c.t.own(r.node, k, 1) !== null)
      : showEmpty || hasAnything(r),
  );
  const visible = new Set(shown.filter((r) => r.role !== "zone").map((r) => r.node));
  return shown.filter((r) => r.role !== "zone" || visible.has(r.of));
}

/** The first column's text: 西宁市, 其中：西宁开发区, 青海省本级. */
function label(h: RegionHierarchy, r: FrontierRow): string {
  if (r.role === "own") return `${h.displays[r.node]}本级`;
  return r.role === "zone" ? `其中：${h.displays[r.node]}` : h.displays[r.node];
}

/** One row of metric `metric`, with what the card by level adds (label, level, parent, role, figures, plan). */
export function levelRow(c: LevelCard, r: PlannedRow, metric: Metric): BriefingRow {
  const { h, v } = c;
  const k = MK[metric];
  const row = rowFor(c.ctx, h.names[r.node], metric, rowCell(c, r, k, 0), rowTarget(c, r, k), rowCell(c, r, k, 1));
  const v0 = r.role === "own" ? undefined : v.vals[k][0][r.node];
  const v1 = r.role === "own" ? undefined : v.vals[k][1][r.node];
  const comparable = r.role === "own" || LevelValues.signature(v0) === LevelValues.signature(v1);
  if (!comparable) row.yoy_growth = null;
  row.label = label(h, r);
  row.level = h.levels[r.node];
  row.parent = h.parents[r.node] >= 0 ? h.names[h.parents[r.node]] : null;
  row.role = r.role;
  row.of = r.role === "zone" ? h.names[r.of] : null;
  row.figure_regions = r.role === "own" ? [] : v.figureRegions(v0, r.node);
  row.prior_figure_regions = r.role === "own" ? [] : v.figureRegions(v1, r.node);
  row.plan = {
    role: r.role,
    path: h.pathText(r.node),
    region: h.names[r.node],
    figures: r.role === "own" ? [[], []] : [v.refs(v0), v.refs(v1)],
    comparable,
  };
  return row;
}

/** 合计's target: the jurisdiction's, else 合计's, else the sum of the counted rows' when it stands for the whole. */
function totalTarget(
  c: LevelCard,
  metric: Metric,
  counted: readonly BriefingRow[],
  warnings: BriefingWarning[],
): [number | null, BriefingTable["total_target_source"]] {
  const k = MK[metric];
  const jTarget = c.J >= 0 ? c.t.targetOf(c.J, k) : null;
  if (jTarget !== null) return [jTarget, "explicit"];
  const explicitTotal = c.t.totalTargets.get(k)?.value();
  if (explicitTotal !== undefined) return [explicitTotal, "explicit"];
  // The sum of the rows' targets stands for the whole only when every counted row with an actual this year has a
  // target (a 本级 row never has one): else the completion rate would set all the actual against part of it.
  const untargeted = counted.filter((r) => r.actual !== null && r.target === null);
  const anyTarget = counted.some((r) => r.target !== null);
  if (untargeted.length === 0 && anyTarget) return [sumOf(counted.map((r) => r.target)), "sum"];
  if (untargeted.length > 0 && anyTarget) {
    const names = untargeted.map((r) => r.label ?? r.region);
    const jName = c.jName;
    warnings.push({
      code: "total_target_incomplete",
      message: `“${METRIC_INFO[metric].zh}”合计不给目标和完成率：${names.join("、")}有完成数但没有目标，各行目标之和不是${jName}的目标。请在目标任务中给出${jName}（或“合计”）的目标。`,
      message_en: `No target or completion rate for the total ${METRIC_INFO[metric].en}: ${names.join(", ")} ${names.length === 1 ? "has" : "have"} an actual but no target, so the rows' targets do not add up to ${jName}'s. Give a target for ${jName} (or 合计) in the targets.`,
    });
  }
  return [null, null];
}

/** 合计 of one metric's rows (本级 included, 其中 never), with shares and ranks set on the rows. */
export function levelTable(
  c: LevelCard,
  metric: Metric,
  out: BriefingRow[],
  warnings: BriefingWarning[],
): BriefingTable {
  const { h, J, jName } = c;
  const k = MK[metric];
  const counted = out.filter((r) => r.role !== "zone");
  const totalCell = (y: number): Sourced => {
    const fig = c.t.figureOf(J, k, y);
    if (fig !== undefined) return [fig, "figure"];
    const key = y === 0 ? "actual" : "prior";
    return [
      sumOf(counted.map((r) => r[key])),
      combinedSource(counted.map((r) => (y === 0 ? r.actual_source : r.prior_source))),
    ];
  };
  const [target, targetSource] = totalTarget(c, metric, counted, warnings);
  const total = rowFor(c.ctx, TOTAL_REGION, metric, totalCell(0), target, totalCell(1));
  const figCur = c.t.figureOf(J, k, 0) !== undefined;
  const figPrior = c.t.figureOf(J, k, 1) !== undefined;
  // Like for like: both the jurisdiction's figures, or both sums of the same rows from the same sources.
  const totalComparable =
    figCur && figPrior
      ? true
      : !figCur && !figPrior && counted.every((r) => (r.actual === null) === (r.prior === null) && r.plan!.comparable);
  if (!totalComparable) total.yoy_growth = null;
  total.label = TOTAL_REGION;
  total.level = J >= 0 ? h.levels[J] : null;
  total.parent = null;
  total.figure_regions = figCur ? [jName] : [];
  total.prior_figure_regions = figPrior ? [jName] : [];
  total.plan = {
    role: "total",
    path: J >= 0 ? h.pathText(J) : "",
    region: J >= 0 ? jName : "",
    figures: [[], []],
    comparable: totalComparable,
  };
  shareRows(out, total.actual);
  total.share = total.actual !== null && total.actual !== 0 ? 1 : null;
  rankRows(out.filter((r) => r.role === "region"));
  return { metric, rows: out, total, total_target_source: targetSource };
}
