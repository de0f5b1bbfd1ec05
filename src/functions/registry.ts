/**
 * The INVEST.* functions by id, and the shape of each one's result: what a host other than Excel needs to run them
 * (the HyperFormula engine of the tests and the offline preview, the simulated Excel host). Excel itself gets the
 * same functions through the CustomFunctions.associate calls generated from the JSDoc.
 */
import { broadcastShapes } from "../core/period-aggregate";
import {
  completionRate,
  paceGap,
  paceStatus,
  periodCount,
  periodLabel,
  periodSum,
  remainingTarget,
  requiredMonthlyPace,
  samePeriodLastYear,
  share,
  timeProgress,
  yoyGrowth,
} from "./functions";

/** A lookup table keyed by function id without Object.prototype behind it: a host asking for "constructor" or
 * "toString" finds nothing, not a built-in. */
function table<T>(entries: Record<string, T>): Record<string, T> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}

/** Every custom function by its id (as in functions.json). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a table of functions of differing arities, called by id with whatever cells the host passes
export const INVEST_FUNCTIONS: Record<string, (...args: any[]) => any> = table({
  COMPLETION_RATE: completionRate,
  YOY_GROWTH: yoyGrowth,
  TIME_PROGRESS: timeProgress,
  PACE_GAP: paceGap,
  PACE_STATUS: paceStatus,
  SHARE: share,
  REMAINING_TARGET: remainingTarget,
  REQUIRED_MONTHLY_PACE: requiredMonthlyPace,
  PERIOD_SUM: periodSum,
  PERIOD_COUNT: periodCount,
  PERIOD_LABEL: periodLabel,
  SAME_PERIOD_LAST_YEAR: samePeriodLastYear,
});

/** [rows, columns] of an argument or a result. */
export type Shape = [number, number];

/**
 * The shape of a function's result from the shapes of the arguments actually given (in call order, each occurrence of
 * a repeating parameter separately): the spill size a host must reserve before it computes anything. Null when the
 * shapes cannot pair (the function then returns a single #VALUE!).
 */
export type ResultShape = (argShapes: Shape[]) => Shape | null;

/** Element-wise functions: the broadcast of all arguments. */
export const elementwiseShape: ResultShape = (shapes) => broadcastShapes(shapes);

/**
 * PERIOD_SUM / PERIOD_COUNT: the ranges are aggregated; the period and each criterion (every 2nd repeating argument)
 * set the result's shape. Values and criteria ranges of another size than the dates, or an odd number of criteria
 * arguments, are a single #VALUE!.
 */
function periodShape(datesIndex: number, periodIndex: number): ResultShape {
  return (shapes) => {
    const extra = shapes.slice(periodIndex + 1);
    if (extra.length % 2 !== 0) return null;
    const dates = shapes[datesIndex] ?? [1, 1];
    const ranges = [...shapes.slice(0, datesIndex), ...extra.filter((_, i) => i % 2 === 0)];
    if (ranges.some(([r, c]) => r !== dates[0] || c !== dates[1])) return null;
    return broadcastShapes([shapes[periodIndex] ?? [1, 1], ...extra.filter((_, i) => i % 2 === 1)]);
  };
}

export const INVEST_RESULT_SHAPES: Record<string, ResultShape> = table({
  COMPLETION_RATE: elementwiseShape,
  YOY_GROWTH: elementwiseShape,
  TIME_PROGRESS: elementwiseShape,
  PACE_GAP: elementwiseShape,
  PACE_STATUS: elementwiseShape,
  SHARE: elementwiseShape,
  REMAINING_TARGET: elementwiseShape,
  REQUIRED_MONTHLY_PACE: elementwiseShape,
  PERIOD_SUM: periodShape(1, 2),
  PERIOD_COUNT: periodShape(0, 1),
  PERIOD_LABEL: elementwiseShape,
  SAME_PERIOD_LAST_YEAR: elementwiseShape,
});
