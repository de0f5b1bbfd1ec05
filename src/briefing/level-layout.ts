/**
 * The rows of one metric table of the report card by level, and its total (rules: ./report-card.ts): each row's
 * cells use literal criteria on 地区路径 (its subtree, or exactly itself for 本级); 合计 is the jurisdiction's figure,
 * else the sum of the counted rows (其中 rows never), given as runs of ranges.
 */
import { TARGETS } from "../core/columns";
import { criterionText } from "../core/regions";
import { figureAggregates, ownFormula, subtreeFormula } from "./data-formulas";
import { paceCells, shareFormula, sourceLabel, yoyFormula } from "./row-cells";
import { a1, columnRef, COL, FMT, quote } from "./sheet-grid";
import { labelsOf, rowLabel } from "./sheet-labels";
import type { TableFrame } from "./table-frame";
import { type BriefingRow, TOTAL_REGION } from "./types";

/** Ranges of the given rows of a column, merged where contiguous ("$B$7:$B$9", "$B$11"). */
function runRefs(firstRow: number, rows: readonly number[], col: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < rows.length;) {
    let j = i;
    while (j + 1 < rows.length && rows[j + 1] === rows[j] + 1) j++;
    const a = a1(firstRow + rows[i], col, true, true);
    out.push(i === j ? a : `${a}:${a1(firstRow + rows[j], col, true, true)}`);
    i = j + 1;
  }
  return out;
}

/** fn(args…) over many ranges, as a sum of calls of at most 250 arguments each (Excel takes 255). */
function overRanges(fn: "SUM" | "COUNT", ranges: readonly string[]): string {
  if (ranges.length === 0) return "0";
  const parts: string[] = [];
  for (let i = 0; i < ranges.length; i += 250) parts.push(`${fn}(${ranges.slice(i, i + 250).join(",")})`);
  return parts.join("+");
}

/** The frame of a table by level, with its counted rows. */
interface LevelFrame extends TableFrame {
  /** Indexes of the rows that count in the total (the level's regions and 本级 rows). */
  counted: number[];
  /** Runs of ranges of the counted rows in a column. */
  runs: (col: number) => string[];
}

interface RowFormulas {
  actual: string;
  prior: string;
  target: string | undefined;
  source: string;
}

export function levelRows(frame: TableFrame): void {
  const { t, firstRow } = frame;
  const counted = t.rows.map((r, k) => (r.role === "zone" ? -1 : k)).filter((k) => k >= 0);
  const lf: LevelFrame = { ...frame, counted, runs: (col) => runRefs(firstRow, counted, col) };
  [...t.rows, t.total].forEach((row, k) => levelRow(lf, row, k === t.rows.length, firstRow + k));
}

/** A target's count and value for a region, by its literal name. */
function targetOf(lf: LevelFrame, region: string) {
  const { ctx, t } = lf;
  const T = (f: string) => columnRef(TARGETS, f, ctx.o.refs);
  const crit = `${T("year")},${ctx.b.span.year},${T("region")},${quote(criterionText(region))},${T("metric")},${quote(ctx.o.metricLabel(t.metric))}`;
  return { count: `COUNTIFS(${crit})`, value: `SUMIFS(${T("value")},${crit})` };
}

/** 合计: the jurisdiction's figure, else the sum of the counted rows; its target and source likewise. */
function totalFormulas(lf: LevelFrame, row: BriefingRow): RowFormulas {
  const { ctx, t, counted, runs } = lf;
  const plan = row.plan!;
  const year = ctx.b.span.year;
  const [figLabel, ledgerLabel, mixedLabel] = labelsOf(ctx.o.language).source;
  const jFig = (y: number) =>
    plan.region !== "" ? figureAggregates(ctx, t.metric, quote(criterionText(plan.region)), y) : null;
  const sumOf = (col: number, y: number) => {
    const fig = jFig(y);
    const sum =
      counted.length > 0 ? `IF(${overRanges("COUNT", runs(col))}>0,${overRanges("SUM", runs(col))},"")` : `""`;
    return fig ? `=IF(${fig.figCount}>0,${fig.figValue},${sum})` : `=${sum}`;
  };
  const jt = plan.region !== "" ? targetOf(lf, plan.region) : null;
  const tt = targetOf(lf, TOTAL_REGION);
  // The rows' targets add up to the whole only when every counted row with an actual has a target (./report-card.ts).
  const withBoth = runs(COL.actual)
    .map((x, i) => `COUNTIFS(${x},">-1E+300",${runs(COL.target)[i]},">-1E+300")`)
    .join("+");
  const summed =
    counted.length > 0
      ? `IF(AND(${overRanges("COUNT", runs(COL.target))}>0,${withBoth}=${overRanges("COUNT", runs(COL.actual))}),${overRanges("SUM", runs(COL.target))},"")`
      : `""`;
  const srcRuns = runs(COL.source);
  const n = (label: string) =>
    srcRuns.length > 0 ? srcRuns.map((x) => `COUNTIF(${x},${quote(label)})`).join("+") : "0";
  const combined = `IF(${n(ledgerLabel)}+${n(figLabel)}+${n(mixedLabel)}=0,"",IF(${n(ledgerLabel)}+${n(mixedLabel)}=0,${quote(figLabel)},IF(${n(figLabel)}+${n(mixedLabel)}=0,${quote(ledgerLabel)},${quote(mixedLabel)})))`;
  const fig = jFig(year);
  return {
    actual: sumOf(COL.actual, year),
    prior: sumOf(COL.prior, year - 1),
    target: `=${jt ? `IF(${jt.count}>0,${jt.value},` : ""}IF(${tt.count}>0,${tt.value},${summed})${jt ? ")" : ""}`,
    source: fig ? `=IF(${fig.figCount}>0,${quote(figLabel)},${combined})` : `=${combined}`,
  };
}

/** A region's row (its subtree) or a 本级 row (its own records, no target). */
function rowFormulas(lf: LevelFrame, row: BriefingRow): RowFormulas {
  const { ctx, t } = lf;
  const plan = row.plan!;
  const year = ctx.b.span.year;
  if (plan.role === "own") {
    const cur = ownFormula(ctx, t.metric, plan, year);
    return {
      actual: cur.actual,
      prior: ownFormula(ctx, t.metric, plan, year - 1).actual,
      target: undefined,
      source: cur.source,
    };
  }
  const cur = subtreeFormula(ctx, t.metric, plan, year);
  const tg = targetOf(lf, plan.region);
  return {
    actual: cur.actual,
    prior: subtreeFormula(ctx, t.metric, plan, year - 1).actual,
    target: `=IF(${tg.count}>0,${tg.value},"")`,
    source: cur.source,
  };
}

/** Growth only like for like: values of the same sources (decided when written), and for a sum, the same rows. */
function levelYoy(lf: LevelFrame, row: BriefingRow, isTotal: boolean, B: string, H: string): string | undefined {
  const { counted, runs } = lf;
  if (!row.plan!.comparable) return undefined;
  let extra = "";
  if (
    isTotal &&
    !((row.figure_regions?.length ?? 0) > 0 && (row.prior_figure_regions?.length ?? 0) > 0) &&
    counted.length > 0
  ) {
    const both = runs(COL.actual)
      .map((x, i) => `COUNTIFS(${x},">-1E+300",${runs(COL.prior)[i]},">-1E+300")`)
      .join("+");
    extra = `,${both}<>${overRanges("COUNT", runs(COL.actual))},${overRanges("COUNT", runs(COL.actual))}<>${overRanges("COUNT", runs(COL.prior))}`;
  }
  return yoyFormula(lf.live, B, H, extra);
}

function levelRow(lf: LevelFrame, row: BriefingRow, isTotal: boolean, r: number): void {
  const { ctx, t, firstRow, fmtValue, live, f, counted, runs } = lf;
  const language = ctx.o.language;
  const cells = lf.newRow();
  const A = (col: number) => a1(r, col);
  cells[COL.region] = { value: rowLabel(row, language, isTotal), role: isTotal ? "total" : "region" };
  const B = A(COL.actual),
    D = A(COL.rate);
  const fx = isTotal ? totalFormulas(lf, row) : rowFormulas(lf, row);
  cells[COL.actual] = { value: row.actual, formula: f(fx.actual), numFmt: fmtValue, role: "value" };
  cells[COL.prior] = { value: row.prior, formula: f(fx.prior), numFmt: fmtValue, role: "value" };
  cells[COL.target] = { value: row.target, formula: f(fx.target), numFmt: fmtValue, role: "value" };
  paceCells(cells, row, { B, C: A(COL.target), D, F: A(COL.gap) }, live, f, language);
  const yoyF = levelYoy(lf, row, isTotal, B, A(COL.prior));
  cells[COL.yoy] = { value: row.yoy_growth, formula: f(yoyF), numFmt: FMT.percent, role: "value" };
  const shareF = shareFormula(live, B, a1(firstRow + t.rows.length, COL.actual, true));
  cells[COL.share] = { value: row.share, formula: f(shareF), numFmt: FMT.percent, role: "value" };
  const rankF =
    !isTotal && row.plan!.role === "region" && counted.length > 0
      ? `=IF(${D}="","",${runs(COL.rate)
          .map((x) => `COUNTIFS(${x},">"&${D})`)
          .join("+")}+1)`
      : undefined;
  cells[COL.rank] = rankF
    ? { value: row.rank, formula: f(rankF), numFmt: FMT.rank, role: "value" }
    : { value: null, role: "value" };
  cells[COL.source] = { value: sourceLabel(row, labelsOf(language).source), formula: f(fx.source), role: "value" };
}
