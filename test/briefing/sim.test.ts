/**
 * The briefing sheet in the simulated Excel host (packages/excel-sim: Office.js proxies + HyperFormula with INVEST.*):
 * writeBriefingSheet's live formulas (SUMIFS/COUNTIFS over the Ledger/Funds/Targets/Figures tables, INVEST.* for the
 * ratios) compute the same numbers as the builder's JSON; so do the portable formulas; editing a ledger amount
 * changes the briefing after recalculation; the values-only copy does not move.
 */
import { buildBriefing } from "../../src/briefing/build";
import { COL } from "../../src/briefing/formulas";
import type { Briefing, BriefingInput } from "../../src/briefing/types";
import { FIGURES, FUNDS, LEDGER, SheetSpec, TARGETS } from "../../src/core/columns";
import { METRIC_INFO, Metric } from "../../src/core/model";
import { sheetRows } from "../../src/briefing/sheet-data";
import { columnLetter } from "../../src/briefing/formulas";
import type { RegionHierarchy } from "../../src/core/region-hierarchy";
import { writeBriefingSheet } from "../../src/excel/briefing-sheet";
import { dateSerial } from "../../src/export/briefing-xlsx";
import { investMetadata } from "../../packages/test-support/src/invest-functions";
import { createSimulatedExcel, SimulatedExcel } from "../../packages/excel-sim/src";
import { compareSheet } from "../../packages/test-support/src/compare-briefing-sheet";
import { seedHierarchy, seedInput } from "./seed-data";
import { syntheticInput } from "../../packages/test-support/src/synthetic-briefing";
import { randomHierCase } from "./hier-data";

jest.setTimeout(120_000);

let sim: SimulatedExcel;
beforeAll(async () => {
  sim = createSimulatedExcel({ sheets: ["Sheet1"], functionsMetadata: await investMetadata() }).install();
});
afterAll(() => sim.uninstall());

function cellsOf(spec: SheetSpec, rows: readonly object[]): (string | number | boolean)[][] {
  return (rows as Record<string, unknown>[]).map((row) =>
    spec.columns.map((c) => {
      const v = row[c.field];
      if (v === null || v === undefined) return "";
      if (c.type === "date") return dateSerial(String(v)) ?? "";
      if (c.type === "metric") return METRIC_INFO[v as Metric].zh;
      return v as string | number | boolean;
    }),
  );
}

/** Write the four data tables as the add-in's workbook holds them (canonical titles, date serials, 地区路径). */
async function writeData(input: BriefingInput, hierarchy?: RegionHierarchy): Promise<void> {
  const { records, funds } = sheetRows(input, hierarchy);
  const data: [SheetSpec, (string | number | boolean)[][]][] = [
    [LEDGER, cellsOf(LEDGER, records)],
    [FUNDS, cellsOf(FUNDS, funds)],
    [TARGETS, cellsOf(TARGETS, input.targets ?? [])],
    [FIGURES, cellsOf(FIGURES, input.figures ?? [])],
  ];
  await Excel.run(async (ctx) => {
    for (const [spec, rows] of data) {
      const existing = ctx.workbook.worksheets.getItemOrNullObject(spec.sheet);
      await ctx.sync();
      if (!existing.isNullObject) existing.delete();
      const ws = ctx.workbook.worksheets.add(spec.sheet);
      const last = columnLetter(spec.columns.length - 1);
      const body = rows.length > 0 ? rows : [spec.columns.map(() => "")];
      ws.getRange(`A1:${last}${body.length + 1}`).values = [spec.columns.map((c) => c.title), ...body] as never;
      const t = ws.tables.add(`A1:${last}${body.length + 1}`, true);
      t.name = spec.table;
    }
    await ctx.sync();
  });
}

function reader(sheet: string) {
  const values = sim.workbook.values(sheet, "A1:L400");
  return (r: number, c: number) => {
    const v = values[r]?.[c];
    return v === undefined || v === null ? null : (v as number | string);
  };
}

async function briefAndCompare(input: BriefingInput, b: Briefing, options: Parameters<typeof writeBriefingSheet>[1]) {
  const result = await writeBriefingSheet(b, { language: "zh-CN", ...options });
  const { mismatches, compared } = compareSheet(b, reader(result.sheetName), { refs: "structured", mode: result.mode });
  return { result, mismatches, compared };
}

describe("writeBriefingSheet in the simulated Excel host", () => {
  test("seeds 2024Q1 / 2025Q1: live formulas reproduce the JSON (102.14%, 15.12%, 87%)", async () => {
    const input = seedInput();
    await writeData(input);
    for (const period of ["2024Q1", "2025Q1"]) {
      const b = buildBriefing(input, { period });
      const { result, mismatches, compared } = await briefAndCompare(input, b, {});
      expect(mismatches).toEqual([]);
      expect(compared).toBeGreaterThan(10);
      const formulas = sim.workbook
        .formulas(result.sheetName, "A1:L60")
        .flat()
        .filter((f) => typeof f === "string" && f.startsWith("="));
      expect(formulas.some((f) => String(f).includes("INVEST.COMPLETION_RATE("))).toBe(true);
      expect(formulas.some((f) => String(f).includes("SUMIFS(Figures[数值]"))).toBe(true);
    }
    const rate = reader("成绩单 2024Q1");
    const b = buildBriefing(input, { period: "2024Q1" });
    const first = 6; // row 7: the first region row of the first table (title, params, note, blank, table title, header)
    expect(b.tables[0].metric).toBe("signed_amount");
    expect(rate(first, COL.rate)).toBeCloseTo(1.0214285714, 9);
    expect(rate(first, COL.status)).toBe("超序时");
  });

  test("synthetic ledger: live and portable formulas agree with the JSON; charts and status colours are written", async () => {
    const input = syntheticInput({ records: 300, seed: 3 });
    await writeData(input);
    const b = buildBriefing(input, { period: "2025Q2", asOf: "2025-05-20" });
    const live = await briefAndCompare(input, b, { charts: true });
    expect(live.mismatches).toEqual([]);
    expect(live.compared).toBeGreaterThan(300);
    expect(live.result.charts).toBe(b.tables.length * 2);
    const charts = sim.workbook.charts(live.result.sheetName);
    expect(charts.map((c) => c.type)).toEqual(Array(b.tables.length * 2).fill("ColumnClustered"));
    expect(charts[0].title).toBe("签约项目数：实际完成与年度目标");
    // Status colours: the first status cell with a status has its traffic-light fill.
    const t = live.result.layout.tables[0];
    const k = b.tables[0].rows.findIndex((r) => r.status !== null);
    const cell = sim.workbook.cell(live.result.sheetName, `G${t.firstRow + k + 1}`);
    expect({ ahead: "#C6EFCE", on_track: "#FFEB9C", behind: "#FFC7CE" }[b.tables[0].rows[k].status!]).toBe(
      String(cell.style.fill).toUpperCase(),
    );
    // English: headers, chart titles and INVEST.PACE_STATUS labels in English, same numbers.
    const en = await writeBriefingSheet(b, { language: "en-US", charts: true });
    expect(
      compareSheet(b, reader(en.sheetName), { refs: "structured", mode: "live", language: "en-US" }).mismatches,
    ).toEqual([]);
    expect(reader(en.sheetName)(t.headerRow, COL.rate)).toBe("Completion");
    expect(sim.workbook.charts(en.sheetName)[0].title).toBe("Projects signed: actual vs annual target");
    const portable = await briefAndCompare(input, b, { portable: true, charts: false });
    expect(portable.mismatches).toEqual([]);
    const formulas = sim.workbook.formulas(portable.result.sheetName, "A1:L200").flat().map(String);
    expect(formulas.some((f) => f.includes("INVEST."))).toBe(false);
  });

  test("editing a ledger amount changes the briefing after recalculation; the values-only copy stays frozen", async () => {
    const input = syntheticInput({ records: 120, seed: 9 });
    await writeData(input);
    const b = buildBriefing(input, { period: "2025Q1" });
    const live = await briefAndCompare(input, b, { charts: false });
    expect(live.mismatches).toEqual([]);
    const figureRegions = new Set(
      input.figures
        .filter((f) => f.year === 2025 && f.through_month === 3 && !f.scope && f.status !== "备选")
        .map((f) => f.region),
    );
    const k = input.records.findIndex(
      (r) =>
        !!r.signed_date &&
        r.signed_date >= "2025-01" &&
        r.signed_date < "2025-04" &&
        r.signed_amount != null &&
        !figureRegions.has(r.region),
    );
    expect(k).toBeGreaterThanOrEqual(0);
    const amountCol = String.fromCharCode(65 + LEDGER.columns.findIndex((c) => c.field === "signed_amount"));
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem(LEDGER.sheet).getRange(`${amountCol}${k + 2}`).values = [[777.5]];
      await ctx.sync();
    });
    const edited = { ...input, records: input.records.map((r, i) => (i === k ? { ...r, signed_amount: 777.5 } : r)) };
    const after = buildBriefing(edited, { period: "2025Q1" });
    const now = compareSheet(after, reader(live.result.sheetName), { refs: "structured", mode: "live" });
    expect(now.mismatches).toEqual([]);
    const region = input.records[k].region;
    const actualOf = (x: Briefing) =>
      x.tables.find((t) => t.metric === "signed_amount")!.rows.find((r) => r.region === region)!.actual!;
    expect(actualOf(after)).not.toBeCloseTo(actualOf(b), 6);

    // A frozen copy written now keeps its numbers when the ledger changes again.
    // A briefing whose funds entries lack a region warns that the formulas will not see them.
    expect(b.stats.funds_region_from_ledger).toBeGreaterThan(0);
    expect(live.result.warnings.map((w) => w.message).join()).toContain("未填所属地区");
    const frozen = await writeBriefingSheet(after, { valuesOnly: true, charts: false, language: "zh-CN" });
    expect(frozen.warnings).toEqual([]);
    expect(frozen.sheetName).toBe("成绩单 2025Q1");
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem(LEDGER.sheet).getRange(`${amountCol}${k + 2}`).values = [[1]];
      await ctx.sync();
    });
    expect(compareSheet(after, reader(frozen.sheetName), { refs: "structured", mode: "values" }).mismatches).toEqual(
      [],
    );
    expect(
      sim.workbook
        .formulas(frozen.sheetName, "A1:L100")
        .flat()
        .some((f) => String(f).startsWith("=")),
    ).toBe(false);
  });
});

describe("the report card by level in the simulated Excel host (live, portable, values)", () => {
  test("seeds: 2025Q1 青海省 by 市州 lists 西宁市 with 西宁开发区 as 其中; 2024Q1 reproduces 102.14% and 15.12%", async () => {
    const input = seedInput();
    const hierarchy = seedHierarchy();
    await writeData(input);
    for (const [period, within, level] of [
      ["2025Q1", undefined, undefined],
      ["2024Q1", undefined, undefined],
      ["2025Q1", "青海省", "县区"],
      ["2025Q1", "全国", undefined],
    ] as const) {
      const b = buildBriefing(input, { period, hierarchy, within, level });
      for (const mode of [{}, { portable: true }, { valuesOnly: true }]) {
        const { result, mismatches, compared } = await briefAndCompare(input, b, { charts: false, ...mode });
        expect({ period, within, mode: result.mode, mismatches }).toEqual({
          period,
          within,
          mode: result.mode,
          mismatches: [],
        });
        expect(compared).toBeGreaterThan(10);
      }
    }
    const q1 = buildBriefing(input, { period: "2025Q1", hierarchy });
    expect([q1.jurisdiction?.name, q1.level]).toEqual(["青海省", "市州"]);
    const live = await writeBriefingSheet(q1, { language: "zh-CN", charts: false });
    const t = live.layout.tables.find((x) => x.metric === "signed_amount")!;
    const read = reader(live.sheetName);
    const labels = t.regions;
    const k = labels.indexOf("西宁市");
    expect(labels[k + 1]).toBe("其中：西宁开发区");
    expect(read(t.firstRow + k, COL.actual)).toBe(245);
    expect(read(t.firstRow + k + 1, COL.actual)).toBe(245);
    expect(read(t.totalRow, COL.actual)).toBe(245); // the 其中 row is not added a second time
    expect(read(t.firstRow + k, COL.prior)).toBe(357.5);
    expect(read(t.firstRow + k, COL.yoy)).toBe(""); // this year the zone's figure, last year the city's: not like for like
    const formulas = sim.workbook.formulas(live.sheetName, "A1:L60").flat().map(String);
    expect(formulas.some((f) => f.includes("Ledger[地区路径]") && f.includes('"青海省›西宁市›*"'))).toBe(true);
    const b24 = buildBriefing(input, { period: "2024Q1", hierarchy });
    const w24 = await writeBriefingSheet(b24, { language: "zh-CN", charts: false });
    const t24 = w24.layout.tables.find((x) => x.metric === "signed_amount")!;
    expect(reader(w24.sheetName)(t24.firstRow, COL.rate)).toBeCloseTo(1.0214285714, 9);
    const o24 = w24.layout.tables.find((x) => x.metric === "funds_in_place_out_of_province")!;
    expect(reader(w24.sheetName)(o24.firstRow, COL.rate)).toBeCloseTo(36.9 / 244, 10);
  });

  test("合计's target: blank when 青海省本级 has an actual and no target, the rows' sum when every row with data has one (attack D3)", async () => {
    const hierarchy = seedHierarchy();
    const canon = (n: string) => hierarchy.names[hierarchy.lookup(n)];
    const rec = (id: string, region: string, amount: number) => ({
      id,
      name: id,
      region,
      signed_date: "2025-02-01",
      signed_amount: amount,
    });
    const targets = [canon("西宁市"), canon("海西州")].map((region) => ({
      year: 2025,
      region,
      metric: "signed_amount" as const,
      value: 40,
    }));
    for (const [records, want] of [
      [[rec("K1", canon("西宁市"), 10), rec("K2", canon("海西州"), 10), rec("K3", "青海省", 100)], ""],
      [[rec("K1", canon("西宁市"), 10), rec("K2", canon("海西州"), 10)], 80],
    ] as const) {
      const input = { records: [...records], targets, funds: [], figures: [] };
      await writeData(input, hierarchy);
      const b = buildBriefing(input, {
        period: "2025Q1",
        hierarchy,
        within: "青海省",
        level: "市州",
        metrics: ["signed_amount"],
      });
      expect(b.tables[0].total.target).toBe(want === "" ? null : want);
      for (const mode of [{}, { portable: true }]) {
        const { result, mismatches } = await briefAndCompare(input, b, { charts: false, ...mode });
        expect({ mode: result.mode, mismatches }).toEqual({ mode: result.mode, mismatches: [] });
        const t = result.layout.tables[0];
        expect([
          reader(result.sheetName)(t.totalRow, COL.target),
          reader(result.sheetName)(t.totalRow, COL.rate),
        ]).toEqual([want, want === "" ? "" : 0.25]);
      }
    }
  });

  test.each([3, 17])(
    "random hierarchy %i: live and portable formulas agree with the JSON, also after a ledger edit",
    async (seed) => {
      const c = randomHierCase(seed, { regions: 14, records: 80, figures: 5, year: 2025 });
      await writeData(c.input, c.hierarchy);
      const withinList = ["全国", ...c.rows.filter((r) => r.level === "省" || r.level === "市州").map((r) => r.name)];
      for (const within of withinList.slice(0, 3)) {
        const b = buildBriefing(c.input, { period: "2025Q1", hierarchy: c.hierarchy, within, showEmpty: true });
        for (const mode of [{}, { portable: true }]) {
          const { mismatches } = await briefAndCompare(c.input, b, { charts: false, ...mode });
          expect({ within, mode, mismatches }).toEqual({ within, mode, mismatches: [] });
        }
      }
      // An edit: one record signed in 2025Q1 gets another amount; the live sheet follows the builder's new answer.
      const b = buildBriefing(c.input, { period: "2025Q1", hierarchy: c.hierarchy, within: "全国" });
      const live = await writeBriefingSheet(b, { language: "zh-CN", charts: false });
      const k = c.input.records.findIndex(
        (r) => !!r.signed_date && r.signed_date >= "2025-01" && r.signed_date < "2025-04" && r.signed_amount != null,
      );
      if (k >= 0) {
        const amountCol = columnLetter(LEDGER.columns.findIndex((col) => col.field === "signed_amount"));
        await Excel.run(async (ctx) => {
          ctx.workbook.worksheets.getItem(LEDGER.sheet).getRange(`${amountCol}${k + 2}`).values = [[4321.5]];
          await ctx.sync();
        });
        const edited = {
          ...c.input,
          records: c.input.records.map((r, i) => (i === k ? { ...r, signed_amount: 4321.5 } : r)),
        };
        const after = buildBriefing(edited, { period: "2025Q1", hierarchy: c.hierarchy, within: "全国" });
        expect(compareSheet(after, reader(live.sheetName), { refs: "structured", mode: "live" }).mismatches).toEqual(
          [],
        );
      }
    },
  );
});
