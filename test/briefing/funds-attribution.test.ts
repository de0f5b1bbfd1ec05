/**
 * One funds-attribution rule (src/briefing/funds-attribution.ts) for the side-by-side card, the card by level, the
 * exported data sheets (sheetRows) and resolveFundsRegions: an entry without a region takes the region of the ledger
 * project it names (by id, else by name, first row), and counts nowhere when that row has no region either.
 */
import { buildHierarchy } from "../../src/core/region-hierarchy";
import type { FundsEntry, ProjectRecord } from "../../src/core/model";
import { buildBriefing, briefingTable, resolveFundsRegions } from "../../src/briefing/build";
import { sheetRows } from "../../src/briefing/sheet-data";

const rec = (id: string, name: string, region: string): ProjectRecord => ({
  id,
  name,
  region,
  signed_date: "2025-01-10",
  signed_amount: 1,
});
const fund = (project: string, amount: number, region?: string | null): FundsEntry => ({
  project,
  region,
  date: "2025-02-01",
  amount,
  out_of_province: false,
});

const { hierarchy } = buildHierarchy(null, [
  { name: "甲省", level: "省" },
  { name: "一市", parent: "甲省", level: "市州" },
  { name: "二市", parent: "甲省", level: "市州" },
]);

// P1: by id in 一市; P2's id row has no region (a record the importer could not place), its name row does not exist;
// "乙项目" is named by name only; "无此项目" is in no ledger row.
const records = [
  rec("P1", "甲项目", "一市"),
  rec("P2", "丙项目", ""),
  rec("P3", "乙项目", "二市"),
  rec("P1", "重复", "二市"),
];
const funds = [fund("P1", 5), fund("P2", 7), fund("乙项目", 11), fund("无此项目", 13), fund("x", 17, "二市")];

describe("one funds-attribution rule", () => {
  test("resolveFundsRegions: own region, else the first row by id, else by name; a row without a region places nothing", () => {
    expect(resolveFundsRegions(records, funds)).toEqual(["一市", null, "二市", null, "二市"]);
  });

  test("the side-by-side card and the card by level place and count the same entries", () => {
    const flat = buildBriefing({ records, funds }, { period: "2025Q1" });
    const byLevel = buildBriefing({ records, funds }, { period: "2025Q1", hierarchy, within: "甲省" });
    for (const b of [flat, byLevel]) {
      expect(b.stats.funds_region_from_ledger).toBe(2);
      expect(b.stats.funds_unattributed).toBe(2);
      const t = briefingTable(b, "funds_in_place")!;
      const actual = (region: string) => t.rows.find((r) => r.region === region)?.actual;
      expect(actual("一市")).toBe(5);
      expect(actual("二市")).toBe(28);
      expect(t.total.actual).toBe(33);
      expect(b.warnings.map((w) => w.code)).toEqual(
        expect.arrayContaining(["funds_region_from_ledger", "unattributed_funds"]),
      );
    }
  });

  test("the exported data sheets fill the region the builder used, and leave the others blank", () => {
    const rows = sheetRows({ records, funds }).funds.map((e) => e.region ?? null);
    expect(rows).toEqual(["一市", null, "二市", null, "二市"]);
  });
});
