/**
 * The data rows as the briefing's formulas need them in the data sheets (the exported workbook, and tests writing a
 * workbook): every ledger record and funds entry with its 地区路径, and funds entries without a region given the region
 * (and path) of the ledger project they name, as the builder attributes them. Records already resolved at import
 * keep their path; others get it from the hierarchy, when one is given.
 */
import type { FundsEntry, ProjectRecord } from "../core/model";
import type { RegionHierarchy } from "../core/region-hierarchy";
import type { WithRegionPath } from "../import/regions";
import type { BriefingInput } from "./types";

export function sheetRows(
  input: BriefingInput,
  hierarchy?: RegionHierarchy,
): { records: (ProjectRecord & WithRegionPath)[]; funds: (FundsEntry & WithRegionPath)[] } {
  const pathOf = (region: string | null | undefined, park?: string | null): string | null => {
    if (!hierarchy || !region) return null;
    const i = hierarchy.placeOf(region, park);
    return i >= 0 ? hierarchy.pathText(i) : null;
  };
  const records = (input.records as (ProjectRecord & WithRegionPath)[]).map((r) =>
    r.region_path !== undefined || !hierarchy ? r : { ...r, region_path: pathOf(r.region, r.park) },
  );
  const funds = input.funds ?? [];
  const wanted = new Set(funds.filter((e) => !e.region).map((e) => e.project));
  const byId = new Map<string, ProjectRecord & WithRegionPath>();
  const byName = new Map<string, ProjectRecord & WithRegionPath>();
  if (wanted.size > 0) {
    for (const r of records) {
      if (wanted.has(r.id) && !byId.has(r.id)) byId.set(r.id, r);
      if (!byName.has(r.name)) byName.set(r.name, r);
    }
  }
  return {
    records,
    funds: (funds as (FundsEntry & WithRegionPath)[]).map((e) => {
      if (e.region) return e.region_path !== undefined || !hierarchy ? e : { ...e, region_path: pathOf(e.region) };
      const r = byId.get(e.project) ?? byName.get(e.project);
      return r ? { ...e, region: r.region, region_path: r.region_path ?? pathOf(r.region, r.park) } : e;
    }),
  };
}
