/**
 * Rows of a regions table (name, parent, level, aliases, order, code) made region rows; the checks that need the
 * whole table (names used twice, aliases pointing at two regions, unknown or ambiguous parents, cycles, depth) run
 * once after the last row (validateRegions), taking out the rows they reject.
 */
import { buildHierarchy, type RegionIssue, type RegionRow } from "../../core/region-hierarchy";
import type { RegionLevel } from "../../core/region-levels";
import { fieldDef } from "../fields";
import type { IssueCode } from "../types";
import { missing } from "./cell-issues";
import { sourceOf } from "./source-text";
import type { TableState } from "./state";
import type { ParsedRow } from "./types";

/** A row of the regions table; the checks that need the whole table run in validateRegions. */
export function assembleRegion(s: TableState, v: ParsedRow, row: number): { index: number } | null {
  const name = v.name as string | null;
  if (!name) {
    if (!s.rowHasErrorFor("name", row)) missing(s, row, "name");
    return null;
  }
  if (s.rowErrors > 0) return null;
  const parent = typeof v.parent === "string" ? v.parent.normalize("NFKC").trim() : null;
  const r: RegionRow = {
    name,
    parent: parent || null,
    level: (v.level as RegionLevel | null | undefined) ?? null,
    aliases: typeof v.aliases === "string" ? splitAliases(v.aliases) : [],
    order: (v.order as number | null | undefined) ?? null,
    code: (v.code as string | null | undefined) ?? null,
    source: sourceOf(s, v, row),
  };
  if (s.rowErrors > 0) return null;
  s.regionRows.push(r);
  s.regionRowNumbers.push(row);
  s.counts.regions++;
  return { index: s.regionRows.length - 1 };
}

/** 别名 "西宁、Xining；西宁市" → distinct names, folded (NFKC), without blanks. */
function splitAliases(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[、;；,，\n]+/)
        .map((a) => a.normalize("NFKC").trim())
        .filter((a) => a !== ""),
    ),
  ];
}

const CODE_OF: Record<RegionIssue["code"], IssueCode> = {
  duplicate_name: "region_duplicate",
  same_region: "region_duplicate",
  alias_conflict: "region_alias_conflict",
  unknown_parent: "region_parent",
  ambiguous_parent: "region_parent",
  self_parent: "region_parent",
  parent_rejected: "region_parent",
  cycle: "region_cycle",
  too_deep: "region_depth",
  path_too_long: "region_depth",
  level_order: "region_level",
};

/**
 * The regions table as a whole (src/core/region-hierarchy.ts buildHierarchy): names used twice, aliases pointing at
 * two regions, unknown or ambiguous parents, cycles, depth. Rows with errors are taken out and counted as rejected.
 */
export function validateRegions(s: TableState): void {
  const rows = s.regionRows;
  if (rows.length === 0) return;
  // Without the built-in divisions (divisions undefined) a parent outside the table is not checked: it may be one.
  const { issues, rejected } = buildHierarchy(s.opts.divisions ?? null, rows, (i) => s.regionRowNumbers[i], {
    allowUnknownParents: s.opts.divisions === undefined,
  });
  for (const i of issues) {
    s.issue(
      s.regionRowNumbers[i.index],
      s.layout.colTitle[i.field] ?? fieldDef("regions", i.field)?.label ?? null,
      i.severity,
      i.message,
      i.message_en,
      CODE_OF[i.code],
    );
  }
  if (rejected.size > 0) removeRejected(s, rejected);
}

/** Take rejected rows out of the table, moving the extras of the kept rows to their new indexes. */
function removeRejected(s: TableState, rejected: ReadonlySet<number>): void {
  const rows = s.regionRows;
  const keep: number[] = [];
  rows.forEach((_, k) => {
    if (!rejected.has(k)) keep.push(k);
  });
  const newIndex = new Map(keep.map((k, j) => [k, j]));
  const kept = keep.map((k) => rows[k]);
  const keptRows = keep.map((k) => s.regionRowNumbers[k]);
  rows.length = 0;
  rows.push(...kept);
  s.regionRowNumbers.length = 0;
  s.regionRowNumbers.push(...keptRows);
  s.accepted -= rejected.size;
  s.rejected += rejected.size;
  const extras = s.extras
    .filter((e) => e.kind !== "regions" || newIndex.has(e.index))
    .map((e) => (e.kind === "regions" ? { ...e, index: newIndex.get(e.index)! } : e));
  s.extras.length = 0;
  s.extras.push(...extras);
}
