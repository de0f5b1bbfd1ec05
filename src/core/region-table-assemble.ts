/**
 * A hierarchy from the built-in divisions and the rows accepted so far: each row overrides its built-in region or
 * adds a new one, and every name is indexed at its tier (canonical names, then the user's aliases, then the built-in
 * aliases). Rebuilt from scratch whenever rows are left out, so a rejected row leaves no trace; parents are then set
 * from stable references (applyParents).
 */
import { regionKey } from "./regions";
import { RegionHierarchy, TIER_NAME, TIER_USER } from "./region-hierarchy-model";
import type { TableCheck } from "./region-table-check";

/** A hierarchy and the region of each row (−1 for a row left out). */
export interface Assembled {
  h: RegionHierarchy;
  nodeOf: number[];
}

/**
 * A parent as a stable reference: a built-in region's index (which never moves), or the row that defines a new
 * region; null for no parent given.
 */
export type ParentRef = { base: number } | { row: number } | null;

/** The hierarchy of the built-in divisions and the rows not rejected so far (parents of new regions not set yet). */
export function assemble(check: TableCheck): Assembled {
  const { rows, rejected, target } = check;
  const probe = check.builtIn.hierarchy;
  const h = copyBuiltIn(probe);
  const nodeOf: number[] = new Array(rows.length).fill(-1);
  rows.forEach((row, k) => {
    if (rejected.has(k)) return;
    if (target[k] >= 0) {
      const i = target[k];
      const old = h.names[i];
      if (old !== row.name) h.aliasesOf[i].unshift(old);
      h.names[i] = row.name;
      h.displays[i] = row.name;
      h.userRows[i] = k;
      nodeOf[k] = i;
    } else {
      nodeOf[k] = h.add(row.name, row.level ?? "园区", row.code ?? null);
      h.userRows[nodeOf[k]] = k;
    }
    const i = nodeOf[k];
    if (row.level) h.levels[i] = row.level;
    if (row.order !== null && row.order !== undefined) h.orders[i] = row.order;
    if (row.code) h.codes[i] = row.code;
    for (const a of row.aliases ?? [])
      if (a.trim() && regionKey(a) !== regionKey(row.name)) h.aliasesOf[i].push(a.trim());
  });
  indexNames(check, h, nodeOf);
  return { h, nodeOf };
}

/** The built-in regions, with their parents and aliases, as the start of a new hierarchy. */
function copyBuiltIn(probe: RegionHierarchy): RegionHierarchy {
  const h = new RegionHierarchy();
  for (let i = 0; i < probe.size; i++) {
    h.add(probe.names[i], probe.levels[i], probe.codes[i]);
    h.displays[i] = probe.displays[i];
    h.parents[i] = probe.parents[i];
    h.aliasesOf[i].push(...probe.aliasesOf[i]);
  }
  return h;
}

/** Names first (tier 0), user aliases (tier 1), then the built-in aliases at their tiers. */
function indexNames(check: TableCheck, h: RegionHierarchy, nodeOf: readonly number[]): void {
  const { rows, target, builtIn } = check;
  const probe = builtIn.hierarchy;
  for (let i = 0; i < h.size; i++) h.index(h.names[i], i, TIER_NAME);
  rows.forEach((row, k) => {
    if (nodeOf[k] < 0) return;
    for (const a of row.aliases ?? []) h.index(a.trim(), nodeOf[k], TIER_USER);
    if (target[k] >= 0 && probe.names[target[k]] !== row.name) h.index(probe.names[target[k]], nodeOf[k], TIER_USER);
  });
  for (const d of builtIn.divisions) {
    const i = builtIn.indexByCode.get(d.code)!;
    for (const a of d.aliases) h.index(a.text, i, a.tier);
    h.index(d.official, i, 2);
  }
}

/** Set the parent of each accepted row's region from its reference; a new region without one is top-level. */
export function applyParents(check: TableCheck, { h, nodeOf }: Assembled, parentRef: readonly ParentRef[]): void {
  check.rows.forEach((_, k) => {
    const i = nodeOf[k];
    if (i < 0 || check.rejected.has(k)) return;
    const ref = parentRef[k];
    if (ref === null) {
      if (check.target[k] < 0) h.parents[i] = -1;
      return;
    }
    h.parents[i] = "base" in ref ? ref.base : nodeOf[ref.row];
  });
}
