/**
 * INVEST.* custom functions. Each is a thin adapter: it reads cells and ranges (src/functions/elementwise.ts)
 * and calls the metric's single definition in src/core/metrics.ts.
 *
 * The JSDoc below is the source of the generated functions.json (zh-CN, the manifest's default locale); the
 * English texts live in src/functions/locales/en-US.json and are merged at build time. `@customfunction`
 * carries an explicit ASCII id so that formulas written by code work in every Excel language.
 * CustomFunctions.associate calls are appended by custom-functions-metadata-plugin's loader.
 */
import { CalendarDate, coerceDate, workbookSerialDate } from "../core/dates";
import {
  completionRate as completionRateMetric,
  DEFAULT_PACE_TOLERANCE,
  MetricResult,
  PACE_STATUS_LABELS,
  paceGap as paceGapMetric,
  paceStatusFromGap,
  ProgressBasis,
  remainingTarget as remainingTargetMetric,
  requiredMonthlyPace as requiredMonthlyPaceMetric,
  share as shareMetric,
  timeProgress as timeProgressMetric,
  yoyGrowth as yoyGrowthMetric,
} from "../core/metrics";
import {
  parsePeriod,
  Period,
  periodLabelEn,
  periodLabelZh,
  samePeriodLastYear as samePeriodLastYearOf,
} from "../core/period";
import {
  CellGrid,
  CellRole,
  MAX_BUCKETS,
  periodAggregate,
  PeriodAggregateRequest,
  periodFromCell,
} from "../core/period-aggregate";
import type { Language } from "../i18n/language";
import {
  Argument,
  CellValue,
  Grid,
  Result,
  cellToNumber,
  elementwise,
  errorFor,
  notANumber,
  readGrid,
} from "./elementwise";
import { FunctionError, functionError, isFunctionError } from "./errors";
import { ArgLabel, isBlankLike, readCell } from "./cells";
import { serialOffset } from "./date-system";
import { parseLanguageArgument, workbookLanguage } from "./language";

/**
 * Map a metric result to a cell value or an Excel error. A zero base is #DIV/0! and a result beyond Excel's range
 * #NUM!, as Excel's own arithmetic gives them; neither carries a message, because Excel shows none for these codes
 * (src/functions/errors.ts). The help text and docs/functions.md say which argument causes them.
 */
function toCell(r: MetricResult): Result {
  if (r.ok) return r.value;
  switch (r.reason) {
    case "zero_base":
      return functionError("div0");
    case "overflow":
      return functionError("num");
    default:
      return errorFor("value", "输入不是有效数字。", "An input is not a valid number.");
  }
}

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

/* ───────────────────────── shared argument readers ───────────────────────── */

type Message = { zh: string; en: string };

/**
 * A date argument (Excel serial, ISO text, 2025/3/31, 2025年3月31日, full width too; "2025-03" is the end of March) or
 * a #VALUE! naming the argument. A serial is read in the workbook's date system (src/functions/date-system.ts): 0 is a
 * blank cell as Excel desktop passes it, and a negative serial is no date in either system.
 */
function readDate(arg: Pick<Argument, "name" | "zh">, value: CellValue): CalendarDate | FunctionError {
  const d =
    typeof value === "number" ? (value === 0 ? null : workbookSerialDate(value, serialOffset())) : coerceDate(value);
  if (d) return d;
  const shown = String(value ?? "").slice(0, 30);
  if (isBlankLike(value)) {
    return errorFor(
      "value",
      `参数“${arg.zh}”（${arg.name}）为空：请填写日期，例如 2025-03-31。`,
      `Argument ${arg.name} is blank: enter a date such as 2025-03-31.`,
    );
  }
  return errorFor(
    "value",
    `参数“${arg.zh}”（${arg.name}）不是有效日期：“${shown}”。请填写 Excel 日期，或 2025-03-31、2025-03 这样的文本。`,
    `Argument ${arg.name} is not a valid date: "${shown}". Enter an Excel date, or text such as 2025-03-31 or 2025-03.`,
  );
}

/** basis: blank (or 0, a blank cell on Excel desktop) → "month"; "month"/"月"/"按月" or "day"/"日"/"按日"
 * (case-insensitive); else #VALUE! saying what is accepted. */
function readBasis(value: CellValue): ProgressBasis | FunctionError {
  if (isBlankLike(value)) return "month";
  const t = typeof value === "string" ? value.normalize("NFKC").trim().toLowerCase() : "";
  if (t === "month" || t === "月" || t === "按月" || t === "months") return "month";
  if (t === "day" || t === "日" || t === "按日" || t === "天" || t === "days") return "day";
  const shown = String(value).slice(0, 30);
  return errorFor(
    "value",
    `参数“计算口径”（basis）只能是 "month"（按月，默认：已过完整月份 ÷ 12）或 "day"（按日：当年已过天数 ÷ 全年天数），不能是“${shown}”。`,
    `Argument basis must be "month" (default: completed months ÷ 12) or "day" (days elapsed ÷ days in the year), not "${shown}".`,
  );
}

/** language: blank (or 0, a blank cell on Excel desktop) follows the workbook. */
function readLanguage(value: CellValue): Language | FunctionError {
  const lang = isBlankLike(value) ? null : parseLanguageArgument(value);
  if (lang === null) return workbookLanguage();
  if (lang) return lang;
  const shown = String(value).slice(0, 30);
  return errorFor(
    "value",
    `参数“语言”（language）只能是 "zh-CN"（中文）或 "en-US"（English），或留空跟随工作簿语言，不能是“${shown}”。`,
    `Argument language must be "zh-CN" or "en-US", or blank to follow the workbook, not "${shown}".`,
  );
}

const isError = (v: unknown): v is FunctionError => isFunctionError(v);

/** Argument names as the function wizard shows them, with the Chinese label messages use. */
const ACTUAL = { name: "actual", zh: "实际完成值" };
const TARGET = { name: "target", zh: "年度目标" };
const AS_OF = { name: "as_of_date", zh: "截至日期" };
const BASIS = { name: "basis", zh: "计算口径" };

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

const PERIOD_FORMS: Message = {
  zh: "可用的报告期：2025（全年）、2025Q1（季度）、2025H1（半年）、2025M03（月）、2025Q2YTD（1-6月累计，另有 H1YTD、M05YTD），以及 2025年一季度、2025年上半年、2025年前三季度、2025年1-5月、2025年5月、2025年全年。",
  en: "Accepted periods: 2025 (year), 2025Q1 (quarter), 2025H1 (half), 2025M03 (month), 2025Q2YTD (Jan–Jun year to date; also H1YTD, M05YTD), and the Chinese forms 2025年一季度, 2025年上半年, 2025年前三季度, 2025年1-5月, 2025年5月, 2025年全年.",
};

function aggregate(
  values: unknown | null,
  dates: unknown,
  period: unknown,
  criteria: unknown,
  countOnly: boolean,
): unknown[][] {
  const given = Array.isArray(criteria) ? criteria : criteria === null || criteria === undefined ? [] : [criteria];
  if (given.length % 2 !== 0) {
    return [
      [
        errorFor(
          "value",
          `条件须成对填写：条件区域1, 条件1, 条件区域2, 条件2…（现有 ${given.length} 个，缺少最后一个条件）。`,
          `Criteria come in pairs: criteria_range1, criterion1, criteria_range2, criterion2… (got ${given.length}; the last criterion is missing).`,
        ),
      ],
    ];
  }
  // Every range as a rectangular grid, or one #VALUE! naming the malformed argument (src/functions/elementwise.ts).
  const grid = (v: unknown, label: ArgLabel): CellGrid | FunctionError => {
    const read = readGrid(v, label);
    return read.ok ? read.grid : read.error;
  };
  const grids: (CellGrid | FunctionError)[] = [
    countOnly ? [] : grid(values, LABELS.values),
    grid(dates, LABELS.dates),
    grid(period, LABELS.period),
    ...given.map((g, i) => grid(g, labelOf(i % 2 === 0 ? "criteria_range" : "criterion", Math.floor(i / 2)))),
  ];
  const malformed = grids.find((g): g is FunctionError => !Array.isArray(g));
  if (malformed) return [[malformed]];
  const [valuesGrid, datesGrid, periodGrid, ...pairs] = grids as CellGrid[];
  // Objects in cells (data types, error cells) are read during the core's one pass by readCell
  // (src/functions/cells.ts): basic values, or returnable errors, which the core treats as error values — never
  // matching in a criteria range or as a date, propagated from a matching value, a period or a criterion.
  const req: PeriodAggregateRequest = {
    values: countOnly ? null : valuesGrid,
    dates: datesGrid,
    periods: periodGrid,
    criteria: [],
    dateSerialOffset: serialOffset(),
    zeroIsBlank: true,
    readObject: (v, role, pair) => readCell(v, labelOf(role, pair)),
  };
  for (let i = 0; i < pairs.length; i += 2) req.criteria.push({ range: pairs[i], criterion: pairs[i + 1] });
  const outcome = periodAggregate(req);
  if (!outcome.ok) {
    if (outcome.reason === "range_size") {
      const [er, ec] = outcome.expected;
      const [ar, ac] = outcome.actual;
      const which =
        outcome.index < 0
          ? { zh: "金额", en: "values" }
          : { zh: `条件区域${outcome.index + 1}`, en: `criteria_range${outcome.index + 1}` };
      return [
        [
          errorFor(
            "value",
            `“${which.zh}”区域为 ${ar}×${ac}，与“日期”区域 ${er}×${ec} 大小不一致：各区域应逐行对应台账的同一批行。`,
            `${which.en} is ${ar}x${ac} but dates is ${er}x${ec}: every range must cover the same ledger rows.`,
          ),
        ],
      ];
    }
    if (outcome.reason === "too_large") {
      return [
        [
          errorFor(
            "value",
            `一次计算的“条件组合 × 月份”过多（${outcome.buckets}，上限 ${MAX_BUCKETS}）：请减少条件个数，或把相隔很远的年份分开计算。`,
            `Too many criteria combinations × months in one call (${outcome.buckets}, limit ${MAX_BUCKETS}): use fewer criteria, or split periods years apart into separate calls.`,
          ),
        ],
      ];
    }
    const shown = outcome.shapes.map(([r, c]) => `${r}×${c}`).join("、");
    return [
      [
        errorFor(
          "value",
          `报告期与各条件的区域大小无法对应（${shown}）：应为单个单元格，或同样大小的区域（一行与一列可交叉展开）。`,
          `The periods and criteria cannot be paired (${shown.replace(/×/g, "x").replace(/、/g, ", ")}): give single cells or ranges of the same size (a row and a column expand into a table).`,
        ),
      ],
    ];
  }
  return outcome.cells.map((line) =>
    line.map((cell) => {
      if (cell.ok) return cell.value;
      switch (cell.reason) {
        case "error_value":
          return cell.error as FunctionError;
        case "overflow":
          return functionError("num");
        default:
          return unknownPeriod(cell.input);
      }
    }),
  );
}

const LABELS: Record<Exclude<CellRole, "criteria_range" | "criterion">, ArgLabel> = {
  values: { name: "values", zh: "金额" },
  dates: { name: "dates", zh: "日期" },
  period: { name: "period", zh: "报告期" },
};

function labelOf(role: CellRole, pair: number): ArgLabel {
  if (role === "criteria_range") return { name: `criteria_range${pair + 1}`, zh: `条件区域${pair + 1}` };
  if (role === "criterion") return { name: `criterion${pair + 1}`, zh: `条件${pair + 1}` };
  return LABELS[role];
}

/** #VALUE! for a period that is not one, listing the accepted forms; a blank (or 0) period says it is blank. */
function unknownPeriod(input: unknown): FunctionError {
  if (isBlankLike(input)) {
    return errorFor("value", `报告期为空。${PERIOD_FORMS.zh}`, `The period is blank. ${PERIOD_FORMS.en}`);
  }
  const shown = String(input).slice(0, 30);
  return errorFor(
    "value",
    `报告期“${shown}”无法识别。${PERIOD_FORMS.zh}`,
    `Period "${shown}" is not recognised. ${PERIOD_FORMS.en}`,
  );
}

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
  return aggregate(values, dates, period, criteria, false);
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
  return aggregate(null, dates, period, criteria, true);
}

/* ───────────────────────── period helpers for headings and 同期 ───────────────────────── */

function readPeriod(value: CellValue): Period | FunctionError {
  return periodFromCell(value) ?? unknownPeriod(value);
}

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
