/**
 * The level of each region: the one its row gives, else the built-in one, else one finer than its parent's (a new
 * top-level region is a province). A level coarser than the parent's is kept, with a warning to check it.
 */
import { levelRank, LEVEL_EN, REGION_LEVELS } from "./region-levels";
import type { Assembled } from "./region-table-assemble";
import { q, qe, type TableCheck } from "./region-table-check";

export function assignLevels(check: TableCheck, { h, nodeOf }: Assembled): void {
  const { rows, rejected, target } = check;
  const assigned = new Uint8Array(h.size);
  rows.forEach((row, k) => {
    if (nodeOf[k] >= 0 && !rejected.has(k) && (row.level || target[k] >= 0)) assigned[nodeOf[k]] = 1;
  });
  for (let i = 0; i < h.size; i++) if (h.userRows[i] < 0) assigned[i] = 1;
  // Parents first, so that each region's parent has its level when the region takes one finer.
  const order = Array.from({ length: h.size }, (_, i) => i).sort((a, b) => h.depths[a] - h.depths[b]);
  for (const i of order) {
    if (assigned[i]) continue;
    const p = h.parents[i];
    h.levels[i] = p < 0 ? "省" : REGION_LEVELS[Math.min(REGION_LEVELS.length - 1, levelRank(h.levels[p]))];
  }
  warnLevelOrder(check, { h, nodeOf });
}

/** A warning for each row whose given level is coarser than its parent's (the row is imported). */
function warnLevelOrder(check: TableCheck, { h, nodeOf }: Assembled): void {
  check.rows.forEach((row, k) => {
    const i = nodeOf[k];
    if (i < 0 || check.rejected.has(k) || !row.level) return;
    const p = h.parents[i];
    if (p >= 0 && levelRank(h.levels[i]) < levelRank(h.levels[p])) {
      check.issues.push({
        index: k,
        field: "level",
        severity: "warning",
        code: "level_order",
        message: `地区${q(row.name)}的级别「${h.levels[i]}」比上级地区${q(h.names[p])}的级别「${h.levels[p]}」还高，请核对级别或上级地区（本行已导入）。`,
        message_en: `Region ${qe(row.name)} is a ${LEVEL_EN[h.levels[i]]}, coarser than its parent ${qe(h.names[p])} (a ${LEVEL_EN[h.levels[p]]}): check the level or the parent (the row was imported).`,
      });
    }
  });
}
