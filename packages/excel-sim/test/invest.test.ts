/** INVEST.* custom functions inside the simulated host (HyperFormula + packages/excel-sim/src/hyperformula-invest.ts), over tables. */
import { investMetadata } from "../../test-support/src/invest-functions";
import { createSimulatedExcel } from "../src";

test("INVEST.COMPLETION_RATE over a structured reference to a table column, recalculated after each sync", async () => {
  const sim = createSimulatedExcel({ functionsMetadata: await investMetadata() }).install();
  try {
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      ws.getRange("A1:B3").values = [
        ["地区", "签约金额(亿元)"],
        ["甲", 100],
        ["乙", 145],
      ];
      ws.tables.add("Sheet1!A1:B3", true).name = "Ledger";
      ws.getRange("D1:D2").formulas = [
        ["=INVEST.COMPLETION_RATE(SUM(Ledger[签约金额(亿元)]),280)"],
        ["=INVEST.COMPLETION_RATE(1,0)"],
      ];
      await ctx.sync();
      const d = ws.getRange("D1:D2");
      d.load("values, formulas");
      await ctx.sync();
      expect(d.values[0][0]).toBeCloseTo(0.875);
      expect(d.values[1][0]).toBe("#DIV/0!");
      expect(d.formulas[0][0]).toBe("=INVEST.COMPLETION_RATE(SUM(Ledger[签约金额(亿元)]),280)");
      ctx.workbook.tables.getItem("Ledger").rows.add(undefined, [["丙", 35]]);
      await ctx.sync();
    });
    expect(sim.workbook.values("Sheet1", "D1")[0][0]).toBeCloseTo(1);
  } finally {
    sim.close();
  }
});
