/**
 * The limits a region of the user's table must keep: at most MAX_REGION_DEPTH levels deep, and a path whose subtree
 * criterion fits Excel's criteria (255 characters), so that the briefing's formulas can sum by it.
 */
import { MAX_CRITERION_CHARS, pathCriterion } from "./regions";
import { MAX_REGION_DEPTH, type RegionHierarchy } from "./region-hierarchy-model";
import type { Assembled } from "./region-table-assemble";
import { q, qe, reject, type TableCheck } from "./region-table-check";

/** Leave out the rows too deep or with too long a path (depths final); true when any was. */
export function rejectTooDeepOrLong(check: TableCheck, { h, nodeOf }: Assembled): boolean {
  const { rows, rejected } = check;
  const placed = rows.map((_, k) => k).filter((k) => !rejected.has(k) && nodeOf[k] >= 0);
  const tooDeep = placed.filter((k) => h.depths[nodeOf[k]] > MAX_REGION_DEPTH);
  // The subtree criterion of every path must fit Excel's criteria (255 characters): checked where a row sits.
  const lengthOf = pathLengths(h);
  const tooLong = placed.filter(
    (k) => h.depths[nodeOf[k]] <= MAX_REGION_DEPTH && lengthOf(nodeOf[k]) + 1 > MAX_CRITERION_CHARS,
  );
  for (const k of tooLong) {
    reject(
      check,
      k,
      "name",
      "path_too_long",
      `地区${q(rows[k].name)}连同各级上级地区的名称共 ${lengthOf(nodeOf[k])} 个字符，超过 Excel 条件最多的 ${MAX_CRITERION_CHARS} 个字符，成绩单公式无法按它汇总，本行未导入。请缩短名称（全称可写进别名）。`,
      `Region ${qe(rows[k].name)} and its parents' names take ${lengthOf(nodeOf[k])} characters, more than the ${MAX_CRITERION_CHARS} Excel's criteria allow, so the briefing's formulas could not sum by it; this row was left out. Shorten the names (keep the full name as an alias).`,
    );
  }
  for (const k of tooDeep) {
    const i = nodeOf[k];
    const near = [h.parents[h.parents[i]], h.parents[i], i]
      .filter((x) => x >= 0)
      .map((x) => h.names[x])
      .join(" → ");
    reject(
      check,
      k,
      "parent",
      "too_deep",
      `地区${q(rows[k].name)}位于第 ${h.depths[i]} 级（… → ${near}），地区表最多 ${MAX_REGION_DEPTH} 级，本行未导入。请减少层级。`,
      `Region ${qe(rows[k].name)} is at depth ${h.depths[i]} (… → ${near}); the hierarchy holds at most ${MAX_REGION_DEPTH} levels; this row was left out. Use fewer levels.`,
    );
  }
  return tooDeep.length > 0 || tooLong.length > 0;
}

/** The length of a region's subtree criterion without its final wildcard, each path's prefix computed once. */
function pathLengths(h: RegionHierarchy): (i: number) => number {
  const known = new Map<number, number>();
  const lengthOf = (i: number): number => {
    if (i < 0) return 0;
    const n = known.get(i);
    if (n !== undefined) return n;
    const length = lengthOf(h.parents[i]) + pathCriterion(h.names[i] + "\u203A", false).length;
    known.set(i, length);
    return length;
  };
  return lengthOf;
}
