/**
 * The briefing workbook without LibreOffice: sheets and canonical titles, portable formulas use built-in functions
 * only, cached results are the builder's numbers, status colours, dates as serials; the command's formats and errors.
 */
import ExcelJS from "exceljs";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { buildBriefing } from "../../src/briefing/build";
import { briefingLayout, COL } from "../../src/briefing/formulas";
import { briefingText } from "../../src/briefing/text";
import { briefCommand } from "../../src/cli/brief";
import { FIGURES, FUNDS, LEDGER, TARGETS } from "../../src/core/columns";
import { briefingXlsx, dateSerial } from "../../src/export/briefing-xlsx";
import { syntheticInput } from "../../packages/test-support/src/synthetic-briefing";
import { compareSheet } from "../../packages/test-support/src/compare-briefing-sheet";

const BUILT_IN = new Set([
  "TRUE",
  "IF",
  "OR",
  "SUMIFS",
  "COUNTIFS",
  "COUNTIF",
  "COUNT",
  "SUM",
  "ROWS",
  "ROUND",
  "ABS",
  "DATE",
  "YEAR",
  "MONTH",
  "DAY",
  "EOMONTH",
  "IFERROR",
]);

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as never);
  return wb;
}

describe("briefing workbook (exceljs)", () => {
  const input = syntheticInput({ records: 150, seed: 21 });
  const b = buildBriefing(input, { period: "2025Q1" });

  test("sheets, canonical titles, dates as serials, the briefing sheet first", async () => {
    const wb = await load(await briefingXlsx(input, b));
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "成绩单 2025Q1",
      LEDGER.sheet,
      FUNDS.sheet,
      TARGETS.sheet,
      FIGURES.sheet,
    ]);
    const ledger = wb.getWorksheet(LEDGER.sheet)!;
    expect((ledger.getRow(1).values as unknown[]).slice(1)).toEqual(LEDGER.columns.map((c) => c.title));
    const dateCol = LEDGER.columns.findIndex((c) => c.field === "signed_date") + 1;
    const k = input.records.findIndex((r) => r.signed_date);
    // Stored as the serial with a date format (exceljs reads it back as a Date).
    const stored = ledger.getRow(k + 2).getCell(dateCol);
    expect(stored.numFmt).toBe("yyyy-mm-dd");
    const iso = input.records[k].signed_date!;
    expect((stored.value as Date).toISOString().slice(0, 10)).toBe(iso.length === 7 ? `${iso}-01` : iso);
    expect(dateSerial("2025-01-01")).toBe(45658);
    expect(dateSerial("2025-03")).toBe(dateSerial("2025-03-01"));
    expect(dateSerial("2025-02-30")).toBeNull();
  });

  test("portable formulas: built-in functions only, cached results are the JSON's numbers, status colours", async () => {
    const wb = await load(await briefingXlsx(input, b));
    const ws = wb.getWorksheet("成绩单 2025Q1")!;
    const functions = new Set<string>();
    let formulas = 0;
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value as { formula?: string } | null;
        if (v && typeof v === "object" && v.formula) {
          formulas++;
          for (const m of v.formula.matchAll(/([A-Z][A-Z0-9.]*)\(/g)) functions.add(m[1]);
        }
      }),
    );
    expect(formulas).toBeGreaterThan(100);
    expect([...functions].filter((f) => !BUILT_IN.has(f))).toEqual([]);
    const read = (r: number, c: number) => {
      const v = ws.getRow(r + 1).getCell(c + 1).value as unknown;
      // exceljs reads a cached result of 0 or "" back as undefined: "0 or blank".
      if (v && typeof v === "object" && "formula" in (v as object)) return (v as { result?: number | string }).result;
      return v === undefined || v === "" ? null : (v as number | string | null);
    };
    expect(compareSheet(b, read).mismatches).toEqual([]);
    const cf = (ws as unknown as { conditionalFormattings: { ref: string; rules: { text?: string }[] }[] })
      .conditionalFormattings;
    expect(cf.length).toBe(b.tables.length);
    // exceljs reads the rule back as its SEARCH formula (the text attribute is not kept on reading).
    expect(JSON.stringify(cf[0].rules)).toMatch(/超序时[\s\S]*正常[\s\S]*滞后/);
  });

  test("values-only and English: no formulas, fixed status fills, English headers", async () => {
    const wb = await load(await briefingXlsx(input, b, { mode: "values", language: "en-US" }));
    const ws = wb.getWorksheet("成绩单 2025Q1")!;
    let formulas = 0;
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if ((cell.value as { formula?: string })?.formula) formulas++;
      }),
    );
    expect(formulas).toBe(0);
    const layout = briefingLayout(b, briefingText(b), { mode: "values", refs: "a1", language: "en-US" });
    const t = layout.tables[0];
    expect(ws.getRow(t.headerRow + 1).getCell(COL.rate + 1).value).toBe("Completion");
    const k = layout.grid.findIndex((row) => row[COL.status].status);
    const fill = ws.getRow(k + 1).getCell(COL.status + 1).fill as ExcelJS.FillPattern;
    expect(["FFC6EFCE", "FFFFEB9C", "FFFFC7CE"]).toContain(fill.fgColor?.argb);
  });
});

describe("brief command", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "brief-cli-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const seeds = path.join(__dirname, "..", "..", "seeds");
  const run = async (args: string[]) => {
    let out = "";
    let err = "";
    const code = await briefCommand(args, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
    return { code, out, err };
  };
  const base = [
    "--ledger",
    path.join(seeds, "projects.csv"),
    "--targets",
    path.join(seeds, "targets.csv"),
    "--figures",
    path.join(seeds, "figures.csv"),
    "--regions",
    path.join(seeds, "regions.csv"),
  ];

  test("json: the contract with fractions and nulls", async () => {
    const r = await run([...base, "--period", "2024Q1"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ period: "2024Q1", as_of: "2024-03-31", time_progress: 0.25 });
    const row = j.rows.find(
      (x: { region: string; metric: string }) => x.region === "西宁市" && x.metric === "signed_amount",
    );
    expect(row).toMatchObject({
      actual: 357.5,
      target: 350,
      prior: null,
      yoy_growth: null,
      rank: 1,
      share: 1,
      source: "figure",
    });
    expect(row.completion_rate).toBeCloseTo(1.0214285714, 9);
    expect(j.text).toContain("完成年度目标任务的102.14%");
  });

  test("md and English; xlsx to --out; errors exit 2 with both languages", async () => {
    const md = await run([...base, "--period", "2025年一季度", "--format", "md", "--language", "en-US"]);
    expect(md.code).toBe(0);
    expect(md.out).toContain("# Investment report card 2025Q1 (青海省 · by prefecture)");
    expect(md.out).toContain("Of which 西宁开发区: 23 projects signed");
    expect(md.out).toContain("CNY 24.5 billion signed, 87.19% of the annual target");
    const out = path.join(dir, "b.xlsx");
    const x = await run([...base, "--period", "2025Q1", "--format", "xlsx", "--out", out]);
    expect(x.code).toBe(0);
    expect(fs.statSync(out).size).toBeGreaterThan(5000);
    expect((await run([...base])).code).toBe(2);
    const bad = await run([...base, "--period", "2025Q5"]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("无法识别报告期");
    expect(bad.err).toContain("Unrecognised period");
    expect((await run([...base, "--period", "2025Q1", "--format", "pdf"])).code).toBe(2);
    expect((await run(["--ledger", path.join(dir, "missing.csv"), "--targets", "x", "--period", "2025Q1"])).code).toBe(
      2,
    );
  });
});

describe("brief by level: flags and the JSON sections", () => {
  const seeds = path.join(__dirname, "..", "..", "seeds");
  const run = async (args: string[]) => {
    let out = "";
    let err = "";
    const code = await briefCommand(args, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
    return { code, out, err };
  };
  const files = [
    "--ledger",
    path.join(seeds, "projects.csv"),
    "--targets",
    path.join(seeds, "targets.csv"),
    "--figures",
    path.join(seeds, "figures.csv"),
    "--regions",
    path.join(seeds, "regions.csv"),
  ];

  test("2025Q1: 青海省 by 市州 (the default), 西宁市 with 西宁开发区 as 其中 (of), level and parent, reconciliation", async () => {
    const r = await run([...files, "--period", "2025Q1", "--breakdown", "industry,stage", "--top", "3"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.jurisdiction).toMatchObject({ name: "青海省", level: "省", path: "青海省›" });
    expect(j.level).toBe("市州");
    const signed = j.rows.filter((x: { metric: string }) => x.metric === "signed_amount");
    expect(signed.map((x: { label: string }) => x.label)).toEqual([
      "西宁市",
      "其中：西宁开发区",
      "海南州",
      "海西州",
      "合计",
    ]);
    expect(signed[0]).toMatchObject({
      region: "西宁市",
      level: "市州",
      parent: "青海省",
      of: null,
      role: "region",
      actual: 245,
      prior: 357.5,
      yoy_growth: null,
      source: "figure",
      figure_regions: ["西宁开发区"],
      prior_figure_regions: ["西宁市"],
    });
    expect(signed[1]).toMatchObject({
      region: "西宁开发区",
      level: "园区",
      parent: "西宁市",
      of: "西宁市",
      role: "zone",
      actual: 245,
      target: 281,
    });
    expect(signed[4]).toMatchObject({ region: "合计", role: "total", actual: 245, prior: 357.5, yoy_growth: null });
    expect(j.reconciliation.map((e: { kind: string; region: string }) => `${e.kind}/${e.region}`)).toEqual(
      expect.arrayContaining(["composed/西宁市", "not_comparable/西宁市", "alternatives/西宁开发区"]),
    );
    expect(j.breakdowns.map((b: { kind: string }) => b.kind)).toEqual(["industry", "stage"]);
    expect(j.key_projects.map((p: { name: string }) => p.name)).toEqual([
      "绿电智算融合示范基地项目",
      "青海昌通物流有限公司物流园项目",
      "柴达木格尔木东沙漠基地电源项目",
    ]);
    expect(j.text).toContain("其中，西宁开发区共签约项目23项；签约金额245亿元，完成年度目标任务的87.19%");
  });

  test("--within, --level, --show-empty, --no-zones; bad values exit 2", async () => {
    const lz = JSON.parse((await run([...files, "--period", "2024Q4", "--within", "兰州", "--level", "县区"])).out);
    expect(lz.jurisdiction.name).toBe("兰州市");
    expect(
      lz.rows
        .filter((x: { metric: string }) => x.metric === "signed_projects")
        .map((x: { label: string; actual: number }) => [x.label, x.actual]),
    ).toEqual([["合计", 437]]);
    const empty = JSON.parse(
      (
        await run([
          ...files,
          "--period",
          "2025Q1",
          "--within",
          "西宁市",
          "--level",
          "县区",
          "--show-empty",
          "--no-zones",
        ])
      ).out,
    );
    const labels = empty.rows
      .filter((x: { metric: string }) => x.metric === "signed_amount")
      .map((x: { label: string }) => x.label);
    expect(labels).toEqual(expect.arrayContaining(["城东区", "城中区", "大通县", "西宁开发区", "合计"]));
    expect(labels.some((l: string) => l.startsWith("其中"))).toBe(false);
    for (const bad of [
      ["--level", "乡镇"],
      ["--within", "火星"],
      ["--breakdown", "colour"],
      ["--top", "-1"],
    ]) {
      const r = await run([...files, "--period", "2025Q1", ...bad]);
      expect([bad.join(" "), r.code]).toEqual([bad.join(" "), 2]);
    }
    expect((await run([...files, "--period", "2025Q1", "--within", "火星"])).err).toContain("无法识别辖区");
  });
});
