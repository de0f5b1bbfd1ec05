/**
 * What the writer puts around the records, the same on every write: the archive's and change log's leading columns,
 * the change log's action words, the note above a dataset table, timestamps as Excel serials, column widths. Pure.
 */
import { DATE_SYSTEM_OFFSET } from "./date-system";
import type { ChangeEntry } from "./merge";
import { SourceDescriptor, sourceLabel } from "./sources";

export const ARCHIVE_LEAD = ["归档时间", "刷新批次", "数据集"];
export const CHANGELOG_HEADERS = ["时间", "刷新批次", "数据集", "操作", "编号", "字段", "原值", "新值"];
export const ACTION_LABELS: Record<ChangeEntry["action"], string> = {
  added: "新增",
  changed: "修改",
  archived: "归档",
  loaded: "载入",
};

/** Excel serial of a local date-time (what a typed timestamp holds), in the workbook's date system. */
export function serialOf(d: Date, date1904 = false): number {
  const s = (d.getTime() - d.getTimezoneOffset() * 60_000) / 86_400_000 + 25569;
  return date1904 ? s - DATE_SYSTEM_OFFSET : s;
}

/** "yyyy-mm-dd hh:mm" in local time (the note and the undo record's description). */
export function localIso(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The note written above a dataset table. */
export function noteText(source: SourceDescriptor, at: Date): string {
  return `来源 Source：${sourceLabel(source)} · 载入 Loaded：${localIso(at)} · 刷新请用“招商引资 → 刷新” / Refresh: Home → 招商引资 → 刷新`;
}

/** Column width in points: dates and amounts narrow, names and notes wide. */
export function widthFor(type: string | undefined, title: string): number {
  const byTitle = Math.min(160, Math.max(60, title.length * 13 + 16));
  switch (type) {
    case "date":
      return Math.max(80, byTitle);
    case "amount":
    case "count":
    case "year":
    case "month":
    case "boolean":
      return Math.max(64, byTitle);
    case "text":
      return /名称|备注|来源|投资方/.test(title) ? 200 : Math.max(90, byTitle);
    default:
      return byTitle;
  }
}
