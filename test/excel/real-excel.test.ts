/**
 * Issue 11, the sheet writer in what real Excel does (the simulated host refuses what Excel's documentation does not
 * promise): very hidden work sheets, a table's total row, two writes at once, the 1904 date system, and the
 * undocumented operations the writer no longer relies on (writing under a filter, growing over what lies below a
 * table, copying a whole table, formulas naming a table never loaded). Each test failed on the writer before.
 */
import { LEDGER } from "../../src/core/columns";
import type { ProjectRecord } from "../../src/core/model";
import { buildBriefing } from "../../src/briefing/build";
import { writeBriefingSheet } from "../../src/excel/briefing-sheet";
import { readWorkbookTable } from "../../src/excel/refresh-all";
import {
  ARCHIVE,
  CHANGELOG,
  refreshDataset,
  undoLastRefresh,
  WriteBlockedError,
  writeDataset,
} from "../../src/excel/sheets";
import { leftoverSheets, ownerId, parseWorkSheetName, STALE_AFTER_MS, workSheetName } from "../../src/excel/leftovers";
import { importTable, loadSeeds } from "../../src/import";
import { createSimulatedExcel, SimulatedExcel } from "../../packages/excel-sim/src";
import { addUserColumn, makeRecord, resultOf, stripUndo, tableObjects } from "./helpers";

let sim: SimulatedExcel;
afterEach(() => sim?.close());

const base = Array.from({ length: 8 }, (_, i) => makeRecord(i + 1));
const SOURCE = { type: "url" as const, name: "台账", url: "https://example.gov.cn/ledger.csv" };
const workSheets = () => sim.workbook.sheetNames().filter((n) => n.startsWith("_invest_"));

async function loaded(records: ProjectRecord[] = base, options: Parameters<typeof createSimulatedExcel>[0] = {}) {
  sim = createSimulatedExcel({ sheets: ["Sheet1"], ...options }).install();
  await writeDataset("ledger", resultOf(records), SOURCE);
}

/** The edited source: P-2 removed, P-3 changed, P-100 added. */
const edited = () => [
  ...base.filter((r) => r.id !== "P-000002").map((r) => (r.id === "P-000003" ? { ...r, stage: "开工" as const } : r)),
  makeRecord(100),
];

describe("1. very hidden work sheets are made Hidden before they are deleted", () => {
  test("write, refresh, undo and a rolled-back commit leave no work sheet but the current undo snapshot", async () => {
    // How many syncs the second refresh takes (a dry run on a twin workbook): the fault hits its last, the commit.
    await loaded();
    await refreshDataset("ledger", resultOf(edited()));
    sim.resetStats();
    await refreshDataset("ledger", resultOf(base.slice(2)));
    const syncs = sim.stats.syncs;
    sim.close();

    await loaded();
    await refreshDataset("ledger", resultOf(edited()));
    const undoSheet = (sim.workbook.settings()["invest.undo"] as { undoSheet: string }).undoSheet;
    expect(workSheets()).toEqual([undoSheet]);
    expect(sim.workbook.visibility(undoSheet)).toBe("VeryHidden");
    const before = sim.workbook.snapshot();
    // A commit that fails part-way is put back from the snapshot; the rollback deletes its very hidden sheets too.
    sim.failNextSync({ skip: syncs - 1, afterCommands: 8 });
    await expect(refreshDataset("ledger", resultOf(base.slice(2)))).rejects.toMatchObject({ code: "GeneralException" });
    expect(sim.workbook.snapshot()).toEqual(before);
    await undoLastRefresh();
    expect(workSheets()).toEqual([]);
  });
});

describe("2. a table with its total row shown", () => {
  test("refresh writes the data body only: no phantom record, the user's total formulas keep working; undo", async () => {
    await loaded();
    await Excel.run(async (ctx) => {
      const t = ctx.workbook.tables.getItem("Ledger");
      t.showTotals = true;
      await ctx.sync();
      const total = t.getTotalRowRange();
      total.load("columnCount");
      await ctx.sync();
      const row: string[] = new Array(total.columnCount).fill("");
      row[0] = "汇总";
      row[LEDGER.columns.findIndex((c) => c.field === "signed_amount")] = "=SUBTOTAL(109,[签约金额(亿元)])";
      total.formulas = [row];
      await ctx.sync();
    });
    const amountCol = LEDGER.columns.findIndex((c) => c.field === "signed_amount");
    const sum = (rs: ProjectRecord[]) => rs.reduce((n, r) => n + (r.signed_amount ?? 0), 0);
    const snap = sim.workbook.snapshot();
    const summary = await refreshDataset("ledger", resultOf(edited()));
    expect(summary).toMatchObject({ added: 1, updated: 1, archived: 1, rows: edited().length });
    expect(tableObjects(sim, "Ledger").map((r) => r["项目编号"])).toEqual(edited().map((r) => r.id));
    expect(tableObjects(sim, ARCHIVE.table).map((r) => r["项目编号"])).toEqual(["P-000002"]);
    const info = sim.workbook.table("Ledger")!;
    expect(info.showTotals).toBe(true);
    const totalRow = Number(info.address.split(":")[1].replace(/\D/g, ""));
    const totalCell = sim.workbook.cell("台账", `${String.fromCharCode(65 + amountCol)}${totalRow}`);
    expect(totalCell.formula).toBe("=SUBTOTAL(109,[签约金额(亿元)])");
    expect(totalCell.value).toBeCloseTo(sum(edited()));
    expect(sim.workbook.values("台账", `A${totalRow}`)).toEqual([["汇总"]]);
    // Reading the table back (a workbook-table source) does not take the total row for a record.
    const back = await readWorkbookTable("Ledger");
    expect(
      importTable(back.values, { fileName: back.label, kind: "ledger", startRow: back.startRow }).records.map(
        (r) => r.id,
      ),
    ).toEqual(edited().map((r) => r.id));
    await undoLastRefresh();
    expect(stripUndo(sim.workbook.snapshot())).toEqual(stripUndo(snap));
  });
});

describe("6. two writes at once", () => {
  test("a ribbon refresh and a task-pane refresh started together both finish, one after the other", async () => {
    await loaded();
    const first = edited();
    const second = [...first, makeRecord(200)];
    const [a, b] = await Promise.all([
      refreshDataset("ledger", resultOf(first)),
      refreshDataset("ledger", resultOf(second)),
    ]);
    expect(a).toMatchObject({ added: 1, archived: 1, updated: 1 });
    expect(b).toMatchObject({ added: 1, archived: 0, updated: 0 });
    expect(tableObjects(sim, "Ledger").map((r) => r["项目编号"])).toEqual(second.map((r) => r.id));
    const batches = new Set(tableObjects(sim, CHANGELOG.table).map((r) => r["刷新批次"]));
    expect(batches.size).toBe(3); // the load and the two refreshes
    expect(workSheets()).toHaveLength(1); // the undo snapshot of the second
  });

  test("a work sheet of a live write of another owner is left alone; a stale one, one of ours and an old-style one are removed", async () => {
    await loaded();
    const now = new Date();
    const names = {
      live: workSheetName("_invest_stage_", new Date(now.getTime() - 60_000), "zz99"),
      stale: workSheetName("_invest_stage_", new Date(now.getTime() - STALE_AFTER_MS - 60_000), "zz98"),
      mine: workSheetName("_invest_undo_", now),
      legacy: "_invest_stage_dead",
    };
    expect(parseWorkSheetName(names.live)).toMatchObject({ kind: "stage", owner: "zz99" });
    expect(parseWorkSheetName(names.mine)!.owner).toBe(ownerId());
    await Excel.run(async (ctx) => {
      for (const n of Object.values(names)) ctx.workbook.worksheets.add(n).visibility = "VeryHidden";
      await ctx.sync();
    });
    await refreshDataset("ledger", resultOf(edited()));
    const left = workSheets();
    expect(left).toContain(names.live);
    for (const gone of [names.stale, names.mine, names.legacy]) expect(left).not.toContain(gone);
    // The undo sheet the current record names is never a leftover.
    const current = (sim.workbook.settings()["invest.undo"] as { undoSheet: string }).undoSheet;
    expect(leftoverSheets([current], new Set([current]), Date.now())).toEqual([]);
  });
});

describe("8. the 1904 date system (Mac workbooks)", () => {
  test("dates, archive and change-log times are serials of the workbook's system; read back as the user sees them", async () => {
    const at = new Date(2026, 0, 15, 9, 30);
    sim = createSimulatedExcel({ date1904: true }).install();
    const records = [makeRecord(1, { signed_date: "2025-02-19", started_date: "2025-03" }), makeRecord(2)];
    await writeDataset("ledger", resultOf(records), SOURCE, { now: () => at });
    const row = tableObjects(sim, "Ledger")[0];
    expect(row["签约日期"]).toBe(45707 - 1462);
    expect(sim.workbook.text("台账", "J3:K3")).toEqual([["2025-02-19", "2025-03"]]);
    await refreshDataset("ledger", resultOf([records[0]]), { now: () => at });
    expect(sim.workbook.text(CHANGELOG.sheet, "A2")).toEqual([["2026-01-15 09:30"]]);
    expect(sim.workbook.text(ARCHIVE.sheet, "A2")).toEqual([["2026-01-15 09:30"]]);
    // Unchanged dates are not changes; the change log and a read-back show the dates as the user sees them.
    const again = await refreshDataset("ledger", resultOf([records[0]]));
    expect(again).toMatchObject({ updated: 0, unchanged: 1 });
    const back = await readWorkbookTable("Ledger");
    const reread = importTable(back.values, { fileName: back.label, kind: "ledger", startRow: back.startRow });
    expect(reread.records[0]).toMatchObject({ signed_date: "2025-02-19" });
    expect(reread.records[0].started_date).toMatch(/^2025-03/);
    // The task pane reads the four tables back for the briefing the same way: the latest month is March 2025.
    const { createBackendsNow } = await import("../../src/taskpane/backends-impl");
    expect((await createBackendsNow().briefingAvailability()).latest).toEqual({ year: 2025, month: 3 });
  });
});

describe("9. only documented operations", () => {
  test("a refresh under an active filter clears it, writes, and applies it again to the new rows; undo too", async () => {
    await loaded();
    await Excel.run(async (ctx) => {
      ctx.workbook.tables
        .getItem("Ledger")
        .columns.getItem("所属地区")
        .filter.apply({ filterOn: "Values", values: ["西宁市"] });
      await ctx.sync();
    });
    const snap = sim.workbook.snapshot();
    await refreshDataset("ledger", resultOf(edited()));
    const info = sim.workbook.table("Ledger")!;
    expect(info.filters).toEqual({ 所属地区: expect.objectContaining({ filterOn: "Values", values: ["西宁市"] }) });
    const rows = tableObjects(sim, "Ledger");
    expect(info.hiddenRows).toEqual(rows.map((r, i) => (r["所属地区"] === "西宁市" ? -1 : i)).filter((i) => i >= 0));
    await undoLastRefresh();
    expect(stripUndo(sim.workbook.snapshot())).toEqual(stripUndo(snap));
  });

  test("what lies below a growing table moves down with it and comes back on undo; a table cut by its columns stops the refresh", async () => {
    await loaded();
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("台账").getRange("A14:B14").values = [["表格下方的说明", "=1+1"]];
      await ctx.sync();
    });
    const snap = sim.workbook.snapshot();
    await refreshDataset("ledger", resultOf([...base, makeRecord(100), makeRecord(101)]));
    expect(sim.workbook.values("台账", "A16:B16")).toEqual([["表格下方的说明", 2]]);
    await undoLastRefresh();
    expect(stripUndo(sim.workbook.snapshot())).toEqual(stripUndo(snap));

    // Another table that lies partly in the ledger's columns below it: nothing is changed, and the user is told where.
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("台账");
      ws.getRange("N20:Q21").values = [
        ["a", "b", "c", "d"],
        [1, 2, 3, 4],
      ];
      ws.tables.add("台账!N20:Q21", true).name = "Mine";
      await ctx.sync();
    });
    const blocked = sim.workbook.snapshot();
    const err = await refreshDataset("ledger", resultOf([...base, makeRecord(100)])).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WriteBlockedError);
    expect((err as WriteBlockedError).message_zh).toMatch(/Mine/);
    expect((err as WriteBlockedError).message_en).toMatch(/partly in the same columns/);
    expect(sim.workbook.snapshot()).toEqual(blocked);
  });

  test("a column the table lacks is added through the table API, after checking the cells on its right are empty", async () => {
    await loaded();
    // The ledger without 来源 ends one column earlier; the column right of it is where 来源 comes back.
    const right = String.fromCharCode(64 + LEDGER.columns.length);
    await Excel.run(async (ctx) => {
      const t = ctx.workbook.tables.getItem("Ledger");
      t.columns.getItem("来源").delete();
      await ctx.sync();
      ctx.workbook.worksheets.getItem("台账").getRange(`${right}5`).values = [["右侧的批注"]];
      await ctx.sync();
    });
    const before = sim.workbook.snapshot();
    const err = await refreshDataset("ledger", resultOf(base)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WriteBlockedError);
    expect((err as WriteBlockedError).message_zh).toMatch(new RegExp(`右侧增加 1 列，但 .*${right}5 有内容`));
    expect(sim.workbook.snapshot()).toEqual(before);
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("台账").getRange(`${right}5`).clear();
      await ctx.sync();
    });
    const cleared = sim.workbook.snapshot();
    await refreshDataset("ledger", resultOf(base));
    expect(sim.workbook.table("Ledger")!.columns.at(-1)).toBe("来源");
    expect(tableObjects(sim, "Ledger").map((r) => r["来源"])).toEqual(base.map((r) => r.source));
    // Undo takes the column away again (TableColumn.delete).
    await undoLastRefresh();
    expect(stripUndo(sim.workbook.snapshot())).toEqual(stripUndo(cleared));
  });

  test("user columns survive a shrink with content below; a user formula column and the note are restored by undo", async () => {
    await loaded();
    await addUserColumn("负责人", "Ledger", (_i, row) => `王-${row[0]}`);
    await addUserColumn("公式", "Ledger", () => "=[@负责人]&[@所属地区]");
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("台账").getRange("C14").values = [["底部注释"]];
      await ctx.sync();
    });
    const snap = sim.workbook.snapshot();
    await refreshDataset("ledger", resultOf(base.slice(3)));
    expect(sim.workbook.values("台账", "C11")).toEqual([["底部注释"]]); // three rows fewer: it moved up three rows
    expect(tableObjects(sim, "Ledger").map((r) => r["负责人"])).toEqual(base.slice(3).map((r) => `王-${r.id}`));
    await undoLastRefresh();
    expect(stripUndo(sim.workbook.snapshot())).toEqual(stripUndo(snap));
  });

  test("a live briefing whose formulas need a table never loaded writes values there and says which table", async () => {
    sim = createSimulatedExcel({ sheets: ["Sheet1"] }).install();
    const seeds = loadSeeds();
    await writeDataset("ledger", seeds.ledger, { type: "seeds", name: "示例数据" });
    await writeDataset("targets", seeds.targets, { type: "seeds", name: "示例数据" });
    const b = buildBriefing(
      { records: seeds.ledger.records, funds: [], targets: seeds.targets.targets, figures: [] },
      { period: "2025Q1" },
    );
    const out = await writeBriefingSheet(b, { language: "zh-CN", charts: false });
    // No reported figures were loaded: the actuals' formulas (which look at Figures first) become values.
    expect(out.warnings.map((w) => w.message).join()).toMatch(/没有表格 Figures/);
    const formulas = sim.workbook.formulas(out.sheetName, "A1:L80").flat().map(String);
    expect(formulas.some((f) => /Figures\[/.test(f))).toBe(false);
    expect(formulas.some((f) => /Targets\[/.test(f))).toBe(true);
  });
});
