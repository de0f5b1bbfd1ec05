/**
 * Wrong numbers an independent attack found in the report card (issue 13):
 * - D3: 合计's target summed from the rows even when a counted row (a 本级 row) has an actual but no target, so the
 *   total's completion rate set all of the actual against part of it (青海省: 120 against 80 = 150%). The total's
 *   target is the jurisdiction's own (or a 合计 target), else the sum of the counted rows' targets only when every
 *   counted row with an actual has one; otherwise blank, with a warning saying why.
 * - D4: the side-by-side card (--only, the pane's list of regions) did not resolve names: 西宁 and 海西 gave empty rows
 *   though 西宁市 and 海西州 have data. Names resolve through the hierarchy, repeats after resolution merge into one
 *   row, and a name neither the hierarchy nor the data knows is reported.
 */
import fc from "fast-check";
import { buildBriefing } from "../../src/briefing/build";
import type { BriefingInput } from "../../src/briefing/types";
import type { ProjectRecord, Target } from "../../src/core/model";
import { hierCaseArb } from "./hier-data";
import { seedHierarchy } from "./seed-data";

const h = seedHierarchy();
const canon = (name: string) => h.names[h.lookup(name)];
const rec = (id: string, region: string, signed: string, amount: number): ProjectRecord => ({
  id,
  name: id,
  region,
  signed_date: signed,
  signed_amount: amount,
});
const target = (region: string, value: number): Target => ({ year: 2025, region, metric: "signed_amount", value });
const ledger = [
  rec("K1", canon("西宁市"), "2025-02-01", 10),
  rec("K2", canon("海西州"), "2025-02-01", 10),
  rec("K3", canon("青海省"), "2025-02-01", 100),
];
const card = (input: BriefingInput) => {
  const b = buildBriefing(input, {
    period: "2025Q1",
    hierarchy: h,
    within: "青海省",
    level: "市州",
    metrics: ["signed_amount"],
  });
  return { b, t: b.tables[0] };
};

describe("D3: the total's target when a counted row has no target", () => {
  test("a 本级 row with an actual and no target: no total target, no completion rate, and a warning saying why", () => {
    const { b, t } = card({ records: ledger, targets: [target(canon("西宁市"), 40), target(canon("海西州"), 40)] });
    expect(t.rows.map((r) => [r.label, r.actual, r.target])).toEqual([
      ["西宁市", 10, 40],
      ["海西州", 10, 40],
      ["青海省本级", 100, null],
    ]);
    expect(t.total.actual).toBe(120);
    expect(t.total.target).toBeNull();
    expect(t.total.completion_rate).toBeNull();
    expect(t.total_target_source).toBeNull();
    const w = b.warnings.find((x) => x.code === "total_target_incomplete")!;
    expect(w.message).toContain("青海省本级");
    expect(w.message).toContain("签约金额");
    expect(w.message_en).toContain("青海省本级");
  });

  test("the jurisdiction's own target, or a 合计 target, still gives the total's target", () => {
    expect(
      card({ records: ledger, targets: [target(canon("西宁市"), 40), target("青海省", 300)] }).t.total.target,
    ).toBe(300);
    expect(card({ records: ledger, targets: [target(canon("西宁市"), 40), target("合计", 250)] }).t.total.target).toBe(
      250,
    );
  });

  test("without a 本级 actual the rows' targets add up; a row with neither actual nor target does not block the sum", () => {
    const { b, t } = card({
      records: ledger.slice(0, 2),
      targets: [target(canon("西宁市"), 40), target(canon("海西州"), 40)],
    });
    expect([t.total.target, t.total.completion_rate, t.total_target_source]).toEqual([80, 0.25, "sum"]);
    expect(b.warnings.map((w) => w.code)).not.toContain("total_target_incomplete");
    // 海东市 is shown (a target in another metric) but has no signed amount and no target for it.
    const more = card({
      records: ledger.slice(0, 2),
      targets: [
        target(canon("西宁市"), 40),
        target(canon("海西州"), 40),
        { year: 2025, region: canon("海东市"), metric: "signed_projects", value: 3 },
      ],
    }).t;
    expect(more.rows.map((r) => r.label)).toContain("海东市");
    expect(more.total.target).toBe(80);
  });

  test("property: a summed total target covers every counted row with an actual", () => {
    fc.assert(
      fc.property(hierCaseArb, fc.nat(), (c, pick) => {
        const within = ["全国", ...c.rows.map((r) => r.name)][pick % (c.rows.length + 1)];
        let b;
        try {
          b = buildBriefing(c.input, { period: "2025Q1", hierarchy: c.hierarchy, within });
        } catch {
          return;
        } // no finer level
        for (const t of b.tables) {
          const counted = t.rows.filter((r) => r.role !== "zone");
          if (t.total_target_source === "sum") {
            for (const r of counted) if (r.actual !== null) expect(r.target).not.toBeNull();
            expect(t.total.target).toBeCloseTo(
              counted.reduce((s, r) => s + (r.target ?? 0), 0),
              6,
            );
          }
          if (t.total_target_source === null && t.total.target === null && counted.some((r) => r.target !== null)) {
            expect(counted.some((r) => r.actual !== null && r.target === null)).toBe(true);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe("D4: the side-by-side card resolves the names it is given", () => {
  const input: BriefingInput = {
    records: [
      rec("A", canon("西宁市"), "2025-02-01", 4),
      rec("B", canon("海西州"), "2025-02-01", 6),
      rec("C", "西宁开发区", "2025-02-01", 5),
    ],
    targets: [target(canon("西宁市"), 40), target(canon("海西州"), 20)],
  };
  test("aliases and short forms give the canonical region's row; repeats after resolution are one row", () => {
    const b = buildBriefing(input, {
      period: "2025Q1",
      hierarchy: h,
      regions: ["西宁", "西宁市", "西宁开发区", "海西", "西宁国家级经济技术开发区"],
      metrics: ["signed_amount"],
    });
    const t = b.tables[0];
    expect(t.rows.map((r) => [r.region, r.actual, r.target])).toEqual([
      [canon("西宁市"), 4, 40],
      ["西宁开发区", 5, null],
      [canon("海西州"), 6, 20],
    ]);
    expect(b.regions).toEqual([canon("西宁市"), "西宁开发区", canon("海西州")]);
    const w = b.warnings.find((x) => x.code === "region_list_resolved")!;
    expect(w.message).toContain("「西宁」「西宁市」");
    expect(w.message).toContain("「海西」");
  });

  test("a name nobody knows is listed as written and reported, with the closest name", () => {
    const b = buildBriefing(input, {
      period: "2025Q1",
      hierarchy: h,
      regions: ["西宁", "西宇市"],
      metrics: ["signed_amount"],
    });
    expect(b.regions).toEqual([canon("西宁市"), "西宇市"]);
    const w = b.warnings.find((x) => x.code === "unknown_regions")!;
    expect(w.message).toContain("「西宇市」");
    expect(w.message_en).toContain('"西宇市"');
  });

  test("a name the hierarchy does not know but the data carries is not reported", () => {
    const b = buildBriefing(
      { ...input, records: [...input.records, rec("D", "某新区", "2025-02-01", 1)] },
      { period: "2025Q1", hierarchy: h, regions: ["某新区"], metrics: ["signed_amount"] },
    );
    expect(b.tables[0].rows.map((r) => [r.region, r.actual])).toEqual([["某新区", 1]]);
    expect(b.warnings.map((x) => x.code)).not.toContain("unknown_regions");
  });
});
