/**
 * The simulated host answers to Excel's documentation, not to our code (issue 11): each test cites where Excel
 * documents the behaviour it pins (@types/office-js doc comments; learn.microsoft.com pages of
 * OfficeDev/office-js-docs-pr; OfficeDev/office-js issues), and where Excel's behaviour is not documented the
 * simulator refuses with a "not modelled" error instead of allowing it.
 */
import { createSimulatedExcel, SimulatedExcel } from "../src";

let sim: SimulatedExcel;
beforeEach(() => {
  sim = createSimulatedExcel({ sheets: ["Sheet1"] }).install();
});
afterEach(() => sim.close());

const notModelled = { code: "NotModelled" };

/** A table "T" on Sheet1!A1:C4 (header + 3 rows). */
async function table(
  values: unknown[][] = [
    ["名称", "地区", "金额"],
    ["甲", "西宁市", 2],
    ["乙", "海东市", 3],
    ["丙", "西宁市", 5],
  ],
) {
  await Excel.run(async (ctx) => {
    const s = ctx.workbook.worksheets.getItem("Sheet1");
    s.getRangeByIndexes(0, 0, values.length, values[0].length).values = values as never;
    s.tables.add(`Sheet1!A1:C${values.length}`, true).name = "T";
    await ctx.sync();
  });
}

describe("worksheets", () => {
  test("Worksheet.delete of a VeryHidden sheet fails with InvalidOperation; made Hidden first, it is deleted", async () => {
    // d.ts, Worksheet.delete: "if the worksheet's visibility is set to "VeryHidden", the delete operation will fail
    // with an `InvalidOperation` exception. You should first change its visibility to hidden or visible".
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.add("_work");
      ws.visibility = "VeryHidden";
      await ctx.sync();
      ws.delete();
      await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidOperation" });
      ws.visibility = "Hidden";
      ws.delete();
      await ctx.sync();
    });
    expect(sim.workbook.sheetNames()).toEqual(["Sheet1"]);
  });
});

describe("tables: total row, data body, rows", () => {
  test("getRange includes a shown total row, getDataBodyRange does not; rows.add inserts before it and moves it down", async () => {
    // d.ts: Table.getRange "the entire table", getDataBodyRange "the data body", getTotalRowRange "the totals row";
    // showTotals "can be set to show or remove the total row"; TableRowCollection.add "If null or -1, the addition
    // happens at the end. Any rows below the inserted row are shifted downwards."
    await table();
    await Excel.run(async (ctx) => {
      const t = ctx.workbook.tables.getItem("T");
      t.showTotals = true;
      await ctx.sync();
      t.getTotalRowRange().formulas = [["合计", "", "=SUBTOTAL(109,[金额])"]];
      const all = t.getRange();
      const body = t.getDataBodyRange();
      all.load("address");
      body.load("address");
      await ctx.sync();
      expect(all.address).toBe("Sheet1!A1:C5");
      expect(body.address).toBe("Sheet1!A2:C4");
      t.rows.add(undefined, [["丁", "海北州", 7]]);
      await ctx.sync();
    });
    expect(sim.workbook.table("T")).toMatchObject({ address: "Sheet1!A1:C6", rowCount: 4, showTotals: true });
    expect(sim.workbook.values("Sheet1", "A6:C6")).toEqual([["合计", "", 17]]);
  });

  test("showing the total row over a row that holds something is refused (not documented)", async () => {
    await table();
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("B5").values = [["用户的注释"]];
      ctx.workbook.tables.getItem("T").showTotals = true;
      await expect(ctx.sync()).rejects.toMatchObject(notModelled);
    });
  });

  test("Range.delete up over whole data rows shrinks the table and moves the cells below up", async () => {
    // learn.microsoft.com, excel-add-ins-ranges-clear-delete: "Range.delete removes cells from the worksheet and
    // shifts surrounding cells to fill the gap".
    await table();
    await Excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("Sheet1");
      s.getRange("A7").values = [["表格下方的内容"]];
      s.getRange("A3:C3").delete("Up");
      await ctx.sync();
    });
    expect(sim.workbook.table("T")).toMatchObject({ address: "Sheet1!A1:C3" });
    expect(sim.workbook.values("Sheet1", "A6")).toEqual([["表格下方的内容"]]);
    // Part of a table's width, or the header row: refused.
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A2:B2").delete("Up");
      await expect(ctx.sync()).rejects.toMatchObject(notModelled);
    });
  });

  test("Table.resize keeps cell values; growing over cells that hold something, or with a total row, is refused", async () => {
    // learn.microsoft.com, excel-add-ins-tables: "resize a table without adding data to the table or changing cell
    // values"; "The new range of the table must overlap with the original range, and the headers … in the same row".
    await table();
    await Excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("Sheet1");
      const t = ctx.workbook.tables.getItem("T");
      t.resize("Sheet1!A1:C6");
      await ctx.sync();
      s.getRange("A8").values = [["用户内容"]];
      t.resize("Sheet1!A1:C8");
      await expect(ctx.sync()).rejects.toMatchObject(notModelled);
    });
    expect(sim.workbook.table("T")!.address).toBe("Sheet1!A1:C6");
  });

  test("columns.add at the end next to cells that hold something is refused; TableColumn.delete with cells on the right too", async () => {
    await table();
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("D3").values = [["旁边的内容"]];
      ctx.workbook.tables.getItem("T").columns.add(undefined, undefined, "新列");
      await expect(ctx.sync()).rejects.toMatchObject(notModelled);
      ctx.workbook.tables.getItem("T").columns.getItemAt(2).delete();
      await expect(ctx.sync()).rejects.toMatchObject(notModelled);
    });
    expect(sim.workbook.table("T")!.columns).toEqual(["名称", "地区", "金额"]);
  });
});

describe("filters", () => {
  test("a Values filter hides rows; writes, row inserts and deletes under it are refused; clearFilters and apply again", async () => {
    // d.ts: Filter.apply / Table.clearFilters "Clears all the filters currently applied on the table" / AutoFilter
    // criteria and isDataFiltered; TableRowCollection.deleteRows "will throw the InsertDeleteConflict error if the
    // table … has a filter applied"; TableRow.delete does nothing under a filter (OfficeDev/office-js#994).
    await table();
    await Excel.run(async (ctx) => {
      const t = ctx.workbook.tables.getItem("T");
      t.columns.getItem("地区").filter.apply({ filterOn: "Values", values: ["西宁市"] });
      t.autoFilter.load("isDataFiltered, criteria");
      await ctx.sync();
      expect(t.autoFilter.isDataFiltered).toBe(true);
      expect(t.autoFilter.criteria[1]).toMatchObject({ filterOn: "Values", values: ["西宁市"] });
      expect(t.autoFilter.criteria[0].filterOn).toBe("");
      ctx.workbook.worksheets.getItem("Sheet1").getRange("C2").values = [[9]];
      await expect(ctx.sync()).rejects.toMatchObject(notModelled);
    });
    expect(sim.workbook.table("T")!.hiddenRows).toEqual([1]);
    await Excel.run(async (ctx) => {
      ctx.workbook.tables.getItem("T").rows.add(undefined, [["丁", "海北州", 1]]);
      await expect(ctx.sync()).rejects.toMatchObject(notModelled);
    });
    await Excel.run(async (ctx) => {
      const t = ctx.workbook.tables.getItem("T");
      t.clearFilters();
      ctx.workbook.worksheets.getItem("Sheet1").getRange("B2").values = [["海东市"]];
      t.columns.getItem("地区").filter.apply({ filterOn: "Values", values: ["西宁市"] });
      await ctx.sync();
    });
    expect(sim.workbook.table("T")!.hiddenRows).toEqual([0, 1]);
  });
});

describe("copyFrom", () => {
  test("values copy of cells inside a table; copying a whole table, or pasting across a table's edge, is refused", async () => {
    // learn.microsoft.com, excel-add-ins-ranges-cut-copy-paste: copyFrom "replicates the Copy and Paste actions of
    // the Excel UI"; "Excel.RangeCopyType.values copies the data values and, in the case of formulas, the result".
    await table();
    await Excel.run(async (ctx) => {
      const wb = ctx.workbook;
      const other = wb.worksheets.add("Other");
      other.getRange("A1:C3").copyFrom(wb.tables.getItem("T").getDataBodyRange(), "Values");
      await ctx.sync();
      other.getRange("A10").copyFrom("Sheet1!A1:C4", "All");
      await expect(ctx.sync()).rejects.toMatchObject(notModelled);
      wb.worksheets.getItem("Sheet1").getRange("A3:C6").copyFrom("Other!A1:C4", "All");
      await expect(ctx.sync()).rejects.toMatchObject(notModelled);
    });
    expect(sim.workbook.values("Other", "A1:C3")).toEqual([
      ["甲", "西宁市", 2],
      ["乙", "海东市", 3],
      ["丙", "西宁市", 5],
    ]);
  });
});

describe("formulas naming tables", () => {
  test("a formula naming a table that does not exist is refused (what Excel does is not documented)", async () => {
    await table();
    await Excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("Sheet1");
      s.getRange("E1").formulas = [["=SUM(T[金额])"]];
      await ctx.sync();
      s.getRange("E2").formulas = [["=SUM(Funds[金额])"]];
      await expect(ctx.sync()).rejects.toMatchObject(notModelled);
    });
    expect(sim.workbook.values("Sheet1", "E1")).toEqual([[10]]);
  });
});

describe("ranges", () => {
  test("Range.getUsedRangeOrNullObject, getTables and getMergedAreasOrNullObject answer for the range", async () => {
    // d.ts: getUsedRangeOrNullObject "If there are no used cells within the range … isNullObject … true";
    // getTables "a scoped collection of tables that overlap with the range"; merged areas: none can exist here.
    await table();
    await Excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("Sheet1");
      s.getRange("B9").values = [["x"]];
      const below = s.getRange("A5:C20");
      const used = below.getUsedRangeOrNullObject(true);
      used.load("address");
      const empty = s.getRange("A5:C8").getUsedRangeOrNullObject(true);
      const tables = s.getRange("C4:D9").getTables(false);
      tables.load("items/name");
      const merged = below.getMergedAreasOrNullObject();
      await ctx.sync();
      expect(used.address).toBe("Sheet1!B9");
      expect(empty.isNullObject).toBe(true);
      expect(tables.items.map((t) => t.name)).toEqual(["T"]);
      expect(merged.isNullObject).toBe(true);
    });
  });

  test("Range.merge makes merged areas getMergedAreasOrNullObject returns; shifting cells across them is refused", async () => {
    // d.ts: merge "Merge the range cells into one region in the worksheet"; getMergedAreasOrNullObject "a RangeAreas
    // object that represents the merged areas in this range"; what a row insert does to merged cells beside or below
    // is not documented, nor merging cells that hold values other than the top-left one.
    await table();
    await Excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("Sheet1");
      s.getRange("A8").values = [["合并"]];
      s.getRange("A8:C8").merge(false);
      s.getRange("E1:F2").merge(true);
      const m = s.getRange("A5:F20").getMergedAreasOrNullObject();
      m.load("address, areaCount");
      const none = s.getRange("A20:C30").getMergedAreasOrNullObject();
      await ctx.sync();
      expect(m.address).toBe("Sheet1!A8:C8");
      expect(none.isNullObject).toBe(true);
      const all = s.getRange("A1:F9").getMergedAreasOrNullObject();
      all.load("areaCount");
      await ctx.sync();
      expect(all.areaCount).toBe(3);
      ctx.workbook.tables.getItem("T").rows.add(null as never, [["丁", "海东市", 1]]);
      await expect(ctx.sync()).rejects.toMatchObject(notModelled);
      s.getRange("H1:H2").values = [["a"], ["b"]];
      s.getRange("H1:H2").merge();
      await expect(ctx.sync()).rejects.toMatchObject(notModelled);
      s.getRange("A8:C8").unmerge();
      await ctx.sync();
      ctx.workbook.tables.getItem("T").rows.add(null as never, [["丁", "海东市", 1]]);
      await ctx.sync();
    });
    expect(sim.workbook.values("Sheet1", "A9")).toEqual([["合并"]]);
  });

  test("Range.getSpecialCellsOrNullObject(Formulas) gives the formula cells as RangeAreas, or a null object", async () => {
    // d.ts: "the RangeAreas object, comprising one or more ranges, that represents all the cells that match the
    // specified type and value. If no special cells are found, then this method returns an object with its
    // isNullObject property set to true." How the cells are split into areas is not documented.
    await table();
    await Excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("Sheet1");
      s.getRange("D2:D4").formulas = [["=C2*2"], ["=C3*2"], [7]];
      s.getRange("E3").formulas = [["=1+1"]];
      const f = s.getRange("A1:F9").getSpecialCellsOrNullObject("Formulas" as never);
      f.load("address, cellCount, areas/items/address, areas/items/formulasR1C1");
      const none = s.getRange("A1:C4").getSpecialCellsOrNullObject("Formulas" as never);
      await ctx.sync();
      expect(none.isNullObject).toBe(true);
      expect(f.cellCount).toBe(3);
      expect(f.areas.items.map((a) => [a.address, a.formulasR1C1])).toEqual([
        ["Sheet1!D2:D3", [["=RC[-1]*2"], ["=RC[-1]*2"]]],
        ["Sheet1!E3", [["=1+1"]]],
      ]);
      s.getRange("A1:C4")
        .getSpecialCellsOrNullObject("Constants" as never)
        .load("address");
      await expect(ctx.sync()).rejects.toMatchObject(notModelled);
    });
  });
});

describe("identity and charts", () => {
  test("Table.id and Worksheet.id stay the same when the table or sheet is renamed; tables.getItem finds a table by its id", async () => {
    // d.ts Table.id: "Returns a value that uniquely identifies the table in a given workbook. The value of the
    // identifier remains the same even when the table is renamed." Worksheet.id: "… remains the same even when the
    // worksheet is renamed or moved." TableCollection.getItem: "Gets a table by name or ID."
    await table();
    const ids = await Excel.run(async (ctx) => {
      const t = ctx.workbook.tables.getItem("T");
      const s = ctx.workbook.worksheets.getItem("Sheet1");
      t.load("id");
      s.load("id");
      await ctx.sync();
      t.name = "改名";
      s.name = "表一";
      await ctx.sync();
      const again = ctx.workbook.tables.getItem(t.id);
      again.load("id, name");
      const sheet = ctx.workbook.worksheets.getItem("表一");
      sheet.load("id");
      await ctx.sync();
      return [t.id, again.id, again.name, s.id, sheet.id];
    });
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).toBe("改名");
    expect(ids[3]).toBe(ids[4]);
  });

  test("ChartCollection items after load; Chart.delete removes that chart only", async () => {
    // d.ts Chart.delete: "Deletes the chart object."; ChartCollection.items: "Gets the loaded child items in this
    // collection."
    await Excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("Sheet1");
      s.getRange("A1:B3").values = [
        ["地区", "金额"],
        ["甲", 1],
        ["乙", 2],
      ];
      s.charts.add("ColumnClustered" as never, s.getRange("A1:B3"), "Columns" as never).name = "ours";
      s.charts.add("ColumnClustered" as never, s.getRange("A1:B3"), "Columns" as never).name = "theirs";
      await ctx.sync();
      s.charts.load("items/name");
      await ctx.sync();
      expect(s.charts.items.map((c) => c.name)).toEqual(["ours", "theirs"]);
      s.charts.items[0].delete();
      await ctx.sync();
    });
    expect(sim.workbook.charts("Sheet1").map((c) => c.name)).toEqual(["theirs"]);
  });
});

describe("protection", () => {
  test("a protected sheet reports protected; writes to it are refused (not documented); protect twice fails", async () => {
    // d.ts WorksheetProtection: protected "Specifies if the worksheet is protected"; protect "Protects a worksheet.
    // Fails if the worksheet has already been protected." What an API write to a protected sheet does is not
    // documented (excel-add-ins-worksheets.md only shows protect/unprotect).
    await table();
    await Excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("Sheet1");
      s.protection.protect();
      s.load("protection/protected");
      await ctx.sync();
      expect(s.protection.protected).toBe(true);
      for (const write of [
        () => {
          s.getRange("A10").values = [[1]];
        },
        () => {
          s.getRange("A10").numberFormat = [["0"]];
        },
        () => {
          ctx.workbook.tables.getItem("T").rows.add(null as never, [["丁", "海东市", 1]]);
        },
        () => {
          ctx.workbook.tables
            .getItem("T")
            .columns.getItem("地区")
            .filter.apply({ filterOn: "Values", values: ["西宁市"] });
        },
      ]) {
        write();
        await expect(ctx.sync()).rejects.toMatchObject(notModelled);
      }
      s.protection.protect();
      await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidOperation" });
      s.protection.unprotect();
      s.getRange("A10").values = [[1]];
      await ctx.sync();
    });
    expect(sim.workbook.values("Sheet1", "A10")).toEqual([[1]]);
  });
});

describe("documented limits and names", () => {
  test("the request limit is 5,000,000 bytes with each operation's overhead: performance.md's 5,000 ranges pass, 10,000 fail", async () => {
    // performance.md: "The payload size of a request combines: The number of API calls. The number of objects, such as
    // Range objects. The length of the value to set or get." Its sample: 10,000 × getRangeByIndexes + values [["1"]]
    // "would likely exceed the 5MB payload size limit"; two loops of 5,000 with a sync after each avoid it.
    const loop = async (from: number, to: number) =>
      Excel.run(async (ctx) => {
        const sheet = ctx.workbook.worksheets.getItem("Sheet1");
        for (let row = from; row < to; row++) sheet.getRangeByIndexes(row, 1, 1, 1).values = [["1"]];
        await ctx.sync();
      });
    await loop(1, 5000);
    await loop(5001, 10000);
    await expect(loop(1, 10000)).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    expect(sim.stats.bytesPerSync.at(-1)).toBeGreaterThan(5_000_000);
    expect(sim.stats.bytesPerSync[0]).toBeLessThan(5_000_000);
  });

  test("settings hold at most 2 MB in all (OfficeDev/office-js#621); a larger setting is refused with InvalidArgument (#3957)", async () => {
    await Excel.run(async (ctx) => {
      ctx.workbook.settings.add("a", "汇".repeat(600_000)); // 1.8 MB of UTF-8
      await ctx.sync();
      ctx.workbook.settings.add("b", "汇".repeat(100_000));
      await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
      ctx.workbook.settings.add("a", "small");
      ctx.workbook.settings.add("b", "汇".repeat(100_000));
      await ctx.sync();
    });
    expect(Object.keys(sim.workbook.settings())).toEqual(["a", "b"]);
  });

  test("a deleted sheet's references become #REF!, also after a sheet of that name is added again", async () => {
    // support.microsoft.com "How to correct a #REF! error": "This happens most often when cells that were referenced
    // by formulas get deleted".
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.add("数据").getRange("B5").values = [[42]];
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:A2").formulas = [["=数据!B5"], ["=A1+1"]];
      await ctx.sync();
      ctx.workbook.worksheets.getItem("数据").delete();
      await ctx.sync();
      ctx.workbook.worksheets.add("数据").getRange("B5").values = [[7]];
      await ctx.sync();
    });
    expect(sim.workbook.formulas("Sheet1", "A1")).toEqual([["=#REF!B5"]]);
    expect(sim.workbook.values("Sheet1", "A1:A2")).toEqual([["#REF!"], ["#REF!"]]);
  });
});

describe("the 1904 date system", () => {
  test("Functions.date answers by the workbook's date system; ISO text and date formats follow it", async () => {
    // d.ts, Functions.date: "year: Is a number from 1900 or 1904 (depending on the workbook's date system)";
    // "Date systems in Excel" (support.microsoft.com): serials of the 1904 system are 1,462 days smaller.
    const mac = createSimulatedExcel({ date1904: true });
    const serials: Record<string, unknown> = {};
    for (const [name, host] of [
      ["1900", sim],
      ["1904", mac],
    ] as const) {
      host.install();
      await Excel.run(async (ctx) => {
        const d = ctx.workbook.functions.date(1904, 1, 1);
        const e = ctx.workbook.functions.date(2025, 3, 31);
        d.load("value");
        e.load("value");
        ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:B1").values = [["2025-03-31", "=DATE(2025,3,31)"]];
        await ctx.sync();
        serials[name] = [d.value, e.value];
      });
      expect(host.workbook.text("Sheet1", "A1")).toEqual([["2025-03-31"]]);
    }
    expect(serials).toEqual({ 1900: [1462, 45747], 1904: [0, 45747 - 1462] });
    expect(mac.workbook.values("Sheet1", "A1:B1")).toEqual([[45747 - 1462, 45747 - 1462]]);
    mac.close();
    sim.install();
  });
});
