/**
 * The parents of the user's regions table: each must be a known region, unambiguous and not the row itself
 * (resolveParents); the parents may not form a cycle (breakCycles); and a row beneath a row left out is left out too
 * (rejectBeneathRejected), since its parent is missing.
 */
import { regionKey } from "./regions";
import type { NameResolution, RegionHierarchy } from "./region-hierarchy-model";
import type { Assembled, ParentRef } from "./region-table-assemble";
import { q, qe, reject, type TableCheck } from "./region-table-check";

/**
 * Each accepted row's parent as a stable reference (a built-in region's index, or the row that defines a new region),
 * since the hierarchy is rebuilt once bad rows are left out. `allowUnknownParents`: a parent the table does not define
 * is taken as a top-level region (a table checked on its own, without the divisions).
 */
export function resolveParents(check: TableCheck, assembled: Assembled, allowUnknownParents: boolean): ParentRef[] {
  const { rows, rejected } = check;
  const rejectedNames = new Map<string, number>();
  rejected.forEach((k) => rejectedNames.set(regionKey(rows[k].name), k));
  const parentRef: ParentRef[] = new Array(rows.length).fill(null);
  rows.forEach((row, k) => {
    if (rejected.has(k)) return;
    const text = row.parent?.trim();
    if (!text) return;
    const r = assembled.h.resolve(text);
    if (r.kind === "unknown") {
      const from = rejectedNames.get(regionKey(text));
      // Checked without the built-in divisions (a table read on its own): a parent outside the table may be one.
      if (from === undefined && allowUnknownParents) return;
      rejectUnknownParent(check, k, text, from, r);
      return;
    }
    if (r.kind === "ambiguous") {
      const names = r.candidates.map((c) => assembled.h.names[c]);
      reject(
        check,
        k,
        "parent",
        "ambiguous_parent",
        `上级地区${q(text)}可以指 ${names.map(q).join("、")}，无法确定，本行未导入。请写出全称。`,
        `Parent ${qe(text)} could be ${names.map(qe).join(" or ")}; this row was left out. Write the full name.`,
      );
      return;
    }
    if (r.index === assembled.nodeOf[k]) {
      reject(
        check,
        k,
        "parent",
        "self_parent",
        `地区${q(row.name)}的上级地区是它自己，本行未导入。请填写它真正的上级地区，顶层地区留空。`,
        `Region ${qe(row.name)} has itself as its parent; this row was left out. Give its real parent, or leave the parent blank for a top-level region.`,
      );
      return;
    }
    const probeSize = check.builtIn.hierarchy.size;
    parentRef[k] = r.index < probeSize ? { base: r.index } : { row: assembled.h.userRows[r.index] };
  });
  return parentRef;
}

/** A parent no region is named: one a row left out defines, or one nowhere (with a "did you mean"). */
function rejectUnknownParent(
  check: TableCheck,
  k: number,
  text: string,
  from: number | undefined,
  r: Extract<NameResolution, { kind: "unknown" }>,
): void {
  const { rowLabel } = check;
  if (from !== undefined) {
    reject(
      check,
      k,
      "parent",
      "parent_rejected",
      `上级地区${q(text)}所在的第 ${rowLabel(from)} 行有错误未导入，本行也未导入。请先改正那一行。`,
      `Its parent ${qe(text)} is defined in row ${rowLabel(from)}, which has errors and was left out, so this row was left out too. Correct that row first.`,
    );
    return;
  }
  reject(
    check,
    k,
    "parent",
    "unknown_parent",
    `上级地区${q(text)}不在地区表中，也不是内置的行政区划${r.suggestion ? `（是不是${q(r.suggestion)}？）` : ""}，本行未导入。请先在地区表中加上这个地区，或改正名称。`,
    `Parent ${qe(text)} is neither in the regions table nor a built-in division${r.suggestion ? ` (did you mean ${qe(r.suggestion)}?)` : ""}; this row was left out. Add that region to the table first, or correct the name.`,
  );
}

/** Follow the parents from every region: each cycle's rows are left out, and the cycle is cut so later walks end. */
export function breakCycles(check: TableCheck, h: RegionHierarchy): void {
  const state = new Uint8Array(h.size); // 0 unseen, 1 on the current walk, 2 done
  for (let start = 0; start < h.size; start++) {
    if (state[start] !== 0) continue;
    const walk: number[] = [];
    let i = start;
    while (i >= 0 && state[i] === 0) {
      state[i] = 1;
      walk.push(i);
      i = h.parents[i];
    }
    if (i >= 0 && state[i] === 1) {
      const cycle = walk.slice(walk.indexOf(i));
      rejectCycle(check, h, cycle);
      for (const c of cycle) h.parents[c] = -1; // so the walks below end
    }
    for (const w of walk) state[w] = 2;
  }
}

/** Leave out every row of a cycle, showing the cycle (its first five regions when it is long). */
function rejectCycle(check: TableCheck, h: RegionHierarchy, cycle: readonly number[]): void {
  const names =
    cycle.length <= 6
      ? [...cycle, cycle[0]].map((c) => h.names[c])
      : [
          ...cycle.slice(0, 5).map((c) => h.names[c]),
          `…（${cycle.length} 个地区 / ${cycle.length} regions）`,
          h.names[cycle[0]],
        ];
  for (const c of cycle) {
    const k = h.userRows[c];
    if (k < 0) continue;
    reject(
      check,
      k,
      "parent",
      "cycle",
      `上级地区形成循环（${names.join(" → ")}），本行未导入。请改正其中一个地区的上级地区。`,
      `The parents form a cycle (${names.join(" → ")}); this row was left out. Correct the parent of one of these regions.`,
    );
  }
}

/** Rows beneath a row left out are left out too: their parent is missing. */
export function rejectBeneathRejected(check: TableCheck, { h, nodeOf }: Assembled): void {
  const { rows, rowLabel, rejected, target } = check;
  const bad = new Map<number, number>(); // region → rejected row it hangs from
  rows.forEach((_, k) => {
    if (rejected.has(k) && nodeOf[k] >= 0 && target[k] < 0) bad.set(nodeOf[k], k);
  });
  if (bad.size === 0) return;
  const badAbove = rejectedAncestorFinder(h, bad);
  rows.forEach((row, k) => {
    if (rejected.has(k) || nodeOf[k] < 0) return;
    const from = badAbove(nodeOf[k]);
    if (from < 0) return;
    reject(
      check,
      k,
      "parent",
      "parent_rejected",
      `上级地区${q(row.parent ?? rows[from].name)}所在的行（第 ${rowLabel(from)} 行，${q(rows[from].name)}）有错误未导入，本行也未导入。请先改正那一行。`,
      `Its parent ${qe(row.parent ?? rows[from].name)} hangs from row ${rowLabel(from)} (${qe(rows[from].name)}), which has errors and was left out, so this row was left out too. Correct that row first.`,
    );
  });
}

/** The rejected row a region hangs from (the nearest bad ancestor), or −1; each chain is walked once (memo). */
function rejectedAncestorFinder(h: RegionHierarchy, bad: ReadonlyMap<number, number>): (i: number) => number {
  const memo = new Map<number, number>();
  return (i) => {
    const chain: number[] = [];
    let j = h.parents[i];
    let found = -1;
    while (j >= 0) {
      if (bad.has(j)) {
        found = bad.get(j)!;
        break;
      }
      if (memo.has(j)) {
        found = memo.get(j)!;
        break;
      }
      chain.push(j);
      j = h.parents[j];
    }
    for (const c of chain) memo.set(c, found);
    return found;
  };
}
