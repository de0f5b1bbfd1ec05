/**
 * The xlsx written by `brief --format xlsx`, recalculated by LibreOffice Calc headless (an independent engine,
 * forced to recompute every formula on load), shows the same numbers as `brief --format json`.
 * Skips with a message when soffice is not installed (CI installs it: .ci/run).
 */
import ExcelJS from "exceljs";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { buildBriefing } from "../../src/briefing/build";
import { briefingLayout, COL } from "../../src/briefing/formulas";
import { BriefingJson } from "../../src/briefing/output";
import { briefingText } from "../../src/briefing/text";
import type { Briefing, BriefingInput } from "../../src/briefing/types";
import { briefCommand } from "../../src/cli/brief";
import { LEDGER } from "../../src/core/columns";
import { briefingXlsx } from "../../src/export/briefing-xlsx";
import { csvNumber, recalculateWithLibreOffice } from "../../src/export/libreoffice";
import { describeWith, libreOffice } from "../support/tools";
import { importBytes } from "../../src/import/bytes";
import { inputCsvs, SYNTH_REGIONS, syntheticInput, toCsv } from "../../packages/test-support/src/synthetic-briefing";
import { randomHierCase } from "../briefing/hier-data";
import { REGIONS } from "../../src/core/columns";
import { buildHierarchy, type RegionHierarchy } from "../../src/core/region-hierarchy";
import { builtInDivisions } from "../briefing/seed-data";
import { compareSheet } from "../../packages/test-support/src/compare-briefing-sheet";
import Papa from "papaparse";
import { XMLValidator } from "fast-xml-parser";
import { CRITERION_REGIONS, formulaPayloads, XML_INVALID_CHARS } from "../hardening/corpus";
import { unzip } from "../hardening/zip";

const maybe = (title: string, body: () => void) => describeWith(libreOffice(), title, body);
// LibreOffice recalculates a hierarchical card (hundreds of SUMIFS over 地区路径) in about 50 s of CPU; on a shared,
// loaded machine that can take several minutes of wall time.
jest.setTimeout(900_000);
const RECALC_TIMEOUT_MS = 420_000;

const SEEDS = path.join(__dirname, "..", "..", "seeds");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "brief-lo-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await briefCommand(args, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

/** The same input the command builds (files read by the importer, names resolved), for the layout positions. */
async function readInput(files: Record<string, string>): Promise<{ input: BriefingInput; hierarchy: RegionHierarchy }> {
  const divisions = builtInDivisions();
  const table = files.regions
    ? await importBytes(new Uint8Array(fs.readFileSync(files.regions)), {
        fileName: path.basename(files.regions),
        kind: "regions",
        divisions,
      })
    : null;
  const hierarchy = buildHierarchy(divisions, table?.regions ?? []).hierarchy;
  const get = async (file: string | undefined, kind: "ledger" | "funds" | "targets" | "figures") =>
    file
      ? importBytes(new Uint8Array(fs.readFileSync(file)), { fileName: path.basename(file), kind, hierarchy })
      : null;
  const [ledger, funds, targets, figures] = await Promise.all([
    get(files.ledger, "ledger"),
    get(files.funds, "funds"),
    get(files.targets, "targets"),
    get(files.figures, "figures"),
  ]);
  return {
    input: {
      records: ledger!.records,
      funds: funds?.funds ?? [],
      targets: targets!.targets,
      figures: figures?.figures ?? [],
    },
    hierarchy,
  };
}

async function commandRoundTrip(files: Record<string, string>, period: string, extra: string[] = []) {
  const fileArgs = Object.entries(files).flatMap(([k, v]) => [`--${k}`, v]);
  const json = await run([...fileArgs, "--period", period, ...extra]);
  expect(json.code).toBe(0);
  const parsed = JSON.parse(json.out) as BriefingJson;
  const out = path.join(dir, `brief-${period}-${Object.keys(files).length}.xlsx`);
  const x = await run([...fileArgs, "--period", period, ...extra, "--format", "xlsx", "--out", out]);
  expect(x.code).toBe(0);
  const recalc = await recalculateWithLibreOffice(out, RECALC_TIMEOUT_MS);
  const flag = (name: string) => (extra.includes(name) ? extra[extra.indexOf(name) + 1] : undefined);
  const { input, hierarchy } = await readInput(files);
  const b = buildBriefing(input, {
    period,
    asOf: flag("--as-of"),
    basis: flag("--basis") as "month" | "day" | undefined,
    hierarchy,
    within: flag("--within"),
    level: flag("--level") as never,
    showEmpty: extra.includes("--show-empty"),
  });
  const sheet = recalc.sheets.get(`成绩单 ${parsed.period}`)!;
  expect(sheet).toBeDefined();
  const read = (r: number, c: number) => csvNumber(sheet[r]?.[c]);
  // The JSON printed by the command is the briefing the comparison uses.
  expect(
    b.tables.flatMap((t) => [...t.rows, t.total]).map((r) => [r.region, r.metric, r.actual, r.completion_rate]),
  ).toEqual(parsed.rows.map((r) => [r.region, r.metric, r.actual, r.completion_rate]));
  return { parsed, b, sheet, read, recalc };
}

maybe("LibreOffice recalculates the exported briefing to the JSON's numbers", () => {
  test("seeds: 西宁市 2024Q1 (102.14%, 15.12%), 青海省 2023Q4 (113.6%), 西宁开发区 2025Q1 (87%)", async () => {
    const files = {
      ledger: path.join(SEEDS, "projects.csv"),
      funds: path.join(SEEDS, "funds.csv"),
      targets: path.join(SEEDS, "targets.csv"),
      figures: path.join(SEEDS, "figures.csv"),
      regions: path.join(SEEDS, "regions.csv"),
    };
    const seen: Record<string, number> = {};
    for (const period of ["2024Q1", "2023Q4", "2025Q1"]) {
      const { b, read, parsed, sheet } = await commandRoundTrip(files, period);
      // The report card by level: 青海省 by 市州 (2025Q1: 西宁市 with 西宁开发区 as 其中).
      expect([b.jurisdiction?.name, b.level]).toEqual(["青海省", "市州"]);
      if (period === "2025Q1") {
        const labels = sheet.map((row) => row[0]);
        expect(labels[labels.indexOf("西宁市") + 1]).toBe("其中：西宁开发区");
      }
      const { mismatches, compared } = compareSheet(b, read);
      expect(mismatches).toEqual([]);
      expect(compared).toBeGreaterThanOrEqual(10);
      const layout = briefingLayout(b, parsed.text, { mode: "portable", refs: "a1" });
      for (const t of layout.tables) {
        t.regions.forEach((region, k) => {
          const rate = read(t.firstRow + k, COL.rate);
          if (typeof rate === "number") seen[`${period}/${region}/${t.metric}`] = rate;
        });
        const total = read(t.totalRow, COL.rate);
        if (typeof total === "number") seen[`${period}/合计/${t.metric}`] = total;
      }
    }
    expect(seen["2024Q1/西宁市/signed_amount"]).toBeCloseTo(357.5 / 350, 12);
    expect(seen["2024Q1/西宁市/funds_in_place_out_of_province"]).toBeCloseTo(36.9 / 244, 12);
    expect(seen["2023Q4/合计/funds_in_place"]).toBeCloseTo(1.136, 12); // 青海省's own figure: the total of its card
    expect(seen["2025Q1/其中：西宁开发区/signed_amount"]).toBeCloseTo(245 / 281, 12);
  });

  test("a synthetic ledger (8 regions under one city, funds without region, figures, day basis): every cell agrees", async () => {
    const input = syntheticInput({ records: 400, seed: 11 });
    const csv = {
      ...inputCsvs(input),
      regions: toCsv(REGIONS, [
        { name: "示范市", level: "市州" },
        ...SYNTH_REGIONS.map((name) => ({
          name,
          parent: "示范市",
          level: /区$/.test(name) && !/城/.test(name) ? "园区" : "县区",
        })),
      ]),
    };
    const files: Record<string, string> = {};
    for (const [k, v] of Object.entries(csv)) fs.writeFileSync((files[k] = path.join(dir, `${k}.csv`)), v);
    const { b, read } = await commandRoundTrip(files, "2025Q2", ["--as-of", "2025-05-20", "--basis", "day"]);
    expect(b.jurisdiction?.name).toBe("示范市");
    const { mismatches, compared } = compareSheet(b, read);
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThan(300);
    expect(b.stats.funds_region_from_ledger).toBeGreaterThan(0);
  });

  test("random hierarchies (regions, 本级 and 其中 rows, figures at several levels, wildcard names): every cell agrees", async () => {
    for (const [seed, root] of [
      [5, false],
      [23, true],
    ] as const) {
      const c = randomHierCase(seed, { regions: 16, records: 150, figures: 6 });
      const csv = { ...inputCsvs(c.input), regions: toCsv(REGIONS, c.rows) };
      const files: Record<string, string> = {};
      for (const [k, v] of Object.entries(csv)) fs.writeFileSync((files[k] = path.join(dir, `h${seed}-${k}.csv`)), v);
      // 全国 (every top-level region, divisions included) without the empty ones; the random root with them.
      for (const within of [root ? c.rows[0].name : "全国"]) {
        const { b, read } = await commandRoundTrip(files, "2025Q1", [
          "--within",
          within,
          ...(root ? ["--show-empty"] : []),
        ]);
        expect(b.jurisdiction?.name).toBe(within);
        const { mismatches } = compareSheet(b, read);
        expect({ seed, within, mismatches }).toEqual({ seed, within, mismatches: [] });
      }
    }
  });
});

maybe("hostile input: well-formed XML, and LibreOffice agrees with the JSON on every cell", () => {
  test("wildcard and case-variant regions, formula payloads and XML-invalid characters in the text", async () => {
    const regions: string[] = [...CRITERION_REGIONS];
    const payloads = formulaPayloads().filter((_, i) => i % 7 === 0);
    const ledger = regions.flatMap((region, k) =>
      [1, 2, 3].map((j) => ({
        项目编号: `P-${k}-${j}`,
        项目名称: payloads[(k * 3 + j) % payloads.length],
        所属地区: region,
        签约日期: `2025-0${j}-1${j}`,
        "签约金额（万元）": ((k + 1) * j * 1234.5678).toFixed(4),
        开工日期: j === 2 ? "2025-03-01" : "",
        备注: `备注${XML_INVALID_CHARS[(k + j) % XML_INVALID_CHARS.length]}`,
      })),
    );
    ledger.push({
      项目编号: "P-abc",
      项目名称: "abc",
      所属地区: "ABC区",
      签约日期: "2025-02-02",
      "签约金额（万元）": "70000",
      开工日期: "",
      备注: "",
    });
    const targets = [
      ...regions.map((region, k) => ({ 年份: 2025, 所属地区: region, 指标: "签约金额", 目标值: 10 + k })),
      { 年份: 2025, 所属地区: "abc区", 指标: "签约金额", 目标值: 20 },
    ];
    const funds = [
      ...regions.map((region, k) => ({
        项目编号: `P-${k}-1`,
        所属地区: region,
        到位日期: "2025-02-20",
        "到位金额（亿元）": k + 0.5,
        省外资金: k % 2 ? "是" : "否",
      })),
      { 项目编号: "P-abc", 所属地区: "Ａｂｃ区", 到位日期: "2025-02-20", "到位金额（亿元）": 3, 省外资金: "是" },
    ];
    const figures = ["西宁*", "?", "海~东", "~*"].map((region, k) => ({
      年份: 2025,
      截至月份: 3,
      所属地区: region,
      指标: "签约项目数",
      数值: 90 + k,
    }));
    // The regions table places every hostile name under one province, so they are criteria of 地区路径 too.
    const regionRows = [
      { 地区: "测试省", 上级地区: "", 级别: "省" },
      ...[...regions, "ABC区"].map((name) => ({ 地区: name, 上级地区: "测试省", 级别: "市州" })),
    ];
    const files: Record<string, string> = {};
    for (const [k, rows] of Object.entries({ ledger, targets, funds, figures, regions: regionRows }))
      fs.writeFileSync((files[k] = path.join(dir, `hostile-${k}.csv`)), Papa.unparse(rows as object[]));
    const { b, read, parsed } = await commandRoundTrip(files, "2025Q1");
    expect(b.jurisdiction?.name).toBe("测试省");
    expect(b.regions).toEqual(expect.arrayContaining([...CRITERION_REGIONS, "ABC区"]));
    expect(parsed.rows.length).toBe(b.tables.reduce((n, t) => n + t.rows.length + 1, 0));
    const { mismatches, compared } = compareSheet(b, read);
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThan(1000);
    // The file LibreOffice read: every XML part well-formed, no character XML 1.0 cannot hold.
    const xlsx = fs.readFileSync(path.join(dir, `brief-2025Q1-5.xlsx`));
    for (const [name, data] of unzip(new Uint8Array(xlsx))) {
      if (!/\.(xml|rels)$/.test(name)) continue;
      const xml = data.toString("utf8");
      expect({ name, valid: XMLValidator.validate(xml) }).toEqual({ name, valid: true });
      expect({ name, bad: /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.test(xml) }).toEqual({
        name,
        bad: false,
      });
    }
  });
});

maybe("the exported workbook is live: LibreOffice recomputes after an edit", () => {
  let briefing: Briefing;
  let input: Required<BriefingInput>;
  beforeAll(() => {
    input = syntheticInput({ records: 200, seed: 5 });
    briefing = buildBriefing(input, { period: "2025Q1" });
  });

  test("editing a ledger amount in 台账 changes the recalculated briefing to the builder's answer on the edited ledger", async () => {
    const bytes = await briefingXlsx(input, briefing);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as never);
    const ws = wb.getWorksheet(LEDGER.sheet)!;
    const amountCol = LEDGER.columns.findIndex((c) => c.field === "signed_amount") + 1;
    // The first 2025Q1 signing of a region without a reported figure.
    const figureRegions = new Set(
      input.figures
        .filter((f) => f.year === 2025 && f.through_month === 3 && !f.scope && f.status !== "备选")
        .map((f) => f.region),
    );
    const k = input.records.findIndex(
      (r) =>
        r.signed_date?.startsWith("2025-0") &&
        Number(r.signed_date.slice(5, 7)) <= 3 &&
        r.signed_amount != null &&
        !figureRegions.has(r.region),
    );
    expect(k).toBeGreaterThanOrEqual(0);
    ws.getRow(k + 2).getCell(amountCol).value = 999.25;
    const file = path.join(dir, "edited.xlsx");
    await wb.xlsx.writeFile(file);
    const edited = { ...input, records: input.records.map((r, i) => (i === k ? { ...r, signed_amount: 999.25 } : r)) };
    const after = buildBriefing(edited, { period: "2025Q1" });
    const recalc = await recalculateWithLibreOffice(file, RECALC_TIMEOUT_MS);
    const sheet = recalc.sheets.get(`成绩单 2025Q1`)!;
    const { mismatches } = compareSheet(after, (r, c) => csvNumber(sheet[r]?.[c]));
    expect(mismatches).toEqual([]);
    // …and the cached values (the old numbers) were really replaced.
    const region = input.records[k].region;
    const before = briefing.tables
      .find((t) => t.metric === "signed_amount")!
      .rows.find((r) => r.region === region)!.actual!;
    const now = after.tables.find((t) => t.metric === "signed_amount")!.rows.find((r) => r.region === region)!.actual!;
    expect(now - before).toBeCloseTo(999.25 - input.records[k].signed_amount!, 9);
    // The explicit 合计 target (Targets row for region 合计) reached the sheet through its formula.
    expect(after.tables.find((t) => t.metric === "funds_in_place")!.total.target).toBe(1234);
  });

  test("the values-only copy holds the same numbers and the text", async () => {
    const file = path.join(dir, "values.xlsx");
    fs.writeFileSync(file, await briefingXlsx(input, briefing, { mode: "values" }));
    const recalc = await recalculateWithLibreOffice(file, RECALC_TIMEOUT_MS);
    const sheet = recalc.sheets.get(`成绩单 2025Q1`)!;
    const { mismatches } = compareSheet(briefing, (r, c) => csvNumber(sheet[r]?.[c]));
    expect(mismatches).toEqual([]);
    const text = briefingText(briefing);
    expect(sheet.some((row) => row[0] === text.split("\n")[0])).toBe(true);
  });
});
