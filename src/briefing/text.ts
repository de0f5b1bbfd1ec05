/**
 * The briefing text (简报文字), in the style of the published reports:
 * "2025年一季度，西宁开发区签约项目23项；签约金额245亿元，完成年度目标任务的87.19%，超序时进度62.19个百分点……"
 * Generated from the same rows as the tables (never re-computed): percentages through core formatPercent,
 * amounts through formatAmount; 同比增长/下降, 超/欠序时进度 X 个百分点, 新增 where last year's value is 0.
 * Chinese by default, English on request.
 */
import { formatAmount, formatPercent, roundHalfUp } from "../core/format";
import { Metric } from "../core/model";
import { periodLabelEn, periodLabelZh } from "../core/period";
import type { Language } from "../i18n/language";
import { Briefing, BriefingRow, TOTAL_REGION } from "./types";

export interface BriefingTextOptions {
  language?: Language;
  /** Decimals of percentages (default 2, as 102.14%). */
  digits?: number;
}

const ZH_LEAD: Record<Metric, (v: string) => string> = {
  signed_projects: (v) => `共签约项目${v}项`,
  signed_amount: (v) => `签约金额${v}亿元`,
  funds_in_place: (v) => `实际到位资金${v}亿元`,
  funds_in_place_out_of_province: (v) => `实际到位省外资金${v}亿元`,
  projects_started: (v) => `开工项目${v}个`,
};

const EN_LEAD: Record<Metric, (v: string) => string> = {
  signed_projects: (v) => `${v} projects signed`,
  signed_amount: (v) => `${v} (100m CNY) signed`,
  funds_in_place: (v) => `${v} (100m CNY) of funds in place`,
  funds_in_place_out_of_province: (v) => `${v} (100m CNY) of out-of-province funds in place`,
  projects_started: (v) => `${v} projects started`,
};

const points = (gap: number) => formatAmount(Math.abs(gap), 2);

/**
 * A name (region) as it appears inside a sentence: line breaks of every kind (CR, LF, VT, FF, NEL, U+2028/2029) become
 * one space, so a region name can never start a new line of the text (each line is a cell of the briefing sheet).
 */
export function singleLine(name: string): string {
  return /[\n\r\v\f\u0085\u2028\u2029]/.test(name) ? name.replace(/[\n\r\v\f\u0085\u2028\u2029]+/g, " ") : name;
}

/** One clause about one metric of one region, or null when there is no actual. */
export function metricClause(row: BriefingRow, language: Language = "zh-CN", digits = 2): string | null {
  if (row.actual === null) return null;
  const zh = language === "zh-CN";
  const value = formatAmount(row.actual, 2);
  const parts: string[] = [zh ? ZH_LEAD[row.metric](value) : EN_LEAD[row.metric](value)];
  if (row.completion_rate !== null) {
    parts.push(zh ? `完成年度目标任务的${formatPercent(row.completion_rate, digits)}` : `${formatPercent(row.completion_rate, digits)} of the annual target`);
  }
  if (row.pace_gap !== null) {
    const g = roundHalfUp(row.pace_gap, 2);
    if (g > 0) parts.push(zh ? `超序时进度${points(g)}个百分点` : `${points(g)} points ahead of time progress`);
    else if (g < 0) parts.push(zh ? `欠序时进度${points(g)}个百分点` : `${points(g)} points behind time progress`);
    else parts.push(zh ? "与序时进度持平" : "level with time progress");
  }
  if (row.prior !== null) {
    if (row.yoy_growth !== null) {
      const pct = formatPercent(Math.abs(row.yoy_growth), digits);
      if (roundHalfUp(row.yoy_growth * 100, digits) > 0) parts.push(zh ? `同比增长${pct}` : `up ${pct} year on year`);
      else if (roundHalfUp(row.yoy_growth * 100, digits) < 0) parts.push(zh ? `同比下降${pct}` : `down ${pct} year on year`);
      else parts.push(zh ? "与上年同期持平" : "level with the same period last year");
    } else if (row.prior === 0 && row.actual > 0) {
      parts.push(zh ? "上年同期为零，系新增" : "new (none in the same period last year)");
    } else if (row.prior === 0 && row.actual === 0) {
      parts.push(zh ? "与上年同期均为零" : "none in the same period last year either");
    }
  }
  return parts.join(zh ? "，" : ", ");
}

/** Sentences naming the regions ranked by completion rate, best first (only where at least two regions rank). */
function rankingSentence(b: Briefing, metric: Metric, language: Language, digits: number): string | null {
  const table = b.tables.find((t) => t.metric === metric);
  if (!table) return null;
  const ranked = table.rows.filter((r) => r.rank !== null).sort((x, y) => x.rank! - y.rank! || 0);
  if (ranked.length < 2) return null;
  const top = ranked.slice(0, 3);
  const zh = language === "zh-CN";
  const list = top.map((r) => `${singleLine(r.region)}（${formatPercent(r.completion_rate!, digits)}）`);
  const listEn = top.map((r) => `${singleLine(r.region)} (${formatPercent(r.completion_rate!, digits)})`);
  const behind = table.rows.filter((r) => r.status === "behind").map((r) => singleLine(r.region));
  if (zh) {
    let s = `${metricNameZh(metric)}完成率居前的是${list.join("、")}`;
    if (behind.length > 0) s += `；${behind.join("、")}滞后于序时进度${b.tolerance}个百分点以上`;
    return s + "。";
  }
  let s = `By completion rate of ${metricNameEn(metric)}, the leaders are ${listEn.join(", ")}`;
  if (behind.length > 0) s += `; ${behind.join(", ")} ${behind.length > 1 ? "are" : "is"} more than ${b.tolerance} points behind time progress`;
  return s + ".";
}

const metricNameZh = (m: Metric) =>
  ({ signed_projects: "签约项目数", signed_amount: "签约金额", funds_in_place: "到位资金", funds_in_place_out_of_province: "省外到位资金", projects_started: "开工项目数" })[m];
const metricNameEn = (m: Metric) =>
  ({ signed_projects: "projects signed", signed_amount: "amount signed", funds_in_place: "funds in place", funds_in_place_out_of_province: "out-of-province funds in place", projects_started: "projects started" })[m];

/** The whole briefing text: the total first (when there are several regions), then each region, then rankings. */
export function briefingText(b: Briefing, options: BriefingTextOptions = {}): string {
  const language = options.language ?? "zh-CN";
  const digits = options.digits ?? 2;
  const zh = language === "zh-CN";
  const periodZh = `${b.span.year}年${periodLabelZh(b.span)}`;
  const [, m, d] = b.as_of.split("-").map(Number);
  const tp = formatPercent(b.time_progress, digits);
  const paragraphs: string[] = [];
  paragraphs.push(zh
    ? `${periodZh}（截至${m}月${d}日，序时进度${tp}）招商引资成绩单如下。`
    : `Investment report card, ${periodLabelEn(b.span)} (as of ${b.as_of}; ${tp} of the year elapsed).`);
  const regions = b.regions.length > 1 ? [TOTAL_REGION, ...b.regions] : b.regions;
  for (const region of regions) {
    const clauses = b.tables
      .map((t) => (region === TOTAL_REGION ? t.total : t.rows.find((r) => r.region === region)))
      .filter((r): r is BriefingRow => !!r)
      .map((r) => metricClause(r, language, digits))
      .filter((c): c is string => c !== null);
    if (clauses.length === 0) continue;
    const who = region === TOTAL_REGION ? (zh ? "各地区合计" : "All regions together") : singleLine(region);
    paragraphs.push(zh
      ? `${periodLabelZh(b.span)}，${who}${clauses.join("；")}。`
      : `${who}: ${clauses.join("; ")}.`);
  }
  for (const t of b.tables) {
    const s = rankingSentence(b, t.metric, language, digits);
    if (s) paragraphs.push(s);
  }
  if (paragraphs.length === 1) {
    paragraphs.push(zh ? "本期没有可报告的数据。" : "There is no data to report for this period.");
  }
  return paragraphs.join("\n");
}
