/**
 * The breakdown tables (分类表) and the key projects (重点项目) as rows of the briefing sheet, below the metric tables
 * and above the text. They are values computed when the sheet is written (like the text), not formulas: a breakdown
 * groups by columns the formulas do not carry (the 省内/省外/境外 grouping, the pipeline's conversion), and a
 * values table cannot disagree with the JSON. Shared by the Excel writer and the xlsx export (./formulas.ts).
 */
import type { Language } from "../i18n/language";
import type { Breakdown, Briefing, BreakdownKind, KeyProject } from "./types";

type Cell = {
  value: string | number | null;
  numFmt?: string;
  role: "table-title" | "header" | "region" | "total" | "value" | "text";
};

const TITLES: Record<BreakdownKind, { zh: string; en: string }> = {
  industry: { zh: "按产业类别（本期签约）", en: "By industry (signed in the period)" },
  origin: { zh: "按投资来源地（本期签约）", en: "By origin of investment (signed in the period)" },
  investor_type: { zh: "按企业类型（本期签约）", en: "By type of investor (signed in the period)" },
  stage: { zh: "项目阶段（台账现状）", en: "Pipeline by stage (the ledger now)" },
};

const HEADERS = {
  zh: [
    "类别",
    "项目数",
    "金额（亿元）",
    "项目占比",
    "金额占比",
    "上年同期项目数",
    "上年同期金额",
    "项目数同比",
    "金额同比",
    "转化率",
  ],
  en: [
    "Group",
    "Projects",
    "Amount (100m CNY)",
    "Share of projects",
    "Share of amount",
    "Projects last year",
    "Amount last year",
    "Projects YoY",
    "Amount YoY",
    "Conversion",
  ],
};
const KEY_HEADERS = {
  zh: ["序号", "项目名称", "地区", "产业类别", "投资方", "金额（亿元）", "金额口径", "事项", "日期"],
  en: ["No.", "Project", "Region", "Industry", "Investor", "Amount (100m CNY)", "Amount is", "Event", "Date"],
};

/** Rows (each `width` cells) for the breakdowns and key projects of a briefing; none when it has neither. */
export function sectionRows(b: Briefing, language: Language, width: number): Cell[][] {
  const zh = language === "zh-CN";
  const rows: Cell[][] = [];
  const row = (cells: Cell[]) => {
    const r: Cell[] = Array.from({ length: width }, (_, i) => cells[i] ?? { value: null, role: "value" });
    rows.push(r);
  };
  const blank = () => row([]);
  for (const bd of b.breakdowns ?? []) {
    blank();
    row([{ value: zh ? TITLES[bd.kind].zh : TITLES[bd.kind].en, role: "table-title" }]);
    const headers = zh ? HEADERS.zh : HEADERS.en;
    row(headers.slice(0, bd.kind === "stage" ? 10 : 9).map((h) => ({ value: h, role: "header" })));
    for (const r of bd.rows) row(breakdownCells(r, bd, zh, "region"));
    row(breakdownCells(bd.total, bd, zh, "total"));
  }
  const key = b.key_projects ?? [];
  if (key.length > 0) {
    blank();
    row([{ value: zh ? `重点项目（前 ${key.length} 个）` : `Key projects (top ${key.length})`, role: "table-title" }]);
    row((zh ? KEY_HEADERS.zh : KEY_HEADERS.en).map((h) => ({ value: h, role: "header" })));
    for (const p of key) row(keyCells(p, zh));
  }
  return rows;
}

function breakdownCells(r: Breakdown["rows"][number], bd: Breakdown, zh: boolean, role: "region" | "total"): Cell[] {
  const n = (v: number | null | undefined, numFmt: string): Cell => ({ value: v ?? null, numFmt, role: "value" });
  const cells: Cell[] = [
    { value: role === "total" ? (zh ? "合计" : "Total") : zh ? r.label : r.label_en, role },
    n(r.projects, "0"),
    n(r.amount, "0.00"),
    n(r.share_projects, "0.00%"),
    n(r.share_amount, "0.00%"),
    n(r.prior_projects, "0"),
    n(r.prior_amount, "0.00"),
    n(r.yoy_projects, "0.00%"),
    n(r.yoy_amount, "0.00%"),
  ];
  if (bd.kind === "stage") cells.push(n(r.conversion ?? null, "0.00%"));
  return cells;
}

function keyCells(p: KeyProject, zh: boolean): Cell[] {
  const kind =
    p.amount_kind === "signed"
      ? zh
        ? "签约金额"
        : "signed"
      : p.amount_kind === "planned"
        ? zh
          ? "计划总投资"
          : "planned"
        : null;
  const event = p.event === "signed" ? (zh ? "签约" : "signed") : zh ? "开工" : "started";
  return [
    { value: p.rank, numFmt: "0", role: "value" },
    { value: p.name, role: "region" },
    { value: p.region, role: "value" },
    { value: p.industry, role: "value" },
    { value: p.investor, role: "value" },
    { value: p.amount, numFmt: "0.00", role: "value" },
    { value: kind, role: "value" },
    { value: event, role: "value" },
    { value: p.date, role: "value" },
  ];
}
