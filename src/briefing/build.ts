/**
 * buildBriefing: the quarterly report card (成绩单) from the ledger, funds entries, targets and reported figures.
 *
 * Rules (the same the sheet formulas in ./formulas.ts encode, so the JSON, the exported workbook and the live
 * sheet agree):
 * - The span is January through the last month of the period; the prior span is the same months a year earlier
 *   (./resolve-options.ts).
 * - signed_projects / signed_amount: records whose 签约日期 is in the span (count / sum of 签约金额);
 *   projects_started: records whose 开工日期 is in the span; funds_in_place: funds entries dated in the span
 *   (placed by ./funds-attribution.ts: region from the entry, else from the ledger project it names, by id then by
 *   name); funds_in_place_out_of_province: those with 省外资金.
 * - A reported figure (汇总数) with a blank 口径 and a status other than 备选 for (region, metric, year, last month)
 *   IS the actual (./figures-targets.ts); otherwise the ledger is aggregated.
 * - With a region hierarchy the card is built by level (./report-card.ts); else, or when most of the data's regions
 *   are not in it, every region side by side (./flat-card.ts).
 * Every ratio comes from src/core/metrics.ts. Records and funds entries are each read exactly once.
 */
import type { Metric } from "../core/model";
import { toIsoDate } from "../core/dates";
import { buildBreakdowns, keyProjects } from "./breakdowns";
import { buildFlatCard } from "./flat-card";
import { figureApplies } from "./figures-targets";
import { monthKey } from "./month-key";
import { buildReportCard } from "./report-card";
import { resolveOptions, type ResolvedOptions } from "./resolve-options";
import type { Briefing, BriefingInput, BriefingOptions, BriefingRow, BriefingTable, BriefingWarning } from "./types";

export { BriefingError } from "./errors";
export { figureApplies } from "./figures-targets";
export { monthKey } from "./month-key";
export { roundRate } from "./rows";
export { resolveFundsRegions } from "./funds-attribution";

/** Said when the data's regions are mostly outside the hierarchy, so the card shows every region side by side. */
const FLAT_FALLBACK: BriefingWarning = {
  code: "flat_fallback",
  message:
    "数据中的地区大多不在地区表或内置行政区划中，无法按层级汇总，改为各地区并列的成绩单。请在地区表中加上这些地区及其上级地区（或用 --within 指定辖区）。",
  message_en:
    "Most of the data's regions are in neither the regions table nor the built-in divisions, so the card cannot be built by level: every region is shown side by side. Add these regions and their parents to the regions table (or name the jurisdiction with --within).",
};

export function buildBriefing(input: BriefingInput, options: BriefingOptions): Briefing {
  const o = resolveOptions(options);
  const common = {
    period: o.parsed.code,
    span: o.span,
    prior_span: o.priorSpan,
    as_of: toIsoDate(o.asOf),
    basis: o.basis,
    tolerance: o.tolerance,
    time_progress: o.timeProgress,
  };
  const byLevel = !!options.hierarchy && !(options.regions && options.regions.length > 0);
  if (byLevel && options.hierarchy) {
    const card = buildReportCard(input, options, { ...o, figureApplies, monthKey }, options.hierarchy);
    if (card) {
      const b: Briefing = {
        ...common,
        regions: card.regions,
        metrics: card.tables.map((t) => t.metric),
        tables: card.tables,
        warnings: card.warnings,
        jurisdiction: card.jurisdiction,
        level: card.level,
        reconciliation: card.reconciliation,
        stats: { records: input.records.length, funds: (input.funds ?? []).length, ...card.stats },
      };
      return withExtras(b, input, options, o, card.inJurisdiction, card.jurisdiction.province);
    }
  }
  const flat = buildFlatCard(input, options, o, byLevel ? [FLAT_FALLBACK] : []);
  const b: Briefing = {
    ...common,
    regions: flat.regions,
    metrics: flat.tables.map((t) => t.metric),
    tables: flat.tables,
    warnings: flat.warnings,
    stats: {
      records: input.records.length,
      funds: (input.funds ?? []).length,
      funds_region_from_ledger: flat.fromLedger,
      funds_unattributed: flat.unattributed,
    },
  };
  return withExtras(b, input, options, o, () => true, null);
}

/** Breakdowns and key projects (./breakdowns.ts), over the records `include` admits. */
function withExtras(
  b: Briefing,
  input: BriefingInput,
  options: BriefingOptions,
  o: ResolvedOptions,
  include: (i: number) => boolean,
  province: string | null,
): Briefing {
  const c = {
    span: [o.year * 12, o.year * 12 + o.throughMonth - 1] as [number, number],
    priorSpan: [(o.year - 1) * 12, (o.year - 1) * 12 + o.throughMonth - 1] as [number, number],
    monthKey,
    include,
    province,
    hierarchy: options.hierarchy,
  };
  if (options.breakdowns && options.breakdowns.length > 0)
    b.breakdowns = buildBreakdowns(input.records, options.breakdowns, c);
  if (options.top && options.top > 0) b.key_projects = keyProjects(input.records, options.top, c);
  return b;
}

/** All rows of a briefing, table by table, the total last in each. */
export function briefingRows(b: Briefing): BriefingRow[] {
  return b.tables.flatMap((t) => [...t.rows, t.total]);
}

/** The table of one metric, if reported. */
export function briefingTable(b: Briefing, metric: Metric): BriefingTable | undefined {
  return b.tables.find((t) => t.metric === metric);
}
