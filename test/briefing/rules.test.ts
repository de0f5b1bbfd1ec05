/** The briefing's rules on small hand-made ledgers: attribution, totals, options, text, JSON and Markdown. */
import { buildBriefing, BriefingError, briefingTable, monthKey } from "../../src/briefing/build";
import { briefingJson, briefingMarkdown } from "../../src/briefing/output";
import { briefingText, metricClause } from "../../src/briefing/text";
import type { BriefingInput } from "../../src/briefing/types";
import type { ProjectRecord } from "../../src/core/model";

const rec = (
  id: string,
  region: string,
  signed: string | null,
  amount: number | null,
  started: string | null = null,
): ProjectRecord => ({
  id,
  name: `项目${id}`,
  region,
  signed_date: signed,
  signed_amount: amount,
  started_date: started,
});

const base: BriefingInput = {
  records: [
    rec("A1", "城东区", "2025-01-15", 10),
    rec("A2", "城东区", "2025-03", 5.5, "2025-03-02"),
    rec("A3", "城东区", "2025-04-01", 100),
    rec("A4", "城东区", "2024-02-01", 12),
    rec("B1", "城西区", "2025-02-28", 30),
    rec("B2", "城西区", "2024-12-31", 7),
    rec("C1", "高新区", null, null, "2024-01-05"),
  ],
  funds: [
    { project: "A1", date: "2025-02-01", amount: 3, out_of_province: true },
    { project: "项目B1", date: "2025-03-31", amount: 2, out_of_province: false },
    { project: "X9", region: "高新区", date: "2025-01-20", amount: 1.5, out_of_province: true },
    { project: "nowhere", date: "2025-01-20", amount: 99, out_of_province: true },
  ],
  targets: [
    { year: 2025, region: "城东区", metric: "signed_amount", value: 50 },
    { year: 2025, region: "城西区", metric: "signed_amount", value: 40 },
    { year: 2025, region: "城东区", metric: "signed_projects", value: 4 },
    { year: 2025, region: "合计", metric: "funds_in_place", value: 20 },
  ],
  figures: [],
};

describe("buildBriefing rules", () => {
  const b = buildBriefing(base, { period: "2025Q1" });
  test("ledger aggregation: span bounds, month-precision dates, priors", () => {
    const t = briefingTable(b, "signed_amount")!;
    const east = t.rows.find((r) => r.region === "城东区")!;
    expect(east).toMatchObject({ actual: 15.5, target: 50, prior: 12, actual_source: "ledger" });
    expect(east.completion_rate).toBeCloseTo(0.31, 12);
    expect(east.pace_gap).toBeCloseTo(6, 9);
    expect(east.yoy_growth).toBeCloseTo(3.5 / 12, 12);
    const west = t.rows.find((r) => r.region === "城西区")!;
    // 城西区 signed nothing in 2024 Q1 (only in December): prior 0, growth not computable.
    expect(west).toMatchObject({ actual: 30, prior: 0, yoy_growth: null, rank: 1 });
    expect(east.rank).toBe(2);
    // Total target = sum of regions' targets when every region has one (高新区 has no signing data → no row? it has a start).
    expect(t.rows.map((r) => r.region)).toEqual(["城东区", "城西区", "高新区"]);
    expect(t.total.target).toBeNull();
    expect(briefingTable(b, "signed_projects")!.rows[0]).toMatchObject({ region: "城东区", actual: 2, target: 4 });
  });
  test("funds: region from the entry, else the ledger project by id or name; unattributed entries are reported", () => {
    const t = briefingTable(b, "funds_in_place")!;
    expect(t.rows.map((r) => [r.region, r.actual])).toEqual([
      ["城东区", 3],
      ["城西区", 2],
      ["高新区", 1.5],
    ]);
    expect(t.total).toMatchObject({ actual: 6.5, target: 20 });
    expect(t.total_target_source).toBe("explicit");
    expect(briefingTable(b, "funds_in_place_out_of_province")!.rows.map((r) => r.actual)).toEqual([3, 0, 1.5]);
    expect(b.stats).toMatchObject({ funds_region_from_ledger: 2, funds_unattributed: 1 });
    expect(b.warnings.map((w) => w.code).sort()).toEqual(["funds_region_from_ledger", "unattributed_funds"]);
  });
  test("projects started: a region whose starts are all last year has no actual this year (blank, not 0)", () => {
    const t = briefingTable(b, "projects_started")!;
    expect(t.rows.find((r) => r.region === "城东区")).toMatchObject({ actual: 1 });
    expect(t.rows.find((r) => r.region === "高新区")).toMatchObject({ actual: null, prior: 1 });
  });
  test("the total's target: explicit 合计, else the sum when every region has one", () => {
    const only = buildBriefing(base, { period: "2025Q1", regions: ["城东区", "城西区"], metrics: ["signed_amount"] });
    expect(only.regions).toEqual(["城东区", "城西区"]);
    const t = only.tables[0];
    expect(t.total).toMatchObject({ actual: 45.5, target: 90 });
    expect(t.total_target_source).toBe("sum");
    expect(t.rows.map((r) => r.share)).toEqual([15.5 / 45.5, 30 / 45.5]);
  });
  test("reported figures: whole scope and not 备选 replace the ledger; scoped or 备选 ones do not", () => {
    const input = {
      ...base,
      figures: [
        {
          year: 2025,
          through_month: 3,
          region: "城东区",
          metric: "signed_amount" as const,
          value: 80,
          scope: "",
          status: "采用" as const,
        },
        {
          year: 2025,
          through_month: 3,
          region: "城西区",
          metric: "signed_amount" as const,
          value: 70,
          scope: "工业项目",
        },
        {
          year: 2025,
          through_month: 3,
          region: "城西区",
          metric: "signed_amount" as const,
          value: 60,
          status: "备选" as const,
        },
        { year: 2025, through_month: 6, region: "城西区", metric: "signed_amount" as const, value: 50 },
      ],
    };
    const t = briefingTable(buildBriefing(input, { period: "2025Q1" }), "signed_amount")!;
    expect(t.rows.find((r) => r.region === "城东区")).toMatchObject({
      actual: 80,
      actual_source: "figure",
      prior: 12,
      prior_source: "ledger",
    });
    expect(t.rows.find((r) => r.region === "城西区")).toMatchObject({ actual: 30, actual_source: "ledger" });
    const dup = buildBriefing(
      { ...input, figures: [...input.figures, { ...input.figures[0], value: 1 }] },
      { period: "2025Q1" },
    );
    expect(dup.warnings.some((w) => w.code === "duplicate_figure")).toBe(true);
  });
  test("as-of date and basis set time progress; tolerance sets the status", () => {
    const d = buildBriefing(base, { period: "2025Q1", asOf: "2025-03-15", basis: "day", tolerance: 5 });
    expect(d.time_progress).toBeCloseTo(74 / 365, 12);
    expect(d.as_of).toBe("2025-03-15");
    const m = buildBriefing(base, { period: "2025Q1", asOf: "2025-03-15" });
    expect(m.time_progress).toBe(2 / 12);
    const east = (x: typeof b) => briefingTable(x, "signed_amount")!.rows[0];
    // 31% done against 50% of the year elapsed: 19 points behind.
    const late = (tolerance: number) => east(buildBriefing(base, { period: "2025Q1", asOf: "2025-06-30", tolerance }));
    expect(late(10)).toMatchObject({ status: "behind" });
    expect(late(10).pace_gap).toBeCloseTo(-19, 9);
    expect(late(20).status).toBe("on_track");
    expect(east(b).status).toBe("ahead");
  });
  test("periods: quarter codes and Chinese forms; a bad period or date is an error in both languages", () => {
    expect(buildBriefing(base, { period: "2025年一季度" }).period).toBe("2025Q1");
    expect(buildBriefing(base, { period: "2025H1" }).span).toMatchObject({ fromMonth: 1, toMonth: 6 });
    expect(() => buildBriefing(base, { period: "Q5" })).toThrow(BriefingError);
    expect(() => buildBriefing(base, { period: "2025Q1", asOf: "31/03/2025" })).toThrow(/YYYY-MM-DD/);
  });
});

describe("briefing text", () => {
  const b = buildBriefing(base, { period: "2025Q1" });
  test("Chinese: totals first, then regions; 同比增长/下降, 超/欠序时进度, 新增", () => {
    const text = briefingText(b);
    expect(text.split("\n")[0]).toBe("2025年一季度（截至3月31日，序时进度25%）招商引资成绩单如下。");
    expect(text).toContain(
      "一季度，城东区共签约项目2项，完成年度目标任务的50%，超序时进度25个百分点，同比增长100%；签约金额15.5亿元，完成年度目标任务的31%，超序时进度6个百分点，同比增长29.17%",
    );
    expect(text).toContain("城西区共签约项目1项，上年同期为零，系新增");
    expect(text).toContain("签约金额完成率居前的是城西区（75%）、城东区（31%）。");
    const decline = metricClause({
      ...briefingTable(b, "signed_amount")!.rows[0],
      actual: 6,
      yoy_growth: -0.5,
      prior: 12,
    });
    expect(decline).toContain("同比下降50%");
    const behind = metricClause({ ...briefingTable(b, "signed_amount")!.rows[0], pace_gap: -12.345 });
    expect(behind).toContain("欠序时进度12.35个百分点");
  });
  test("English on request", () => {
    const text = briefingText(b, { language: "en-US" });
    expect(text).toContain("Investment report card, Q1 2025 (as of 2025-03-31; 25% of the year elapsed).");
    expect(text).toContain(
      "城东区: 2 projects signed, 50% of the annual target, 25 points ahead of time progress, up 100% year on year",
    );
  });
});

describe("JSON and Markdown", () => {
  const b = buildBriefing(base, { period: "2025Q1" });
  const text = briefingText(b);
  test("JSON contract: one row per region and metric plus 合计; fractions; nulls", () => {
    const j = briefingJson(b, text);
    expect(j).toMatchObject({ period: "2025Q1", as_of: "2025-03-31", time_progress: 0.25, text });
    const perMetric = b.regions.length + 1;
    expect(j.rows).toHaveLength(b.tables.length * perMetric);
    const east = j.rows.find((r) => r.region === "城东区" && r.metric === "signed_amount")!;
    expect(Object.keys(east).sort()).toEqual([
      "actual",
      "completion_rate",
      "metric",
      "pace_gap",
      "prior",
      "rank",
      "region",
      "share",
      "source",
      "status",
      "target",
      "time_progress",
      "yoy_growth",
    ]);
    expect(east.completion_rate).toBeCloseTo(0.31, 12);
    expect(j.rows.filter((r) => r.region === "合计")).toHaveLength(b.tables.length);
    expect(JSON.parse(JSON.stringify(j))).toEqual(j); // no undefined, NaN or Infinity
  });
  test("Markdown: a table per metric with the total, then the text", () => {
    const md = briefingMarkdown(b, text);
    expect(md).toContain("## 签约金额（亿元）");
    expect(md).toContain("| 城东区 | 15.5 | 50 | 31% | 25% | 6 | 超序时 | 12 | 29.17% | 34.07% | 2 |");
    expect(md).toContain("| **合计** | 45.5 |");
    expect(md).toContain("## 简报文字");
  });
});

describe("monthKey: dates read from ISO text", () => {
  test("full and month-precision dates; anything else is not a date", () => {
    expect(monthKey("2025-03-31")).toBe(2025 * 12 + 2);
    expect(monthKey("2025-03")).toBe(2025 * 12 + 2);
    expect(monthKey("2024-12-01T00:00:00Z")).toBe(2024 * 12 + 11);
    for (const bad of [
      "",
      "2025",
      "2025-",
      "2025-1",
      "2025-3-1",
      "2025/03/01",
      "2025-13-01",
      "2025-00-10",
      "20x5-03-01",
      "abcd-ef",
    ]) {
      expect(monthKey(bad)).toBe(-1);
    }
  });
  test("records with malformed dates count nowhere (and give no data)", () => {
    const b = buildBriefing(
      { records: [rec("X", "城东区", "2025/03/01", 5), rec("Y", "城东区", "2025-02-01", 7)] },
      { period: "2025Q1" },
    );
    expect(briefingTable(b, "signed_amount")!.rows[0]).toMatchObject({ actual: 7, prior: null });
  });
});

describe("many regions and odd records", () => {
  test("more regions than the scan's identity cache (40), region strings that are equal but not identical, a record without region", () => {
    const regions = Array.from({ length: 40 }, (_, i) => `地区${i}`);
    const records: ProjectRecord[] = [];
    for (let i = 0; i < 400; i++) {
      // A fresh string object each time (equal content, different identity).
      const region = ["地区", String(i % 40)].join("");
      records.push(rec(`R${i}`, region, `2025-0${1 + (i % 3)}-15`, 1));
    }
    records.push({ ...rec("Z", "", "2025-01-01", 1000) });
    const b = buildBriefing({ records }, { period: "2025Q1" });
    expect(b.regions).toHaveLength(40);
    const t = briefingTable(b, "signed_amount")!;
    for (const r of t.rows) expect(r.actual).toBe(10);
    expect(t.total.actual).toBe(400);
    expect(new Set(b.regions)).toEqual(new Set(regions));
  });
});
