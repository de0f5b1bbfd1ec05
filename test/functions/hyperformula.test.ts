/**
 * The INVEST.* functions as a workbook uses them: formulas in cells of a HyperFormula engine that registers them from
 * the generated functions.json (packages/excel-sim/src/hyperformula-invest.ts). Results, errors with their messages, and spills.
 */
import { HyperFormula } from "hyperformula";
import {
  createInvestEngine,
  registerInvestFunctions,
  registeredInvestFunctions,
} from "../../packages/excel-sim/src/hyperformula-invest";
import { INVEST_FUNCTIONS } from "../../src/functions/registry";
import { investMetadata, investSheet, hfError } from "../../packages/test-support/src/invest-functions";

const close = (v: unknown, x: number) => expect(v as number).toBeCloseTo(x, 9);

describe("registration from functions.json", () => {
  test("every function of the metadata is callable as INVEST.<ID> (no #NAME?)", async () => {
    const meta = await investMetadata();
    expect(meta.functions.map((f) => f.id).sort()).toEqual(Object.keys(INVEST_FUNCTIONS).sort());
    const s = await investSheet();
    meta.functions.forEach((f, i) => {
      const args = f.parameters.filter((p: any) => !p.optional && !p.repeating).map(() => "1");
      s.set(`A${i + 1}`, `=INVEST.${f.id}(${args.join(",")})`);
      expect(hfError(s.get(`A${i + 1}`))).not.toBe("#NAME?");
    });
    expect(registeredInvestFunctions().sort()).toEqual(Object.keys(INVEST_FUNCTIONS).sort());
  });

  test("a metadata entry without implementation, or a repeating parameter not last, is refused", async () => {
    expect(() =>
      registerInvestFunctions(HyperFormula, { functions: [{ id: "NOPE", name: "NOPE", parameters: [] }] }, {}),
    ).toThrow(/NOPE/);
    expect(() =>
      registerInvestFunctions(
        HyperFormula,
        {
          functions: [{ id: "X", name: "X", parameters: [{ name: "a", repeating: true }, { name: "b" }] }],
        },
        { X: () => 1 },
      ),
    ).toThrow(/last/);
  });

  test("wrong argument counts are #N/A saying how many are needed", async () => {
    const s = await investSheet();
    s.set("A1", [
      ["=INVEST.SHARE(1)", "=INVEST.SHARE(1,2,3)", "=INVEST.PERIOD_COUNT(1)", "=INVEST.TIME_PROGRESS(1,2,3)"],
    ]);
    const [a, b, c, d] = s.values("A1:D1")[0];
    for (const v of [a, b, c, d]) expect(hfError(v)).toBe("#N/A");
    expect(a.message).toMatch(/需要 2 个/);
    expect(c.message).toMatch(/至少 2 个/);
    expect(d.message).toMatch(/1 至 2 个/);
  });

  test("implementations may be the functions module itself (exported names), and registration can be repeated", async () => {
    const fns = require("../../src/functions/functions");
    registerInvestFunctions(HyperFormula, await investMetadata(), fns);
    registerInvestFunctions(HyperFormula, await investMetadata(), fns);
    const hf = HyperFormula.buildEmpty({ licenseKey: "gpl-v3" });
    const id = hf.getSheetId(hf.addSheet("S"))!;
    hf.setCellContents({ sheet: id, row: 0, col: 0 }, [
      ["=INVEST.COMPLETION_RATE(357.5,350)", '=INVEST.PERIOD_LABEL("2025Q3YTD")'],
    ]);
    expect(hf.getCellValue({ sheet: id, row: 0, col: 0 })).toBeCloseTo(1.0214286, 6);
    expect(hf.getCellValue({ sheet: id, row: 0, col: 1 })).toBe("2025年前三季度");
  });

  test("the adapter and what it imports use no Node-only API (the browser preview loads them)", () => {
    const fs = require("fs");
    const path = require("path");
    const files = [
      "../../packages/excel-sim/src/hyperformula-invest.ts",
      "../../src/functions/registry.ts",
      "../../src/functions/functions.ts",
      "../../src/functions/elementwise.ts",
      "../../src/functions/errors.ts",
      "../../src/functions/language.ts",
      "../../src/core/period-aggregate.ts",
    ];
    for (const f of files) {
      const src: string = fs.readFileSync(path.join(__dirname, f), "utf8");
      expect([
        f,
        src.match(/\brequire\(|from "(fs|path|os|child_process|node:[a-z_]+)"|\bprocess\.|\bBuffer\b|__dirname/g),
      ]).toEqual([f, null]);
    }
  });

  test("createInvestEngine without metadata reuses the registration", async () => {
    await investSheet();
    const hf = createInvestEngine();
    const id = hf.getSheetId(hf.addSheet("S"))!;
    hf.setCellContents({ sheet: id, row: 0, col: 0 }, [["=INVEST.SHARE(1,4)"]]);
    expect(hf.getCellValue({ sheet: id, row: 0, col: 0 })).toBe(0.25);
  });
});

describe("element-wise functions in cells", () => {
  test("COMPLETION_RATE spills over a range with a single target, and recalculates", async () => {
    const s = await investSheet();
    s.set("A1", [[357.5], [568], [245]]);
    s.set("B1", [[350]]);
    s.set("C1", "=INVEST.COMPLETION_RATE(A1:A3,B1)");
    const [[r1], [r2], [r3]] = s.values("C1:C3");
    close(r1, 357.5 / 350);
    close(r2, 568 / 350);
    close(r3, 0.7);
    s.set("B1", 500);
    close(s.get("C2"), 1.136);
    s.set("E1", "=SUM(INVEST.COMPLETION_RATE(A1:A3,B1))");
    close(s.get("E1"), (357.5 + 568 + 245) / 500);
  });

  test("#VALUE! carries its message, #DIV/0! none (as Excel shows them); a blocked spill is #SPILL!", async () => {
    const s = await investSheet();
    s.set("A1", [
      [1, 0, "十", "=INVEST.COMPLETION_RATE(A1,B1)", "=INVEST.COMPLETION_RATE(C1,1)", "=INVEST.YOY_GROWTH(A1,D9)"],
    ]);
    const [, , , div, val, blank] = s.values("A1:F1")[0];
    expect(hfError(div)).toBe("#DIV/0!");
    expect(div.message).toBeFalsy();
    expect(hfError(val)).toBe("#VALUE!");
    expect(val.message).toMatch(/实际完成值/);
    expect(hfError(blank)).toBe("#DIV/0!"); // a blank prior
    s.set("A3", [[1], [2], [3]]);
    s.set("B3", "=INVEST.SHARE(A3:A5,6)");
    s.set("B5", "in the way");
    expect(hfError(s.get("B3"))).toBe("#SPILL!");
    s.set("B5", null);
    s.set("B3", "=INVEST.SHARE(A3:A5,6)"); // HyperFormula re-spills when the formula is entered again
    s.values("B3:B5").forEach(([v], i) => close(v, (i + 1) / 6));
  });

  test("mismatched ranges are one #VALUE! with the sizes; errors inside ranges propagate cell by cell", async () => {
    const s = await investSheet();
    s.set("A1", [
      [1, 2],
      [2, 4],
      ["=1/0", 5],
    ]);
    s.set("D1", "=INVEST.COMPLETION_RATE(A1:A3,B1:B2)");
    expect(hfError(s.get("D1"))).toBe("#VALUE!");
    expect(s.get("D1").message).toMatch(/3×1.*2×1/);
    expect(s.get("D2")).toBeNull();
    s.set("E1", "=INVEST.COMPLETION_RATE(A1:A3,B1:B3)");
    const col = s.values("E1:E3").map((r) => r[0]);
    expect(col[0]).toBe(0.5);
    expect(col[1]).toBe(0.5);
    expect(hfError(col[2])).toBe("#DIV/0!");
  });

  test("row × column broadcasting spills a table", async () => {
    const s = await investSheet();
    s.set("A1", "=INVEST.COMPLETION_RATE({10;20},{10,40})");
    expect(s.values("A1:B2")).toEqual([
      [1, 0.25],
      [2, 0.5],
    ]);
  });

  test("TIME_PROGRESS, PACE_GAP, PACE_STATUS, with dates as text, typed dates and serials", async () => {
    const s = await investSheet({ dateFormats: ["YYYY-MM-DD", "YYYY/MM/DD"] });
    s.set("A1", [["2025-03-31"], ["2025/06/30"], [45930], ["'2025-12"]]); // typed dates, a serial (2025-09-30), ISO text
    s.set("B1", "=INVEST.TIME_PROGRESS(A1:A4)");
    expect(s.values("B1:B4").map((r) => r[0])).toEqual([0.25, 0.5, 0.75, 1]);
    s.set("C1", '=INVEST.TIME_PROGRESS("2025-03-31","day")');
    close(s.get("C1"), 90 / 365);
    s.set("C2", '=INVEST.TIME_PROGRESS("2025-03-31","weekly")');
    expect(hfError(s.get("C2"))).toBe("#VALUE!");
    expect(s.get("C2").message).toMatch(/month.*day/);
    s.set("D1", "=INVEST.PACE_GAP(30.9,100,A1)");
    close(s.get("D1"), 5.9);
    s.set("D2", "=INVEST.PACE_GAP(1,0,A1)");
    expect(hfError(s.get("D2"))).toBe("#DIV/0!");
    s.set("E1", [["=INVEST.PACE_STATUS({30;20;5},100,A1)"]]);
    expect(s.values("E1:E3").map((r) => r[0])).toEqual(["超序时", "正常", "滞后"]);
    s.set("F1", '=INVEST.PACE_STATUS(20,100,A1,,,"en-US")');
    expect(s.get("F1")).toBe("On track");
    s.set("F2", "=INVEST.PACE_STATUS(20,100,A1,,3)"); // tolerance 3, basis omitted in the middle
    expect(s.get("F2")).toBe("滞后");
    s.set("F3", '=INVEST.PACE_STATUS(20,100,"someday")');
    expect(hfError(s.get("F3"))).toBe("#VALUE!");
  });

  test("SHARE, REMAINING_TARGET, REQUIRED_MONTHLY_PACE", async () => {
    const s = await investSheet();
    s.set("A1", [
      [
        "=INVEST.SHARE(36.9,244)",
        "=INVEST.REMAINING_TARGET(245,281)",
        '=INVEST.REQUIRED_MONTHLY_PACE(245,281,"2025-03-31")',
        '=INVEST.REQUIRED_MONTHLY_PACE(1,2,"2025-12-31")',
        "=INVEST.SHARE(1,0)",
      ],
    ]);
    const [sh, rem, pace, none, zero] = s.values("A1:E1")[0];
    close(sh, 36.9 / 244);
    expect(rem).toBe(36);
    expect(pace).toBe(4);
    expect(hfError(none)).toBe("#DIV/0!");
    expect(hfError(zero)).toBe("#DIV/0!");
  });
});

describe("PERIOD_SUM / PERIOD_COUNT in cells", () => {
  const ledger = [
    ["金额", "日期", "地区"],
    [10, "2025-01-15", "西宁市"],
    [20, "2025-02-19", "西宁市"],
    [5, "2025-03", "海东市"],
    [7, 45748, "西宁开发区"], // 2025-04-01
    [100, "2024-03-01", "西宁市"],
    [3, null, "西宁市"],
    [1, "2025-09-30", "海东市"],
  ];

  async function ledgerSheet() {
    const s = await investSheet();
    s.set("A1", ledger);
    return s;
  }

  test("one period, criteria pairs, Chinese period forms", async () => {
    const s = await ledgerSheet();
    s.set("E1", [
      [
        '=INVEST.PERIOD_SUM(A2:A8,B2:B8,"2025Q1")',
        '=INVEST.PERIOD_SUM(A2:A8,B2:B8,"2025年上半年",C2:C8,"西宁*")',
        '=INVEST.PERIOD_SUM(A2:A8,B2:B8,"2025",C2:C8,"<>西宁市",B2:B8,">=2025-03-01")',
        '=INVEST.PERIOD_COUNT(B2:B8,"2025年前三季度")',
        "=INVEST.PERIOD_COUNT(B2:B8,2024)",
      ],
    ]);
    expect(s.values("E1:I1")[0]).toEqual([35, 37, 13, 5, 1]);
  });

  test("a row of periods spills across; periods × a column of regions spill a table", async () => {
    const s = await ledgerSheet();
    s.set("E1", [["2025Q1", "2025Q2", "2025Q3", "2025Q4"]]);
    s.set("E2", "=INVEST.PERIOD_SUM(A2:A8,B2:B8,E1:H1)");
    expect(s.values("E2:H2")).toEqual([[35, 7, 1, 0]]);
    s.set("D4", [["西宁市"], ["海东市"], ["西宁开发区"]]);
    s.set("E4", "=INVEST.PERIOD_SUM(A2:A8,B2:B8,E1:H1,C2:C8,D4:D6)");
    expect(s.values("E4:H6")).toEqual([
      [30, 0, 0, 0],
      [5, 0, 1, 0],
      [0, 7, 0, 0],
    ]);
    s.set("E8", "=INVEST.PERIOD_COUNT(B2:B8,E1:F1,C2:C8,D4:D6)");
    expect(s.values("E8:F10")).toEqual([
      [2, 0],
      [1, 0],
      [0, 1],
    ]);
  });

  test("errors: unknown period per cell, odd criteria, mismatched ranges, errors in matching values", async () => {
    const s = await ledgerSheet();
    s.set("E1", [["2025Q1", "2025Q9"]]);
    s.set("E2", "=INVEST.PERIOD_SUM(A2:A8,B2:B8,E1:F1)");
    const [ok, bad] = s.values("E2:F2")[0];
    expect(ok).toBe(35);
    expect(hfError(bad)).toBe("#VALUE!");
    expect(bad.message).toMatch(/2025Q9/);
    s.set("E4", '=INVEST.PERIOD_SUM(A2:A8,B2:B8,"2025",C2:C8)');
    expect(hfError(s.get("E4"))).toBe("#VALUE!");
    expect(s.get("E4").message).toMatch(/成对/);
    s.set("E5", '=INVEST.PERIOD_SUM(A2:A7,B2:B8,"2025")');
    expect(hfError(s.get("E5"))).toBe("#VALUE!");
    s.set("E6", "=INVEST.PERIOD_SUM(A2:A7,B2:B8,E1:F1)"); // mismatched: one #VALUE!, no spill reserved
    expect(hfError(s.get("E6"))).toBe("#VALUE!");
    expect(s.get("F6")).toBeNull();
    s.set("A3", "=1/0"); // an error in a February row
    s.set("E7", '=INVEST.PERIOD_SUM(A2:A8,B2:B8,"2025Q1")');
    s.set("F7", '=INVEST.PERIOD_SUM(A2:A8,B2:B8,"2025Q2")');
    expect(hfError(s.get("E7"))).toBe("#DIV/0!");
    expect(s.get("F7")).toBe(7);
  });
});

describe("period helpers in cells", () => {
  test("PERIOD_LABEL spills labels; SAME_PERIOD_LAST_YEAR feeds PERIOD_SUM for 同比", async () => {
    const s = await investSheet();
    s.set("A1", [
      [10, "2024-02-01"],
      [30, "2025-03-01"],
      [4, "2024-05-01"],
    ]);
    s.set("D1", [["2025Q1YTD", "2025H1"]]);
    s.set("D2", "=INVEST.PERIOD_LABEL(D1:E1)");
    expect(s.values("D2:E2")).toEqual([["2025年一季度", "2025年上半年"]]);
    s.set("D3", '=INVEST.PERIOD_LABEL(D1,"en-US")');
    expect(s.get("D3")).toBe("Q1 2025");
    s.set(
      "D4",
      "=INVEST.YOY_GROWTH(INVEST.PERIOD_SUM(A1:A3,B1:B3,D1),INVEST.PERIOD_SUM(A1:A3,B1:B3,INVEST.SAME_PERIOD_LAST_YEAR(D1)))",
    );
    expect(s.get("D4")).toBe(2);
    s.set("D5", "=INVEST.SAME_PERIOD_LAST_YEAR(D1:E1)");
    expect(s.values("D5:E5")).toEqual([["2024Q1YTD", "2024H1"]]);
  });
});
