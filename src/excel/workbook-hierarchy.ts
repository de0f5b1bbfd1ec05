/**
 * The regions as the open workbook knows them: the built-in divisions (src/core/divisions.ts) overridden and extended
 * by the workbook's 地区 sheet (table Regions), when there is one. Every import the add-in makes (task pane, refresh)
 * resolves names through it, so the data sheets' 地区路径 follow the same regions the briefing uses.
 */
import { hasExcel } from "./host";
import { loadDivisions, type Division } from "../core/divisions";
import { REGIONS } from "../core/columns";
import { buildHierarchy, type RegionHierarchy } from "../core/region-hierarchy";
import { importTable } from "../import/bytes";
import type { ImportOptions } from "../import/types";
import { readWorkbookTableOrNull } from "./read-table";

export interface WorkbookRegions {
  divisions: Division[];
  hierarchy: RegionHierarchy;
  /** Whether the workbook has a regions table (else: the built-in divisions only). */
  hasTable: boolean;
}

/** Divisions plus the workbook's Regions table (rows the table rejects are left out, as the importer reports them). */
export async function readWorkbookRegions(): Promise<WorkbookRegions> {
  const divisions = await loadDivisions();
  // Without a workbook (a plain browser tab reading files, src/taskpane/no-workbook.ts): the divisions alone.
  const t = hasExcel() ? await readWorkbookTableOrNull(REGIONS.table) : null;
  const table = t
    ? importTable(t.values, {
        fileName: `${REGIONS.sheet}!${REGIONS.table}`,
        kind: "regions",
        startRow: t.startRow,
        divisions,
      })
    : null;
  return { divisions, hierarchy: buildHierarchy(divisions, table?.regions ?? []).hierarchy, hasTable: t !== null };
}

/**
 * The options an import of `kind` needs for region names: a regions table is checked against the divisions; every
 * other dataset is resolved through the workbook's hierarchy (canonical names, 地区路径).
 */
export async function regionImportOptions(
  kind: ImportOptions["kind"],
): Promise<Pick<ImportOptions, "hierarchy" | "divisions">> {
  if (kind === "regions") return { divisions: await loadDivisions() };
  const r = await readWorkbookRegions();
  return kind === "auto" || kind === undefined
    ? { hierarchy: r.hierarchy, divisions: r.divisions }
    : { hierarchy: r.hierarchy };
}
