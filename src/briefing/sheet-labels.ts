/**
 * The words of the briefing sheet in each language: headers, source labels, the title, parameter labels, the notes
 * on the rules, the unit of each table, and the first column's text of a row.
 */
import { LEVEL_EN } from "../core/region-levels";
import { type Metric, METRIC_INFO } from "../core/model";
import type { Language } from "../i18n/language";
import { type Briefing, type BriefingRow, TOTAL_REGION } from "./types";

/** The time-progress basis as the briefing sheet shows it (cell F2); INVEST.* functions accept each of these. */
export const BASIS_LABELS = {
  "zh-CN": { month: "按月", day: "按日" },
  "en-US": { month: "month", day: "day" },
} as const;

/** The source column's labels: a reported figure, the ledger, both. */
export type SourceLabels = readonly [figure: string, ledger: string, mixed: string];

export interface SheetLabels {
  headers: readonly string[];
  source: SourceLabels;
  total: string;
  title: (b: Briefing) => string;
  params: readonly string[];
  basis: (typeof BASIS_LABELS)[Language];
  note: string;
  hierNote: string;
  unit: (m: Metric) => string;
  textTitle: string;
}

export function labelsOf(language: Language): SheetLabels {
  return language === "zh-CN"
    ? {
        headers: [
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
          "数据来源",
        ],
        source: ["汇总数", "台账", "汇总数+台账"],
        total: TOTAL_REGION,
        title: (b: Briefing) =>
          `${b.span.year}年${spanZh(b)}${b.jurisdiction ? `${b.jurisdiction.name}` : ""}招商引资成绩单${b.jurisdiction && b.level ? `（按${b.level}）` : ""}`,
        params: ["截至日期", "序时进度", "计算方式", "滞后容差(百分点)"],
        basis: BASIS_LABELS["zh-CN"],
        note: "完成率 = 实际完成 ÷ 年度目标；超/欠序时进度 = 完成率 − 序时进度，单位为百分点；有汇总数（口径为空、状态不是备选）的地区以汇总数为实际完成，否则按台账汇总；空白表示无数据，不作 0 处理。",
        hierNote:
          "各地区含下级地区；有汇总数（口径为空、状态不是备选）的地区以汇总数为准，否则按台账汇总，下级的汇总数代替其台账；“其中”行不计入合计；“本级”为直属该地区的项目；合计为辖区的汇总数，没有时为各行之和；空白表示无数据。",
        unit: (m: Metric) =>
          METRIC_INFO[m].unit === "yi" ? `${METRIC_INFO[m].zh}（亿元）` : `${METRIC_INFO[m].zh}（个）`,
        textTitle: "简报文字",
      }
    : {
        headers: [
          "Region",
          "Actual",
          "Annual target",
          "Completion",
          "Time progress",
          "Pace gap (points)",
          "Status",
          "Same period last year",
          "YoY growth",
          "Share",
          "Rank",
          "Source",
        ],
        source: ["Reported figure", "Ledger", "Figures + ledger"],
        total: "Total",
        title: (b: Briefing) =>
          `Investment report card ${b.period}${b.jurisdiction ? `, ${b.jurisdiction.name}${b.level ? ` by ${LEVEL_EN[b.level]}` : ""}` : ""}`,
        params: ["As of", "Time progress", "Basis", "Tolerance (points)"],
        basis: BASIS_LABELS["en-US"],
        note: "Completion = actual ÷ annual target; pace gap = completion − time progress, in percentage points; a region with a reported figure (blank scope, status not alternative 备选) uses it as the actual, otherwise the ledger is summed; blank means no data, never 0.",
        hierNote:
          "Each region includes its descendants; a reported figure (blank scope, status not alternative 备选) stands for its region, otherwise the ledger is summed, a descendant's figure replacing its part; “of which” rows are not added to the total; “(own level)” rows are the region's own projects; the total is the jurisdiction's reported figure, else the sum of the rows; blank means no data.",
        unit: (m: Metric) =>
          METRIC_INFO[m].unit === "yi" ? `${METRIC_INFO[m].en} (100m CNY)` : `${METRIC_INFO[m].en} (count)`,
        textTitle: "Briefing text",
      };
}

/**
 * The first column of a row as the sheet shows it: the place name (user data, as it is) with the words the add-in
 * adds in the sheet's language (合计 → Total, 其中：X → of which: X, X本级 → X (own level)). Formulas never look a row
 * up by this text: the total's target criterion is the literal 合计 of the targets table.
 */
export function rowLabel(row: BriefingRow, language: Language, isTotal: boolean): string {
  if (isTotal) return labelsOf(language).total;
  const label = row.label ?? row.region;
  if (language === "zh-CN") return label;
  if (row.role === "zone") return `of which: ${label.replace(/^其中：/, "")}`;
  if (row.role === "own") return `${label.replace(/本级$/, "")} (own level)`;
  return label;
}

function spanZh(b: Briefing): string {
  const m = b.span.toMonth;
  return m === 3
    ? "一季度"
    : m === 6
      ? "上半年"
      : m === 9
        ? "前三季度"
        : m === 12
          ? "全年"
          : m === 1
            ? "1月"
            : `1-${m}月`;
}
