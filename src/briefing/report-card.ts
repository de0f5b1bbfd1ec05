/**
 * The report card by level (成绩单 of one jurisdiction at one level), built on the region hierarchy
 * (src/core/region-hierarchy.ts). The rules, which the sheet formulas (./formulas.ts) encode too:
 *
 * - Rows are the regions of the level within the jurisdiction: descending from it, the first region met whose level
 *   is the chosen one or finer (a zone directly under a city is a row of a report by 县区). Records sitting at a
 *   coarser region on the way (a project of 西宁市 itself in a report by 县区) form that region's 本级 row. So every
 *   record within the jurisdiction is in exactly one row, and the rows sum to the jurisdiction's ledger.
 * - A region's value includes its descendants': its reported figure (汇总数) where it has one; else the ledger's own
 *   records plus each child's value, where a child's reported figure stands for the child's whole subtree. So
 *   西宁市 = 西宁开发区's figure + the rest of 西宁市's ledger, and no record or figure is counted twice.
 * - Zones and parks (园区) beneath a row are shown as 其中 rows under it: never added into the total.
 * - 合计 is the jurisdiction's own reported figure where one exists, else the sum of the rows (本级 included); the
 *   prior year by the same rule; the target is the jurisdiction's own (or a 合计 target), else the sum of the counted
 *   rows' targets when every counted row with an actual has one (a 本级 row with data has none: then blank, and a
 *   warning says why).
 * - Growth is given only like for like: a row whose value this year and last year come from different sources (this
 *   year the zone's figure, last year the city's) gets none, and the reconciliation says why.
 * - Regions with neither data nor a target are hidden unless asked for; 本级 rows only appear with data.
 * Records and funds entries are each read once; the rest is per region.
 */
import type { CalendarDate } from "../core/dates";
import type { Metric } from "../core/model";
import type { RegionHierarchy } from "../core/region-hierarchy";
import type { RegionLevel } from "../core/region-levels";
import { chooseJurisdiction, chooseLevel, frontier, itemsUnder } from "./level-jurisdiction";
import { outsideJurisdictionWarning, unknownRegionsWarning } from "./level-notes";
import { reconcileMetric } from "./level-reconciliation";
import { type LevelCard, levelRow, levelTable, shownRows } from "./level-rows";
import { MK, tallyInput } from "./level-tally";
import { LevelValues } from "./level-values";
import type { RowContext } from "./rows";
import type {
  BriefingInput,
  BriefingOptions,
  BriefingTable,
  BriefingWarning,
  Jurisdiction,
  ReconciliationEntry,
} from "./types";

/** The name of the virtual jurisdiction holding every top-level region. */
export const NATION = "全国";

export interface CardContext extends RowContext {
  year: number;
  throughMonth: number;
  wanted: readonly Metric[];
  explicitMetrics: boolean;
  figureApplies: (f: { scope?: string | null; status?: string | null }) => boolean;
  monthKey: (iso: string) => number;
}

export interface CardResult {
  tables: BriefingTable[];
  /** Canonical names of the level's rows shown, in order. */
  regions: string[];
  warnings: BriefingWarning[];
  jurisdiction: Jurisdiction;
  level: RegionLevel | null;
  reconciliation: ReconciliationEntry[];
  stats: { funds_region_from_ledger: number; funds_unattributed: number };
  /** Region node of each record (−1: not in the hierarchy), and whether it lies within the jurisdiction. */
  inJurisdiction: (recordIndex: number) => boolean;
}

/**
 * Build the report card by level, or null when the data has no region in the hierarchy (the caller falls back to the
 * flat card and says so).
 */
export function buildReportCard(
  input: BriefingInput,
  options: BriefingOptions,
  ctx: CardContext,
  h: RegionHierarchy,
): CardResult | null {
  const t = tallyInput(input, ctx, h);
  const under = itemsUnder(h, t);
  const J = chooseJurisdiction(h, t, under, options.within);
  if (J === null) return null;
  const level = chooseLevel(h, J, under, options.level);
  const c: LevelCard = { h, t, v: new LevelValues(h, t, J), J, jName: J >= 0 ? h.names[J] : NATION, ctx };
  const rows = shownRows(c, frontier(h, J, level), options.zones !== false, !!options.showEmpty);
  const warnings = t.warnings;
  const reconciliation: ReconciliationEntry[] = [];
  const tables: BriefingTable[] = [];
  for (const metric of ctx.wanted) {
    const k = MK[metric];
    const out = rows.map((r) => levelRow(c, r, metric));
    const empty = !out.some((r) => r.actual !== null || r.prior !== null || r.target !== null);
    if (!ctx.explicitMetrics && empty && t.figureOf(J, k, 0) === undefined && t.figureOf(J, k, 1) === undefined)
      continue;
    tables.push(levelTable(c, metric, out, warnings));
    reconciliation.push(...reconcileMetric(c, metric, ctx.throughMonth, rows, out));
  }
  const outside = outsideJurisdictionWarning(c);
  if (outside) warnings.push(outside);
  const unknown = unknownRegionsWarning(h, t);
  if (unknown) warnings.push(unknown);
  const jurisdiction: Jurisdiction = {
    name: c.jName,
    level: J >= 0 ? h.levels[J] : null,
    path: J >= 0 ? h.pathText(J) : "",
    province: J >= 0 ? h.names[h.top(J)] : null,
  };
  return {
    tables,
    regions: rows.filter((r) => r.role === "region").map((r) => h.names[r.node]),
    warnings,
    jurisdiction,
    level,
    reconciliation,
    stats: { funds_region_from_ledger: t.fromLedger, funds_unattributed: t.unattributed },
    inJurisdiction: (i: number) => t.recordNode[i] >= 0 && (J < 0 || h.within(t.recordNode[i], J)),
  };
}

export type { CalendarDate };
