/**
 * Where each dataset sheet came from, remembered in the workbook's settings (saved inside the file), so Refresh
 * re-reads the same source for anyone who opens the workbook. Pure types and helpers plus two thin Office calls.
 */
import type { ColumnMapping, DatasetKind } from "../import/types";

export type SourceType = "file" | "url" | "table" | "seeds";

export interface SourceDescriptor {
  /** Stable id: the dataset kind (one canonical sheet per kind). */
  id: string;
  kind: DatasetKind;
  type: SourceType;
  /** File name, URL, workbook table name or 示例数据. */
  name: string;
  url?: string;
  /** The workbook table read (type "table"). */
  table?: string;
  /** The xlsx sheet read. */
  sheet?: string;
  /** The user's header mapping override. */
  mapping?: ColumnMapping;
  /** ISO time of the last load or refresh. */
  lastRefresh: string | null;
  /** Records in the table after it. */
  rows?: number;
}

export const SETTINGS_SOURCES = "invest.sources";
export const SETTINGS_UNDO = "invest.undo";

/** Whether Refresh can re-read the source without asking the user (a local file must be picked again). */
export function canRefreshWithoutDialog(d: SourceDescriptor): boolean {
  return d.type === "url" || d.type === "table" || d.type === "seeds";
}

/** Label as the task pane shows it. */
export function sourceLabel(d: SourceDescriptor): string {
  if (d.type === "seeds") return "示例数据";
  if (d.type === "url") return d.url ?? d.name;
  return d.name;
}

/** Replace a descriptor by id in place, or add it at the end. */
export function upsertSource(list: SourceDescriptor[], d: SourceDescriptor): SourceDescriptor[] {
  const i = list.findIndex((x) => x.id === d.id);
  return i < 0 ? [...list, d] : list.map((x, k) => (k === i ? d : x));
}

function excel(): typeof Excel {
  const x = (globalThis as { Excel?: typeof Excel }).Excel;
  if (!x || typeof x.run !== "function") throw new Error("Excel 不可用 / Excel is not available");
  return x;
}

/** Read the remembered sources. */
export async function listSources(): Promise<SourceDescriptor[]> {
  return excel().run(async (ctx) => {
    const item = ctx.workbook.settings.getItemOrNullObject(SETTINGS_SOURCES);
    item.load("value");
    await ctx.sync();
    return item.isNullObject ? [] : ((item.value as SourceDescriptor[]) ?? []);
  });
}
