/**
 * How a parsed value is shown to a person in the task pane: in the UI language, never as the internal key the model
 * stores (a metric is "签约项目数" / "Projects signed", not signed_projects; a yes/no column is 是/否 or Yes/No).
 */
import type { ColumnType } from "../core/columns";
import { metricInfo } from "../core/model";
import type { Language } from "../i18n/language";

export function displayValue(value: unknown, type: ColumnType, lang: Language): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return lang === "zh-CN" ? (value ? "是" : "否") : value ? "Yes" : "No";
  if (type === "metric") {
    const info = metricInfo(value);
    if (info) return lang === "zh-CN" ? info.zh : info.en;
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString().slice(0, 10);
  return String(value);
}
