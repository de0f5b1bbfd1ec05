/**
 * The notes of the card by level on what it leaves out: projects outside the jurisdiction, and regions the hierarchy
 * does not know (with a suggestion for each).
 */
import type { RegionHierarchy } from "../core/region-hierarchy";
import type { LevelCard } from "./level-rows";
import type { LevelTally } from "./level-tally";
import type { BriefingWarning } from "./types";

/** Records (all periods) placed outside the jurisdiction, named at its depth. */
export function outsideJurisdictionWarning(c: LevelCard): BriefingWarning | null {
  const { h, t, J, jName } = c;
  const placedOutside = new Map<number, number>();
  for (let i = 0; i < t.recordNode.length; i++) {
    const node = t.recordNode[i];
    if (node >= 0 && J >= 0 && !h.within(node, J)) {
      // Named at the jurisdiction's depth (海西州, 兰州市 beside 西宁市), or by itself when shallower.
      let at = node;
      while (h.depths[at] > h.depths[J]) at = h.parents[at];
      placedOutside.set(at, (placedOutside.get(at) ?? 0) + 1);
    }
  }
  if (placedOutside.size === 0) return null;
  const total = [...placedOutside.values()].reduce((a, b) => a + b, 0);
  const list = [...placedOutside].sort((a, b) => b[1] - a[1]).slice(0, 5);
  return {
    code: "outside_jurisdiction",
    message: `台账中（所有时期）共有 ${total} 条项目不在${jName}范围内（${list.map(([r, n]) => `${h.names[r]} ${n} 条`).join("、")}），未计入本成绩单；要看它们，请另选辖区。`,
    message_en: `In the whole ledger (all periods), ${total} projects lie outside ${jName} (${list.map(([r, n]) => `${h.names[r]}: ${n}`).join(", ")}) and are not in this report card; choose another jurisdiction to see them.`,
  };
}

/** Regions of records, figures and targets that the hierarchy does not know. */
export function unknownRegionsWarning(h: RegionHierarchy, t: LevelTally): BriefingWarning | null {
  const unknown = new Map(t.unknownRecords);
  for (const [name, n] of t.unknownOther) unknown.set(name, (unknown.get(name) ?? 0) + n);
  if (unknown.size === 0) return null;
  const list = [...unknown].sort((a, b) => b[1] - a[1]).slice(0, 5);
  const suggestions = list.map(([name]) => [name, h.suggest(name)] as const);
  return {
    code: "unknown_regions",
    message: `以下地区不在地区表中，也不是内置的行政区划，其数据未计入按层级汇总的成绩单：${suggestions.map(([nm, s]) => `「${nm}」${s ? `（是不是「${s}」？）` : ""}`).join("、")}${unknown.size > 5 ? ` 等 ${unknown.size} 个` : ""}。请改正名称，或在地区表中加上它们和上级地区。`,
    message_en: `These regions are neither in the regions table nor built-in divisions, so their data is not in the report card by level: ${suggestions.map(([nm, s]) => `"${nm}"${s ? ` (did you mean "${s}"?)` : ""}`).join(", ")}${unknown.size > 5 ? ` and ${unknown.size - 5} more` : ""}. Correct the names, or add them to the regions table with their parents.`,
  };
}
