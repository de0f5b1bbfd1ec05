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
import { syntheticInput } from "../briefing/synthetic";
import { compareSheet } from "./compare";

const BUILT_IN = new Set(["TRUE", "IF", "OR", "SUMIFS", "COUNTIFS", "COUNTIF", "COUNT", "SUM", "ROWS", "ROUND", "ABS", "DATE", "YEAR", "MONTH", "DAY", "EOMONTH", "IFERROR"]);

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
    expect(wb.worksheets.map((w) => w.name)).toEqual(["成绩单 2025Q1", LEDGER.sheet, FUNDS.sheet, TARGETS.sheet, FIGURES.sheet]);
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
    ws.eachRow((row) => row.eachCell((cell) => {
      const v = cell.value as { formula?: string } | null;
      if (v && typeof v === "object" && v.formula) {
        formulas++;
        for (const m of v.formula.matchAll(/([A-Z][A-Z0-9.]*)\(/g)) functions.add(m[1]);
      }
    }));
    expect(formulas).toBeGreaterThan(100);
    expect([...functions].filter((f) => !BUILT_IN.has(f))).toEqual([]);
    const read = (r: number, c: number) => {
      const v = ws.getRow(r + 1).getCell(c + 1).value as unknown;
      // exceljs reads a cached result of 0 or "" back as undefined: "0 or blank".
      if (v && typeof v === "object" && "formula" in (v as object)) return (v as { result?: number | string }).result;
      return v === undefined || v === "" ? null : (v as number | string | null);
    };
    expect(compareSheet(b, read).mismatches).toEqual([]);
    const cf = (ws as unknown as { conditionalFormattings: { ref: string; rules: { text?: string }[] }[] }).conditionalFormattings;
    expect(cf.length).toBe(b.tables.length);
    // exceljs reads the rule back as its SEARCH formula (the text attribute is not kept on reading).
    expect(JSON.stringify(cf[0].rules)).toMatch(/超序时[\s\S]*正常[\s\S]*滞后/);
  });

  test("values-only and English: no formulas, fixed status fills, English headers", async () => {
    const wb = await load(await briefingXlsx(input, b, { mode: "values", language: "en-US" }));
    const ws = wb.getWorksheet("成绩单 2025Q1")!;
    let formulas = 0;
    ws.eachRow((row) => row.eachCell((cell) => { if ((cell.value as { formula?: string })?.formula) formulas++; }));
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
  const base = ["--ledger", path.join(seeds, "projects.csv"), "--targets", path.join(seeds, "targets.csv"), "--figures", path.join(seeds, "figures.csv")];

  test("json: the contract with fractions and nulls", async () => {
    const r = await run([...base, "--period", "2024Q1"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ period: "2024Q1", as_of: "2024-03-31", time_progress: 0.25 });
    const row = j.rows.find((x: { region: string; metric: string }) => x.region === "西宁市" && x.metric === "signed_amount");
    expect(row).toMatchObject({ actual: 357.5, target: 350, prior: null, yoy_growth: null, rank: 1, share: 1, source: "figure" });
    expect(row.completion_rate).toBeCloseTo(1.0214285714, 9);
    expect(j.text).toContain("完成年度目标任务的102.14%");
  });

  test("md and English; xlsx to --out; errors exit 2 with both languages", async () => {
    const md = await run([...base, "--period", "2025年一季度", "--format", "md", "--language", "en-US"]);
    expect(md.code).toBe(0);
    expect(md.out).toContain("# Investment report card 2025Q1");
    expect(md.out).toContain("西宁开发区: 23 projects signed");
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
    expect((await run(["--ledger", path.join(dir, "missing.csv"), "--targets", "x", "--period", "2025Q1"])).code).toBe(2);
  });
});
