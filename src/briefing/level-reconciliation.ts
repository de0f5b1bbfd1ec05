/**
 * 核对 of the card by level, per metric: where a reported figure and the ledger differ, where 合计 is the
 * jurisdiction's figure rather than the rows' sum, how a value is composed of its parts' figures, where growth is
 * withheld (not like for like), and which alternative figures (备选) were not used.
 */
import { formatAmount } from "../core/format";
import { METRIC_INFO, type Metric } from "../core/model";
import { MK, slot } from "./level-tally";
import type { LevelCard, PlannedRow } from "./level-rows";
import { sumOf } from "./rows";
import type { BriefingRow, ReconciliationEntry } from "./types";

const unitZh = (m: Metric) => (METRIC_INFO[m].unit === "yi" ? "亿元" : m === "signed_projects" ? "项" : "个");
const unitEn = (m: Metric, v: number) =>
  METRIC_INFO[m].unit === "yi" ? "(100m CNY)" : v === 1 ? "project" : "projects";
const fmt = (v: number | null) => (v === null ? "—" : formatAmount(v, 2));

/** The words of one metric's entries. */
interface Words {
  c: LevelCard;
  metric: Metric;
  k: number;
  year: number;
  zh: string;
  en: string;
  period: (y: number) => string;
  periodEn: (y: number) => string;
}

const same = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

/** Every entry for one metric's table (`rows`: the planned rows behind `out`). */
export function reconcileMetric(
  c: LevelCard,
  metric: Metric,
  throughMonth: number,
  rows: readonly PlannedRow[],
  out: readonly BriefingRow[],
): ReconciliationEntry[] {
  const year = c.t.ctx.year;
  const w: Words = {
    c,
    metric,
    k: MK[metric],
    year,
    zh: METRIC_INFO[metric].zh,
    en: METRIC_INFO[metric].en,
    period: (y) => `${y === 0 ? year : year - 1}年1-${throughMonth}月`,
    periodEn: (y) => `${y === 0 ? year : year - 1} through month ${throughMonth}`,
  };
  const entries: ReconciliationEntry[] = [];
  const counted = out.filter((r) => r.role !== "zone");
  for (let y = 0; y < 2; y++) {
    entries.push(...figureVsLedger(w, y));
    const total = totalFigure(w, y, counted);
    if (total) entries.push(total);
  }
  out.forEach((r, ri) => {
    if (r.role === "own") return;
    entries.push(...composed(w, r, rows[ri].node));
    if (!r.plan!.comparable && r.actual !== null && r.prior !== null) entries.push(notComparable(w, r, rows[ri].node));
  });
  entries.push(...alternatives(w));
  return entries;
}

/** A reported figure and the ledger's own sum for the same region differ. */
function figureVsLedger(w: Words, y: number): ReconciliationEntry[] {
  const { c, metric, zh, en } = w;
  const entries: ReconciliationEntry[] = [];
  for (const node of c.v.post) {
    const v = c.v.vals[w.k][y][node];
    if (v.fig === undefined || !v.any) continue;
    const ledgerValue = v.comp.value();
    if (same(ledgerValue, v.fig)) continue;
    const name = c.h.names[node];
    entries.push({
      kind: "figure_vs_ledger",
      region: name,
      metric,
      year: y === 0 ? w.year : w.year - 1,
      used: v.fig,
      figure: v.fig,
      ledger: ledgerValue,
      message: `${name} ${w.period(y)}${zh}：汇总数为 ${fmt(v.fig)}${unitZh(metric)}，台账（含下级的汇总数）合计为 ${fmt(ledgerValue)}${unitZh(metric)}，相差 ${fmt(v.fig - ledgerValue)}${unitZh(metric)}；采用汇总数（统计部门的整体数，台账可能不全）。`,
      message_en: `${name}, ${en}, ${w.periodEn(y)}: the reported figure is ${fmt(v.fig)} ${unitEn(metric, v.fig)}, the ledger (with its parts' figures) adds up to ${fmt(ledgerValue)}, a difference of ${fmt(v.fig - ledgerValue)}; the reported figure is used (the official whole; the ledger may be incomplete).`,
    });
  }
  return entries;
}

/** 合计 from the jurisdiction's figure, against the rows. */
function totalFigure(w: Words, y: number, counted: readonly BriefingRow[]): ReconciliationEntry | null {
  const { c, metric, zh, en } = w;
  const fig = c.t.figureOf(c.J, w.k, y);
  const rowsSum = sumOf(counted.map((r) => (y === 0 ? r.actual : r.prior)));
  if (fig === undefined || rowsSum === null || same(rowsSum, fig)) return null;
  return {
    kind: "total_figure",
    region: c.jName,
    metric,
    year: y === 0 ? w.year : w.year - 1,
    used: fig,
    figure: fig,
    ledger: rowsSum,
    message: `合计${w.period(y)}${zh}采用${c.jName}的汇总数 ${fmt(fig)}${unitZh(metric)}；上表各行之和为 ${fmt(rowsSum)}${unitZh(metric)}（差额 ${fmt(fig - rowsSum)}${unitZh(metric)} 是各行以外或口径不同的部分）。`,
    message_en: `The total ${en} for ${w.periodEn(y)} is ${c.jName}'s reported figure, ${fmt(fig)}; the rows above add up to ${fmt(rowsSum)} (the difference, ${fmt(fig - rowsSum)}, lies outside the rows or in a different scope).`,
  };
}

/** A row without a figure of its own, made of its parts' figures (and the rest of the ledger). */
function composed(w: Words, r: BriefingRow, node: number): ReconciliationEntry[] {
  const { c, metric, zh, en } = w;
  const vals = c.v.vals[w.k];
  const entries: ReconciliationEntry[] = [];
  for (let y = 0; y < 2; y++) {
    const v = vals[y][node];
    const value = y === 0 ? r.actual : r.prior;
    if (!v || value === null || v.fig !== undefined || v.inner.length === 0) continue;
    const parts = v.inner.map((i) => `${c.h.names[i]} ${fmt(vals[y][i].fig!)}`);
    const partsSum = sumOf(v.inner.map((i) => vals[y][i].fig!))!;
    const rest = v.ledger ? value - partsSum : null;
    entries.push({
      kind: "composed",
      region: r.region,
      metric,
      year: y === 0 ? w.year : w.year - 1,
      used: value,
      figure: partsSum,
      ledger: rest,
      message: `${r.region} ${w.period(y)}${zh} ${fmt(value)}${unitZh(metric)}：${r.region}本身没有汇总数，由下级的汇总数（${parts.join("、")}）${rest !== null ? `加上台账中其余部分 ${fmt(rest)}${unitZh(metric)}` : ""}组成。`,
      message_en: `${r.region}, ${en}, ${w.periodEn(y)}: ${fmt(value)}. ${r.region} has no reported figure of its own: the value is its parts' figures (${parts.join(", ")})${rest !== null ? ` plus ${fmt(rest)} from the rest of the ledger` : ""}.`,
    });
  }
  return entries;
}

/** Growth withheld: this year's and last year's values come from different sources. */
function notComparable(w: Words, r: BriefingRow, node: number): ReconciliationEntry {
  const { c, metric, zh, en } = w;
  const describe = (y: number, zhMode: boolean) => {
    const list = y === 0 ? r.figure_regions! : r.prior_figure_regions!;
    const vv = c.v.vals[w.k][y][node];
    if (list.length === 0) return zhMode ? "台账" : "the ledger";
    const names = list.join(zhMode ? "、" : ", ");
    return zhMode
      ? `${names}的汇总数${vv?.ledger ? "加台账" : ""}`
      : `the reported figures of ${names}${vv?.ledger ? " plus the ledger" : ""}`;
  };
  return {
    kind: "not_comparable",
    region: r.region,
    metric,
    year: w.year,
    used: r.actual,
    figure: null,
    ledger: null,
    message: `${r.region} ${zh}：本期 ${fmt(r.actual)}${unitZh(metric)}来自${describe(0, true)}，上年同期 ${fmt(r.prior)}${unitZh(metric)}来自${describe(1, true)}，口径不同，不计算同比。`,
    message_en: `${r.region}, ${en}: this period's ${fmt(r.actual)} comes from ${describe(0, false)}, last year's ${fmt(r.prior)} from ${describe(1, false)}: not like for like, so no growth is given.`,
  };
}

/** Other reported figures for the same region and period (备选): which one is used, and how to switch. */
function alternatives(w: Words): ReconciliationEntry[] {
  const { c, metric, zh, en } = w;
  const entries: ReconciliationEntry[] = [];
  for (const node of c.v.post) {
    const alts = c.t.alternatives.get(slot(node, w.k, 0));
    if (!alts) continue;
    const used = c.t.figureOf(node, w.k, 0) ?? null;
    const name = c.h.names[node];
    entries.push({
      kind: "alternatives",
      region: name,
      metric,
      year: w.year,
      used,
      figure: used,
      ledger: null,
      alternatives: alts,
      message: `${name} ${w.period(0)}${zh}：采用 ${fmt(used)}${unitZh(metric)}，备选 ${alts.map((a) => `${fmt(a.value)}${unitZh(metric)}`).join("、")}（各数来源见汇总数表）。要改用备选数，在汇总数表中对调“采用/备选”。`,
      message_en: `${name}, ${en}, ${w.periodEn(0)}: ${fmt(used)} is used; alternatives ${alts.map((a) => fmt(a.value)).join(", ")} (sources in the figures table). To use another, swap 采用/备选 in the figures table.`,
    });
  }
  return entries;
}
