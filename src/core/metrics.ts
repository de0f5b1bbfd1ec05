/**
 * The metric definitions of a 成绩单 — the ONE place they live. Custom functions, the briefing builder,
 * the exporters and the task pane all call these; none re-derives a formula.
 *
 * Every metric returns a MetricResult instead of a bare number so that callers can tell "not computable"
 * apart from a value and say why (a custom function turns `zero_base` into #DIV/0!, the briefing into a
 * blank cell): never Infinity, never NaN, never a misleading 0%.
 */
import { CalendarDate, dayOfYear, daysInMonth, daysInYear } from "./dates";

export type MetricFailure =
  /** The denominator (target, prior, total) is zero. */
  | "zero_base"
  /** An input is not a finite number. */
  | "not_a_number"
  /** The inputs are finite but the result is beyond what Excel holds (1e308 ÷ 1e-308; see {@link fitsExcel}). */
  | "overflow";

export type MetricResult = { ok: true; value: number } | { ok: false; reason: MetricFailure };

/**
 * The largest number Excel holds: "Largest allowed positive number 9.99999999999999E+307" (Excel specifications and
 * limits). JavaScript goes on to 1.797E+308, so a result in between is a number here that Excel cannot show.
 */
export const EXCEL_MAX_NUMBER = 9.99999999999999e307;

/** The ONE rule for "too large for Excel": a finite number whose size Excel can hold. Results failing it are #NUM!. */
export function fitsExcel(x: number): boolean {
  return typeof x === "number" && Number.isFinite(x) && Math.abs(x) <= EXCEL_MAX_NUMBER;
}

/** Every success passes through here: a result Excel cannot hold is reported, never returned (nor Infinity). */
const ok = (value: number): MetricResult =>
  fitsExcel(value) ? { ok: true, value } : { ok: false, reason: "overflow" };
const fail = (reason: MetricFailure): MetricResult => ({ ok: false, reason });
const finite = (...xs: number[]) => xs.every((x) => typeof x === "number" && Number.isFinite(x));

/** The value, or null when not computable (the briefing and JSON outputs use null). */
export function valueOrNull(r: MetricResult): number | null {
  return r.ok ? r.value : null;
}

/** 完成率: actual ÷ annual target ("完成年度目标任务的 X%"). A zero target is not computable. */
export function completionRate(actual: number, target: number): MetricResult {
  if (!finite(actual, target)) return fail("not_a_number");
  if (target === 0) return fail("zero_base");
  return ok(actual / target);
}

/**
 * 同比增长: (current − prior) ÷ |prior|. Dividing by |prior| keeps the sign meaningful when the base is
 * negative (a loss that shrank is growth). A zero prior is not computable: reports write 新增 there.
 * Also serves 环比 (against the previous period).
 */
export function yoyGrowth(current: number, prior: number): MetricResult {
  if (!finite(current, prior)) return fail("not_a_number");
  if (prior === 0) return fail("zero_base");
  return ok((current - prior) / Math.abs(prior));
}

/** 占比 / 贡献率 (share of the total): part ÷ total. */
export function share(part: number, total: number): MetricResult {
  if (!finite(part, total)) return fail("not_a_number");
  if (total === 0) return fail("zero_base");
  return ok(part / total);
}

export type ProgressBasis = "month" | "day";

/**
 * 序时进度: the share of the year elapsed at a date.
 * - "month" (default, as published reports compute it): completed months ÷ 12. A month counts as completed
 *   on its last day, so 3-31 gives 25%, 5-31 gives 41.67%, and 4-15 still gives 25%.
 * - "day": days elapsed, the date included, ÷ days in the year (3-31-2025 gives 90/365).
 */
export function timeProgress(asOf: CalendarDate, basis: ProgressBasis = "month"): number {
  if (basis === "day") return dayOfYear(asOf) / daysInYear(asOf.year);
  const completed = asOf.day >= daysInMonth(asOf.year, asOf.month) ? asOf.month : asOf.month - 1;
  return completed / 12;
}

/**
 * 超/欠序时进度: completion rate − time progress, in PERCENTAGE POINTS (30.90% done at the end of March
 * is 5.90 points ahead). Rounded to 1e-9 so that exact ties are 0 rather than float dust.
 */
export function paceGap(
  actual: number,
  target: number,
  asOf: CalendarDate,
  basis: ProgressBasis = "month",
): MetricResult {
  const rate = completionRate(actual, target);
  if (!rate.ok) return rate;
  return ok(cleanFloat((rate.value - timeProgress(asOf, basis)) * 100));
}

export type PaceStatus = "ahead" | "on_track" | "behind";

/** Default tolerance of PACE_STATUS, in percentage points behind time progress that still count as 正常. */
export const DEFAULT_PACE_TOLERANCE = 10;

/**
 * Traffic light on the pace gap:
 * - ahead (超序时, green): on or ahead of time progress (gap ≥ 0);
 * - on_track (正常, amber): behind, but by no more than `tolerance` points;
 * - behind (滞后, red): more than `tolerance` points behind.
 * The default tolerance follows the rule one city publishes (yellow from 10 points behind); places differ,
 * so it is a setting.
 */
export function paceStatusFromGap(gapPoints: number, tolerance: number = DEFAULT_PACE_TOLERANCE): PaceStatus {
  if (gapPoints >= 0) return "ahead";
  return gapPoints >= -Math.abs(tolerance) ? "on_track" : "behind";
}

export const PACE_STATUS_LABELS: Record<"zh-CN" | "en-US", Record<PaceStatus, string>> = {
  "zh-CN": { ahead: "超序时", on_track: "正常", behind: "滞后" },
  "en-US": { ahead: "Ahead", on_track: "On track", behind: "Behind" },
};

/** 剩余目标: what is still to be done this year (never negative: a target met leaves 0). */
export function remainingTarget(actual: number, target: number): MetricResult {
  if (!finite(actual, target)) return fail("not_a_number");
  return ok(Math.max(0, target - actual));
}

/**
 * 月均需完成: the monthly pace needed in the months left after `asOf` to meet the target.
 * In December's last day there are no months left: if the target is unmet that is not computable.
 */
export function requiredMonthlyPace(actual: number, target: number, asOf: CalendarDate): MetricResult {
  const remaining = remainingTarget(actual, target);
  if (!remaining.ok) return remaining;
  const monthsLeft = 12 - Math.round(timeProgress(asOf, "month") * 12);
  if (monthsLeft === 0) return remaining.value === 0 ? ok(0) : fail("zero_base");
  return ok(remaining.value / monthsLeft);
}

/**
 * Strip float dust (1e-15) without changing a value anyone could see: round to 1e-9. Only where that rounding is
 * exact: from 2^53 / 1e9 (about 9e6) on a double has no digits at 1e-9 to clean, and x × 1e9 would overflow to
 * Infinity past 1.8E+299, so larger values are returned as they are.
 */
export function cleanFloat(x: number): number {
  if (!(Math.abs(x) < CLEAN_LIMIT)) return x;
  return Math.round(x * 1e9) / 1e9;
}
const CLEAN_LIMIT = 2 ** 53 / 1e9;
