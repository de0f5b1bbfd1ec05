/**
 * The state shared by the steps that check the user's regions table (./build.ts): the rows, the built-in divisions
 * they override or extend, and what the checks found so far (issues, rows left out). Each step is a function of its
 * own module that reads and adds to it.
 */
import type { Division } from "./divisions";
import { RegionHierarchy, TIER_NAME } from "./region-hierarchy-model";
import type { RegionIssue, RegionRow } from "./region-table-types";

/** The built-in divisions as a hierarchy, and the index of each division by its code. */
export interface BuiltIn {
  divisions: readonly Division[];
  hierarchy: RegionHierarchy;
  indexByCode: Map<string, number>;
}

export interface TableCheck {
  rows: readonly RegionRow[];
  /** How messages name a row (the importer passes the sheet row number). */
  rowLabel: (index: number) => number;
  builtIn: BuiltIn;
  /** Row → the built-in region it overrides, or −1 for a new region (./region-table-names.ts findOverrides). */
  target: number[];
  issues: RegionIssue[];
  /** Rows left out (each has at least one error issue). */
  rejected: Set<number>;
}

/** A row's name quoted for a Chinese message, and for an English one. */
export const q = (s: string) => `「${s}」`;
export const qe = (s: string) => `"${s}"`;

/** Report an error at a row and leave the row out. */
export function reject(
  check: TableCheck,
  index: number,
  field: RegionIssue["field"],
  code: RegionIssue["code"],
  zh: string,
  en: string,
): void {
  check.issues.push({ index, field, severity: "error", code, message: zh, message_en: en });
  check.rejected.add(index);
}

/** The built-in divisions (none when `base` is null) as a hierarchy, their names and aliases indexed. */
export function builtInHierarchy(base: readonly Division[] | null): BuiltIn {
  const divisions = base ?? [];
  const indexByCode = new Map<string, number>();
  const hierarchy = new RegionHierarchy();
  for (const d of divisions) {
    const i = hierarchy.add(d.name, d.level, d.code);
    if (d.short) hierarchy.displays[i] = d.short;
    indexByCode.set(d.code, i);
    hierarchy.index(d.name, i, TIER_NAME);
    for (const a of d.aliases) hierarchy.index(a.text, i, a.tier);
    hierarchy.aliasesOf[i].push(...d.aliases.map((a) => a.text));
  }
  for (const d of divisions)
    if (d.parent) hierarchy.parents[indexByCode.get(d.code)!] = indexByCode.get(d.parent) ?? -1;
  hierarchy.finish();
  return { divisions, hierarchy, indexByCode };
}
