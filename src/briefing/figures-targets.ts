/**
 * Rules both cards (side by side and by level) apply to the small tables: which reported figure (汇总数) is the
 * actual, and the notes when a region has several figures or targets for the same metric (they are added up).
 */
import { metricInfo } from "../core/model";
import type { BriefingWarning } from "./types";

/** A reported figure applies as the actual when its scope is blank and it is not marked 备选. */
export function figureApplies(f: { scope?: string | null; status?: string | null }): boolean {
  return (f.scope == null || String(f.scope).trim() === "") && f.status !== "备选";
}

function metricZh(metric: string): string {
  return metricInfo(metric)?.zh ?? metric;
}

/** `n` (> 1) whole-scope figures in use for one region, metric and year: added up. */
export function duplicateFigureWarning(
  region: string,
  metric: string,
  year: number | string,
  throughMonth: number,
  n: number,
): BriefingWarning {
  return {
    code: "duplicate_figure",
    message: `汇总数中 ${region} ${year} 年 1-${throughMonth} 月“${metricZh(metric)}”有 ${n} 条整体口径且采用的数值，已相加；请只保留一条为“采用”。`,
    message_en: `${n} whole-scope figures in use for ${region}, ${metric}, ${year} through month ${throughMonth}: they were added up; mark only one 采用.`,
  };
}

/** `n` (> 1) targets for one region, metric and year: added up. */
export function duplicateTargetWarning(region: string, metric: string, year: number, n: number): BriefingWarning {
  return {
    code: "duplicate_target",
    message: `目标任务中 ${region} ${year} 年“${metricZh(metric)}”有 ${n} 条，已相加。`,
    message_en: `${n} targets for ${region}, ${metric}, ${year}: they were added up.`,
  };
}
