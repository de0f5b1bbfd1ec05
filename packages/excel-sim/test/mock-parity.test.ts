/**
 * The same add-in code against Microsoft's office-addin-mock (OfficeMockObject) and against the simulated host:
 * same results where the code is right, and both catch a missing load() or sync() (the mock by returning its
 * "Error, …" marker strings, the simulator by throwing PropertyNotLoaded as Excel does).
 */
import { OfficeMockObject } from "office-addin-mock";

// The repository maps office-addin-manifest to an empty shim (its ESM-only dependencies break jest); the mock
// only needs its OfficeApp enum.
jest.mock("office-addin-manifest", () => ({
  OfficeApp: {
    Excel: "excel",
    OneNote: "onenote",
    Outlook: "outlook",
    PowerPoint: "powerpoint",
    Project: "project",
    Word: "word",
  },
}));
import { listSources, SourceDescriptor } from "../../../src/excel/sources";
import { createSimulatedExcel } from "../src";

const g = globalThis as { Excel?: unknown };

/** Code under test: read one range's values and address. */
async function readRange(sheet: string, address: string): Promise<{ values: unknown[][]; address: string }> {
  return Excel.run(async (ctx) => {
    const r = ctx.workbook.worksheets.getItem(sheet).getRange(address);
    r.load("values, address");
    await ctx.sync();
    return { values: r.values, address: r.address };
  });
}

/** Buggy code under test: reads a property it never loaded. */
async function readWithoutLoad(sheet: string, address: string): Promise<unknown> {
  return Excel.run(async (ctx) => {
    const r = ctx.workbook.worksheets.getItem(sheet).getRange(address);
    await ctx.sync();
    return r.values;
  });
}

/** Buggy code under test: loads but never syncs. */
async function readWithoutSync(sheet: string, address: string): Promise<unknown> {
  return Excel.run(async (ctx) => {
    const r = ctx.workbook.worksheets.getItem(sheet).getRange(address);
    r.load("values");
    return r.values;
  });
}

function mockExcel(values: unknown[][], address: string, settings: Record<string, unknown> = {}) {
  const data = {
    context: {
      workbook: {
        range: { values, address },
        sheet: {
          getRange() {
            return (this as unknown as { range: unknown }).range;
          },
        },
        worksheets: {
          getItem() {
            return data.context.workbook.sheet;
          },
        },
        setting: { isNullObject: !("invest.sources" in settings), value: settings["invest.sources"] ?? [] },
        settings: {
          getItemOrNullObject() {
            return data.context.workbook.setting;
          },
        },
      },
    },
    run: async (callback: (ctx: unknown) => Promise<unknown>) => callback(mock.context),
  };
  // Methods of nested objects must resolve to the mock's own objects.
  data.context.workbook.sheet.getRange = () => mock.context.workbook.range;
  data.context.workbook.worksheets.getItem = () => mock.context.workbook.sheet;
  data.context.workbook.settings.getItemOrNullObject = () => mock.context.workbook.setting;
  const mock = new OfficeMockObject(data) as unknown as { context: any; run: unknown };
  return mock;
}

afterEach(() => {
  delete g.Excel;
});

test("reading a range: same values and address from the mock and the simulator", async () => {
  const values = [
    ["项目编号", "签约金额(亿元)"],
    ["QH-1", 2.5],
  ];
  g.Excel = mockExcel(values, "台账!A1:B2");
  const fromMock = await readRange("台账", "A1:B2");

  const sim = createSimulatedExcel({ sheets: ["台账"] }).install();
  await Excel.run(async (ctx) => {
    ctx.workbook.worksheets.getItem("台账").getRange("A1:B2").values = values;
    await ctx.sync();
  });
  const fromSim = await readRange("台账", "A1:B2");
  sim.close();
  expect(fromSim).toEqual(fromMock);
  expect(fromSim).toEqual({ values, address: "台账!A1:B2" });
});

test("listSources (src/excel): the simulator reads the settings; the mock cannot, since it has no null-object semantics", async () => {
  const sources: SourceDescriptor[] = [
    {
      id: "ledger",
      kind: "ledger",
      type: "url",
      name: "台账",
      url: "https://x.gov.cn/a.csv",
      lastRefresh: "2026-01-01T00:00:00.000Z",
      rows: 3,
    },
  ];
  // Office.js fills isNullObject at sync without a load; OfficeMockObject treats it as an ordinary property that was
  // never loaded ("Error, property was not loaded", truthy), so code written for Excel sees a null object there.
  g.Excel = mockExcel([[1]], "A1", { "invest.sources": sources });
  expect(await listSources()).toEqual([]);

  const sim = createSimulatedExcel().install();
  expect(await listSources()).toEqual([]);
  await Excel.run(async (ctx) => {
    ctx.workbook.settings.add("invest.sources", sources);
    await ctx.sync();
  });
  expect(await listSources()).toEqual(sources);
  sim.close();
});

test("both catch a property read without load(), and a read before sync()", async () => {
  g.Excel = mockExcel([[1]], "A1");
  expect(await readWithoutLoad("Sheet1", "A1")).toBe("Error, property was not loaded");
  expect(await readWithoutSync("Sheet1", "A1")).toBe("Error, context.sync() was not called");

  const sim = createSimulatedExcel().install();
  await expect(readWithoutLoad("Sheet1", "A1")).rejects.toMatchObject({ code: "PropertyNotLoaded" });
  await expect(readWithoutSync("Sheet1", "A1")).rejects.toMatchObject({ code: "PropertyNotLoaded" });
  sim.close();
});
