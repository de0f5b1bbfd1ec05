/**
 * Which tables of the workbook are the add-in's, found by what a user cannot change by accident. Pure.
 *
 * Names are the user's to change (a sheet, a table, a column header can all be renamed in a click), so the writer
 * remembers each table it writes by Table.id ("Returns a value that uniquely identifies the table in a given workbook.
 * The value of the identifier remains the same even when the table is renamed.", d.ts) in a workbook setting
 * (`invest.tables`), finds the sheet through the table, and checks a table's headers before it writes into it:
 * - a dataset table (Ledger …) must hold its key columns, and none of its canonical columns may look renamed
 *   (datasetColumnsProblem); a table renamed by the user is not written into under another name (the report card's
 *   formulas name it): the write stops and says to rename it back;
 * - the archive and change-log tables must hold their lead columns; a table of the user's that happens to be called
 *   Archive or ChangeLog is never written into: the writer takes a free name (Archive_2 …) for its own.
 */
import type { SheetSpec } from "../core/columns";
import type { DatasetKind } from "../import/types";
import { KEY_FIELDS } from "./merge";

/** What the writer remembers of the tables it wrote. */
export interface TablesMemory {
  v: 1;
  /** Each dataset table's id and its headers after the last write (canonical and the user's). */
  datasets: Partial<Record<DatasetKind, { id: string; columns: string[] }>>;
  archive?: { id: string };
  changeLog?: { id: string };
}

export const EMPTY_MEMORY: TablesMemory = { v: 1, datasets: {} };

/** A remembered-tables setting as stored (anything: settings travel inside the file), or the empty memory. */
export function parseTablesMemory(value: unknown): TablesMemory {
  const v = value as Partial<TablesMemory> | null;
  if (!v || typeof v !== "object" || v.v !== 1 || typeof v.datasets !== "object" || !v.datasets)
    return { v: 1, datasets: {} };
  const out: TablesMemory = { v: 1, datasets: {} };
  for (const kind of ["ledger", "funds", "targets", "figures"] as const) {
    const d = (v.datasets as Record<string, unknown>)[kind] as { id?: unknown; columns?: unknown } | undefined;
    if (d && typeof d.id === "string" && Array.isArray(d.columns) && d.columns.every((c) => typeof c === "string"))
      out.datasets[kind] = { id: d.id, columns: d.columns as string[] };
  }
  for (const role of ["archive", "changeLog"] as const) {
    const t = v[role] as { id?: unknown } | undefined;
    if (t && typeof t.id === "string") out[role] = { id: t.id };
  }
  return out;
}

/** A table of the workbook: its name and id. */
export interface TableRef {
  name: string;
  id: string;
}

/** The table a role was found as: by its remembered id, or by its name; null when neither exists. */
export function findTable(
  tables: readonly TableRef[],
  rememberedId: string | undefined,
  name: string,
): { table: TableRef; by: "id" | "name" } | null {
  if (rememberedId !== undefined) {
    const t = tables.find((x) => x.id === rememberedId);
    if (t) return { table: t, by: "id" };
  }
  const t = tables.find((x) => x.name.toLowerCase() === name.toLowerCase());
  return t ? { table: t, by: "name" } : null;
}

/** Titles of the key columns of a kind. */
export function keyTitles(spec: SheetSpec): string[] {
  return KEY_FIELDS[spec.kind].map((f) => spec.columns.find((c) => c.field === f)!.title);
}

/**
 * Whether a dataset table's headers let the writer refresh it, or what is wrong: `missing` canonical columns and the
 * headers `added` since the last write. Its key columns must be there (records are matched by them). Found by id,
 * with the headers of the last write remembered: a canonical column gone while a header appeared is taken for a
 * rename (the old column would stay as a user column and a second one be added); a canonical column merely deleted is
 * added again (TableColumnCollection.add). Found by name with nothing remembered: every canonical column must be there.
 */
export function datasetColumnsProblem(
  spec: SheetSpec,
  headers: readonly string[],
  remembered: readonly string[] | null,
): { missing: string[]; added: string[] } | null {
  const have = new Set(headers);
  const canonical = spec.columns.map((c) => c.title);
  const keysMissing = keyTitles(spec).some((t) => !have.has(t));
  const missing = canonical.filter((t) => !have.has(t) && (!remembered || remembered.includes(t) || keysMissing));
  if (!remembered) return missing.length ? { missing, added: [] } : null;
  // A header new since the last write standing where a missing column stood (between the same neighbours) is taken
  // for that column renamed.
  const added = new Set<string>();
  for (const t of missing) {
    const i = remembered.indexOf(t);
    let from = -1;
    for (let k = i - 1; k >= 0; k--)
      if (have.has(remembered[k])) {
        from = headers.indexOf(remembered[k]);
        break;
      }
    let to = headers.length;
    for (let k = i + 1; k < remembered.length; k++)
      if (have.has(remembered[k])) {
        to = headers.indexOf(remembered[k]);
        break;
      }
    for (let j = from + 1; j < to; j++) if (!remembered.includes(headers[j])) added.add(headers[j]);
  }
  if (keysMissing || added.size) return { missing, added: [...added] };
  return null;
}

/** Whether a table's headers hold every one of `lead` (the archive's or the change log's own columns). */
export function holdsColumns(headers: readonly string[], lead: readonly string[]): boolean {
  return lead.every((h) => headers.includes(h));
}

/** A table name that is not taken: `base`, else base_2, base_3 … */
export function freeTableName(base: string, taken: readonly string[]): string {
  const low = new Set(taken.map((t) => t.toLowerCase()));
  if (!low.has(base.toLowerCase())) return base;
  let k = 2;
  while (low.has(`${base}_${k}`.toLowerCase())) k++;
  return `${base}_${k}`;
}

/** The bilingual message when a table lacks columns the writer needs (`added`: headers new since the last write). */
export function missingColumnsMessage(
  table: string,
  missing: readonly string[],
  byName: boolean,
  added: readonly string[] = [],
): { zh: string; en: string } {
  const zhList = missing.map((m) => `“${m}”`).join("、");
  const enList = missing.map((m) => `"${m}"`).join(", ");
  const zhAdded = added.length ? `，新出现了列 ${added.map((m) => `“${m}”`).join("、")}` : "";
  const enAdded = added.length ? `, and column(s) ${added.map((m) => `"${m}"`).join(", ")} appeared` : "";
  const zh =
    `表格“${table}”中找不到列 ${zhList}${zhAdded}（刷新按加载项的列匹配和更新记录）。如果您改了列名，请改回原名后再刷新；` +
    (byName
      ? `如果这是您自己的表格，请给它换一个名称，再载入数据。`
      : `如果删除了这些列，请在表格中加回同名的列（内容可以留空）后再刷新。`) +
    `本次没有做任何改动。`;
  const en =
    `The table "${table}" has no column ${enList}${enAdded} (the refresh matches and updates records by the add-in's columns). If you renamed a column, ` +
    `rename it back and refresh again; ` +
    (byName
      ? `if this is a table of your own, give it another name and load the data again.`
      : `if you deleted them, add a column of that name back to the table (it may stay empty) and refresh again.`) +
    ` Nothing was changed.`;
  return { zh, en };
}

/** The bilingual message when a dataset table of ours was renamed. */
export function renamedTableMessage(expected: string, now: string): { zh: string; en: string } {
  return {
    zh: `表格“${expected}”已被改名为“${now}”。成绩单和加载项的公式按名称 ${expected} 使用它：请把表格名称改回“${expected}”（表格设计 → 表名称）后再刷新。本次没有做任何改动。`,
    en: `The table "${expected}" was renamed to "${now}". The report card's and the add-in's formulas use it by the name ${expected}: rename it back to "${expected}" (Table Design → Table Name), then refresh again. Nothing was changed.`,
  };
}
