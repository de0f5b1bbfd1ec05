/**
 * The canonical data contract shared by import, sheets, briefing, custom functions and the CLI.
 * Pure TypeScript: nothing here may import Office.js.
 *
 * Money is always held in 亿元 (100 million yuan), the unit every 成绩单 reports in.
 * Dates are ISO text: "YYYY-MM-DD", or "YYYY-MM" where the source gives only the month. Ledger records read by the
 * importer also carry each date as a number (signed_ymd, started_ymd: YYYYMMDD, YYYYMM00 for a month), so that a
 * million-row briefing reads numbers instead of parsing text; the text stays the contract of every output.
 */

/** 项目阶段: the funnel from lead to production. */
export const STAGES = ["在谈", "签约", "开工", "投产"] as const;
export type Stage = (typeof STAGES)[number];

/** 企业类型: the investor categories the reports count. */
export const INVESTOR_TYPES = ["世界500强", "中国500强", "央企", "民营500强", "上市公司", "其他"] as const;
export type InvestorType = (typeof INVESTOR_TYPES)[number];

/** A row of the 项目台账 (project ledger). */
export interface ProjectRecord {
  /** 项目编号; when the source has none, derived by {@link deriveProjectId}. */
  id: string;
  /** 项目名称 (required). */
  name: string;
  /** 所属地区: the reporting region the 成绩单 aggregates by (required). */
  region: string;
  park?: string | null;
  industry?: string | null;
  investor?: string | null;
  investor_type?: InvestorType | null;
  /** 投资来源地: 省内 / 省外 / 境外 or a place name. */
  investor_origin?: string | null;
  stage?: Stage | null;
  signed_date?: string | null;
  started_date?: string | null;
  /**
   * signed_date as the number YYYYMMDD (YYYYMM00 for a month-precision date; src/core/dates.ts ymdFromIso), null
   * when there is none. Set by the importer; absent on records built elsewhere (readers fall back to the text).
   * Never part of an output: the ISO text is (see LEDGER_OUTPUT_FIELDS).
   */
  signed_ymd?: number | null;
  /** started_date as a YYYYMMDD number, as signed_ymd. */
  started_ymd?: number | null;
  /** 签约金额, 亿元. */
  signed_amount?: number | null;
  /** 计划总投资, 亿元 (a stock over the project's life, not a flow in the period). */
  planned_investment?: number | null;
  notes?: string | null;
  /** Provenance: file and row, or the quoted phrase of a report. */
  source?: string | null;
}

/** The fields of a ledger record that outputs carry (JSON, sheets), in order: the numeric dates are left out. */
export const LEDGER_OUTPUT_FIELDS = [
  "id",
  "name",
  "region",
  "park",
  "industry",
  "investor",
  "investor_type",
  "investor_origin",
  "stage",
  "signed_date",
  "started_date",
  "signed_amount",
  "planned_investment",
  "notes",
  "source",
] as const satisfies readonly (keyof ProjectRecord)[];

/** A 到位资金明细 entry: money that actually arrived, per project and date. */
export interface FundsEntry {
  /** Project id or, where the source has no id, its name. */
  project: string;
  /** Region, when the entry is not tied to a ledger project (or to override it). */
  region?: string | null;
  date: string;
  /** 亿元. */
  amount: number;
  /** 省外资金: from another province of the mainland. */
  out_of_province: boolean;
  source?: string | null;
}

/** The metrics a 成绩单 reports against annual targets. */
export const METRICS = [
  "signed_projects",
  "signed_amount",
  "funds_in_place",
  "funds_in_place_out_of_province",
  "projects_started",
] as const;
export type Metric = (typeof METRICS)[number];

/** Chinese and English names of each metric, and whether it is counted or summed in 亿元. */
export const METRIC_INFO: Record<Metric, { zh: string; en: string; unit: "count" | "yi" }> = {
  signed_projects: { zh: "签约项目数", en: "Projects signed", unit: "count" },
  signed_amount: { zh: "签约金额", en: "Amount signed", unit: "yi" },
  funds_in_place: { zh: "到位资金", en: "Funds in place", unit: "yi" },
  funds_in_place_out_of_province: { zh: "省外到位资金", en: "Out-of-province funds in place", unit: "yi" },
  projects_started: { zh: "开工项目数", en: "Projects started", unit: "count" },
};

/** The metric a value names, if it is one (own keys only: "constructor" or "toString" are not metrics). */
export function isMetric(value: unknown): value is Metric {
  return typeof value === "string" && Object.prototype.hasOwnProperty.call(METRIC_INFO, value);
}

/** METRIC_INFO of a value that may not be a metric. */
export function metricInfo(value: unknown): (typeof METRIC_INFO)[Metric] | undefined {
  return isMetric(value) ? METRIC_INFO[value] : undefined;
}

/** 目标任务: the annual goal for one region and metric. */
export interface Target {
  year: number;
  region: string;
  metric: Metric;
  /** Count, or 亿元 for money metrics. */
  value: number;
  source?: string | null;
}

/**
 * A published year-to-date total (汇总数) for a region, used where the ledger holds no detail
 * (the statistics system's official figure). Covers January through `through_month`.
 */
export interface ReportedFigure {
  year: number;
  through_month: number;
  region: string;
  metric: Metric;
  value: number;
  /** 口径: blank for the region's whole figure; otherwise a narrower scope (工业项目, 某次签约活动…). */
  scope?: string | null;
  /** 采用 (used) or 备选 (an alternative figure kept for the record). */
  status?: "采用" | "备选";
  source?: string | null;
}

/**
 * Stable id for a record whose source has none: the same name, region and signed date always give the
 * same id, so a refresh matches the row again. Whitespace and full-width forms are folded first.
 */
export function deriveProjectId(name: string, region: string, signedDate?: string | null): string {
  const norm = (s: string) => s.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
  // Hashed part by part, as if over `name|region|date`: a concatenated key is a V8 cons string, whose charCodeAt
  // goes through the runtime for every character (20,000 rows of a 40,000-character name took minutes).
  let hash = 0x811c9dc5;
  for (const part of [norm(name), "|", norm(region), "|", signedDate ?? ""]) hash = fnv1a32(part, hash);
  return `AUTO-${hash.toString(16).padStart(8, "0").toUpperCase()}`;
}

/** FNV-1a over UTF-16 code units: tiny, deterministic, good enough for an id (collisions are reported as duplicates). */
function fnv1a32(text: string, start = 0x811c9dc5): number {
  let hash = start;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}
