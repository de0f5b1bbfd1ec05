/**
 * Class 4 (issue 12) and item 11c: region text in SUMIFS/COUNTIFS criteria. One rule (src/core/regions.ts) decides
 * when two names are one region, in the importer (folding, duplicate targets), the builder and the formulas; the
 * criterion matches a name exactly; names no criterion can match exactly are rejected at import. Checked against
 * three matchers: the add-in's own SUMIFS emulation, HyperFormula in the simulated Excel (live and portable sheets
 * written by the real writers), and LibreOffice (test/export/libreoffice.test.ts, hostile regions).
 */
import Papa from "papaparse";
import { buildBriefing } from "../../src/briefing/build";
import { writeBriefingSheet } from "../../src/excel/briefing-sheet";
import { writeDataset } from "../../src/excel";
import { compileCriterion } from "../../src/core/period-aggregate";
import { criterionText, regionKey, regionProblem } from "../../src/core/regions";
import { importBytes } from "../../src/import";
import type { DatasetKind, ImportResult } from "../../src/import/types";
import { compareSheet } from "../../packages/test-support/src/compare-briefing-sheet";
import { investMetadata } from "../../packages/test-support/src/invest-functions";
import { createSimulatedExcel } from "../../packages/excel-sim/src";
import { CASE_WIDTH_VARIANTS, CRITERION_REGIONS, VALUE_LIKE_REGIONS } from "./corpus";

jest.setTimeout(180_000);

const csv = (rows: Record<string, unknown>[]) => new TextEncoder().encode(Papa.unparse(rows));

test("every criterion matches exactly its own name (up to case and width) among all hostile names", () => {
  const names = [...CRITERION_REGIONS, ...CASE_WIDTH_VARIANTS.flat().map((n) => n.normalize("NFKC"))];
  const wrong: string[] = [];
  for (const a of names) {
    const match = compileCriterion(criterionText(a));
    for (const b of names) {
      if (match(b) !== (regionKey(a) === regionKey(b))) wrong.push(`${a} ~ ${b}: ${match(b)}`);
    }
  }
  expect(wrong).toEqual([]);
});

test.each(VALUE_LIKE_REGIONS.map((r) => [r.length > 40 ? `${r.slice(0, 12)}…(${r.length})` : r, r]))(
  "a region %j is rejected at import, saying why",
  async (_, region) => {
    expect(regionProblem(region)).not.toBeNull();
    for (const kind of ["ledger", "targets"] as DatasetKind[]) {
      const row =
        kind === "ledger"
          ? { 项目编号: "P-1", 项目名称: "光伏", 所属地区: region, 签约日期: "2025-02-01", "签约金额（亿元）": 1 }
          : { 年份: 2025, 所属地区: region, 指标: "签约金额", 目标值: 10 };
      const r = await importBytes(csv([row]), { fileName: "x.csv", kind });
      expect(r.issues.map((i) => [i.row, i.code, i.severity])).toEqual([[2, "region_ambiguous", "error"]]);
      expect(r.summary).toMatchObject({ accepted: 0, rejected: 1 });
    }
  },
);

test("case and width variants in one file become its first spelling, said once per spelling", async () => {
  const rows = ["ABC区", "abc区", "Ａｂｃ区", "ABC区", "abc区"].map((region, i) => ({
    项目编号: `P-${i}`,
    项目名称: `项目${i}`,
    所属地区: region,
  }));
  const r = await importBytes(csv(rows), { fileName: "l.csv", kind: "ledger" });
  expect(r.records.map((x) => x.region)).toEqual(Array(5).fill("ABC区"));
  expect(r.issues.map((i) => [i.row, i.code])).toEqual([
    [3, "region_folded"],
    [4, "region_folded"],
  ]);
});

test("duplicate targets use the same rule as the briefing: case and width variants are one region", async () => {
  const rows = [
    ["西宁市", 1],
    ["ABC区", 2],
    ["abc区", 3],
    ["ＡＢＣ区", 4],
    ["ABC 区", 5],
  ].map(([region, v]) => ({ 年份: 2025, 所属地区: region, 指标: "签约金额", 目标值: v }));
  const r = await importBytes(csv(rows), { fileName: "t.csv", kind: "targets" });
  expect(r.targets.map((t) => [t.region, t.value])).toEqual([
    ["西宁市", 1],
    ["ABC区", 2],
    ["ABC 区", 5],
  ]);
  expect(r.issues.filter((i) => i.severity === "error").map((i) => i.row)).toEqual([4, 5]);
});

test("the builder groups variants across datasets by the same rule (the display never depends on row order)", () => {
  const records = [
    { id: "P1", name: "a", region: "abc区", signed_date: "2025-02-01", signed_amount: 1 },
    { id: "P2", name: "b", region: "ABC区", signed_date: "2025-02-01", signed_amount: 2 },
  ];
  const targets = [{ year: 2025, region: "Abc区", metric: "signed_amount" as const, value: 10 }];
  for (const recs of [records, [...records].reverse()]) {
    const b = buildBriefing({ records: recs, targets }, { period: "2025Q1" });
    const t = b.tables.find((x) => x.metric === "signed_amount")!;
    expect(t.rows.map((r) => [r.region, r.actual, r.target])).toEqual([["ABC区", 3, 10]]);
    expect(b.warnings.map((w) => w.code)).toContain("region_variants");
  }
});

describe("the simulated Excel recalculates the live and portable sheets to the JSON's numbers, hostile regions and all", () => {
  let input: { records: ImportResult; funds: ImportResult; targets: ImportResult; figures: ImportResult };
  beforeAll(async () => {
    const regions: string[] = [...CRITERION_REGIONS];
    const ledger = regions.flatMap((region, k) =>
      [1, 2, 3].map((j) => ({
        项目编号: `P-${k}-${j}`,
        项目名称: `项目${k}-${j}`,
        所属地区: region,
        签约日期: `2025-0${j}-1${j}`,
        "签约金额（亿元）": ((k + 1) * j) / 10,
        开工日期: j === 2 ? "2025-03-01" : "",
      })),
    );
    // Case variants across files: the ledger says "ABC区", the targets "abc区", the funds "Ａｂｃ区".
    ledger.push({
      项目编号: "P-abc",
      项目名称: "abc",
      所属地区: "ABC区",
      签约日期: "2025-02-02",
      "签约金额（亿元）": 7,
      开工日期: "",
    });
    const targets = [
      ...regions.map((region, k) => ({ 年份: 2025, 所属地区: region, 指标: "签约金额", 目标值: 10 + k })),
      { 年份: 2025, 所属地区: "abc区", 指标: "签约金额", 目标值: 20 },
    ];
    const funds = regions.map((region, k) => ({
      项目编号: `P-${k}-1`,
      所属地区: region,
      到位日期: "2025-02-20",
      "到位金额（亿元）": k + 0.5,
      省外资金: k % 2 ? "是" : "否",
    }));
    funds.push({
      项目编号: "P-abc",
      所属地区: "Ａｂｃ区",
      到位日期: "2025-02-20",
      "到位金额（亿元）": 3,
      省外资金: "是",
    });
    // Reported figures for wildcard and operator names: the figure's COUNTIFS/SUMIFS must find exactly that region.
    const figures = ["西宁*", "?", "海~东", "~*"].map((region, k) => ({
      年份: 2025,
      截至月份: 3,
      所属地区: region,
      指标: "签约项目数",
      数值: 90 + k,
    }));
    input = {
      figures: await importBytes(csv(figures), { fileName: "g.csv", kind: "figures" }),
      records: await importBytes(csv(ledger), { fileName: "l.csv", kind: "ledger" }),
      funds: await importBytes(csv(funds), { fileName: "f.csv", kind: "funds" }),
      targets: await importBytes(csv(targets), { fileName: "t.csv", kind: "targets" }),
    };
    for (const r of Object.values(input)) expect(r.summary.rejected).toBe(0);
  });

  test.each([
    ["live", false],
    ["portable", true],
  ] as const)("%s", async (_, portable) => {
    const sim = createSimulatedExcel({ sheets: ["Sheet1"], functionsMetadata: await investMetadata() }).install();
    try {
      for (const r of Object.values(input)) await writeDataset(r.kind, r, { type: "file", name: `${r.kind}.csv` });
      const b = buildBriefing(
        {
          records: input.records.records,
          funds: input.funds.funds,
          targets: input.targets.targets,
          figures: input.figures.figures,
        },
        { period: "2025Q1" },
      );
      expect(
        b.tables
          .find((t) => t.metric === "signed_projects")!
          .rows.filter((r) => r.actual_source === "figure")
          .map((r) => r.actual)
          .sort(),
      ).toEqual([90, 91, 92, 93]);
      expect(b.regions).toEqual(expect.arrayContaining([...CRITERION_REGIONS, "ABC区"]));
      const result = await writeBriefingSheet(b, { portable, charts: false, language: "zh-CN" });
      const values = sim.workbook.values(result.sheetName, "A1:L400");
      const { mismatches, compared } = compareSheet(b, (r, c) => (values[r]?.[c] ?? null) as never, {
        refs: "structured",
        mode: result.mode,
      });
      expect(mismatches).toEqual([]);
      expect(compared).toBeGreaterThan(500);
    } finally {
      sim.close();
    }
  });
});
