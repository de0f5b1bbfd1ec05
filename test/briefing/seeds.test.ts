/**
 * The briefing reproduces every completion percentage the seed reports publish for which inputs exist, to the
 * published precision (seeds/README.md, "公布百分比 → 输入 → 计算值").
 */
import { buildBriefing, briefingTable } from "../../src/briefing/build";
import { briefingText } from "../../src/briefing/text";
import { formatPercent } from "../../src/core/format";
import type { Metric } from "../../src/core/model";
import type { Briefing, BriefingRow } from "../../src/briefing/types";
import { briefingJson } from "../../src/briefing/output";
import { seedHierarchy, seedInput } from "./seed-data";

function row(b: Briefing, metric: Metric, region: string): BriefingRow {
  const t = briefingTable(b, metric);
  if (!t) throw new Error(`no table for ${metric}`);
  const r = region === "合计" ? t.total : t.rows.find((x) => x.region === region);
  if (!r) throw new Error(`no row for ${region}`);
  return r;
}

describe("published completion rates of the seed reports", () => {
  test("西宁市 2024Q1: 签约金额 357.5/350 → 102.14%, 省外到位资金 36.9/244 → 15.12%", () => {
    const b = buildBriefing(seedInput(), { period: "2024Q1" });
    const signed = row(b, "signed_amount", "西宁市");
    expect([signed.actual, signed.target, signed.actual_source]).toEqual([357.5, 350, "figure"]);
    expect(formatPercent(signed.completion_rate!)).toBe("102.14%");
    const out = row(b, "funds_in_place_out_of_province", "西宁市");
    expect([out.actual, out.target]).toEqual([36.9, 244]);
    expect(formatPercent(out.completion_rate!)).toBe("15.12%");
    // Time progress at 3-31 is 25%: 102.14% is 77.14 points ahead, 15.12% is 9.88 points behind (正常 within 10).
    expect(b.time_progress).toBe(0.25);
    expect(signed.pace_gap).toBeCloseTo(77.142857143, 8);
    expect(signed.status).toBe("ahead");
    expect(out.pace_gap).toBeCloseTo(-9.87704918, 7);
    expect(out.status).toBe("on_track");
    const text = briefingText(b);
    expect(text).toContain("签约金额357.5亿元，完成年度目标任务的102.14%，超序时进度77.14个百分点");
    expect(text).toContain("实际到位省外资金36.9亿元，完成年度目标任务的15.12%，欠序时进度9.88个百分点");
  });

  test("青海省 2023 full year (period 2023Q4): 到位资金 568/500 → 113.6%", () => {
    const b = buildBriefing(seedInput(), { period: "2023Q4" });
    const r = row(b, "funds_in_place", "青海省");
    expect([r.actual, r.target]).toEqual([568, 500]);
    expect(formatPercent(r.completion_rate!)).toBe("113.6%");
    expect(b.time_progress).toBe(1);
    // The 续建/新建 parts (scoped figures) and the 青洽会 figures (no month) are not the actual.
    expect(r.actual_source).toBe("figure");
    expect(briefingText(b)).toContain("2023年全年");
    expect(briefingText(b)).toContain("实际到位资金568亿元，完成年度目标任务的113.6%");
  });

  test("西宁开发区 2025Q1: 签约金额 245/281 → 87% (采用), and the 备选 figure 207 → 74%", () => {
    const input = seedInput();
    const b = buildBriefing(input, { period: "2025Q1" });
    const r = row(b, "signed_amount", "西宁开发区");
    expect([r.actual, r.target]).toEqual([245, 281]);
    expect(formatPercent(r.completion_rate!, 0)).toBe("87%");
    expect(formatPercent(r.completion_rate!)).toBe("87.19%");
    expect(row(b, "signed_projects", "西宁开发区").actual).toBe(23);

    // The user marks the other report's figures 采用 (and the first ones 备选) in the 汇总数 sheet.
    const swapped = {
      ...input,
      figures: input.figures.map((f) =>
        f.year === 2025 &&
        f.region === "西宁开发区" &&
        !f.scope &&
        (f.metric === "signed_amount" || f.metric === "signed_projects")
          ? { ...f, status: f.status === "采用" ? ("备选" as const) : ("采用" as const) }
          : f,
      ),
    };
    const alt = buildBriefing(swapped, { period: "2025Q1" });
    const a = row(alt, "signed_amount", "西宁开发区");
    expect(a.actual).toBe(207);
    expect(formatPercent(a.completion_rate!, 0)).toBe("74%");
    expect(row(alt, "signed_projects", "西宁开发区").actual).toBe(17);
  });

  test("a scoped figure is never the actual: 11 新签约项目 started is a subset, the ledger counts 2 dated starts", () => {
    const b = buildBriefing(seedInput(), { period: "2025Q1" });
    const started = row(b, "projects_started", "西宁开发区");
    expect(started.actual).toBe(2);
    expect(started.actual_source).toBe("ledger");
    expect(row(b, "projects_started", "海西州").actual).toBe(1);
  });

  test("blank, never a misleading 0: regions without data get null, metrics without any data are omitted", () => {
    const b = buildBriefing(seedInput(), { period: "2025Q1" });
    const nan = row(b, "signed_amount", "海南州");
    expect(nan).toMatchObject({
      actual: null,
      completion_rate: null,
      share: null,
      rank: null,
      status: null,
      pace_gap: null,
    });
    expect(row(b, "funds_in_place", "海南州").actual).toBe(10.6);
    // 2024Q1 has no signing dates in the ledger and no whole-scope count figure: no signed_projects table at all.
    const q = buildBriefing(seedInput(), { period: "2024Q1" });
    expect(q.metrics).toEqual(["signed_amount", "funds_in_place_out_of_province"]);
    expect(q.regions).toEqual(["西宁市"]);
  });

  test("prior = the same span a year earlier; the total's growth only like for like", () => {
    const b = buildBriefing(seedInput(), { period: "2025Q1" });
    const xining = row(b, "signed_amount", "西宁市");
    expect(xining).toMatchObject({ actual: null, prior: 357.5, prior_source: "figure", yoy_growth: null });
    const total = row(b, "signed_amount", "合计");
    // 245 this year comes from 西宁开发区, 357.5 last year from 西宁市: no growth rate across different regions.
    expect(total).toMatchObject({ actual: 245, prior: 357.5, yoy_growth: null, target: null });
  });
});

describe("the sample data as a report card by level (seeds/regions.csv with the built-in divisions)", () => {
  test("2025Q1 for 青海省 by 市州 (the default): 西宁市 with 西宁开发区 as 其中, 合计 245 not 490; 兰州市 left out", () => {
    const b = buildBriefing(seedInput(), { period: "2025Q1", hierarchy: seedHierarchy() });
    expect([b.jurisdiction?.name, b.level]).toEqual(["青海省", "市州"]);
    const j = briefingJson(b, briefingText(b, { language: "zh-CN" }));
    const amount = j.rows.filter((r) => r.metric === "signed_amount");
    const labels = amount.map((r) => (r as { label?: string }).label);
    expect(labels.slice(labels.indexOf("西宁市"), labels.indexOf("西宁市") + 2)).toEqual([
      "西宁市",
      "其中：西宁开发区",
    ]);
    const zone = amount.find((r) => (r as { label?: string }).label === "其中：西宁开发区") as unknown as Record<
      string,
      unknown
    >;
    expect(zone).toMatchObject({
      role: "zone",
      of: "西宁市",
      level: "园区",
      parent: "西宁市",
      actual: 245,
      target: 281,
    });
    expect(formatPercent(zone.completion_rate as number)).toBe("87.19%");
    expect(amount.find((r) => r.region === "西宁市")).toMatchObject({ actual: 245, level: "市州", parent: "青海省" });
    expect(amount.find((r) => r.region === "合计")!.actual).toBe(245);
    expect(amount.some((r) => r.region === "兰州市")).toBe(false);
  });

  test("2024Q1 for 青海省 by 市州: 西宁市 reproduces 102.14% (签约金额) and 15.12% (省外到位资金)", () => {
    const b = buildBriefing(seedInput(), {
      period: "2024Q1",
      hierarchy: seedHierarchy(),
      within: "青海省",
      level: "市州",
    });
    expect(formatPercent(row(b, "signed_amount", "西宁市").completion_rate!)).toBe("102.14%");
    expect(formatPercent(row(b, "funds_in_place_out_of_province", "西宁市").completion_rate!)).toBe("15.12%");
    expect(row(b, "signed_amount", "西宁市").completion_rate).toBeCloseTo(357.5 / 350, 12);
  });
});
