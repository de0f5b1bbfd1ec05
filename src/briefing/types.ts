/**
 * The quarterly briefing (成绩单): what buildBriefing returns and every output (JSON, Markdown, text, the xlsx
 * exporter, the Excel sheet) reads. Pure TypeScript, no Office.
 */
import type { FundsEntry, Metric, ProjectRecord, ReportedFigure, Target } from "../core/model";
import type { PaceStatus, ProgressBasis } from "../core/metrics";
import type { Period } from "../core/period";
import type { RegionHierarchy } from "../core/region-hierarchy";
import type { RegionLevel } from "../core/region-levels";

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
  /**
   * The regions as a hierarchy (src/core/region-hierarchy.ts). With it (and without `regions`), the report card is
   * written for one jurisdiction at one level: rows are that level's regions within it, each including its
   * descendants' records; zones and parks appear as 其中 rows; 合计 is the jurisdiction's own figure, else the sum of
   * the rows. Without it, every region is a row side by side (the flat card).
   */
  hierarchy?: RegionHierarchy;
  /** The jurisdiction: a region's name or alias, or 全国 (every top-level region); default: the one holding most records. */
  within?: string;
  /** The level of the rows; default: the level under which most of the jurisdiction's records fall. */
  level?: RegionLevel;
  /** Also show the level's regions that have neither data nor a target in the period (default: hidden). */
  showEmpty?: boolean;
  /** Zones and parks (园区) as 其中 rows under their region (default true). */
  zones?: boolean;
  /** Breakdown tables: by 产业类别, 投资来源地 (省内/省外/境外), 企业类型, 项目阶段 (default: none). */
  breakdowns?: BreakdownKind[];
  /** 重点项目: the N largest projects signed (or started) in the period (default 0: none). */
  top?: number;
}

export const BREAKDOWN_KINDS = ["industry", "origin", "investor_type", "stage"] as const;
export type BreakdownKind = (typeof BREAKDOWN_KINDS)[number];

/**
 * Where an actual comes from: the ledger (台账 / 到位资金明细), a reported figure (汇总数: the region's own, or, in the
 * hierarchy, its descendants'), or both ("mixed": the ledger of part of the region, figures for the rest).
 */
export type ActualSource = "ledger" | "figure" | "mixed";

/** A row of a report card by level: a region of the level, its own records (本级), or a zone shown as 其中. */
export type RowRole = "region" | "own" | "zone";

/** What the formula writer needs to know about a hierarchical row (see src/briefing/formulas.ts). */
export interface RowPlan {
  role: RowRole | "total";
  /** 地区路径 of the region (for "own": its exact path; the total: the jurisdiction's, "" for 全国). */
  path: string;
  /** The region whose figures and targets the row uses (canonical name; "" for 全国). */
  region: string;
  /** Reported figures of descendants that replace their part of the ledger, this year and last year (maximal ones). */
  figures: [FigureRef[], FigureRef[]];
  /** Whether last year's value may be compared with this year's (same sources): growth is blank otherwise. */
  comparable: boolean;
}

export interface FigureRef {
  region: string;
  path: string;
}

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
  /** Hierarchical card: what the first column shows (西宁市, 其中：西宁开发区, 青海省本级, 合计). */
  label?: string;
  /** Hierarchical card: the region's level, its parent, and what the row is. */
  level?: RegionLevel | null;
  parent?: string | null;
  role?: RowRole;
  /** A 其中 row: the row it belongs to (never added into the total). */
  of?: string | null;
  /** Regions whose reported figures are part of the actual / prior (the region's own, or descendants'). */
  figure_regions?: string[];
  prior_figure_regions?: string[];
  /** For the formula writer. */
  plan?: RowPlan;
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
  code:
    | "duplicate_figure"
    | "duplicate_target"
    | "unattributed_funds"
    | "funds_region_from_ledger"
    | "region_variants"
    | "outside_jurisdiction"
    | "unknown_regions"
    | "flat_fallback"
    /** The card by level: a counted row has an actual but no target, so 合计 has no target (no completion rate). */
    | "total_target_incomplete"
    /** The side-by-side card: names listed (--only, the pane's list) resolved to canonical regions, repeats merged. */
    | "region_list_resolved"
    /** The task pane: the data sheets' 地区路径 do not follow the regions table now (refresh the ledger and funds). */
    | "region_paths_stale";
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
  /** Hierarchical card: the jurisdiction (null: the flat card) and the level of its rows. */
  jurisdiction?: Jurisdiction | null;
  level?: RegionLevel | null;
  /** 核对: reported figures against the ledger, which value was used and why; alternatives (备选); growth withheld. */
  reconciliation?: ReconciliationEntry[];
  breakdowns?: Breakdown[];
  key_projects?: KeyProject[];
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

export interface Jurisdiction {
  /** Canonical name, or 全国 for every top-level region. */
  name: string;
  level: RegionLevel | null;
  /** 地区路径 ("" for 全国). */
  path: string;
  /** The top-level region (province) it lies in, for 省内/省外; null for 全国. */
  province: string | null;
}

export interface ReconciliationEntry {
  kind: "figure_vs_ledger" | "total_figure" | "composed" | "alternatives" | "not_comparable";
  region: string;
  metric: Metric;
  year: number;
  /** The value the card shows. */
  used: number | null;
  figure?: number | null;
  ledger?: number | null;
  /** Other reported figures for the same region and period (备选), with their sources. */
  alternatives?: { value: number; source: string | null }[];
  message: string;
  message_en: string;
}

/** One group of a breakdown table. */
export interface BreakdownRow {
  key: string;
  label: string;
  label_en: string;
  /** Projects (signed in the period; the pipeline: at this stage now). */
  projects: number;
  /** 签约金额 of those projects, 亿元 (null when none has one). */
  amount: number | null;
  prior_projects: number | null;
  prior_amount: number | null;
  /** Part of the breakdown's total, fractions. */
  share_projects: number | null;
  share_amount: number | null;
  yoy_projects: number | null;
  yoy_amount: number | null;
  /** Pipeline only: the share of projects that reached this stage which went on to the next. */
  conversion?: number | null;
}

export interface Breakdown {
  kind: BreakdownKind;
  /** "signed": projects signed in the period, with last year's same span; "pipeline": the ledger's stages now. */
  basis: "signed" | "pipeline";
  rows: BreakdownRow[];
  total: BreakdownRow;
}

export interface KeyProject {
  rank: number;
  id: string;
  name: string;
  region: string;
  industry: string | null;
  investor: string | null;
  /** 亿元: the signed amount, else the planned investment. */
  amount: number | null;
  amount_kind: "signed" | "planned" | null;
  /** What happened in the period: signed, or started. */
  event: "signed" | "started";
  date: string;
}
