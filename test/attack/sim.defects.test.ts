/**
 * Audit of the simulated Excel host (packages/excel-sim) against Microsoft's documentation: places where it ALLOWS what Excel
 * documents as failing, or answers where Excel's behaviour is undocumented (the project's rule: "where Excel's
 * behaviour is unknown it REFUSES"), or cannot represent a workbook state Excel documents, so that a guard of the
 * product is never exercised. Each was a `test.failing` that failed at its last expectation for the reason its title
 * gave; the simulator now follows Excel's documentation there, so each is a plain test whose title says what holds
 * (and, in brackets, what the defect was).
 *
 * Sources quoted: node_modules/@types/office-js/index.d.ts doc comments; OfficeDev/office-js-docs-pr
 * (docs/excel/excel-add-ins-blank-null-values.md, docs/excel/performance.md,
 * docs/concepts/resource-limits-and-performance-optimization.md); OfficeDev/office-js issue #621; the support articles
 * the d.ts and the simulator themselves cite ("Rename an Excel table", "Rename a worksheet").
 */
import { refreshDataset, WriteBlockedError } from "../../src/excel/sheets";
import { createSimulatedExcel, SimulatedExcel } from "../../packages/excel-sim/src";
import { base, edit, loadedWorkbook, makeRecord, resultOf } from "./writer-support";

let sim: SimulatedExcel | undefined;
afterEach(() => {
  sim?.close();
  sim = undefined;
});

const outcome = (p: Promise<unknown>) =>
  p.then(
    () => "accepted",
    (e: { code?: string; message?: string }) => e.code ?? String(e.message),
  );

describe("the simulator accepts what Excel documents as invalid", () => {
  test("range.values = null and numberFormat = null are refused with InvalidArgument (was: accepted and ignored)", async () => {
    // excel-add-ins-blank-null-values.md: "`null` isn't a valid input for a single property. For example, the
    // following code snippet isn't valid, as the `values` property of the range cannot be set to `null`."
    sim = createSimulatedExcel().install();
    const values = await outcome(
      edit((ctx) => {
        ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:B2").values = null as never;
      }),
    );
    const formats = await outcome(
      edit((ctx) => {
        ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:B2").numberFormat = null as never;
      }),
    );
    expect([values, formats]).toEqual(["InvalidArgument", "InvalidArgument"]);
  });

  test("a sheet may not be called History (was: allowed)", async () => {
    // support.microsoft.com "Rename a worksheet" (the article whose other rules the simulator applies: 31 characters,
    // : \ / ? * [ ], no leading or trailing apostrophe): names cannot "Be named "History". This is a reserved word
    // Excel uses internally."
    sim = createSimulatedExcel().install();
    expect(
      await outcome(
        edit((ctx) => {
          ctx.workbook.worksheets.add("History");
        }),
      ),
    ).toBe("InvalidArgument");
  });

  test("a table may not be named R1C1, RC or R2C3 (was: allowed)", async () => {
    // d.ts Table.name: "The set name of the table must follow the guidelines specified in the Rename an Excel table
    // article", which says names cannot be the same as a cell reference, "such as Z$100 or R1C1"; R, C, RC and R1C1 are
    // reserved for R1C1 notation (Microsoft KB Q111393). The simulator refuses only "R" and "C".
    sim = createSimulatedExcel().install();
    const names: string[] = [];
    for (const name of ["R1C1", "RC", "R2C3"]) {
      const r = await outcome(
        edit((ctx) => {
          const ws = ctx.workbook.worksheets.getItem("Sheet1");
          const row = names.length * 3;
          ws.getRange(`A${row + 1}:B${row + 2}`).values = [
            ["a", "b"],
            [1, 2],
          ];
          ws.tables.add(`Sheet1!A${row + 1}:B${row + 2}`, true).name = name;
        }),
      );
      names.push(`${name}:${r}`);
    }
    expect(names).toEqual(["R1C1:InvalidArgument", "RC:InvalidArgument", "R2C3:InvalidArgument"]);
  });

  test("a setting of 3 MB is refused: settings are limited to 2 MB (was: stored)", async () => {
    // OfficeDev/office-js#621 (Excel on Windows, settings): "We only support 2MB maximum for settings". The Excel
    // settings are the add-in's custom settings of the document (persisting-add-in-state-and-settings.md: "The
    // application-specific JavaScript APIs for Excel and for Word also provide access to the custom settings"). The
    // writer stores its undo record there, filter criteria included (writer.defects.test.ts).
    sim = createSimulatedExcel().install();
    const big = "汇".repeat(1_000_000); // 3 MB of UTF-8
    expect(
      await outcome(
        edit((ctx) => {
          ctx.workbook.settings.add("invest.big", big);
        }),
      ),
    ).not.toBe("accepted");
  });

  test("a request of 5,100,000 bytes fails: the limit is 5,000,000 bytes, operations counted with their overhead (was: 5 MiB, compact encoding)", async () => {
    // performance.md: "Excel on the web limits requests and responses to 5 MB." The simulator's limit is 5 * 1024 * 1024
    // = 5,242,880, the lenient reading. It also counts a compact encoding of each call (~50 bytes per API object)
    // where "The payload size of a request combines: The number of API calls. The number of objects, such as Range
    // objects" in Office.js's own, larger, request format: the margin the writer measures against is not Excel's.
    sim = createSimulatedExcel().install();
    const row = "x".repeat(5_100);
    const r = await outcome(
      edit((ctx) => {
        ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:A1000").values = Array.from({ length: 1000 }, () => [
          row,
        ]);
      }),
    );
    expect(sim.stats.bytesPerSync.at(-1)).toBeGreaterThan(5_100_000);
    expect(r).toBe("RequestPayloadSizeLimitExceeded");
  });
});

describe("the simulator answers where Excel's behaviour is undocumented (it should refuse)", () => {
  test("text Excel's input parser may turn into a date or a number is converted or refused, never kept as text silently (fixed on main by the typing model)", async () => {
    // d.ts Range.values: "Locale-shaped strings (such as the date "19-8-2025" in nl-NL or fr-FR, format DD-MM-YYYY) are
    // stored as text instead of as dates." So Range.values does parse strings into dates and numbers; which shapes it
    // parses beyond ISO dates and plain numbers is not documented. The simulator keeps "1-Jan", "$100", "(100)",
    // "1 1/2", "12:30 PM" as text (Excel's en-US input makes them a date, 100, -100, 1.5 and a time), so the writer's
    // missing text prefix for them (writer.defects.test.ts) cannot be seen.
    sim = createSimulatedExcel().install();
    const shapes = ["1-Jan", "Jan-25", "$100", "(100)", "1 1/2", "12:30 PM"];
    const silentlyText: string[] = [];
    for (const s of shapes) {
      const r = await outcome(
        edit((ctx) => {
          ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [[s]];
        }),
      );
      if (r === "accepted" && sim.workbook.values("Sheet1", "A1")[0][0] === s) silentlyText.push(s);
    }
    expect(silentlyText).toEqual([]);
  });

  test("TableRowCollection.add with cells beside the table in the rows that would move is refused as not modelled (was: only the table's columns shifted)", async () => {
    // d.ts TableRowCollection.add: "If null or -1, the addition happens at the end. Any rows below the inserted row are
    // shifted downwards." Whether "rows" means whole sheet rows or the cells under the table's columns is not
    // documented; the simulator picks the second (the UI's Insert Table Rows) instead of refusing.
    sim = createSimulatedExcel().install();
    await edit((ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      ws.getRange("A1:B2").values = [
        ["a", "b"],
        [1, 2],
      ];
      ws.getRange("D5").values = [["beside, below"]];
      ws.tables.add("Sheet1!A1:B2", true).name = "T";
    });
    const r = await outcome(
      edit((ctx) => {
        ctx.workbook.tables.getItem("T").rows.add(null as never, [
          ["", ""],
          ["", ""],
          ["", ""],
          ["", ""],
        ]);
      }),
    );
    expect(r).toBe("NotModelled");
  });

  test("a header cell set to a duplicate name is refused as not modelled (was: silently renamed 负责人2)", async () => {
    // Nothing in the d.ts or excel-add-ins-tables.md says what writing a duplicate or blank header does through the API.
    sim = createSimulatedExcel().install();
    await edit((ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      ws.getRange("A1:B2").values = [
        ["负责人", "b"],
        [1, 2],
      ];
      ws.tables.add("Sheet1!A1:B2", true).name = "T";
    });
    const r = await outcome(
      edit((ctx) => {
        ctx.workbook.worksheets.getItem("Sheet1").getRange("B1").values = [["负责人"]];
      }),
    );
    expect(r).toBe("NotModelled");
  });

  test("freezing rows of a very hidden sheet is refused as not modelled (was: accepted)", async () => {
    // WorksheetFreezePanes.freezeRows: "Freeze the top row or rows of the worksheet in place." Nothing about hidden
    // sheets (panes belong to a window view of the sheet), yet the simulator stores it.
    sim = createSimulatedExcel().install();
    const r = await outcome(
      edit((ctx) => {
        const ws = ctx.workbook.worksheets.add("H");
        ws.visibility = "VeryHidden";
        ws.freezePanes.freezeRows(2);
      }),
    );
    expect(r).toBe("NotModelled");
  });

  test("TableRowCollection.add with one value (a form the d.ts allows) is refused as not modelled (was: a TypeError)", async () => {
    // d.ts: add(index?, values?: Array<Array<boolean | string | number>> | boolean | string | number, alwaysInsert?).
    sim = createSimulatedExcel().install();
    await edit((ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:B2").values = [
        ["a", "b"],
        [1, 2],
      ];
      ctx.workbook.worksheets.getItem("Sheet1").tables.add("Sheet1!A1:B2", true).name = "T";
    });
    const r = await outcome(
      edit((ctx) => {
        ctx.workbook.tables.getItem("T").rows.add(null as never, "x" as never);
      }),
    );
    expect(["accepted", "NotModelled", "InvalidArgument"]).toContain(r);
  });

  test("a formula naming a deleted sheet is #REF! and stays so when a sheet of that name is added again (was: re-bound)", async () => {
    // Excel turns references to a deleted sheet into #REF! (support.microsoft.com "How to correct a #REF! error": "This
    // happens most often when cells that were referenced by formulas get deleted"). The simulator keeps the text and
    // re-binds it (docs/simulator.md: "a deleted sheet's name re-binds"), which hides what writeBriefingSheet's delete-and-add of
    // 成绩单 <period> does to the user's formulas that point at it.
    sim = createSimulatedExcel({ sheets: ["Sheet1", "成绩单 2025Q1"] }).install();
    await edit((ctx) => {
      ctx.workbook.worksheets.getItem("成绩单 2025Q1").getRange("B5").values = [[42]];
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").formulas = [["='成绩单 2025Q1'!B5"]];
    });
    await edit((ctx) => {
      ctx.workbook.worksheets.getItem("成绩单 2025Q1").delete();
    });
    await edit((ctx) => {
      ctx.workbook.worksheets.add("成绩单 2025Q1").getRange("B5").values = [[7]];
    });
    expect(sim.workbook.values("Sheet1", "A1")[0][0]).toBe("#REF!");
  });
});

describe("workbook states Excel documents that the simulator cannot hold, so a guard of the writer is never run", () => {
  test("merged cells below a growing table (Range.merge, ExcelApi 1.2) stop the refresh with WriteBlockedError (the simulator merges cells now)", async () => {
    // The writer checks Range.getMergedAreasOrNullObject before adding rows; the simulator always answers null because
    // it has no Range.merge ("Merge the range cells into one region in the worksheet."), so the check never fires in
    // any test.
    sim = await loadedWorkbook();
    const r = await edit((ctx) => {
      (
        ctx.workbook.worksheets.getItem("台账").getRange("A14:C14") as unknown as { merge(across?: boolean): void }
      ).merge(false);
    }).then(
      () => refreshDataset("ledger", resultOf([...base(), makeRecord(30), makeRecord(31)])).catch((e: unknown) => e),
      (e) => e,
    );
    expect(r).toBeInstanceOf(WriteBlockedError);
    expect((r as WriteBlockedError).address).toBe("台账!A14:C14");
    expect(sim.workbook.table("Ledger")!.rowCount).toBe(8);
  });

  test("a protected 台账 (WorksheetProtection.protect, ExcelApi 1.2) is refused clearly before anything changes (the simulator protects sheets, the writer checks)", async () => {
    // WorksheetProtection.protect: "Protects a worksheet. Fails if the worksheet has already been protected." Neither
    // the simulator (no Worksheet.protection) nor the writer (never reads protection/protected) model it: a refresh of
    // a protected sheet in Excel fails in the commit batch with whatever Excel says, after the staging work.
    sim = await loadedWorkbook();
    const r = await edit((ctx) => {
      (ctx.workbook.worksheets.getItem("台账") as unknown as { protection: { protect(): void } }).protection.protect();
    }).then(
      () => refreshDataset("ledger", resultOf(base().slice(1))).catch((e: unknown) => e),
      (e) => e,
    );
    expect(r).toBeInstanceOf(WriteBlockedError);
    expect((r as WriteBlockedError).message_zh).toMatch(/受保护/);
    expect(sim.workbook.table("Ledger")!.rowCount).toBe(8);
  });
});
