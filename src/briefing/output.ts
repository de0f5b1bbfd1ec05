/**
 * The briefing as JSON (the command line's contract) and as Markdown tables plus text.
 *
 * JSON: ratios are fractions (1.0214 = 102.14%), pace_gap is in percentage points (5.9 = 5.9 points ahead of time
 * progress), null wherever a number is not computable or there is no data; one row per region and metric, plus
 * region "合计".
 */
import { formatAmount, formatPercent, roundHalfUp } from "../core/format";
import { PACE_STATUS_LABELS, PaceStatus } from "../core/metrics";
import { LEVEL_EN } from "../core/region-levels";
import { Metric, METRIC_INFO } from "../core/model";
import type { Language } from "../i18n/language";
import { briefingRows } from "./build";
import { singleLine } from "./text";
import type { RegionLevel } from "../core/region-levels";
import { Breakdown, Briefing, BriefingTable, Jurisdiction, KeyProject, ReconciliationEntry, RowRole } from "./types";

export interface BriefingJsonRow {
  region: string;
  metric: Metric;
  actual: number | null;
  target: number | null;
  completion_rate: number | null;
  time_progress: number;
  pace_gap: number | null;
  status: PaceStatus | null;
  prior: number | null;
  yoy_growth: number | null;
  share: number | null;
  rank: number | null;
  /**
   * "figure" when the actual is a reported figure (汇总数: the region's own or, by level, its parts'), "ledger" when
   * summed from the ledger, "mixed" when both (figures for part of the region, the ledger for the rest).
   */
  source: "ledger" | "figure" | "mixed" | null;
  /** Report card by level: the region's level and parent; the first column's text; what the row is. */
  level?: RegionLevel | null;
  parent?: string | null;
  label?: string;
  role?: RowRole | "total";
  /** A 其中 row: the region it belongs to (never added into 合计). */
  of?: string | null;
  /** Regions whose reported figures make up the actual / the prior. */
  figure_regions?: string[];
  prior_figure_regions?: string[];
}

/** What the importer said about one input file: the numbers leave out its rejected and skipped rows. */
export interface ImportReportJson {
  file: string;
  kind: "ledger" | "funds" | "targets" | "figures" | "regions";
  summary: { rows: number; accepted: number; rejected: number; skipped: number };
  issues: Array<{
    row: number;
    column: string | null;
    severity: "error" | "warning";
    code?: string;
    message: string;
    message_en: string;
  }>;
}

export interface BriefingJson {
  period: string;
  as_of: string;
  basis: "month" | "day";
  tolerance: number;
  time_progress: number;
  rows: BriefingJsonRow[];
  text: string;
  warnings: string[];
  /** Report card by level: the jurisdiction and the level of its rows (absent: the flat card). */
  jurisdiction?: Jurisdiction;
  level?: RegionLevel | null;
  /** 核对: reported figures against the ledger, the value used and why; alternatives; growth withheld. */
  reconciliation?: ReconciliationEntry[];
  breakdowns?: Breakdown[];
  key_projects?: KeyProject[];
  /** The import of each input file (CLI): rows accepted, rejected and skipped, and every issue. */
  import?: ImportReportJson[];
}

export function briefingJson(
  b: Briefing,
  text: string,
  language: Language = "zh-CN",
  imports?: ImportReportJson[],
): BriefingJson {
  const json: BriefingJson = {
    period: b.period,
    as_of: b.as_of,
    basis: b.basis,
    tolerance: b.tolerance,
    time_progress: b.time_progress,
    rows: briefingRows(b).map((r) => {
      const row: BriefingJsonRow = {
        region: r.region,
        metric: r.metric,
        actual: r.actual,
        target: r.target,
        completion_rate: r.completion_rate,
        time_progress: r.time_progress,
        pace_gap: r.pace_gap,
        status: r.status,
        prior: r.prior,
        yoy_growth: r.yoy_growth,
        share: r.share,
        rank: r.rank,
        source: r.actual_source,
      };
      if (b.jurisdiction) {
        Object.assign(row, {
          level: r.level ?? null,
          parent: r.parent ?? null,
          label: r.label ?? r.region,
          role: r.plan?.role ?? r.role ?? "region",
          of: r.of ?? null,
          figure_regions: r.figure_regions ?? [],
          prior_figure_regions: r.prior_figure_regions ?? [],
        });
      }
      return row;
    }),
    text,
    warnings: b.warnings.map((w) => (language === "zh-CN" ? w.message : w.message_en)),
  };
  if (b.jurisdiction) {
    json.jurisdiction = b.jurisdiction;
    json.level = b.level ?? null;
    json.reconciliation = b.reconciliation ?? [];
  }
  if (b.breakdowns) json.breakdowns = b.breakdowns;
  if (b.key_projects) json.key_projects = b.key_projects;
  if (imports) json.import = imports;
  return json;
}

const pct = (x: number | null) => (x === null ? "" : formatPercent(x));
const num = (x: number | null) => (x === null ? "" : formatAmount(x, 2));
const pts = (x: number | null) => (x === null ? "" : String(roundHalfUp(x, 2)));

/** Issues listed per file in the Markdown output (the JSON has them all). */
const MD_ISSUES_PER_FILE = 100;

const MD_HEAD = {
  zh: [
    "地区",
    "实际完成",
    "年度目标",
    "完成率",
    "序时进度",
    "超/欠序时进度(百分点)",
    "状态",
    "上年同期",
    "同比增长",
    "占比",
    "排名",
  ],
  en: [
    "Region",
    "Actual",
    "Target",
    "Completion",
    "Time progress",
    "Pace gap (points)",
    "Status",
    "Last year",
    "YoY",
    "Share",
    "Rank",
  ],
} as const;

/** Text made fit for a Markdown table cell: one line, pipes escaped. */
const mdCell = (s: string) => singleLine(s).replace(/\|/g, "\\|");

/** Markdown: a heading, one table per metric (regions then 合计), the text, notes and the import report. */
export function briefingMarkdown(
  b: Briefing,
  text: string,
  language: Language = "zh-CN",
  imports?: ImportReportJson[],
): string {
  const zh = language === "zh-CN";
  const out = markdownHeading(b, zh);
  for (const t of b.tables) out.push(...metricTableMarkdown(t, language));
  for (const bd of b.breakdowns ?? []) out.push(...breakdownMarkdown(bd, zh));
  if (b.key_projects) out.push(...keyProjectsMarkdown(b.key_projects, zh));
  out.push("", zh ? "## 简报文字" : "## Briefing text", "", ...text.split("\n").flatMap((p) => [p, ""]));
  if (b.reconciliation && b.reconciliation.length > 0) {
    out.push(
      zh ? "## 核对" : "## Reconciliation",
      "",
      ...b.reconciliation.map((e) => `- ${singleLine(zh ? e.message : e.message_en)}`),
      "",
    );
  }
  if (b.warnings.length > 0) {
    out.push(zh ? "## 提示" : "## Notes", "", ...b.warnings.map((w) => `- ${zh ? w.message : w.message_en}`), "");
  }
  out.push(...importIssuesMarkdown(imports ?? [], zh));
  return out.join("\n");
}

/** The title (with the jurisdiction and level of a card by level) and the line on time progress. */
function markdownHeading(b: Briefing, zh: boolean): string[] {
  const where = b.jurisdiction
    ? zh
      ? `${b.jurisdiction.name} · 按${b.level}`
      : `${b.jurisdiction.name} · by ${b.level ? LEVEL_EN[b.level] : ""}`
    : "";
  return [
    zh
      ? `# 招商引资成绩单 ${b.period}${where ? `（${where}）` : ""}`
      : `# Investment report card ${b.period}${where ? ` (${where})` : ""}`,
    "",
    zh
      ? `截至 ${b.as_of}，序时进度 ${formatPercent(b.time_progress)}（${b.basis === "day" ? "按日" : "按月"}）。超/欠序时进度以百分点计；空白表示无数据。`
      : `As of ${b.as_of}, time progress ${formatPercent(b.time_progress)} (by ${b.basis}). Pace gap in percentage points; blank means no data.`,
  ];
}

/** One metric's table: its rows (其中 rows indented), then 合计 in bold. */
function metricTableMarkdown(t: BriefingTable, language: Language): string[] {
  const zh = language === "zh-CN";
  const labels = PACE_STATUS_LABELS[language];
  const head = zh ? MD_HEAD.zh : MD_HEAD.en;
  const info = METRIC_INFO[t.metric];
  const out = ["", `## ${zh ? info.zh : info.en}${info.unit === "yi" ? (zh ? "（亿元）" : " (100m CNY)") : ""}`, ""];
  out.push(`| ${head.join(" | ")} |`, `|${head.map((_, i) => (i === 0 || i === 6 ? "---" : "---:")).join("|")}|`);
  for (const r of [...t.rows, t.total]) {
    const name = r.label ?? r.region;
    const region = r === t.total ? `**${name}**` : r.role === "zone" ? `\u3000${name}` : name;
    const cells = [
      region,
      num(r.actual),
      num(r.target),
      pct(r.completion_rate),
      pct(r.time_progress),
      pts(r.pace_gap),
      r.status ? labels[r.status] : "",
      num(r.prior),
      pct(r.yoy_growth),
      pct(r.share),
      r.rank === null ? "" : String(r.rank),
    ];
    out.push(`| ${cells.map(mdCell).join(" | ")} |`);
  }
  return out;
}

/** Per input file with issues: its counts and up to MD_ISSUES_PER_FILE issues (the JSON has them all). */
function importIssuesMarkdown(imports: readonly ImportReportJson[], zh: boolean): string[] {
  const withIssues = imports.filter((f) => f.issues.length > 0);
  if (withIssues.length === 0) return [];
  const out = [zh ? "## 导入问题" : "## Import issues", ""];
  for (const f of withIssues) {
    const { rows, accepted, rejected, skipped } = f.summary;
    out.push(
      zh
        ? `**${mdCell(f.file)}**：数据行 ${rows}，已导入 ${accepted}，未导入 ${rejected}（不计入上表）；跳过 ${skipped} 行（合计、说明等）。`
        : `**${mdCell(f.file)}**: ${rows} data rows, ${accepted} accepted, ${rejected} rejected (not in the tables above); ${skipped} rows skipped (totals, notes).`,
      "",
    );
    out.push(zh ? "| 行 | 列 | 级别 | 问题 |" : "| Row | Column | Severity | Issue |", "|---:|---|---|---|");
    for (const i of f.issues.slice(0, MD_ISSUES_PER_FILE)) {
      const sev = i.severity === "error" ? (zh ? "错误" : "error") : zh ? "提醒" : "warning";
      out.push(`| ${i.row} | ${mdCell(i.column ?? "")} | ${sev} | ${mdCell(zh ? i.message : i.message_en)} |`);
    }
    if (f.issues.length > MD_ISSUES_PER_FILE) {
      out.push(
        "",
        zh
          ? `……另有 ${f.issues.length - MD_ISSUES_PER_FILE} 条，见 JSON 输出。`
          : `… ${f.issues.length - MD_ISSUES_PER_FILE} more in the JSON output.`,
      );
    }
    out.push("");
  }
  return out;
}

const BREAKDOWN_TITLES = {
  industry: ["按产业类别（本期签约）", "By industry (signed in the period)"],
  origin: ["按投资来源地（本期签约）", "By origin of the investment (signed in the period)"],
  investor_type: ["按企业类型（本期签约）", "By investor type (signed in the period)"],
  stage: ["项目推进情况（按项目阶段，台账现状）", "Pipeline by stage (the ledger as it stands)"],
} as const;

/** One breakdown as a Markdown table. */
export function breakdownMarkdown(bd: Breakdown, zh: boolean): string[] {
  const cell = (s: string) => singleLine(s).replace(/\|/g, "\\|");
  const pipeline = bd.basis === "pipeline";
  const head = zh
    ? [
        "类别",
        "项目数",
        "签约金额(亿元)",
        "项目占比",
        "金额占比",
        ...(pipeline ? ["转化率"] : ["上年同期项目数", "项目同比", "金额同比"]),
      ]
    : [
        "Group",
        "Projects",
        "Amount (100m CNY)",
        "Share of projects",
        "Share of amount",
        ...(pipeline ? ["Conversion"] : ["Projects last year", "Projects YoY", "Amount YoY"]),
      ];
  const out = [
    "",
    `## ${BREAKDOWN_TITLES[bd.kind][zh ? 0 : 1]}`,
    "",
    `| ${head.join(" | ")} |`,
    `|---|${head
      .slice(1)
      .map(() => "---:")
      .join("|")}|`,
  ];
  for (const r of [...bd.rows, bd.total]) {
    const extra = pipeline
      ? [pct(r.conversion ?? null)]
      : [r.prior_projects === null ? "" : String(r.prior_projects), pct(r.yoy_projects), pct(r.yoy_amount)];
    const label = zh ? r.label : r.label_en;
    out.push(
      `| ${[r === bd.total ? `**${cell(label)}**` : cell(label), String(r.projects), num(r.amount), pct(r.share_projects), pct(r.share_amount), ...extra].join(" | ")} |`,
    );
  }
  return out;
}

/** 重点项目 as a Markdown table. */
export function keyProjectsMarkdown(list: readonly KeyProject[], zh: boolean): string[] {
  const cell = (s: string | null) => singleLine(s ?? "").replace(/\|/g, "\\|");
  const head = zh
    ? ["序号", "项目", "地区", "产业", "投资方", "金额(亿元)", "事项", "日期"]
    : ["#", "Project", "Region", "Industry", "Investor", "Amount (100m CNY)", "Event", "Date"];
  const out = [
    "",
    zh ? "## 重点项目" : "## Key projects",
    "",
    `| ${head.join(" | ")} |`,
    "|---:|---|---|---|---|---:|---|---|",
  ];
  for (const p of list) {
    const amount =
      p.amount === null
        ? ""
        : `${num(p.amount)}${p.amount_kind === "planned" ? (zh ? "（计划总投资）" : " (planned)") : ""}`;
    const event = p.event === "signed" ? (zh ? "签约" : "signed") : zh ? "开工" : "started";
    out.push(
      `| ${p.rank} | ${cell(p.name)} | ${cell(p.region)} | ${cell(p.industry)} | ${cell(p.investor)} | ${amount} | ${event} | ${p.date} |`,
    );
  }
  if (list.length === 0)
    out.push(
      zh
        ? "| | 本期没有签约或开工的项目 | | | | | | |"
        : "| | No project signed or started in the period | | | | | | |",
    );
  return out;
}
