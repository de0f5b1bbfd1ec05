/**
 * Region names resolved at import (ImportOptions.hierarchy): every distinct 所属地区 of a file resolves to one canonical
 * region (src/core/region-hierarchy.ts, the rule shared with the briefing and the sheet formulas). Aliases and short
 * forms fold to the canonical name (said once per spelling); a short form two regions share is settled by the file's
 * other names when they point one way; a name no region has is kept as written, reported with the closest known
 * name. Ledger records and funds entries then get their 地区路径 (region_path), which the data sheets carry for the
 * briefing's formulas. One pass over the rows, only when something changes; a Map lookup per row.
 */
import type { FundsEntry, ProjectRecord, ReportedFigure, Target } from "../core/model";
import type { RegionHierarchy } from "../core/region-hierarchy";
import { quoteValue } from "./errors";
import type { ImportIssue } from "./types";

/** The 地区路径 a ledger record or funds entry carries once resolved (null: its region is not in the hierarchy). */
export interface WithRegionPath {
  region_path?: string | null;
}

export interface ResolvableData {
  records: ProjectRecord[];
  funds: FundsEntry[];
  targets: Target[];
  figures: ReportedFigure[];
}

/** Resolve the names, rewrite aliases to canonical names, give paths; returns the issues (warnings). */
export function applyRegionResolution(
  h: RegionHierarchy, weights: ReadonlyMap<string, number>, firstRow: ReadonlyMap<string, number>, data: ResolvableData,
  column: string, file: string,
): ImportIssue[] {
  const issues: ImportIssue[] = [];
  const warn = (row: number, zh: string, en: string, code: ImportIssue["code"]) =>
    issues.push({ file, row, column, message: zh, message_en: en, severity: "warning", code });
  const resolved = h.resolveNames(weights);
  const rename = new Map<string, string>();
  for (const [name, r] of resolved) {
    const row = firstRow.get(name) ?? 0;
    const n = weights.get(name) ?? 0;
    const rows = n > 1 ? `（本文件共 ${n} 行）` : "";
    const rowsEn = n > 1 ? ` (${n} rows of this file)` : "";
    if (r.kind === "alias") {
      const canonical = h.names[r.index];
      if (canonical === name) continue;
      rename.set(name, canonical);
      const byContext = h.resolve(name, { suggest: false }).kind === "ambiguous";
      warn(row, byContext
        ? `地区名称 ${quoteValue(name)} 可指多个地区，按本文件其他地区所在的上级地区判断为 ${quoteValue(canonical)} 导入${rows}。如果不对，请写出全称。`
        : `地区名称 ${quoteValue(name)} 是 ${quoteValue(canonical)} 的别名或简称，按 ${quoteValue(canonical)} 导入${rows}。`,
      byContext
        ? `Region ${quoteValue(name)} could mean several regions; judged by where this file's other regions lie, it was imported as ${quoteValue(canonical)}${rowsEn}. If that is wrong, write the full name.`
        : `Region ${quoteValue(name)} is an alias or short form of ${quoteValue(canonical)} and was imported as such${rowsEn}.`,
      "region_alias");
    } else if (r.kind === "ambiguous") {
      const names = r.candidates.map((c) => quoteValue(h.names[c]));
      warn(row,
        `地区名称 ${quoteValue(name)} 可以指 ${names.join("、")}，无法判断是哪一个，按原样保留${rows}；按层级汇总的成绩单不会计入它。请写出全称，或在地区表中把它设为某个地区的别名。`,
        `Region ${quoteValue(name)} could be ${names.join(" or ")}; kept as written${rowsEn}, and a report card by level will not count it. Write the full name, or make it an alias of one region in the regions table.`,
        "region_unresolved");
    } else if (r.kind === "unknown") {
      const s = r.suggestion;
      warn(row,
        `地区 ${quoteValue(name)} 不在地区表中，也不是内置的行政区划${s ? `（是不是 ${quoteValue(s)}？）` : ""}，按原样保留${rows}；按层级汇总的成绩单不会计入它。请改正名称，或把它加入地区表并写明上级地区。`,
        `Region ${quoteValue(name)} is neither in the regions table nor a built-in division${s ? ` (did you mean ${quoteValue(s)}?)` : ""}; kept as written${rowsEn}, and a report card by level will not count it. Correct the name, or add it to the regions table with its parent.`,
        "region_unknown");
    }
  }
  if (rename.size > 0) {
    for (const list of [data.records, data.funds, data.targets, data.figures] as { region?: string | null }[][]) {
      for (const x of list) {
        if (!x.region) continue;
        const to = rename.get(x.region);
        if (to !== undefined) x.region = to;
      }
    }
  }
  // Paths: one per distinct (region, park).
  const paths = new Map<string, { own: string | null | undefined; parks: Map<string, string | null> | null }>();
  const pathOf = (region: string, park: string | null | undefined): string | null => {
    let e = paths.get(region);
    if (!e) paths.set(region, (e = { own: undefined, parks: null }));
    if (!park) {
      if (e.own === undefined) {
        const i = h.placeOf(region);
        e.own = i >= 0 ? h.pathText(i) : null;
      }
      return e.own;
    }
    e.parks ??= new Map();
    let p = e.parks.get(park);
    if (p === undefined) {
      const i = h.placeOf(region, park);
      p = i >= 0 ? h.pathText(i) : null;
      e.parks.set(park, p);
    }
    return p;
  };
  for (const r of data.records) (r as ProjectRecord & WithRegionPath).region_path = r.region ? pathOf(r.region, r.park) : null;
  for (const f of data.funds) (f as FundsEntry & WithRegionPath).region_path = f.region ? pathOf(f.region, null) : null;
  return issues;
}
