/**
 * The names of the user's regions table: a name used twice, the built-in region a row overrides (or none: a new
 * region), two rows naming the same region, and aliases that would point at two regions. Each problem leaves its row
 * out with an issue saying what to change.
 */
import type { NameResolution } from "./region-hierarchy-model";
import { regionKey } from "./regions";
import { q, qe, reject, type TableCheck } from "./region-table-check";

/** A name written on two rows: the later rows are left out. */
export function rejectDuplicateNames(check: TableCheck): void {
  const { rows, rowLabel } = check;
  const firstRow = new Map<string, number>();
  rows.forEach((row, k) => {
    const key = regionKey(row.name);
    const first = firstRow.get(key);
    if (first === undefined) {
      firstRow.set(key, k);
      return;
    }
    reject(
      check,
      k,
      "name",
      "duplicate_name",
      `地区${q(row.name)}与第 ${rowLabel(first)} 行重复：每个地区只能写一行，本行未导入。请删除重复的行，或把它改成别名。`,
      `Region ${qe(row.name)} is already defined in row ${rowLabel(first)}: one row per region; this row was left out. Delete the duplicate, or make it an alias.`,
    );
  });
}

/**
 * Each row's built-in region (check.target): the one its name resolves to, or, for a short form two built-in regions
 * share (城中区), the one under the row's parent if it names one.
 */
export function findOverrides(check: TableCheck): void {
  const { rows, rejected, target } = check;
  const probe = check.builtIn.hierarchy;
  rows.forEach((row, k) => {
    if (rejected.has(k)) return;
    const r = probe.resolve(row.name, { suggest: false });
    if (r.kind === "name" || r.kind === "alias") target[k] = r.index;
    else if (r.kind === "ambiguous") target[k] = overrideUnderParent(check, k, r);
  });
}

function overrideUnderParent(check: TableCheck, k: number, r: Extract<NameResolution, { kind: "ambiguous" }>): number {
  const probe = check.builtIn.hierarchy;
  const parentText = check.rows[k].parent?.trim();
  if (!parentText) return -1;
  const p = probe.resolve(parentText, { suggest: false });
  if (p.kind !== "name" && p.kind !== "alias") return -1;
  const under = r.candidates.filter((c) => probe.within(c, p.index) && c !== p.index);
  return under.length === 1 ? under[0] : -1;
}

/** Two rows naming the same built-in region (西宁 and 西宁市): the later is left out. */
export function rejectSameRegion(check: TableCheck): void {
  const { rows, rowLabel, rejected, target } = check;
  const probe = check.builtIn.hierarchy;
  const claimed = new Map<number, number>(); // base region → row
  rows.forEach((row, k) => {
    if (rejected.has(k) || target[k] < 0) return;
    const other = claimed.get(target[k]);
    if (other === undefined) {
      claimed.set(target[k], k);
      return;
    }
    reject(
      check,
      k,
      "name",
      "same_region",
      `地区${q(row.name)}与第 ${rowLabel(other)} 行的${q(rows[other].name)}是同一个地区（${probe.names[target[k]]}），本行未导入。请只保留一行，另一个名称写进别名。`,
      `Region ${qe(row.name)} is the same region as ${qe(rows[other].name)} in row ${rowLabel(other)} (${probe.names[target[k]]}); this row was left out. Keep one row and put the other name among its aliases.`,
    );
  });
}

/** An alias may point at one region only: not another row's name, a built-in region's, or another row's alias. */
export function rejectAliasConflicts(check: TableCheck): void {
  const { rows, rejected } = check;
  const canonicalOwner = new Map<string, number>(); // key → row (user names)
  rows.forEach((row, k) => {
    if (!rejected.has(k)) canonicalOwner.set(regionKey(row.name), k);
  });
  const aliasOwner = new Map<string, number>();
  rows.forEach((row, k) => {
    if (rejected.has(k)) return;
    for (const a of row.aliases ?? []) {
      const key = regionKey(a.trim());
      if (key === "" || key === regionKey(row.name)) continue;
      if (aliasConflict(check, k, a, canonicalOwner.get(key), aliasOwner.get(key))) return;
      aliasOwner.set(key, k);
    }
  });
}

/** Whether alias `a` of row `k` names another region (then the row is left out with an issue saying which). */
function aliasConflict(
  check: TableCheck,
  k: number,
  a: string,
  nameRow: number | undefined,
  aliasRow: number | undefined,
): boolean {
  const { rows, rowLabel } = check;
  const probe = check.builtIn.hierarchy;
  const builtIn = probe.indexOf(a);
  if (nameRow !== undefined && nameRow !== k) {
    reject(
      check,
      k,
      "aliases",
      "alias_conflict",
      `别名${q(a)}已是第 ${rowLabel(nameRow)} 行地区的名称，同一个名称不能指向两个地区，本行未导入。请删去这个别名。`,
      `Alias ${qe(a)} is the name of the region in row ${rowLabel(nameRow)}: one name cannot point at two regions; this row was left out. Remove the alias.`,
    );
    return true;
  }
  if (builtIn >= 0 && builtIn !== check.target[k]) {
    reject(
      check,
      k,
      "aliases",
      "alias_conflict",
      `别名${q(a)}是内置行政区划${q(probe.names[builtIn])}的名称，同一个名称不能指向两个地区，本行未导入。请删去这个别名，或把该地区写成一行。`,
      `Alias ${qe(a)} is the name of the built-in division ${qe(probe.names[builtIn])}: one name cannot point at two regions; this row was left out. Remove the alias, or give that region a row of its own.`,
    );
    return true;
  }
  if (aliasRow !== undefined && aliasRow !== k) {
    reject(
      check,
      k,
      "aliases",
      "alias_conflict",
      `别名${q(a)}已在第 ${rowLabel(aliasRow)} 行用于地区${q(rows[aliasRow].name)}，同一个别名不能指向两个地区，本行未导入。请删去其中一个。`,
      `Alias ${qe(a)} is already used for ${qe(rows[aliasRow].name)} in row ${rowLabel(aliasRow)}: an alias cannot point at two regions; this row was left out. Remove one of them.`,
    );
    return true;
  }
  return false;
}
