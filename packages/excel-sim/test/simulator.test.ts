/**
 * The simulated Excel host pinned against documented Office.js behaviour: commands queue until sync, load/sync and
 * PropertyNotLoaded, *OrNullObject, formula-vs-text writes, the request payload limit, 5M-cell reads, tables,
 * settings, calculation, and fault injection.
 */
import { createSimulatedExcel, PAYLOAD_LIMIT, SimulatedExcel } from "../src";

let sim: SimulatedExcel;
beforeEach(() => {
  sim = createSimulatedExcel({ sheets: ["Sheet1"] }).install();
});
afterEach(() => sim.close());

describe("load / sync", () => {
  test("a property set is not in the workbook until sync; reading an unloaded property throws PropertyNotLoaded", async () => {
    await Excel.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:B1");
      range.values = [[1, "x"]];
      expect(sim.workbook.values("Sheet1", "A1:B1")).toEqual([["", ""]]);
      const other = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:B1");
      expect(() => other.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      other.load("values, address, rowCount");
      expect(() => other.values).toThrow(/not available|load/);
      await ctx.sync();
      expect(sim.workbook.values("Sheet1", "A1:B1")).toEqual([[1, "x"]]);
      expect(other.values).toEqual([[1, "x"]]);
      expect(other.address).toBe("Sheet1!A1:B1");
      expect(other.rowCount).toBe(1);
      expect(() => other.columnCount).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
    });
  });

  test("load after a write in the same batch sees the written values; load with an object and navigation paths", async () => {
    await Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1");
      r.values = [[5]];
      r.format.font.bold = true;
      r.load({ values: true, format: { font: { bold: true } } } as never);
      const fill = r.format.fill;
      fill.load("color");
      await ctx.sync();
      expect(r.values).toEqual([[5]]);
      expect(r.format.font.bold).toBe(true); // navigation properties return the same proxy, loaded
      expect(fill.color).toBe("#FFFFFF");
    });
    expect(sim.workbook.cell("Sheet1", "A1").style.bold).toBe(true);
  });

  test("Excel.run sends commands still queued when the batch resolves", async () => {
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("C3").values = [["late"]];
    });
    expect(sim.workbook.values("Sheet1", "C3")).toEqual([["late"]]);
    expect(sim.stats.syncs).toBe(1);
  });

  test("collections: items after load, getCount as a ClientResult", async () => {
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.add("第二");
      const sheets = ctx.workbook.worksheets;
      sheets.load("items/name,items/visibility");
      const count = sheets.getCount();
      expect(() => count.value).toThrow(/not available/);
      await ctx.sync();
      expect(sheets.items.map((s) => s.name)).toEqual(["Sheet1", "第二"]);
      expect(sheets.items[1].visibility).toBe("Visible");
      expect(count.value).toBe(2);
    });
  });
});

describe("null objects and errors", () => {
  test("getItemOrNullObject: isNullObject known after sync; getItem of a missing sheet fails the sync with ItemNotFound", async () => {
    await Excel.run(async (ctx) => {
      const missing = ctx.workbook.worksheets.getItemOrNullObject("nope");
      const present = ctx.workbook.worksheets.getItemOrNullObject("Sheet1");
      expect(() => missing.isNullObject).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      await ctx.sync();
      expect(missing.isNullObject).toBe(true);
      expect(present.isNullObject).toBe(false);
      ctx.workbook.worksheets.getItem("nope").getRange("A1").values = [[1]];
      await expect(ctx.sync()).rejects.toMatchObject({ code: "ItemNotFound" });
    });
  });

  test("a failing command stops the batch: earlier commands stay applied, later ones are not run", async () => {
    await expect(
      Excel.run(async (ctx) => {
        const s = ctx.workbook.worksheets.getItem("Sheet1");
        s.getRange("A1").values = [["before"]];
        s.getRange("A1:B2").values = [[1, 2]]; // wrong shape
        s.getRange("A2").values = [["after"]];
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidArgument" });
    expect(sim.workbook.values("Sheet1", "A1:A2")).toEqual([["before"], [""]]);
  });

  test("sheet rules: unique names, invalid characters, the last visible sheet cannot be hidden or deleted", async () => {
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.add("sheet1");
      await expect(ctx.sync()).rejects.toMatchObject({ code: "ItemAlreadyExists" });
      ctx.workbook.worksheets.add("a/b");
      await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
      ctx.workbook.worksheets.getItem("Sheet1").visibility = "Hidden" as Excel.SheetVisibility;
      await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidOperation" });
      ctx.workbook.worksheets.getItem("Sheet1").delete();
      await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidOperation" });
      const s2 = ctx.workbook.worksheets.add("隐藏");
      s2.visibility = "VeryHidden" as Excel.SheetVisibility;
      await ctx.sync();
    });
    expect(sim.workbook.visibility("隐藏")).toBe("VeryHidden");
  });
});

describe("writing values: formulas versus text", () => {
  const write = (values: unknown[][], prep?: (r: Excel.Range) => void) =>
    Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Sheet1").getRangeByIndexes(0, 0, values.length, values[0].length);
      prep?.(r);
      r.values = values as never;
      await ctx.sync();
    });

  test("strings beginning with = become formulas; + and - followed by non-numbers too; numbers in text become numbers", async () => {
    await write([["=1+2", "+A1*2", "-A1", "-5", "12%", "2025-03-31", "TRUE", "text"]]);
    const cells = ["A1", "B1", "C1", "D1", "E1", "F1", "G1", "H1"].map((a) => sim.workbook.cell("Sheet1", a));
    expect(cells.map((c) => c.formula)).toEqual([
      "=1+2",
      "=+A1*2",
      "=-A1",
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(cells.map((c) => c.value)).toEqual([3, 6, -3, -5, 0.12, 45747, true, "text"]);
    expect(cells[5].numberFormat).toBe("yyyy-mm-dd");
  });

  test("a leading apostrophe makes text and is not part of the value; the Text format (@) keeps strings as typed", async () => {
    await write([["'=SUM(1,2)", "'+86 138", "'007"]]);
    expect(sim.workbook.values("Sheet1", "A1:C1")).toEqual([["=SUM(1,2)", "+86 138", "007"]]);
    expect(sim.workbook.cell("Sheet1", "A1").formula).toBeUndefined();
    await write([["=1+1", "-x", "0012"]], (r) => {
      r.numberFormat = [["@", "@", "@"]];
    });
    expect(sim.workbook.values("Sheet1", "A1:C1")).toEqual([["=1+1", "-x", "0012"]]);
    expect(sim.workbook.formulas("Sheet1", "A1:C1")).toEqual([["=1+1", "-x", "0012"]]);
  });

  test("one value for a multi-cell range applies to every cell; null leaves a cell unchanged", async () => {
    await write([
      [1, 2],
      [3, 4],
    ]);
    await Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:B2");
      r.numberFormat = "0.00" as never;
      r.values = [
        [null, 9],
        [null, null],
      ] as never;
      await ctx.sync();
    });
    expect(sim.workbook.values("Sheet1", "A1:B2")).toEqual([
      [1, 9],
      [3, 4],
    ]);
    expect(sim.workbook.text("Sheet1", "A1:B2")).toEqual([
      ["1.00", "9.00"],
      ["3.00", "4.00"],
    ]);
  });
});

describe("payload and read limits", () => {
  test("a sync above 5 MB fails with RequestPayloadSizeLimitExceeded and applies nothing", async () => {
    const big = Array.from({ length: 60_000 }, (_, i) => [`row ${i} ${"x".repeat(80)}`]);
    await Excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("Sheet1");
      s.getRange("B1").values = [["small"]];
      s.getRange(`A1:A${big.length}`).values = big;
      await expect(ctx.sync()).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    });
    expect(sim.stats.bytesPerSync[0]).toBeGreaterThan(PAYLOAD_LIMIT);
    expect(sim.workbook.values("Sheet1", "A1:B1")).toEqual([["", ""]]);
  });

  test("reading more than 5,000,000 cells fails with RangeExceedsLimit", async () => {
    await Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:E1000001");
      r.load("values");
      await expect(ctx.sync()).rejects.toMatchObject({ code: "RangeExceedsLimit" });
    });
  });

  test("failNextSync: nothing of that batch is applied; afterCommands applies a prefix", async () => {
    sim.failNextSync();
    await expect(
      Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [[1]];
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "GeneralException" });
    expect(sim.workbook.values("Sheet1", "A1")).toEqual([[""]]);
    sim.failNextSync({ afterCommands: 1 });
    await expect(
      Excel.run(async (ctx) => {
        const s = ctx.workbook.worksheets.getItem("Sheet1");
        s.getRange("A1").values = [[1]];
        s.getRange("A2").values = [[2]];
        await ctx.sync();
      }),
    ).rejects.toThrow(/injected/);
    expect(sim.workbook.values("Sheet1", "A1:A2")).toEqual([[1], [""]]);
  });
});

describe("tables", () => {
  test("add with headers, structured references in formulas, rows.add, columns, resize, header edits rename columns", async () => {
    await Excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("Sheet1");
      s.getRange("A1:B3").values = [
        ["名称", "签约金额(亿元)"],
        ["甲", 2],
        ["乙", 3],
      ];
      const t = s.tables.add("Sheet1!A1:B3", true);
      t.name = "Ledger";
      s.getRange("D1").formulas = [["=SUM(Ledger[签约金额(亿元)])"]];
      t.columns.add(undefined, undefined, "两倍");
      await ctx.sync();
      t.columns.getItem("两倍").getDataBodyRange().formulas = [["=[@[签约金额(亿元)]]*2"], ["=[@[签约金额(亿元)]]*2"]];
      t.rows.add(undefined, [["丙", 5, "=[@[签约金额(亿元)]]*2"]]);
      const body = t.getDataBodyRange();
      body.load("values,address");
      const cols = t.columns;
      cols.load("items/name");
      await ctx.sync();
      expect(body.address).toBe("Sheet1!A2:C4");
      expect(body.values).toEqual([
        ["甲", 2, 4],
        ["乙", 3, 6],
        ["丙", 5, 10],
      ]);
      expect(cols.items.map((c) => c.name)).toEqual(["名称", "签约金额(亿元)", "两倍"]);
      s.getRange("A1").values = [["项目名称"]];
      await ctx.sync();
    });
    expect(sim.workbook.values("Sheet1", "E1")).toEqual([[""]]);
    expect(sim.workbook.table("Ledger")!.columns[0]).toBe("项目名称");
    // The new column took the empty column C; rows.add shifts only the table's columns (A:C): D1 stays.
    expect(sim.workbook.cell("Sheet1", "D1")).toMatchObject({ formula: "=SUM(Ledger[签约金额(亿元)])", value: 10 });
  });

  test("a header-only range gets one empty data row; overlapping tables are refused; resize keeps the header row", async () => {
    await Excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("Sheet1");
      s.getRange("A1:B1").values = [["a", "b"]];
      const t = s.tables.add("A1:B1", true);
      const body = t.getDataBodyRange();
      body.load("address");
      await ctx.sync();
      expect(body.address).toBe("Sheet1!A2:B2");
      s.tables.add("B2:C3", true);
      await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidOperation" });
      t.resize("A2:B5");
      await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
      t.resize("A1:C5");
      await ctx.sync();
    });
    expect(sim.workbook.tables()[0]).toMatchObject({
      address: "Sheet1!A1:C5",
      columns: ["a", "b", "Column3"],
      rowCount: 4,
    });
  });
});

describe("settings, application, formats, charts", () => {
  test("settings are stored as JSON and read back; getItemOrNullObject", async () => {
    await Excel.run(async (ctx) => {
      ctx.workbook.settings.add("k", { a: [1, "二"], d: null });
      const missing = ctx.workbook.settings.getItemOrNullObject("zz");
      await ctx.sync();
      expect(missing.isNullObject).toBe(true);
      const s = ctx.workbook.settings.getItem("k");
      s.load("value");
      await ctx.sync();
      expect(s.value).toEqual({ a: [1, "二"], d: null });
      s.delete();
    });
    expect(sim.workbook.settings()).toEqual({});
  });

  test("suspendApiCalculationUntilNextSync defers recalculation to the end of that sync", async () => {
    await Excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("Sheet1");
      s.getRange("A1:B1").values = [[1, "=A1*10"]];
      await ctx.sync();
      ctx.workbook.application.suspendApiCalculationUntilNextSync();
      ctx.workbook.application.suspendScreenUpdatingUntilNextSync();
      s.getRange("A1").values = [[2]];
      await ctx.sync();
    });
    expect(sim.workbook.values("Sheet1", "B1")).toEqual([[20]]);
    expect(sim.stats.calcSuspendedSyncs).toBe(1);
    expect(sim.stats.screenSuspendedSyncs).toBe(1);
  });

  test("manual calculation leaves values stale until calculate()", async () => {
    await Excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("Sheet1");
      ctx.workbook.application.calculationMode = "Manual" as never;
      s.getRange("A1:B1").values = [[1, "=A1+1"]];
      await ctx.sync();
      expect(sim.workbook.values("Sheet1", "B1")).toEqual([[0]]);
      ctx.workbook.application.calculate("Full" as never);
      await ctx.sync();
    });
    expect(sim.workbook.values("Sheet1", "B1")).toEqual([[2]]);
  });

  test("formats, freeze panes, autofit, copyFrom moves relative references, R1C1", async () => {
    await Excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("Sheet1");
      s.getRange("A1:B2").values = [
        [1, "=A1*2"],
        [3, null],
      ];
      s.getRange("A1:B1").format.fill.color = "#FFC7CE";
      s.freezePanes.freezeRows(1);
      s.getRange("B2").copyFrom("B1");
      const r = s.getRange("B1:B2");
      r.load("formulasR1C1");
      s.getRange("C1").formulasR1C1 = [["=RC[-2]+R1C1"]];
      s.getRange("A:B").format.autofitColumns();
      await ctx.sync();
      expect(r.formulasR1C1).toEqual([["=RC[-1]*2"], ["=RC[-1]*2"]]);
    });
    expect(sim.workbook.formulas("Sheet1", "B1:C2")).toEqual([
      ["=A1*2", "=A1+$A$1"],
      ["=A2*2", ""],
    ]);
    expect(sim.workbook.values("Sheet1", "B2")).toEqual([[6]]);
    expect(sim.workbook.cell("Sheet1", "A1").style.fill).toBe("#FFC7CE");
    expect(sim.workbook.frozenRows("Sheet1")).toBe(1);
    expect(sim.workbook.columnWidth("Sheet1", 1)).toBeGreaterThan(0);
  });

  test("charts record type, source and titles", async () => {
    await Excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("Sheet1");
      s.getRange("A1:B3").values = [
        ["地区", "金额"],
        ["甲", 1],
        ["乙", 2],
      ];
      const c = s.charts.add("ColumnClustered" as never, s.getRange("A1:B3"), "Columns" as never);
      c.title.text = "签约金额";
      c.axes.valueAxis.title.text = "亿元";
      await ctx.sync();
    });
    expect(sim.workbook.charts("Sheet1")).toEqual([
      {
        name: "Chart 1",
        type: "ColumnClustered",
        source: "Sheet1!A1:B3",
        title: "签约金额",
        axisTitles: { value: "亿元" },
      },
    ]);
  });
});

describe("structured references and renames", () => {
  test("#This Row, #All, #Headers, column ranges; renaming a table or sheet rewrites formulas", async () => {
    await Excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("Sheet1");
      s.getRange("A1:C3").values = [
        ["名称", "金额", "数量"],
        ["甲", 2, 10],
        ["乙", 3, 20],
      ];
      const t = s.tables.add("A1:C3", true);
      t.name = "Ledger";
      s.getRange("E1:E5").formulas = [
        ["=COUNTA(Ledger[#All])"],
        ["=SUM(Ledger[[金额]:[数量]])"],
        ["=Ledger[[#Headers],[数量]]"],
        ["=SUM(Ledger[金额])*10"],
        ["=ROWS(Ledger)"],
      ];
      await ctx.sync();
      t.columns.add(undefined, undefined, "行内");
      await ctx.sync();
      t.columns.getItem("行内").getDataBodyRange().formulas = [
        ["=Ledger[[#This Row],[金额]]+[@数量]"],
        ["=Ledger[[#This Row],[金额]]+[@数量]"],
      ];
      await ctx.sync();
      t.name = "Projects";
      s.name = "台账";
      await ctx.sync();
    });
    expect(sim.workbook.values("台账", "E1:E5")).toEqual([[12], [35], ["数量"], [50], [2]]); // #All includes the added column
    expect(sim.workbook.values("台账", "D2:D3")).toEqual([[12], [23]]);
    expect(sim.workbook.formulas("台账", "E4")).toEqual([["=SUM(Projects[金额])*10"]]);
  });
});
