import { importBytes, importCsvText } from "../../src/import";
import { fixture } from "./helpers";

describe("funds (到位资金明细)", () => {
  test("auto-detected; 万元 header; booleans; duplicates warned; bad rows rejected", async () => {
    const r = await importBytes(fixture("funds.csv"), { fileName: "funds.csv" });
    expect(r.kind).toBe("funds");
    expect(r.funds).toEqual([
      {
        project: "QH-2025-002",
        region: "西宁开发区",
        date: "2025-03-15",
        amount: 0.5,
        out_of_province: true,
        source: "月报",
      },
      {
        project: "钒电池项目",
        region: "西宁开发区",
        date: "2025-03",
        amount: 0.12,
        out_of_province: false,
        source: null,
      },
      {
        project: "QH-2025-002",
        region: "西宁开发区",
        date: "2025-03-15",
        amount: 0.5,
        out_of_province: true,
        source: "月报",
      },
      {
        project: "QH-2025-005",
        region: "西宁开发区",
        date: "2025-03-21",
        amount: 0.03,
        out_of_province: false,
        source: null,
      },
    ]);
    expect(r.summary).toEqual({ rows: 6, accepted: 4, rejected: 2, skipped: 0 });
    expect(r.issues.map((i) => [i.row, i.column, i.severity])).toEqual([
      [4, null, "warning"], // same project/date/amount as row 2: both kept, flagged
      [5, "到位金额(万元)", "error"], // negative
      [6, "到位日期", "error"], // missing date
      [7, "省外资金", "warning"], // 也许 → no
    ]);
    expect(r.issues[0].message).toContain("第 2 行");
  });

  test("省外资金 as an amount (其中：省外资金（万元）) splits the row into its two parts", () => {
    const r = importCsvText(
      "项目编号,到位日期,到位金额（万元）,其中：省外资金（万元）\nA,2025-03-01,1000,1000\nB,2025-03-02,1000,0\nC,2025-03-03,1000,300\nD,2025-03-04,1000,1200\n",
      { fileName: "f.csv" },
    );
    expect(r.kind).toBe("funds");
    expect(r.funds.map((f) => [f.project, f.amount, f.out_of_province])).toEqual([
      ["A", 0.1, true],
      ["B", 0.1, false],
      ["C", 0.03, true],
      ["C", 0.07, false],
    ]);
    expect(r.summary).toEqual({ rows: 4, accepted: 3, rejected: 1, skipped: 0 });
    expect(r.issues.map((i) => [i.row, i.column, i.severity])).toEqual([[5, "其中：省外资金（万元）", "error"]]);
  });
});

describe("targets (目标任务)", () => {
  test("unit column, metric synonyms, count checks, duplicates", async () => {
    const r = await importBytes(fixture("targets.csv"), { fileName: "targets.csv" });
    expect(r.kind).toBe("targets");
    expect(r.targets.map((t) => [t.year, t.region, t.metric, t.value])).toEqual([
      [2025, "西宁市", "signed_amount", 350],
      [2025, "西宁市", "signed_projects", 40],
      [2025, "海东市", "funds_in_place", 80],
    ]);
    expect(r.issues.map((i) => [i.row, i.column, i.severity])).toEqual([
      [4, "指标", "error"], // 签约额 = 签约金额 again for 西宁市 2025
      [5, "目标值", "error"], // 12.5 projects
      [6, "指标", "error"], // unknown metric
    ]);
    expect(r.summary).toEqual({ rows: 6, accepted: 3, rejected: 3, skipped: 0 });
  });

  test("所属地区 = 合计 is the target of the whole jurisdiction, kept as data; a 合计 in the year column is still a total row", () => {
    const r = importCsvText(
      "年份,所属地区,指标,目标值\n2025,西宁市,签约金额,350\n2025,海东市,签约金额,150\n2025,合计,签约金额,520\n合计,,,1020\n",
      { fileName: "t.csv" },
    );
    expect(r.targets.map((t) => [t.region, t.value])).toEqual([
      ["西宁市", 350],
      ["海东市", 150],
      ["合计", 520],
    ]);
    expect(r.summary).toEqual({ rows: 3, accepted: 3, rejected: 0, skipped: 1 });
    expect(r.issues.map((i) => [i.row, i.code])).toEqual([[5, "total_row"]]);
    const figures = importCsvText("年份,截至月份,所属地区,指标,数值\n2025,3,合计,签约金额,600\n", {
      fileName: "f.csv",
    });
    expect(figures.figures.map((f) => [f.region, f.value])).toEqual([["合计", 600]]);
  });

  test("a count metric with a money unit is rejected", () => {
    const r = importCsvText("年份,所属地区,指标,目标值,单位\n2025,西宁市,签约项目数,10,亿元\n", { fileName: "t.csv" });
    expect(r.targets).toEqual([]);
    expect(r.issues[0]).toMatchObject({ row: 2, severity: "error" });
  });
});

describe("figures (汇总数)", () => {
  test("through-month forms, status, duplicates of adopted figures, blank month only with a scope", async () => {
    const r = await importBytes(fixture("figures.csv"), { fileName: "figures.csv" });
    expect(r.kind).toBe("figures");
    expect(r.figures.map((f) => [f.through_month, f.metric, f.scope, f.value, f.status ?? null, f.source])).toEqual([
      [3, "signed_amount", null, 357.5, "采用", "a.txt：「签约额357.5亿元」"],
      [3, "signed_amount", null, 350, "备选", "b.txt"],
      [0, "signed_projects", "某次活动", 14, "采用", null],
    ]);
    expect(r.issues.map((i) => [i.row, i.column, i.severity])).toEqual([
      [4, "指标", "error"], // blank status = 采用, duplicates row 2
      [5, "截至月份", "error"], // whole-region figure without a month
      [7, "截至月份", "error"], // month 13
    ]);
    expect(r.issues[0].message).toContain("第 2 行");
  });
});

describe("kind auto-detection", () => {
  test.each([
    ["项目名称,所属地区,签约金额\n", "ledger"],
    ["项目编号,到位日期,到位金额\n", "funds"],
    ["年份,所属地区,指标,目标值\n", "targets"],
    ["年份,截至月份,所属地区,指标,口径,数值\n", "figures"],
  ])("%s → %s", (csv, kind) => {
    expect(importCsvText(csv, { fileName: "k.csv" }).kind).toBe(kind);
  });
});
