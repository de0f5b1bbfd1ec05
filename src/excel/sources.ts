/**
 * Where each dataset sheet came from, remembered in the workbook's settings (saved inside the file), so Refresh
 * re-reads the same source for anyone who opens the workbook. Pure types and helpers plus two thin Office calls.
 */
import { excel } from "./host";
import * as v from "valibot";
import { DATASET_KINDS } from "../core/columns";
import type { ColumnMapping, DatasetKind } from "../import/types";
import { DEFAULT_NAMESPACE, namesOf, WriterNamespace } from "./namespace";

/** Where a dataset can be read from: one list, used by the type and by the schema that validates saved sources. */
export const SOURCE_TYPES = ["file", "url", "table", "seeds"] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

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

/** Settings keys of the add-in's own datasets (namespace.ts: the self-test uses keys of its own). */
export const SETTINGS_SOURCES = namesOf(DEFAULT_NAMESPACE).settingsSources;
export const SETTINGS_UNDO = namesOf(DEFAULT_NAMESPACE).settingsUndo;

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

/** Read the remembered sources (of the add-in's own datasets, or of another namespace). */
export async function listSources(namespace: WriterNamespace = DEFAULT_NAMESPACE): Promise<SourceDescriptor[]> {
  return excel().run(async (ctx) => {
    const item = ctx.workbook.settings.getItemOrNullObject(namesOf(namespace).settingsSources);
    item.load("value");
    await ctx.sync();
    // eslint-disable-next-line office-addins/call-sync-after-load, office-addins/call-sync-before-read -- the rule knows only a context named `context`; ctx.sync() above has run
    return item.isNullObject ? [] : parseSources(item.value);
  });
}

/**
 * The schema of a remembered source. Settings travel inside the file: a workbook from a colleague, an older
 * version or a hand edit may hold anything, so what Refresh acts on is validated, never trusted.
 */
const SourceSchema = v.object({
  id: v.pipe(v.string(), v.minLength(1)),
  kind: v.picklist(DATASET_KINDS),
  type: v.picklist(SOURCE_TYPES),
  name: v.string(),
  url: v.optional(v.string()),
  table: v.optional(v.string()),
  sheet: v.optional(v.string()),
  mapping: v.optional(v.record(v.string(), v.nullable(v.string()))),
  lastRefresh: v.fallback(v.nullable(v.string()), null),
  rows: v.fallback(v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))), undefined),
});

/**
 * Remembered sources from a settings value: valid entries are kept; a malformed one is left out with a warning in
 * the console (it names no data of the user's: the sheet itself is untouched and can be loaded again).
 */
export function parseSources(value: unknown): SourceDescriptor[] {
  if (!Array.isArray(value)) return [];
  const out: SourceDescriptor[] = [];
  for (const entry of value) {
    const parsed = v.safeParse(SourceSchema, entry);
    if (parsed.success) out.push(parsed.output);
    else
      console.warn(
        "invest.sources: 忽略无法识别的来源记录 / ignoring a malformed source entry",
        parsed.issues[0]?.message,
      );
  }
  return out;
}
