/**
 * The formulas that read the data sheets (台账, 到位资金, 目标任务, 汇总数) with SUMIFS/COUNTIFS: a region's reported
 * figure, the ledger's value and has-data test, a target; a region with its descendants (card by level) and a 本级
 * row. The same rules as the builder (./flat-card.ts, ./report-card.ts), so cached values and recalculation agree.
 */
import { FIGURES, FUNDS, LEDGER, TARGETS } from "../core/columns";
import { daysInMonth } from "../core/dates";
import type { Metric } from "../core/model";
import { criterionText, pathCriterion } from "../core/regions";
import type { Language } from "../i18n/language";
import { columnRef, type FormulaOptions, quote } from "./sheet-grid";
import { labelsOf } from "./sheet-labels";
import type { Briefing, RowPlan } from "./types";

/** The layout's options, resolved, and the briefing it lays out. */
export interface Ctx {
  o: Required<Omit<FormulaOptions, "language">> & { language: Language };
  b: Briefing;
}

/** The reported figure of a region (criterion `r`: a cell, an escaping expression, or a quoted literal), year `y`. */
export function figureAggregates(
  ctx: Ctx,
  metric: Metric,
  r: string,
  y: number,
): { figCount: string; figValue: string } {
  const G = (f: string) => columnRef(FIGURES, f, ctx.o.refs);
  const figCrit = `${G("year")},${y},${G("through_month")},${ctx.b.span.toMonth},${G("region")},${r},${G("metric")},${quote(ctx.o.metricLabel(metric))},${G("scope")},"",${G("status")},"<>备选"`;
  return { figCount: `COUNTIFS(${figCrit})`, figValue: `SUMIFS(${G("value")},${figCrit})` };
}

/**
 * The ledger's aggregates of one metric for the rows whose `column` (所属地区, or 地区路径 for a region with its
 * descendants) meets criterion `r`, year `y`: [has-data test, value].
 */
function ledgerAggregates(
  ctx: Ctx,
  metric: Metric,
  column: "region" | "region_path",
  r: string,
  y: number,
): { hasData: string; value: string } {
  const { refs } = ctx.o;
  const L = (f: string) => columnRef(LEDGER, f, refs);
  const F = (f: string) => columnRef(FUNDS, f, refs);
  const m = ctx.b.span.toMonth;
  const last = daysInMonth(y, m);
  const inSpan = (col: string) => `${col},">="&DATE(${y},1,1),${col},"<="&DATE(${y},${m},${last})`;
  const inYear = (col: string) => `${col},">="&DATE(${y},1,1),${col},"<="&DATE(${y},12,31)`;
  const LR = L(column),
    FR = F(column);
  switch (metric) {
    case "signed_projects":
      return {
        hasData: `COUNTIFS(${LR},${r},${inYear(L("signed_date"))})`,
        value: `COUNTIFS(${LR},${r},${inSpan(L("signed_date"))})`,
      };
    case "signed_amount":
      return {
        hasData: `COUNTIFS(${LR},${r},${inYear(L("signed_date"))},${L("signed_amount")},"<>")`,
        value: `SUMIFS(${L("signed_amount")},${LR},${r},${inSpan(L("signed_date"))})`,
      };
    case "projects_started":
      return {
        hasData: `COUNTIFS(${LR},${r},${inYear(L("started_date"))})`,
        value: `COUNTIFS(${LR},${r},${inSpan(L("started_date"))})`,
      };
    case "funds_in_place":
      return {
        hasData: `COUNTIFS(${FR},${r},${inYear(F("date"))})`,
        value: `SUMIFS(${F("amount")},${FR},${r},${inSpan(F("date"))})`,
      };
    case "funds_in_place_out_of_province":
      return {
        hasData: `COUNTIFS(${FR},${r},${inYear(F("date"))})`,
        value: `SUMIFS(${F("amount")},${FR},${r},${inSpan(F("date"))},${F("out_of_province")},${ctx.o.outOfProvinceCriterion})`,
      };
  }
}

/** The conditional aggregates of one metric, region criterion `r` (a cell, or an escaping expression of it), year `y`: [figure test, figure value, has-data test, ledger value]. */
function aggregates(
  ctx: Ctx,
  metric: Metric,
  r: string,
  y: number,
): { figCount: string; figValue: string; hasData: string; value: string } {
  return { ...figureAggregates(ctx, metric, r, y), ...ledgerAggregates(ctx, metric, "region", r, y) };
}

/**
 * The actual (or prior) of a region with its descendants, in the report card by level (rules: ./report-card.ts): the
 * region's own reported figure if any; else the ledger over its 地区路径 subtree, where each descendant's reported
 * figure known when the sheet was written replaces that descendant's part of the ledger; blank without any data.
 */
export function subtreeFormula(ctx: Ctx, metric: Metric, plan: RowPlan, y: number): { actual: string; source: string } {
  const own = figureAggregates(ctx, metric, quote(criterionText(plan.region)), y);
  const whole = ledgerAggregates(ctx, metric, "region_path", quote(pathCriterion(plan.path, true)), y);
  const figs = plan.figures[y === ctx.b.span.year ? 0 : 1].map((f) => ({
    fig: figureAggregates(ctx, metric, quote(criterionText(f.region)), y),
    part: ledgerAggregates(ctx, metric, "region_path", quote(pathCriterion(f.path, true)), y),
  }));
  const anyFig = figs.map((f) => `${f.fig.figCount}>0`);
  const swapped = figs.map((f) => `+IF(${f.fig.figCount}>0,${f.fig.figValue}-${f.part.value},0)`).join("");
  const present = figs.length > 0 ? `OR(${whole.hasData}>0,${anyFig.join(",")})` : `${whole.hasData}>0`;
  const actual = `=IF(${own.figCount}>0,${own.figValue},IF(${present},${whole.value}${swapped},""))`;
  const [figLabel, ledgerLabel, mixedLabel] = labelsOf(ctx.o.language).source;
  const ledgerRest =
    figs.length > 0
      ? `${whole.hasData}${figs.map((f) => `-IF(${f.fig.figCount}>0,${f.part.hasData},0)`).join("")}`
      : whole.hasData;
  const source =
    figs.length > 0
      ? `=IF(${own.figCount}>0,${quote(figLabel)},IF(OR(${anyFig.join(",")}),IF(${ledgerRest}>0,${quote(mixedLabel)},${quote(figLabel)}),IF(${whole.hasData}>0,${quote(ledgerLabel)},"")))`
      : `=IF(${own.figCount}>0,${quote(figLabel)},IF(${whole.hasData}>0,${quote(ledgerLabel)},""))`;
  return { actual, source };
}

/** A 本级 row: the ledger of the region itself (its exact 地区路径), never a figure (a figure stands for the subtree). */
export function ownFormula(ctx: Ctx, metric: Metric, plan: RowPlan, y: number): { actual: string; source: string } {
  const a = ledgerAggregates(ctx, metric, "region_path", quote(pathCriterion(plan.path, false)), y);
  const ledgerLabel = labelsOf(ctx.o.language).source[1];
  return { actual: `=IF(${a.hasData}>0,${a.value},"")`, source: `=IF(${a.hasData}>0,${quote(ledgerLabel)},"")` };
}

/** The actual (y = the year) or prior (y = the year before) of a region: figure if any, else the ledger, else blank. */
export function actualFormula(ctx: Ctx, metric: Metric, regionCell: string, y: number): string {
  const a = aggregates(ctx, metric, regionCell, y);
  return `=IF(${a.figCount}>0,${a.figValue},IF(${a.hasData}>0,${a.value},""))`;
}

export function sourceFormula(ctx: Ctx, metric: Metric, regionCell: string, y: number): string {
  const a = aggregates(ctx, metric, regionCell, y);
  const [fig, ledger] = labelsOf(ctx.o.language).source;
  return `=IF(${a.figCount}>0,${quote(fig)},IF(${a.hasData}>0,${quote(ledger)},""))`;
}

export function targetFormula(ctx: Ctx, metric: Metric, regionCell: string): string {
  const T = (f: string) => columnRef(TARGETS, f, ctx.o.refs);
  const crit = `${T("year")},${ctx.b.span.year},${T("region")},${regionCell},${T("metric")},${quote(ctx.o.metricLabel(metric))}`;
  return `IF(COUNTIFS(${crit})>0,SUMIFS(${T("value")},${crit}),`;
}
