/**
 * The data rows as the briefing's formulas need them in the data sheets (the exported workbook, and tests writing a
 * workbook): every ledger record and funds entry with its 地区路径, and funds entries without a region given the region
 * (and path) of the ledger project they name, by the builder's one rule (./funds-attribution.ts). Records already resolved at import
 * keep their path; others get it from the hierarchy, when one is given.
 */
import type { FundsEntry, ProjectRecord } from "../core/model";
import type { RegionHierarchy } from "../core/region-hierarchy";
import type { WithRegionPath } from "../import/regions";
import { fundsPlace, fundsProjectLookup } from "./funds-attribution";
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
  const lookup = fundsProjectLookup(records, funds);
  return {
    records,
    funds: (funds as (FundsEntry & WithRegionPath)[]).map((e) => {
      const place = fundsPlace(e, lookup, records);
      if (place === null) return e;
      if (place.kind === "own")
        return e.region_path !== undefined || !hierarchy ? e : { ...e, region_path: pathOf(e.region) };
      const r = records[place.row];
      return { ...e, region: r.region, region_path: r.region_path ?? pathOf(r.region, r.park) };
    }),
  };
}
