/**
 * buildHierarchy: the built-in divisions overridden and extended by the user's regions table, each row checked and
 * left out with an issue when it cannot be placed. The steps run in this order, each in its own module: the names
 * (./region-table-names.ts), the parents (./region-table-parents.ts), the depth and path limits (./region-table-limits.ts), the levels
 * (./region-table-levels.ts); the hierarchy is reassembled (./region-table-assemble.ts) whenever rows were left out.
 * Everything is linear or n·log n in the number of regions (10,000 regions validate in milliseconds).
 */
import type { Division } from "./divisions";
import type { RegionHierarchy } from "./region-hierarchy-model";
import { applyParents, assemble, type Assembled, type ParentRef } from "./region-table-assemble";
import { builtInHierarchy, type TableCheck } from "./region-table-check";
import { assignLevels } from "./region-table-levels";
import { rejectTooDeepOrLong } from "./region-table-limits";
import { findOverrides, rejectAliasConflicts, rejectDuplicateNames, rejectSameRegion } from "./region-table-names";
import { breakCycles, rejectBeneathRejected, resolveParents } from "./region-table-parents";
import type { HierarchyBuild, RegionRow } from "./region-table-types";

/**
 * The hierarchy from the built-in divisions (or none) and the rows of the user's regions table. `rowLabel(i)` names a
 * row in messages (the importer passes the sheet row number). `allowUnknownParents`: a table checked on its own,
 * without the divisions; a parent it does not define is then taken as a top-level region instead of an error.
 */
export function buildHierarchy(
  base: readonly Division[] | null,
  rows: readonly RegionRow[],
  rowLabel: (index: number) => number = (i) => i + 1,
  options: { allowUnknownParents?: boolean } = {},
): HierarchyBuild {
  const check: TableCheck = {
    rows,
    rowLabel,
    builtIn: builtInHierarchy(base),
    target: new Array<number>(rows.length).fill(-1),
    issues: [],
    rejected: new Set<number>(),
  };
  rejectDuplicateNames(check);
  findOverrides(check);
  rejectSameRegion(check);
  rejectAliasConflicts(check);

  const first = assemble(check);
  const parentRef = resolveParents(check, first, options.allowUnknownParents === true);
  applyParents(check, first, parentRef);
  rejectCyclesUntilNone(check, first, parentRef);

  let final = placed(check, parentRef);
  if (rejectTooDeepOrLong(check, final)) final = placed(check, parentRef);
  assignLevels(check, final);
  check.issues.sort((a, b) => a.index - b.index);
  return { hierarchy: final.h, issues: check.issues, rejected: check.rejected };
}

/**
 * Leave out the rows of every cycle and the rows beneath them, until none is left. A row left out gives its built-in
 * region back its built-in parent, which can close a new cycle through the rows still accepted (青海省 under 湟中区
 * once the row moving 西宁市 elsewhere is left out): so check again, on the hierarchy without the rows left out.
 */
function rejectCyclesUntilNone(check: TableCheck, first: Assembled, parentRef: readonly ParentRef[]): void {
  let current = first;
  for (;;) {
    const before = check.rejected.size;
    breakCycles(check, current.h);
    rejectBeneathRejected(check, current);
    if (check.rejected.size === before) return;
    current = assemble(check);
    applyParents(check, current, parentRef);
  }
}

/** The hierarchy of the rows accepted so far, their parents set and depths final. */
function placed(check: TableCheck, parentRef: readonly ParentRef[]): Assembled {
  const assembled = assemble(check);
  applyParents(check, assembled, parentRef);
  assembled.h.finish();
  return assembled;
}

/** The hierarchy of the built-in divisions alone (no user table). */
export function divisionsHierarchy(base: readonly Division[]): RegionHierarchy {
  return buildHierarchy(base, []).hierarchy;
}
