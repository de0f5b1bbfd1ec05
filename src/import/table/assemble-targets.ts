/**
 * Target and reported-figure rows made targets and figures: year, region, metric and value required (a figure also
 * its through-month unless it has a scope); one target per region, metric and year, one adopted figure per region,
 * period, metric and scope (a repeat is rejected naming the first row); keyed for the duplicate check again once
 * region names are resolved (./resolve-regions.ts).
 */
import { METRIC_INFO, type Metric, type ReportedFigure, type Target } from "../../core/model";
import { regionKey } from "../../core/regions";
import { fieldDef } from "../fields";
import { missing } from "./cell-issues";
import { normKey } from "./keys";
import { sourceOf } from "./source-text";
import type { TableState } from "./state";
import type { ParsedRow } from "./types";

const REQUIRED = ["year", "region", "metric", "value"];

/** Every field present; each missing one said unless its cell (or, for the value, the metric's) already was. */
function requireAll(s: TableState, v: ParsedRow, row: number, fields: string[]): boolean {
  let ok = true;
  for (const f of fields) {
    if (v[f] === null || v[f] === undefined) {
      const said = s.rowHasErrorFor(f, row) || (f === "value" && s.rowHasErrorFor("metric", row));
      if (!said) missing(s, row, f);
      ok = false;
    }
  }
  return ok && s.rowErrors === 0;
}

export function assembleTarget(s: TableState, v: ParsedRow, row: number): { index: number } | null {
  if (!requireAll(s, v, row, REQUIRED)) return null;
  const t: Target = {
    year: v.year as number,
    region: v.region as string,
    metric: v.metric as Metric,
    value: v.value as number,
    source: sourceOf(s, v, row),
  };
  if (s.rowErrors > 0) return null;
  if (
    s.duplicate(row, `t:${t.year}|${regionKey(t.region)}|${t.metric}`, s.layout.colTitle.metric ?? null, (first) => [
      `${t.year} 年「${t.region}」的“${METRIC_INFO[t.metric].zh}”目标已在第 ${first} 行给出，本行未导入。一个地区、一个指标每年只能有一个目标，请删除或改正其中一行。`,
      `The ${t.year} target for "${t.region}" / ${METRIC_INFO[t.metric].en} is already given in row ${first}; row rejected. Keep one target per region, metric and year.`,
    ])
  )
    return null;
  if (s.opts.hierarchy)
    s.keyed.push({
      row,
      index: s.counts.targets,
      kind: "targets",
      region: t.region,
      before: `t:${t.year}|`,
      after: `|${t.metric}`,
      year: t.year,
      metric: t.metric,
    });
  s.counts.targets++;
  if (!s.keepNone) s.targets.push(t);
  return { index: s.counts.targets - 1 };
}

export function assembleFigure(s: TableState, v: ParsedRow, row: number): { index: number } | null {
  if (!requireAll(s, v, row, REQUIRED)) return null;
  const scope = (v.scope as string | null) ?? null;
  const month = throughMonth(s, v, scope, row);
  if (month === null) return null;
  const fig: ReportedFigure = {
    year: v.year as number,
    through_month: month,
    region: v.region as string,
    metric: v.metric as Metric,
    value: v.value as number,
    scope,
    source: sourceOf(s, v, row),
  };
  if (s.rowErrors > 0) return null;
  if (v.status) fig.status = v.status as "采用" | "备选";
  const status = fig.status ?? "采用";
  const key = `g:${fig.year}|${fig.through_month}|${regionKey(fig.region)}|${fig.metric}|${normKey(scope ?? "")}|${status}${status === "备选" ? `|${fig.value}` : ""}`;
  if (
    s.duplicate(row, key, s.layout.colTitle.metric ?? null, (first) => [
      `与第 ${first} 行是同一地区、同一时期、同一指标和口径的${status}数，本行未导入。同一口径只能有一个“采用”的数；另一个数请把状态标为“备选”。`,
      `Same region, period, metric and scope as row ${first} (both ${status === "采用" ? "adopted" : "alternative"}); row rejected. Keep one adopted figure per scope and mark the other 备选.`,
    ])
  )
    return null;
  if (s.opts.hierarchy) {
    const before = `g:${fig.year}|${fig.through_month}|`; // the key above, split around the region
    s.keyed.push({
      row,
      index: s.counts.figures,
      kind: "figures",
      region: fig.region,
      before,
      after: key.slice(before.length + regionKey(fig.region).length),
      year: fig.year,
      metric: fig.metric,
      month: fig.through_month,
    });
  }
  s.counts.figures++;
  if (!s.keepNone) s.figures.push(fig);
  return { index: s.counts.figures - 1 };
}

/**
 * The month a figure runs to; 0 for a scoped figure without one (not a year-to-date figure: see docs/import.md,
 * 截至月份留空 → 0); null when the row is rejected for it (said here, or by its cell already).
 */
function throughMonth(s: TableState, v: ParsedRow, scope: string | null, row: number): number | null {
  const month = v.through_month as number | null | undefined;
  if (month != null) return month;
  const colTitle = s.layout.colTitle.through_month;
  if (colTitle && s.rowHasErrorFor("through_month", row)) return null;
  if (scope) return 0;
  const def = fieldDef("figures", "through_month")!;
  s.issue(
    row,
    colTitle ?? def.label,
    "error",
    "缺少截至月份，本行未导入。年内累计数要写明截至几月（一季度为 3，全年为 12）；只有口径不为空的专项数（如某次活动、历届累计）可以不填。",
    "Through-month is missing; row rejected. A year-to-date figure needs the month it runs to (Q1 = 3, full year = 12); only scoped figures (an event, a cumulative total) may leave it blank.",
  );
  return null;
}
