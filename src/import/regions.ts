/**
 * Region names resolved at import (ImportOptions.hierarchy): every distinct 所属地区 of a file resolves to one canonical
 * region (src/core/region-hierarchy.ts, the rule shared with the briefing and the sheet formulas). Aliases and short
 * forms fold to the canonical name (said once per spelling); a short form two regions share is settled by the file's
 * other names when they point one way; a name no region has is kept as written, reported with the closest known
 * name. Ledger records and funds entries then get their 地区路径 (region_path), which the data sheets carry for the
 * briefing's formulas. One pass over the rows, only when something changes; a Map lookup per row.
 */
import {
  METRIC_INFO,
  type FundsEntry,
  type Metric,
  type ProjectRecord,
  type ReportedFigure,
  type Target,
} from "../core/model";
import type { NameResolution, RegionHierarchy } from "../core/region-hierarchy";
import { regionKey } from "../core/regions";
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

/**
 * Resolve the names, rewrite aliases to canonical names, give paths; returns the issues (warnings) and the names
 * rewritten (as written → canonical).
 */
export function applyRegionResolution(
  h: RegionHierarchy,
  weights: ReadonlyMap<string, number>,
  firstRow: ReadonlyMap<string, number>,
  data: ResolvableData,
  column: string,
  file: string,
): { issues: ImportIssue[]; rename: ReadonlyMap<string, string> } {
  const issues: ImportIssue[] = [];
  const rename = new Map<string, string>();
  for (const [name, r] of h.resolveNames(weights)) {
    if (r.kind === "alias" && h.names[r.index] !== name) rename.set(name, h.names[r.index]);
    const w = resolutionWarning(h, name, r, weights.get(name) ?? 0);
    if (w) {
      const row = firstRow.get(name) ?? 0;
      issues.push({ file, row, column, message: w.zh, message_en: w.en, severity: "warning", code: w.code });
    }
  }
  if (rename.size > 0) renameRegions(data, rename);
  givePaths(h, data);
  return { issues, rename };
}

/**
 * What the user is told about how a name of `n` rows resolved: an alias folded to its region, a short form settled by
 * context or left ambiguous, a name no region has. Nothing for a canonical name.
 */
function resolutionWarning(
  h: RegionHierarchy,
  name: string,
  r: NameResolution,
  n: number,
): { zh: string; en: string; code: ImportIssue["code"] } | null {
  const rows = n > 1 ? `（本文件共 ${n} 行）` : "";
  const rowsEn = n > 1 ? ` (${n} rows of this file)` : "";
  if (r.kind === "alias") {
    const canonical = h.names[r.index];
    if (canonical === name) return null;
    const byContext = h.resolve(name, { suggest: false }).kind === "ambiguous";
    return {
      zh: byContext
        ? `地区名称 ${quoteValue(name)} 可指多个地区，按本文件其他地区所在的上级地区判断为 ${quoteValue(canonical)} 导入${rows}。如果不对，请写出全称。`
        : `地区名称 ${quoteValue(name)} 是 ${quoteValue(canonical)} 的别名或简称，按 ${quoteValue(canonical)} 导入${rows}。`,
      en: byContext
        ? `Region ${quoteValue(name)} could mean several regions; judged by where this file's other regions lie, it was imported as ${quoteValue(canonical)}${rowsEn}. If that is wrong, write the full name.`
        : `Region ${quoteValue(name)} is an alias or short form of ${quoteValue(canonical)} and was imported as such${rowsEn}.`,
      code: "region_alias",
    };
  }
  if (r.kind === "ambiguous") {
    const names = r.candidates.map((c) => quoteValue(h.names[c]));
    return {
      zh: `地区名称 ${quoteValue(name)} 可以指 ${names.join("、")}，无法判断是哪一个，按原样保留${rows}；按层级汇总的成绩单不会计入它。请写出全称，或在地区表中把它设为某个地区的别名。`,
      en: `Region ${quoteValue(name)} could be ${names.join(" or ")}; kept as written${rowsEn}, and a report card by level will not count it. Write the full name, or make it an alias of one region in the regions table.`,
      code: "region_unresolved",
    };
  }
  if (r.kind === "unknown") {
    const s = r.suggestion;
    return {
      zh: `地区 ${quoteValue(name)} 不在地区表中，也不是内置的行政区划${s ? `（是不是 ${quoteValue(s)}？）` : ""}，按原样保留${rows}；按层级汇总的成绩单不会计入它。请改正名称，或把它加入地区表并写明上级地区。`,
      en: `Region ${quoteValue(name)} is neither in the regions table nor a built-in division${s ? ` (did you mean ${quoteValue(s)}?)` : ""}; kept as written${rowsEn}, and a report card by level will not count it. Correct the name, or add it to the regions table with its parent.`,
      code: "region_unknown",
    };
  }
  return null;
}

/** Every row's region written as its canonical name where `rename` has one. */
function renameRegions(data: ResolvableData, rename: ReadonlyMap<string, string>): void {
  const lists: ReadonlyArray<ReadonlyArray<{ region?: string | null }>> = [
    data.records,
    data.funds,
    data.targets,
    data.figures,
  ];
  for (const list of lists) {
    for (const x of list) {
      if (!x.region) continue;
      const to = rename.get(x.region);
      if (to !== undefined) x.region = to;
    }
  }
}

/** Ledger records and funds entries get their 地区路径 (null: the region is not in the hierarchy). */
function givePaths(h: RegionHierarchy, data: ResolvableData): void {
  const paths = new RegionPaths(h);
  for (const r of data.records)
    (r as ProjectRecord & WithRegionPath).region_path = r.region ? paths.of(r.region, r.park) : null;
  for (const f of data.funds)
    (f as FundsEntry & WithRegionPath).region_path = f.region ? paths.of(f.region, null) : null;
}

/** The 地区路径 of a region (and park), looked up once per distinct pair. */
class RegionPaths {
  private readonly paths = new Map<
    string,
    { own: string | null | undefined; parks: Map<string, string | null> | null }
  >();
  constructor(private readonly h: RegionHierarchy) {}

  of(region: string, park: string | null | undefined): string | null {
    let e = this.paths.get(region);
    if (!e) this.paths.set(region, (e = { own: undefined, parks: null }));
    if (!park) {
      if (e.own === undefined) {
        const i = this.h.placeOf(region);
        e.own = i >= 0 ? this.h.pathText(i) : null;
      }
      return e.own;
    }
    e.parks ??= new Map();
    let p = e.parks.get(park);
    if (p === undefined) {
      const i = this.h.placeOf(region, park);
      p = i >= 0 ? this.h.pathText(i) : null;
      e.parks.set(park, p);
    }
    return p;
  }
}

/**
 * A target or adopted figure as accepted, keyed as the row engine keys duplicates: `before` + region key + `after`
 * (targets: year | region | metric; figures: year | month | region | metric | scope | status).
 */
export interface KeyedRow {
  row: number;
  /** Index in the result's targets or figures. */
  index: number;
  kind: "targets" | "figures";
  region: string;
  before: string;
  after: string;
  year: number;
  metric: Metric;
  month?: number;
}

/**
 * Duplicates that meet only once names are resolved (西宁 and 西宁市, an alias and its region): the row engine already
 * rejected repeats written the same way; a later row naming the same resolved region is rejected here, its issue
 * naming the first row and both spellings. Nothing to do when no name was rewritten.
 */
export function duplicatesAfterResolution(
  rows: readonly KeyedRow[],
  rename: ReadonlyMap<string, string>,
  column: string,
  file: string,
): { rejected: KeyedRow[]; issues: ImportIssue[] } {
  const rejected: KeyedRow[] = [];
  const issues: ImportIssue[] = [];
  if (rename.size === 0) return { rejected, issues };
  const first = new Map<string, KeyedRow>();
  for (const r of [...rows].sort((a, b) => a.row - b.row)) {
    const canonical = rename.get(r.region) ?? r.region;
    const key = `${r.before}${regionKey(canonical)}${r.after}`;
    const f = first.get(key);
    if (!f) {
      first.set(key, r);
      continue;
    }
    rejected.push(r);
    const m = METRIC_INFO[r.metric];
    const what =
      r.kind === "targets"
        ? `${r.year} 年的“${m.zh}”目标`
        : `${r.year} 年${r.month ? ` 1-${r.month} 月` : ""}“${m.zh}”的同一口径、同一状态的汇总数`;
    const whatEn =
      r.kind === "targets"
        ? `the ${r.year} target for ${m.en}`
        : `a figure of the same scope and status for ${m.en}, ${r.year}${r.month ? ` through month ${r.month}` : ""},`;
    // Written differently (repeats written the same way were rejected row by row), so both spellings are named.
    issues.push({
      file,
      row: r.row,
      column,
      severity: "error",
      message: `「${quoteValue(r.region)}」与第 ${f.row} 行的「${quoteValue(f.region)}」是同一地区「${quoteValue(canonical)}」：${what}已在第 ${f.row} 行给出，本行未导入。同一地区只能有一个${r.kind === "targets" ? "目标" : "“采用”的数（另一个请标为“备选”）"}：请删除其中一行，或改正地区名称。`,
      message_en: `"${quoteValue(r.region)}" and "${quoteValue(f.region)}" in row ${f.row} are the same region, "${quoteValue(canonical)}": ${whatEn} is already given in row ${f.row}; row rejected. Keep one ${r.kind === "targets" ? "target" : "adopted figure (mark the other 备选)"} per region: delete one row, or correct the region name.`,
    });
  }
  return { rejected, issues };
}
