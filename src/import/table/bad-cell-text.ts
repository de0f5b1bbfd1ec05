/**
 * The words of the message about a cell that cannot be read, per kind of problem: what is wrong and what to do, in
 * zh-CN and en-US. One table so that every field type says it the same way (./cell-issues.ts builds the message).
 */

/** What is wrong with a cell. */
export type BadKind =
  | "error_value"
  | "date_trailing"
  | "date"
  | "phantom_date"
  | "amount"
  | "negative"
  | "count"
  | "year"
  | "month"
  | "metric"
  | "stage"
  | "investor_type"
  | "boolean"
  | "status"
  | "level"
  | "order";

/** [what it is (zh), what it is (en), what to do (zh), what to do (en)] per kind of bad cell. */
export const BAD_TEXT: Record<BadKind, [string, string, string, string]> = {
  error_value: [
    "是 Excel 的错误值，不是数据",
    "is an Excel error value, not data",
    "请在 Excel 中改正产生错误的公式（或填写实际的值）后重新导入。",
    "Correct the formula that gives the error in Excel (or enter the actual value) and import again.",
  ],
  date_trailing: [
    "在日期后面还有其他文字，不能确定是哪一天",
    "has other text after the date, so which day it means is not certain",
    "请只写一个日期，如 2025-03-31；说明文字请写在备注里。",
    "Write one date only, e.g. 2025-03-31; put remarks in 备注 (notes).",
  ],
  date: [
    "不是可识别的日期",
    "is not a date",
    "请写成 2025-02-19、2025/2/19、2025年2月19日，或只写月份 2025年2月。",
    "Write it like 2025-02-19, 2025/2/19, 2025年2月19日, or the month only: 2025年2月.",
  ],
  phantom_date: [
    "是 Excel 日期序号 60，即并不存在的 1900年2月29日（Excel 沿用 Lotus 1-2-3 的闰年错误，把 1900 年当作闰年）",
    "is Excel date serial 60, the nonexistent 29 February 1900 (Excel keeps Lotus 1-2-3's leap-year bug and counts 1900 as a leap year)",
    "请改成真实的日期。",
    "Enter a real date.",
  ],
  amount: [
    "不是金额",
    "is not an amount",
    "请填写数字，如 3500、3500万元 或 0.35亿元（列名中可注明单位，如“签约金额（万元）”）。",
    "Enter a number such as 3500, 3500万元 or 0.35亿元 (the column title may give the unit, e.g. 签约金额（万元）).",
  ],
  negative: [
    "是负数，金额不能为负",
    "is negative; amounts cannot be negative",
    "请填写实际金额；如要冲减，请改正原记录。",
    "Enter the actual amount; to reverse an entry, correct the original row.",
  ],
  count: ["不是个数", "is not a count", "请填写不小于 0 的整数，如 23 或 23个。", "Enter a whole number ≥ 0, e.g. 23."],
  year: ["不是年份", "is not a year", "请填写四位年份，如 2025。", "Enter a four-digit year, e.g. 2025."],
  month: [
    "不是月份",
    "is not a month",
    "请填写 1-12 的数字，如 3（一季度）、6（上半年）、12（全年）。",
    "Enter 1-12, e.g. 3 (Q1), 6 (H1), 12 (full year).",
  ],
  metric: [
    "不是可识别的指标",
    "is not a known metric",
    "可用：签约项目数、签约金额、到位资金、省外到位资金、开工项目数。",
    "Use one of: 签约项目数, 签约金额, 到位资金, 省外到位资金, 开工项目数.",
  ],
  stage: [
    "不是可识别的项目阶段",
    "is not a known stage",
    "可用：在谈、签约、开工、投产（也可写 洽谈、已签约、已开工、竣工投产 等）。",
    "Use 在谈 (negotiating), 签约 (signed), 开工 (started) or 投产 (in production), or a synonym such as 洽谈, 已签约, 已开工, 竣工投产.",
  ],
  investor_type: [
    "不是可识别的企业类型",
    "is not a known investor type",
    "可用：世界500强、中国500强、央企、民营500强、上市公司、其他。",
    "Use 世界500强, 中国500强, 央企, 民营500强, 上市公司 or 其他.",
  ],
  boolean: [
    "不是“是/否”",
    "is not yes/no",
    "请填写 是 或 否（也可写 Y/N、省外/省内）。",
    "Write 是 or 否 (or Y/N, 省外/省内).",
  ],
  status: [
    "不是可识别的状态",
    "is not a known status",
    "请填写 采用 或 备选。",
    "Write 采用 (adopted) or 备选 (alternative).",
  ],
  level: [
    "不是可识别的级别",
    "is not a known level",
    "可用：省、市州、县区、园区（也可写 市、州、县、区、开发区）。",
    "Use 省 (province), 市州 (prefecture), 县区 (county) or 园区 (zone or park).",
  ],
  order: ["不是数字", "is not a number", "排序请填写数字，如 1、2、3。", "Write a number such as 1, 2, 3."],
};
