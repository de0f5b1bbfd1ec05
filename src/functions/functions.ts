/**
 * INVEST.* custom functions. Each is a thin adapter: it reads cells and ranges (src/functions/elementwise.ts),
 * its arguments with the shared readers (./arguments.ts, ./period-totals.ts), and calls the metric's single
 * definition in src/core (metrics.ts, period-aggregate.ts).
 *
 * The JSDoc below is the source of the generated functions.json (zh-CN, the manifest's default locale); the
 * English texts live in src/functions/locales/en-US.json and are merged at build time. `@customfunction`
 * carries an explicit ASCII id so that formulas written by code work in every Excel language.
 * CustomFunctions.associate calls are appended by custom-functions-metadata-plugin's loader. The generator reads this
 * file alone (webpack.config.js): every `@customfunction` stays here, and helpers live in the modules it imports.
 */
import {
  completionRate as completionRateMetric,
  DEFAULT_PACE_TOLERANCE,
  PACE_STATUS_LABELS,
  paceGap as paceGapMetric,
  paceStatusFromGap,
  remainingTarget as remainingTargetMetric,
  requiredMonthlyPace as requiredMonthlyPaceMetric,
  share as shareMetric,
  timeProgress as timeProgressMetric,
  yoyGrowth as yoyGrowthMetric,
} from "../core/metrics";
import { parsePeriod, periodLabelEn, periodLabelZh, samePeriodLastYear as samePeriodLastYearOf } from "../core/period";
import { Argument, Grid, cellToNumber, elementwise, errorFor, notANumber } from "./elementwise";
import { isBlankLike } from "./cells";
import { ACTUAL, AS_OF, BASIS, isError, readBasis, readDate, readLanguage, TARGET, toCell } from "./arguments";
import { periodTotals, readPeriod } from "./period-totals";

/**
 * 完成率：实际完成值 ÷ 年度目标任务（“完成年度目标任务的 X%”）。可输入单元格或区域，区域逐格计算并溢出为同样大小的结果。目标为 0 或空白时返回 #DIV/0!。
 * @customfunction COMPLETION_RATE
 * @param actual 实际完成值（累计），单元格或区域。
 * @param target 年度目标任务，单元格或区域；为 0 或空白时结果为 #DIV/0!。
 * @returns 完成率（小数；设置为百分比格式即显示为 102.14%）。
 */
export function completionRate(actual: unknown[][], target: unknown[][]): unknown[][] {
  const args: Argument[] = [
    { ...ACTUAL, grid: actual as Grid },
    { ...TARGET, grid: target as Grid },
  ];
  return elementwise(args, ([a, t]) => toCell(completionRateMetric(a, t)));
}

/**
 * 同比增长：(本期 − 上年同期) ÷ |上年同期|。也可用于环比。上年同期为 0 或空白时返回 #DIV/0!（报告中写“新增”）；为负数时按其绝对值计算。
 * @customfunction YOY_GROWTH
 * @param current 本期值，单元格或区域。
 * @param prior 上年同期值（或上期值），单元格或区域；为 0 或空白时结果为 #DIV/0!。
 * @returns 增长率（小数；设置为百分比格式显示）。
 */
export function yoyGrowth(current: unknown[][], prior: unknown[][]): unknown[][] {
  const args: Argument[] = [
    { name: "current", zh: "本期值", grid: current as Grid },
    { name: "prior", zh: "上年同期值", grid: prior as Grid },
  ];
  return elementwise(args, ([c, p]) => toCell(yoyGrowthMetric(c, p)));
}

/* ───────────────────────── 序时进度 family ───────────────────────── */

/**
 * 序时进度：截至某日全年时间过去的比例。按月（默认，与公开报告口径一致）= 已过完整月份 ÷ 12，月末当天计入该月，季末得 25%/50%/75%/100%；按日 = 当年已过天数（含当日）÷ 全年天数。日期可为 Excel 日期或 2025-03-31、2025-03 这样的文本。
 * @customfunction TIME_PROGRESS
 * @param as_of_date 截至日期（Excel 日期或 ISO 文本；“2025-03”表示 3 月末），单元格或区域。
 * @param [basis] 计算口径："month"（按月，默认）或 "day"（按日）。
 * @returns 序时进度（小数；设置为百分比格式显示）。
 */
export function timeProgress(as_of_date: unknown[][], basis?: unknown[][]): unknown[][] {
  return elementwise(
    [
      { ...AS_OF, grid: as_of_date as Grid },
      { ...BASIS, grid: (basis ?? null) as Grid },
    ],
    (_, [d, b]) => {
      const date = readDate(AS_OF, d);
      if (isError(date)) return date;
      const mode = readBasis(b);
      if (isError(mode)) return mode;
      return timeProgressMetric(date, mode);
    },
    { numeric: [false, false] },
  );
}

/**
 * 超/欠序时进度：完成率 − 序时进度，单位为百分点（一季度末完成 30.90% 即超序时进度 5.90 个百分点，负数为落后）。目标为 0 或空白时返回 #DIV/0!。
 * @customfunction PACE_GAP
 * @param actual 实际完成值（累计），单元格或区域。
 * @param target 年度目标任务，单元格或区域；为 0 或空白时结果为 #DIV/0!。
 * @param as_of_date 截至日期（Excel 日期或 ISO 文本）。
 * @param [basis] 序时进度口径："month"（按月，默认）或 "day"（按日）。
 * @returns 与序时进度之差，单位为百分点（5.9 表示超出 5.9 个百分点）。
 */
export function paceGap(
  actual: unknown[][],
  target: unknown[][],
  as_of_date: unknown[][],
  basis?: unknown[][],
): unknown[][] {
  return elementwise(
    [
      { ...ACTUAL, grid: actual as Grid },
      { ...TARGET, grid: target as Grid },
      { ...AS_OF, grid: as_of_date as Grid },
      { ...BASIS, grid: (basis ?? null) as Grid },
    ],
    ([a, t], [, , d, b]) => {
      const date = readDate(AS_OF, d);
      if (isError(date)) return date;
      const mode = readBasis(b);
      if (isError(mode)) return mode;
      return toCell(paceGapMetric(a, t, date, mode));
    },
    { numeric: [true, true, false, false] },
  );
}

/**
 * 进度状态：比较完成率与序时进度，返回“超序时”（不低于序时进度）、“正常”（落后不超过容差，默认 10 个百分点）或“滞后”（落后超过容差）；英文工作簿返回 Ahead / On track / Behind。语言跟随工作簿（Office 的编辑语言，其次显示语言，否则中文），也可用 language 参数指定。目标为 0 或空白时返回 #DIV/0!。
 * @customfunction PACE_STATUS
 * @param actual 实际完成值（累计），单元格或区域。
 * @param target 年度目标任务，单元格或区域；为 0 或空白时结果为 #DIV/0!。
 * @param as_of_date 截至日期（Excel 日期或 ISO 文本）。
 * @param [basis] 序时进度口径："month"（按月，默认）或 "day"（按日）。
 * @param [tolerance] 容差：落后多少个百分点以内仍算“正常”；留空或 0 取默认 10（Excel 桌面版把空白单元格作为 0 传入，两者无法区分）。
 * @param [language] 返回文字的语言："zh-CN" 或 "en-US"；留空跟随工作簿。
 * @returns 状态文字：超序时 / 正常 / 滞后。
 */
export function paceStatus(
  actual: unknown[][],
  target: unknown[][],
  as_of_date: unknown[][],
  basis?: unknown[][],
  tolerance?: unknown[][],
  language?: unknown[][],
): unknown[][] {
  const tolArg = { name: "tolerance", zh: "容差" };
  return elementwise(
    [
      { ...ACTUAL, grid: actual as Grid },
      { ...TARGET, grid: target as Grid },
      { ...AS_OF, grid: as_of_date as Grid },
      { ...BASIS, grid: (basis ?? null) as Grid },
      { ...tolArg, grid: (tolerance ?? null) as Grid },
      { name: "language", zh: "语言", grid: (language ?? null) as Grid },
    ],
    ([a, t], [, , d, b, tol, lang]) => {
      const date = readDate(AS_OF, d);
      if (isError(date)) return date;
      const mode = readBasis(b);
      if (isError(mode)) return mode;
      // A blank tolerance (null, or 0 as Excel desktop passes a blank cell) is the default: 0 cannot be told apart.
      let points = DEFAULT_PACE_TOLERANCE;
      if (!isBlankLike(tol)) {
        const n = cellToNumber(tol);
        if (n === null) return notANumber(tolArg, tol);
        points = n;
      }
      const lg = readLanguage(lang);
      if (isError(lg)) return lg;
      const gap = paceGapMetric(a, t, date, mode);
      if (!gap.ok) return toCell(gap);
      return PACE_STATUS_LABELS[lg][paceStatusFromGap(gap.value, points)];
    },
    { numeric: [true, true, false, false, false, false] },
  );
}

/* ───────────────────────── shares and what is left ───────────────────────── */

/**
 * 占比（贡献率、比重）：部分 ÷ 总量，例如某市到位资金占全省的比重，也用于到位率（到位资金 ÷ 签约金额）和开工率（开工项目 ÷ 签约项目）。总量为 0 或空白时返回 #DIV/0!。
 * @customfunction SHARE
 * @param part 部分，单元格或区域。
 * @param total 总量，单元格或区域；为 0 或空白时结果为 #DIV/0!。
 * @returns 占比（小数；设置为百分比格式显示）。
 */
export function share(part: unknown[][], total: unknown[][]): unknown[][] {
  return elementwise(
    [
      { name: "part", zh: "部分", grid: part as Grid },
      { name: "total", zh: "总量", grid: total as Grid },
    ],
    ([p, t]) => toCell(shareMetric(p, t)),
  );
}

/**
 * 剩余目标：年度目标 − 实际完成值，已完成目标时为 0（不会为负）。
 * @customfunction REMAINING_TARGET
 * @param actual 实际完成值（累计），单元格或区域。
 * @param target 年度目标任务，单元格或区域。
 * @returns 尚需完成的量（与输入同单位，例如亿元或个）。
 */
export function remainingTarget(actual: unknown[][], target: unknown[][]): unknown[][] {
  return elementwise(
    [
      { ...ACTUAL, grid: actual as Grid },
      { ...TARGET, grid: target as Grid },
    ],
    ([a, t]) => toCell(remainingTargetMetric(a, t)),
  );
}

/**
 * 月均需完成：为完成年度目标，截至日期之后剩余各月平均每月需完成的量（剩余目标 ÷ 剩余月数，按月口径，月末当天计入该月）。目标已完成时为 0；年末已无剩余月份而目标未完成时返回 #DIV/0!。
 * @customfunction REQUIRED_MONTHLY_PACE
 * @param actual 实际完成值（累计），单元格或区域。
 * @param target 年度目标任务，单元格或区域。
 * @param as_of_date 截至日期（Excel 日期或 ISO 文本）。
 * @returns 剩余各月月均需完成的量。
 */
export function requiredMonthlyPace(actual: unknown[][], target: unknown[][], as_of_date: unknown[][]): unknown[][] {
  return elementwise(
    [
      { ...ACTUAL, grid: actual as Grid },
      { ...TARGET, grid: target as Grid },
      { ...AS_OF, grid: as_of_date as Grid },
    ],
    ([a, t], [, , d]) => {
      const date = readDate(AS_OF, d);
      if (isError(date)) return date;
      return toCell(requiredMonthlyPaceMetric(a, t, date));
    },
    { numeric: [true, true, false] },
  );
}

/* ───────────────────────── period totals (SUMIFS by reporting period) ───────────────────────── */

/**
 * 按报告期求和（懂报告期的 SUMIFS）：对日期落在报告期内、且满足各条件的行求和金额。报告期如 2025、2025Q1、2025H1、2025M03、2025Q2YTD（1-6月）或 2025年一季度、2025年1-5月；报告期为区域时逐个计算并溢出。条件与 SUMIFS 相同：文本不区分大小写，可用 * ? ~ 通配符，可加 = <> < <= > >= 比较符（如 ">10"、"<>西宁市"、">=2025-01-01"）。日期可为 Excel 日期或 2025-02-19、2025-02 这样的文本；空白日期不计入。金额中的数字和数字文本计入，其他文本忽略。
 * @customfunction PERIOD_SUM
 * @param values 要求和的金额区域（例如签约金额列）。
 * @param dates 日期区域，与金额区域逐行对应（例如签约日期列）。
 * @param period 报告期，单个单元格或一行/一列报告期（结果溢出）。
 * @param [criteria] 条件区域与条件，成对填写：条件区域1, 条件1, 条件区域2, 条件2…；条件可为一列区域，结果按条件展开。
 * @returns 各报告期的合计。
 */
export function periodSum(
  values: unknown[][],
  dates: unknown[][],
  period: unknown[][],
  criteria?: unknown[][][],
): unknown[][] {
  return periodTotals(values, dates, period, criteria, false);
}

/**
 * 按报告期计数（懂报告期的 COUNTIFS）：统计日期落在报告期内、且满足各条件的行数，例如一季度签约项目数。报告期与条件的写法同 PERIOD_SUM；空白日期不计入。
 * @customfunction PERIOD_COUNT
 * @param dates 日期区域（例如签约日期列）。
 * @param period 报告期，单个单元格或一行/一列报告期（结果溢出）。
 * @param [criteria] 条件区域与条件，成对填写：条件区域1, 条件1, 条件区域2, 条件2…
 * @returns 各报告期的行数。
 */
export function periodCount(dates: unknown[][], period: unknown[][], criteria?: unknown[][][]): unknown[][] {
  return periodTotals(null, dates, period, criteria, true);
}

/* ───────────────────────── period helpers for headings and 同期 ───────────────────────── */

/**
 * 报告期名称：把报告期代码写成报告里的说法，用作表头或简报标题，例如 2025Q1YTD → “2025年一季度”，2025H1 → “2025年上半年”，2025M05YTD → “2025年1-5月”；英文工作簿返回 Q1 2025 等。语言跟随工作簿，也可用 language 参数指定。
 * @customfunction PERIOD_LABEL
 * @param period 报告期（2025Q1、2025H1YTD、2025年1-5月 等），单元格或区域。
 * @param [language] 语言："zh-CN" 或 "en-US"；留空跟随工作簿。
 * @returns 报告期的名称。
 */
export function periodLabel(period: unknown[][], language?: unknown[][]): unknown[][] {
  return elementwise(
    [
      { name: "period", zh: "报告期", grid: period as Grid },
      { name: "language", zh: "语言", grid: (language ?? null) as Grid },
    ],
    (_, [p, lang]) => {
      const parsed = readPeriod(p);
      if (!("fromMonth" in parsed)) return parsed; // an error (a Period has a `code` too, so isError cannot tell)
      const lg = readLanguage(lang);
      if (isError(lg)) return lg;
      return lg === "zh-CN" ? `${parsed.year}年${periodLabelZh(parsed)}` : periodLabelEn(parsed);
    },
    { numeric: [false, false] },
  );
}

/**
 * 上年同期：同一报告期提前一年的代码，例如 2025Q1YTD → 2024Q1YTD，“2025年上半年” → 2024H1。可直接作为 PERIOD_SUM 的报告期，与本期一起计算同比增长。
 * @customfunction SAME_PERIOD_LAST_YEAR
 * @param period 报告期（2025Q1、2025H1YTD、2025年1-5月 等），单元格或区域。
 * @returns 上年同期的报告期代码。
 */
export function samePeriodLastYear(period: unknown[][]): unknown[][] {
  return elementwise(
    [{ name: "period", zh: "报告期", grid: period as Grid }],
    (_, [p]) => {
      const parsed = readPeriod(p);
      if (!("fromMonth" in parsed)) return parsed; // an error (a Period has a `code` too, so isError cannot tell)
      if (parsed.year <= 1900) {
        return errorFor("value", "1900 年之前没有可用的报告期。", "There is no reporting period before 1900.");
      }
      const prior = samePeriodLastYearOf(parsed);
      // Codes such as 2025M02-M04 (from 2025年2-4月) are not period codes themselves: give the Chinese form, which is.
      return parsePeriod(prior.code) ? prior.code : `${prior.year}年${prior.fromMonth}-${prior.toMonth}月`;
    },
    { numeric: [false] },
  );
}
