/**
 * The ribbon's 刷新 button: registered in the shared runtime, refreshes every source that needs no file dialog
 * (sample data through the real importer, a URL and a workbook table through loaders), skips local files and
 * sources that now have errors, and always completes the event.
 */
import { readFileSync } from "fs";
import path from "path";
import { refreshAllCommand, registerCommands, selfTestCommand } from "../../src/commands/commands";
import { lastNotice, Notice, onNotice } from "../../src/commands/notices";
import { AppError } from "../../src/core/errors";
import type { SelfTestReport } from "../../src/excel/self-test";
import { refreshAll, readWorkbookTable } from "../../src/excel/refresh-all";
import { writeDataset } from "../../src/excel/sheets";
import { listSources } from "../../src/excel/sources";
import { importTable, loadSeeds } from "../../src/import";
import { createSimulatedExcel, SimulatedExcel } from "../../packages/excel-sim/src";
import { addUserColumn, makeRecord, resultOf, tableObjects } from "./helpers";

let sim: SimulatedExcel;
beforeEach(() => {
  sim = createSimulatedExcel().install();
});
afterEach(() => sim.close());

test("registerCommands associates refreshAll and runSelfTest; the handler completes the event even when refresh fails", async () => {
  const associated: Record<string, (e: Office.AddinCommands.Event) => void> = {};
  registerCommands({
    associate: (name, fn) => {
      associated[name] = fn;
    },
  });
  expect(Object.keys(associated)).toEqual(["refreshAll", "runSelfTest"]);
  const completed = jest.fn();
  const out = await refreshAllCommand({ completed } as unknown as Office.AddinCommands.Event, async () => {
    throw new Error("boom");
  });
  expect(out).toBeNull();
  expect(completed).toHaveBeenCalledTimes(1);
  const manifest = readFileSync(path.join(__dirname, "../../manifest.xml"), "utf8");
  expect(manifest).toMatch(/<FunctionName>refreshAll<\/FunctionName>/);
  expect(manifest).toMatch(/<FunctionName>runSelfTest<\/FunctionName>/);
});

describe("11. the ribbon's commands report to the user", () => {
  const g = globalThis as { Office?: unknown };
  let shown: number;
  beforeEach(() => {
    shown = 0;
    // A shared runtime: Office.addin.showAsTaskpane opens the pane (SharedRuntime 1.1).
    g.Office = {
      addin: {
        showAsTaskpane: async () => {
          shown++;
        },
      },
    };
  });
  afterEach(() => delete g.Office);

  test("a refresh publishes its result (both languages) for the task pane and opens the pane; a failure too", async () => {
    const seen: Notice[] = [];
    const off = onNotice((n) => seen.push(n));
    const completed = jest.fn();
    await writeDataset("ledger", resultOf([makeRecord(1)]), {
      type: "url",
      name: "u",
      url: "https://example.gov.cn/l.csv",
    });
    await refreshAllCommand({ completed } as unknown as Office.AddinCommands.Event, () =>
      refreshAll({
        loaders: {
          url: async () => resultOf([makeRecord(1), makeRecord(2)]),
          table: async () => {
            throw new Error("x");
          },
          seeds: async () => {
            throw new Error("x");
          },
        },
      }),
    );
    await refreshAllCommand({ completed } as unknown as Office.AddinCommands.Event, async () => {
      throw new Error("网络中断 / network down");
    });
    off();
    expect(seen.map((n) => [n.kind, n.intent])).toEqual([
      ["refresh", "success"],
      ["refresh", "error"],
    ]);
    expect(seen[0].zh).toMatch(/已刷新 1 个来源（台账：新增 1、更新 0、归档 0）/);
    expect(seen[0].en).toMatch(/Refreshed 1 source\(s\) \(台账: 1 added/);
    expect(seen[1].zh).toMatch(/刷新失败：网络中断/);
    expect(lastNotice()).toBe(seen[1]);
    expect(shown).toBe(2);
    expect(completed).toHaveBeenCalledTimes(2);
  });

  test("the self-test command publishes its report", async () => {
    const completed = jest.fn();
    const report = {
      ok: false,
      steps: [
        { id: "ledger", ok: false },
        { id: "cleanup", ok: true },
      ],
    } as unknown as SelfTestReport;
    await selfTestCommand({ completed } as unknown as Office.AddinCommands.Event, async () => report);
    expect(lastNotice()).toMatchObject({
      kind: "selftest",
      intent: "error",
      report,
      zh: expect.stringMatching(/1 步失败/),
    });
    expect(shown).toBe(1);
    expect(completed).toHaveBeenCalledTimes(1);
  });

  test("a self-test that cannot run says why in each language, an AppError's own two messages (not glued)", async () => {
    const completed = jest.fn();
    await selfTestCommand({ completed } as unknown as Office.AddinCommands.Event, async () => {
      throw new AppError("EXCEL_TOO_OLD", "需要 ExcelApi 1.13", "ExcelApi 1.13 is required");
    });
    expect(lastNotice()).toMatchObject({
      kind: "selftest",
      intent: "error",
      zh: "自检无法运行：需要 ExcelApi 1.13",
      en: "The self-test could not run: ExcelApi 1.13 is required",
    });
    expect(completed).toHaveBeenCalledTimes(1);
  });
});

test("refresh every source: seeds via the importer, a workbook table, a URL via a loader; files skipped", async () => {
  const seeds = loadSeeds();
  await writeDataset("targets", seeds.targets, { type: "seeds", name: "示例数据" });
  // A user's own table as the source of the funds sheet.
  await Excel.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.add("原始资金");
    ws.getRange("A1:D3").values = [
      ["项目编号或名称", "到位日期", "到位金额(亿元)", "省外资金"],
      ["P1", "2025-01-05", 1.5, "是"],
      ["P2", "2025-02-05", 2, "否"],
    ];
    ws.tables.add("原始资金!A1:D3", true).name = "RawFunds";
    await ctx.sync();
  });
  const raw = await readWorkbookTable("RawFunds");
  await writeDataset("funds", importTable(raw.values, { fileName: raw.label, kind: "funds", startRow: raw.startRow }), {
    type: "table",
    name: "RawFunds",
    table: "RawFunds",
  });
  await writeDataset("ledger", resultOf([makeRecord(1), makeRecord(2)]), {
    type: "url",
    name: "u",
    url: "https://example.gov.cn/l.csv",
  });
  await writeDataset("figures", seeds.figures, { type: "file", name: "figures.xlsx" });
  await addUserColumn("负责人", "Ledger", (_i, row) => `赵-${row[0]}`);

  // The raw table changes; the URL now serves one more record.
  await Excel.run(async (ctx) => {
    ctx.workbook.tables.getItem("RawFunds").rows.add(undefined, [["P3", "2025-03-05", 4, "是"]]);
    await ctx.sync();
  });
  const url = jest.fn(async () => resultOf([makeRecord(1), makeRecord(2), makeRecord(3)]));
  const result = await refreshAll({
    loaders: {
      url,
      table: (await import("../../src/excel/refresh-all")).defaultLoaders.table,
      seeds: async (d) => loadSeeds()[d.kind],
    },
  });
  expect(result.refreshed.map((r) => [r.source.id, r.summary.added, r.summary.archived])).toEqual([
    ["targets", 0, 0],
    ["funds", 1, 0],
    ["ledger", 1, 0],
  ]);
  expect(result.skipped.map((s) => s.source.id)).toEqual(["figures"]);
  expect(result.failed).toEqual([]);
  expect(url).toHaveBeenCalledTimes(1);
  expect(tableObjects(sim, "Funds").map((r) => [r["项目编号或名称"], r["省外资金"]])).toEqual([
    ["P1", true],
    ["P2", false],
    ["P3", true],
  ]);
  expect(tableObjects(sim, "Ledger").map((r) => r["负责人"])).toEqual(["赵-P-000001", "赵-P-000002", ""]);
  expect((await listSources()).map((s) => [s.id, s.type])).toEqual([
    ["targets", "seeds"],
    ["funds", "table"],
    ["ledger", "url"],
    ["figures", "file"],
  ]);
});

test("a source that now has errors is not refreshed (its rows would be archived by mistake)", async () => {
  await writeDataset("ledger", resultOf([makeRecord(1), makeRecord(2)]), {
    type: "url",
    name: "u",
    url: "https://example.gov.cn/l.csv",
  });
  const bad = {
    ...resultOf([makeRecord(1)]),
    issues: [
      {
        file: "l.csv",
        row: 3,
        column: "项目名称",
        message: "缺少项目名称",
        message_en: "missing name",
        severity: "error" as const,
      },
    ],
  };
  const result = await refreshAll({
    loaders: { url: async () => bad, table: async () => bad, seeds: async () => bad },
  });
  expect(result.refreshed).toEqual([]);
  expect(result.skipped[0].reason.zh).toMatch(/1 处错误/);
  expect(result.skipped[0].reason.en).toMatch(/1 errors/);
  expect(sim.workbook.table("Ledger")!.rowCount).toBe(2);
});
