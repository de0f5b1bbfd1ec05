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

/** English leads take the number itself (a count for plurals, 亿元 turned into CNY millions or billions). */
const EN_LEAD: Record<Metric, (v: number) => string> = {
  signed_projects: (v) => `${projects(v)} signed`,
  signed_amount: (v) => `${cny(v)} signed`,
  funds_in_place: (v) => `${cny(v)} of funds in place`,
  funds_in_place_out_of_province: (v) => `${cny(v)} of out-of-province funds in place`,
  projects_started: (v) => `${projects(v)} started`,
};

/** "1 project", "2 projects", "2.5 projects" (a reported count is whole; a sum of figures may not be). */
export function projects(n: number): string {
  const v = formatAmount(n, 2);
  return `${v} ${v === "1" ? "project" : "projects"}`;
}

/**
 * An amount in 亿元 as reports in English write it: 1 亿元 = CNY 100 million; 36.9 亿元 = CNY 3.69 billion; 0.35 亿元 = CNY
 * 35 million. Billions from CNY 1 billion (10 亿元) up.
 */
export function cny(yi: number): string {
  const million = yi * 100;
  if (Math.abs(million) >= 1000) return `CNY ${formatAmount(million / 1000, 3)} billion`;
  return `CNY ${formatAmount(million, 2)} million`;
}

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
  const parts: string[] = [zh ? ZH_LEAD[row.metric](value) : EN_LEAD[row.metric](row.actual)];
  if (row.completion_rate !== null) {
    parts.push(
      zh
        ? `完成年度目标任务的${formatPercent(row.completion_rate, digits)}`
        : `${formatPercent(row.completion_rate, digits)} of the annual target`,
    );
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
      else if (roundHalfUp(row.yoy_growth * 100, digits) < 0)
        parts.push(zh ? `同比下降${pct}` : `down ${pct} year on year`);
      else parts.push(zh ? "与上年同期持平" : "level with the same period last year");
    } else if (row.prior === 0 && row.actual > 0) {
      parts.push(zh ? "上年同期为零，系新增" : "new (none in the same period last year)");
    } else if (row.prior === 0 && row.actual === 0) {
      parts.push(zh ? "与上年同期均为零" : "none in the same period last year either");
    }
  }
  return parts.join(zh ? "，" : ", ");
}

/** How reports name the whole jurisdiction: 全省, 全市, 全州, 全县, 全区…; 全国; else its name. */
export function wholeOf(b: Briefing, zh: boolean): string {
  const j = b.jurisdiction;
  if (!j) return zh ? "各地区合计" : "All regions together";
  if (!zh) return j.name === "全国" ? "Nationwide" : `${j.name} as a whole`;
  if (j.name === "全国") return "全国";
  if (j.level === "省")
    return /自治区$|^(内蒙古|广西|西藏|宁夏|新疆)$/.test(j.name) ? "全区" : /市$/.test(j.name) ? "全市" : "全省";
  const m = /(市|州|盟|地区|县|区|旗)$/.exec(j.name);
  if (m && j.level !== "园区") return `全${m[1] === "地区" ? "地区" : m[1]}`;
  return j.name;
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
  if (behind.length > 0)
    s += `; ${behind.join(", ")} ${behind.length > 1 ? "are" : "is"} more than ${b.tolerance} points behind time progress`;
  return s + ".";
}

const metricNameZh = (m: Metric) =>
  ({
    signed_projects: "签约项目数",
    signed_amount: "签约金额",
    funds_in_place: "到位资金",
    funds_in_place_out_of_province: "省外到位资金",
    projects_started: "开工项目数",
  })[m];
const metricNameEn = (m: Metric) =>
  ({
    signed_projects: "projects signed",
    signed_amount: "amount signed",
    funds_in_place: "funds in place",
    funds_in_place_out_of_province: "out-of-province funds in place",
    projects_started: "projects started",
  })[m];

/** The whole briefing text: the total first (when there are several regions), then each region, then rankings. */
export function briefingText(b: Briefing, options: BriefingTextOptions = {}): string {
  const language = options.language ?? "zh-CN";
  const digits = options.digits ?? 2;
  const zh = language === "zh-CN";
  const periodZh = `${b.span.year}年${periodLabelZh(b.span)}`;
  const [, m, d] = b.as_of.split("-").map(Number);
  const tp = formatPercent(b.time_progress, digits);
  const paragraphs: string[] = [];
  paragraphs.push(
    zh
      ? `${periodZh}（截至${m}月${d}日，序时进度${tp}）招商引资成绩单如下。`
      : `Investment report card, ${periodLabelEn(b.span)} (as of ${b.as_of}; ${tp} of the year elapsed).`,
  );
  // The rows as the tables show them: the level's regions, 本级 rows and 其中 rows (by level), or every region.
  const labels: { key: string; role: string; label: string }[] = [];
  if (b.jurisdiction) {
    const first = b.tables[0];
    for (const r of first?.rows ?? [])
      labels.push({ key: r.label ?? r.region, role: r.role ?? "region", label: r.label ?? r.region });
  } else for (const region of b.regions) labels.push({ key: region, role: "region", label: region });
  const counted = labels.filter((l) => l.role !== "zone").length;
  const entries =
    counted > 1 || (b.jurisdiction && b.tables.some((t) => t.total.actual !== null) && counted !== 1)
      ? [{ key: TOTAL_REGION, role: "total", label: TOTAL_REGION }, ...labels]
      : labels;
  for (const e of entries) {
    const clauses = b.tables
      .map((t) =>
        e.key === TOTAL_REGION && e.role === "total" ? t.total : t.rows.find((r) => (r.label ?? r.region) === e.key),
      )
      .filter((r): r is BriefingRow => !!r)
      .map((r) => metricClause(r, language, digits))
      .filter((c): c is string => c !== null);
    if (clauses.length === 0) continue;
    if (e.role === "zone") {
      const name = singleLine(e.label.replace(/^其中：/, ""));
      paragraphs.push(zh ? `其中，${name}${clauses.join("；")}。` : `Of which ${name}: ${clauses.join("; ")}.`);
      continue;
    }
    const who =
      e.role === "total"
        ? wholeOf(b, zh)
        : singleLine(e.role === "own" && !zh ? `${e.label.replace(/本级$/, "")} (its own projects)` : e.label);
    paragraphs.push(zh ? `${periodLabelZh(b.span)}，${who}${clauses.join("；")}。` : `${who}: ${clauses.join("; ")}.`);
  }
  for (const t of b.tables) {
    const s = rankingSentence(b, t.metric, language, digits);
    if (s) paragraphs.push(s);
  }
  const industry = industrySentence(b, zh);
  if (industry) paragraphs.push(industry);
  const key = keyProjectsSentence(b, zh);
  if (key) paragraphs.push(key);
  if (paragraphs.length === 1) {
    paragraphs.push(zh ? "本期没有可报告的数据。" : "There is no data to report for this period.");
  }
  return paragraphs.join("\n");
}

/** 从产业看，签约金额居前的是…: the leading industries of the industry breakdown (by amount, else by projects). */
function industrySentence(b: Briefing, zh: boolean): string | null {
  const bd = b.breakdowns?.find((x) => x.kind === "industry");
  if (!bd) return null;
  const named = bd.rows.filter((r) => r.key !== "unspecified" && r.projects > 0);
  if (named.length === 0) return null;
  const byAmount = named.some((r) => r.amount !== null && r.amount > 0);
  const top = (byAmount ? [...named].filter((r) => r.amount !== null && r.amount > 0) : named).slice(0, 3);
  if (zh) {
    const list = top.map((r) =>
      byAmount
        ? `${singleLine(r.label)}（${formatAmount(r.amount!, 2)}亿元${r.share_amount !== null ? `，占${formatPercent(r.share_amount)}` : ""}）`
        : `${singleLine(r.label)}（${r.projects}项）`,
    );
    return `从产业看，${byAmount ? "签约金额" : "签约项目数"}居前的是${list.join("、")}。`;
  }
  const list = top.map((r) =>
    byAmount
      ? `${singleLine(r.label_en)} (${cny(r.amount!)}${r.share_amount !== null ? `, ${formatPercent(r.share_amount)}` : ""})`
      : `${singleLine(r.label_en)} (${projects(r.projects)})`,
  );
  return `By industry, the ${byAmount ? "largest amounts signed were" : "most projects signed were"} in ${joinEn(list)}.`;
}

/** 重点项目: the key projects, with region and amount (or date), as reports list them. */
function keyProjectsSentence(b: Briefing, zh: boolean): string | null {
  const list = b.key_projects;
  if (!list || list.length === 0) return null;
  const when = (iso: string) => {
    const [, mm, dd] = iso.split("-").map(Number);
    return dd ? (zh ? `${mm}月${dd}日` : `${EN_MONTHS[mm - 1]} ${dd}`) : zh ? `${mm}月` : EN_MONTHS[mm - 1];
  };
  if (zh) {
    const items = list.map((p) => {
      const what = p.event === "signed" ? "签约" : "开工";
      const amount =
        p.amount !== null
          ? `，${p.amount_kind === "planned" ? "计划总投资" : "签约金额"}${formatAmount(p.amount, 2)}亿元`
          : "";
      return `${singleLine(p.name)}（${singleLine(p.region)}，${when(p.date)}${what}${amount}）`;
    });
    return `重点项目：${items.join("；")}。`;
  }
  const items = list.map((p) => {
    const what = p.event === "signed" ? "signed" : "started";
    const amount =
      p.amount !== null ? `, ${p.amount_kind === "planned" ? "planned investment " : ""}${cny(p.amount)}` : "";
    return `${singleLine(p.name)} (${singleLine(p.region)}, ${what} ${when(p.date)}${amount})`;
  });
  return `${list.length === 1 ? "Key project" : "Key projects"}: ${items.join("; ")}.`;
}

const EN_MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

function joinEn(items: string[]): string {
  if (items.length <= 1) return items.join("");
  if (items.length === 2) return `${items[0]} and ${items[1]}`;
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
