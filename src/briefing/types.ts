/**
 * The quarterly briefing (成绩单): what buildBriefing returns and every output (JSON, Markdown, text, the xlsx
 * exporter, the Excel sheet) reads. Pure TypeScript, no Office.
 */
import type { FundsEntry, Metric, ProjectRecord, ReportedFigure, Target } from "../core/model";
import type { PaceStatus, ProgressBasis } from "../core/metrics";
import type { Period } from "../core/period";

/** The region name of the total row. */
export const TOTAL_REGION = "合计";

export interface BriefingInput {
  records: readonly ProjectRecord[];
  funds?: readonly FundsEntry[];
  targets?: readonly Target[];
  figures?: readonly ReportedFigure[];
}

export interface BriefingOptions {
  /** A quarter ("2025Q1") or any code parsePeriod accepts; the briefing covers January through its last month. */
  period: string;
  /** "YYYY-MM-DD" for 序时进度; default: the last day of the period. */
  asOf?: string;
  basis?: ProgressBasis;
  /** Points behind time progress still counted as 正常 (default 10). */
  tolerance?: number;
  /** Regions to report, in this order; default: every region with data, sorted by Chinese collation. */
  regions?: string[];
  /** Metrics to report, in this order; default: every metric with data. */
  metrics?: Metric[];
}

/** Where an actual comes from: the ledger (台账 / 到位资金明细) or a reported figure (汇总数). */
export type ActualSource = "ledger" | "figure";

export interface BriefingRow {
  region: string;
  metric: Metric;
  /** Year-to-date actual; null when there is no data for this region and metric. */
  actual: number | null;
  actual_source: ActualSource | null;
  /** Annual target; null when none is set. */
  target: number | null;
  /** actual ÷ target, a fraction (1.0214 = 102.14%). */
  completion_rate: number | null;
  /** 序时进度, a fraction. */
  time_progress: number;
  /** completion rate − time progress, in PERCENTAGE POINTS (5.9 = 超序时进度 5.9 个百分点). */
  pace_gap: number | null;
  status: PaceStatus | null;
  /** The same span of the previous year. */
  prior: number | null;
  prior_source: ActualSource | null;
  /** (actual − prior) ÷ |prior|, a fraction. */
  yoy_growth: number | null;
  /** actual ÷ the total's actual, a fraction (1 for the total row). */
  share: number | null;
  /** Rank by completion rate among regions, 1 = best, ties share a rank (competition ranking); null for the total. */
  rank: number | null;
}

export interface BriefingTable {
  metric: Metric;
  /** One row per region, in region order. */
  rows: BriefingRow[];
  /** The 合计 row. */
  total: BriefingRow;
  /** How the total's target was obtained. */
  total_target_source: "explicit" | "sum" | null;
}

export interface BriefingWarning {
  code: "duplicate_figure" | "duplicate_target" | "unattributed_funds" | "funds_region_from_ledger" | "region_variants";
  message: string;
  message_en: string;
}

export interface Briefing {
  /** The period code as normalised by parsePeriod ("2025Q1"). */
  period: string;
  /** Year to date through the end of the period. */
  span: Period;
  /** The same span a year earlier. */
  prior_span: Period;
  as_of: string;
  basis: ProgressBasis;
  tolerance: number;
  time_progress: number;
  regions: string[];
  metrics: Metric[];
  tables: BriefingTable[];
  warnings: BriefingWarning[];
  /** Counts behind the numbers, for messages and the formula writers. */
  stats: {
    records: number;
    funds: number;
    /** Funds entries with a blank region attributed through the ledger (formulas need the region column filled). */
    funds_region_from_ledger: number;
    /** Funds entries whose region could not be found: counted in no region. */
    funds_unattributed: number;
  };
}
