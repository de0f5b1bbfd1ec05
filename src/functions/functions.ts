/**
 * INVEST.* custom functions. Each is a thin adapter: it reads cells and ranges (src/functions/elementwise.ts)
 * and calls the metric's single definition in src/core/metrics.ts.
 *
 * The JSDoc below is the source of the generated functions.json (zh-CN, the manifest's default locale); the
 * English texts live in src/functions/locales/en-US.json and are merged at build time. `@customfunction`
 * carries an explicit ASCII id so that formulas written by code work in every Excel language.
 * CustomFunctions.associate calls are appended by custom-functions-metadata-plugin's loader.
 */
import { completionRate as completionRateMetric, MetricResult, yoyGrowth as yoyGrowthMetric } from "../core/metrics";
import { Argument, Grid, Result, elementwise, errorFor } from "./elementwise";

/** Map a metric result to a cell value or an Excel error with an explanation. */
function toCell(r: MetricResult, zeroBase: { zh: string; en: string }): Result {
  if (r.ok) return r.value;
  if (r.reason === "zero_base") return errorFor("div0", zeroBase.zh, zeroBase.en);
  return errorFor("value", "输入不是有效数字。", "An input is not a valid number.");
}

/**
 * 完成率：实际完成值 ÷ 年度目标任务（“完成年度目标任务的 X%”）。可输入单元格或区域，区域逐格计算并溢出为同样大小的结果。目标为 0 或空白时返回 #DIV/0!。
 * @customfunction COMPLETION_RATE
 * @param actual 实际完成值（累计），单元格或区域。
 * @param target 年度目标任务，单元格或区域；为 0 或空白时结果为 #DIV/0!。
 * @returns 完成率（小数；设置为百分比格式即显示为 102.14%）。
 */
export function completionRate(actual: any[][], target: any[][]): any[][] {
  const args: Argument[] = [
    { name: "actual", zh: "实际完成值", grid: actual as Grid },
    { name: "target", zh: "年度目标", grid: target as Grid },
  ];
  return elementwise(args, ([a, t]) =>
    toCell(completionRateMetric(a, t), {
      zh: "年度目标为 0 或空白，无法计算完成率。请填写目标任务。",
      en: "The annual target is 0 or blank, so the completion rate cannot be computed. Enter the target.",
    }),
  );
}

/**
 * 同比增长：(本期 − 上年同期) ÷ |上年同期|。也可用于环比。上年同期为 0 或空白时返回 #DIV/0!（报告中写“新增”）；为负数时按其绝对值计算。
 * @customfunction YOY_GROWTH
 * @param current 本期值，单元格或区域。
 * @param prior 上年同期值（或上期值），单元格或区域；为 0 或空白时结果为 #DIV/0!。
 * @returns 增长率（小数；设置为百分比格式显示）。
 */
export function yoyGrowth(current: any[][], prior: any[][]): any[][] {
  const args: Argument[] = [
    { name: "current", zh: "本期值", grid: current as Grid },
    { name: "prior", zh: "上年同期值", grid: prior as Grid },
  ];
  return elementwise(args, ([c, p]) =>
    toCell(yoyGrowthMetric(c, p), {
      zh: "上年同期为 0 或空白，同比增长无法计算（报告中通常写“新增”）。",
      en: "The prior-period value is 0 or blank, so growth cannot be computed (reports write \"new\").",
    }),
  );
}
