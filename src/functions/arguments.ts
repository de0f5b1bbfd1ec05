/**
 * Readers of the arguments the INVEST.* functions share (a date, the 序时进度 basis, the language of returned text)
 * and the mapping of a metric's result to a cell. Each reader returns the value, or a #VALUE! that names the argument
 * and says what is accepted, so every function words the same mistake the same way.
 */
import { CalendarDate, coerceDate, workbookSerialDate } from "../core/dates";
import { MetricResult, ProgressBasis } from "../core/metrics";
import type { Language } from "../i18n/language";
import { Argument, CellValue, Result, errorFor } from "./elementwise";
import { FunctionError, functionError, isFunctionError } from "./errors";
import { isBlankLike } from "./cells";
import { serialOffset } from "./date-system";
import { parseLanguageArgument, workbookLanguage } from "./language";

/** Argument names as the function wizard shows them, with the Chinese label messages use. */
export const ACTUAL = { name: "actual", zh: "实际完成值" };
export const TARGET = { name: "target", zh: "年度目标" };
export const AS_OF = { name: "as_of_date", zh: "截至日期" };
export const BASIS = { name: "basis", zh: "计算口径" };

export const isError = (v: unknown): v is FunctionError => isFunctionError(v);

/**
 * Map a metric result to a cell value or an Excel error. A zero base is #DIV/0! and a result beyond Excel's range
 * #NUM!, as Excel's own arithmetic gives them; neither carries a message, because Excel shows none for these codes
 * (src/functions/errors.ts). The help text and docs/functions.md say which argument causes them.
 */
export function toCell(r: MetricResult): Result {
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
 * A date argument (Excel serial, ISO text, 2025/3/31, 2025年3月31日, full width too; "2025-03" is the end of March) or
 * a #VALUE! naming the argument. A serial is read in the workbook's date system (src/functions/date-system.ts): 0 is a
 * blank cell as Excel desktop passes it, and a negative serial is no date in either system.
 */
export function readDate(arg: Pick<Argument, "name" | "zh">, value: CellValue): CalendarDate | FunctionError {
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
export function readBasis(value: CellValue): ProgressBasis | FunctionError {
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
export function readLanguage(value: CellValue): Language | FunctionError {
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
