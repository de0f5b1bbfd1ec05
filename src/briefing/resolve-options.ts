/**
 * The briefing's options checked and worked out once (the period and its year-to-date span, the as-of date and time
 * progress, the metrics, the breakdowns), so that both cards read the same numbers. A bad option is a BriefingError
 * saying, in Chinese and English, what to write instead.
 */
import { DEFAULT_PACE_TOLERANCE, timeProgress } from "../core/metrics";
import { isMetric, METRICS, type Metric } from "../core/model";
import { parsePeriod, type Period, periodEnd, samePeriodLastYear, yearToDate } from "../core/period";
import { type CalendarDate, parseIsoDate } from "../core/dates";
import { BriefingError } from "./errors";
import type { RowContext } from "./rows";
import { BREAKDOWN_KINDS, type BriefingOptions } from "./types";

export interface ResolvedOptions extends RowContext {
  /** The period as asked (its code is the briefing's period). */
  parsed: Period;
  /** January through the period's last month, and the same months a year earlier. */
  span: Period;
  priorSpan: Period;
  year: number;
  throughMonth: number;
  /** The metrics to report, in order; explicitMetrics: they were asked for (a table is shown even without data). */
  wanted: readonly Metric[];
  explicitMetrics: boolean;
}

export function resolveOptions(options: BriefingOptions): ResolvedOptions {
  const parsed = parsePeriod(options.period);
  if (!parsed) {
    throw new BriefingError(
      "BAD_PERIOD",
      `无法识别报告期“${options.period}”，请写成 2025Q1、2025H1、2025M05YTD 或“2025年一季度”等形式。`,
      `Unrecognised period "${options.period}": write 2025Q1, 2025H1, 2025M05YTD or 2025年一季度.`,
    );
  }
  const span = yearToDate(parsed);
  const basis = options.basis ?? "month";
  const asOf = asOfDate(options.asOf, span);
  const wanted = wantedMetrics(options);
  checkBreakdowns(options);
  return {
    parsed,
    span,
    priorSpan: samePeriodLastYear(span),
    year: span.year,
    throughMonth: span.toMonth,
    asOf,
    basis,
    tolerance: options.tolerance ?? DEFAULT_PACE_TOLERANCE,
    timeProgress: timeProgress(asOf, basis),
    wanted,
    explicitMetrics: !!(options.metrics && options.metrics.length > 0),
  };
}

/** The as-of date asked for, else the last day of the span. */
function asOfDate(asked: string | undefined, span: Period): CalendarDate {
  if (!asked) return periodEnd(span);
  const d = parseIsoDate(asked);
  if (!d)
    throw new BriefingError(
      "BAD_AS_OF",
      `截至日期“${asked}”不是 YYYY-MM-DD 格式。`,
      `As-of date "${asked}" is not YYYY-MM-DD.`,
    );
  return d;
}

function wantedMetrics(options: BriefingOptions): readonly Metric[] {
  const wanted: readonly Metric[] = options.metrics && options.metrics.length > 0 ? options.metrics : METRICS;
  const badMetric = wanted.find((m) => !isMetric(m));
  if (badMetric !== undefined) {
    throw new BriefingError(
      "UNKNOWN_METRIC",
      `未知指标“${String(badMetric)}”。可用：${METRICS.join("、")}。`,
      `Unknown metric "${String(badMetric)}". Metrics: ${METRICS.join(", ")}.`,
    );
  }
  return wanted;
}

function checkBreakdowns(options: BriefingOptions): void {
  const badBreakdown = (options.breakdowns ?? []).find((k) => !(BREAKDOWN_KINDS as readonly string[]).includes(k));
  if (badBreakdown !== undefined) {
    throw new BriefingError(
      "UNKNOWN_BREAKDOWN",
      `未知分类“${String(badBreakdown)}”。可用：${BREAKDOWN_KINDS.join("、")}。`,
      `Unknown breakdown "${String(badBreakdown)}". Breakdowns: ${BREAKDOWN_KINDS.join(", ")}.`,
    );
  }
}
