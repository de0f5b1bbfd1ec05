/**
 * Which part of the hierarchy the card by level covers: the jurisdiction (asked for with `within`, else the top
 * region holding most of the data, narrowed while one child holds everything), the level of its rows (asked for, else
 * the level under which most of its items fall), and the rows of that level (the frontier).
 */
import type { RegionHierarchy } from "../core/region-hierarchy";
import { levelRank, LEVEL_EN, REGION_LEVELS, type RegionLevel } from "../core/region-levels";
import { BriefingError } from "./errors";
import type { LevelTally } from "./level-tally";
import type { RowRole } from "./types";

const ReportCardError = BriefingError;

const NATION_WORDS = new Set(["全国", "全部", "所有地区", "all", "nation", "national", "china", "中国"]);

/** A row of the level: a region of it, or the records of a coarser region itself (本级). */
export interface FrontierRow {
  node: number;
  role: RowRole;
}

/** Items placed in each node's subtree. */
export function itemsUnder(h: RegionHierarchy, t: LevelTally): Float64Array {
  const under = new Float64Array(h.size);
  for (let i = 0; i < h.size; i++)
    if (t.placedCount[i] > 0) for (let j = i; j >= 0; j = h.parents[j]) under[j] += t.placedCount[i];
  return under;
}

/** The jurisdiction's node (−1: 全国), or null when the card by level would leave most of the data out. */
export function chooseJurisdiction(
  h: RegionHierarchy,
  t: LevelTally,
  under: Float64Array,
  within: string | undefined,
): number | null {
  if (within && within.trim() !== "") return namedJurisdiction(h, within.trim());
  const roots = h.children(-1).filter((r) => under[r] > 0);
  if (roots.length === 0) return null;
  // Most records name regions the hierarchy does not know: a card by level would leave most of the data out, so
  // the caller shows every region side by side instead (asked for with --within, the card by level is built).
  let unknownTotal = 0;
  for (const c of t.unknownRecords.values()) unknownTotal += c;
  let placedTotal = 0;
  for (let i = 0; i < h.size; i++) placedTotal += t.placedCount[i];
  if (unknownTotal > placedTotal) return null;
  let J = roots.reduce((best, r) => (under[r] > under[best] ? r : best), roots[0]);
  // Narrow down while one child holds everything (a city's ledger is the city's card, not the province's).
  for (;;) {
    if (t.placedCount[J] > 0) break;
    const kids = h.children(J).filter((c) => under[c] > 0);
    if (kids.length !== 1 || under[kids[0]] !== under[J]) break;
    J = kids[0];
  }
  return J;
}

function namedJurisdiction(h: RegionHierarchy, w: string): number {
  if (NATION_WORDS.has(w.toLowerCase())) return -1;
  const r = h.resolve(w);
  if (r.kind === "name" || r.kind === "alias") return r.index;
  if (r.kind === "ambiguous") {
    const names = r.candidates.map((c) => h.names[c]);
    throw new ReportCardError(
      "AMBIGUOUS_JURISDICTION",
      `辖区“${w}”可以指 ${names.join("、")}，请写出全称。`,
      `Jurisdiction "${w}" could be ${names.join(" or ")}: write the full name.`,
    );
  }
  throw new ReportCardError(
    "UNKNOWN_JURISDICTION",
    `无法识别辖区“${w}”${r.suggestion ? `（是不是“${r.suggestion}”？）` : ""}：它不在地区表中，也不是内置的行政区划。`,
    `Unknown jurisdiction "${w}"${r.suggestion ? ` (did you mean "${r.suggestion}"?)` : ""}: it is neither in the regions table nor a built-in division.`,
  );
}

/** Rows at level L: descending from the jurisdiction J, the first region whose level is L or finer; 本级 rows. */
export function frontier(h: RegionHierarchy, J: number, L: RegionLevel): FrontierRow[] {
  const rank = levelRank(L);
  const rows: FrontierRow[] = [];
  const walk = (p: number) => {
    for (const c of h.children(p)) {
      if (levelRank(h.levels[c]) >= rank) rows.push({ node: c, role: "region" });
      else {
        walk(c);
        rows.push({ node: c, role: "own" });
      }
    }
  };
  walk(J);
  if (J >= 0) rows.push({ node: J, role: "own" });
  return rows;
}

/** The level asked for (finer than the jurisdiction's), else the one under which most of J's items fall. */
export function chooseLevel(
  h: RegionHierarchy,
  J: number,
  under: Float64Array,
  asked: RegionLevel | undefined,
): RegionLevel {
  const jLevelRank = J >= 0 ? levelRank(h.levels[J]) : 0;
  if (asked) {
    if (J >= 0 && levelRank(asked) < jLevelRank) {
      throw new ReportCardError(
        "BAD_LEVEL",
        `${h.names[J]}是${h.levels[J]}级，成绩单的级别要比它低（可选：${REGION_LEVELS.filter((l) => levelRank(l) >= Math.max(jLevelRank + 1, 1) || (l === "园区" && jLevelRank === 4)).join("、")}）。`,
        `${h.names[J]} is a ${LEVEL_EN[h.levels[J]]}: the rows must be at a finer level than the jurisdiction.`,
      );
    }
    return asked;
  }
  // The level under which most of the jurisdiction's items fall (a tie goes to the coarser level).
  const candidates = REGION_LEVELS.filter((l) => levelRank(l) > jLevelRank || (l === "园区" && jLevelRank === 4));
  let best: RegionLevel | null = null;
  let bestCovered = -1;
  for (const l of candidates) {
    const covered = frontier(h, J, l)
      .filter((r) => r.role === "region")
      .reduce((s, r) => s + under[r.node], 0);
    if (covered > bestCovered) {
      best = l;
      bestCovered = covered;
    }
  }
  return best ?? "园区";
}
