/**
 * writeDataset / refreshDataset / undoLastRefresh against the simulated Excel host: the seed ledger loaded, the
 * user adds columns (values and formulas), the source is edited (rows added, changed, removed, reordered), and a
 * refresh keeps every user value with its record, archives what left, logs every change, and undo puts it back.
 */
import { LEDGER } from "../../src/core/columns";
import type { ProjectRecord } from "../../src/core/model";
import { ARCHIVE, CHANGELOG, refreshDataset, undoLastRefresh, writeDataset } from "../../src/excel/sheets";
import { listSources } from "../../src/excel/sources";
import { createSimulatedExcel, SimulatedExcel } from "../../packages/excel-sim/src";
import { addUserColumn, makeRecord, resultOf, seedLedger, stripUndo, tableObjects } from "./helpers";

let sim: SimulatedExcel;
beforeEach(() => {
  sim = createSimulatedExcel({ sheets: ["Sheet1"] }).install();
});
afterEach(() => sim.close());

const NOW = new Date(2026, 10, 22, 9, 30);

test("first load of the seeds: table, titles, formats, note, frozen header, remembered source", async () => {
  const seeds = seedLedger();
  expect(seeds.records.length).toBeGreaterThan(20);
  const summary = await writeDataset("ledger", seeds, { type: "seeds", name: "示例数据" }, { now: () => NOW });
  expect(summary).toMatchObject({
    kind: "ledger",
    sheet: "台账",
    table: "Ledger",
    rows: seeds.records.length,
    added: seeds.records.length,
  });
  const info = sim.workbook.table("Ledger")!;
  expect(info.address).toBe(`台账!A2:${String.fromCharCode(64 + LEDGER.columns.length)}${seeds.records.length + 2}`); // 16 columns, 地区路径 last
  expect(info.columns).toEqual(LEDGER.columns.map((c) => c.title));
  const rows = tableObjects(sim, "Ledger");
  expect(rows.map((r) => r["项目编号"])).toEqual(seeds.records.map((r) => r.id));
  // Dates are serials with a date format; amounts "0.00"
  const started = seeds.records.findIndex((r) => r.started_date === "2025-02-19");
  const cell = sim.workbook.cell("台账", `K${started + 3}`);
  expect(cell).toMatchObject({ value: 45707, numberFormat: "yyyy-mm-dd" });
  expect(sim.workbook.text("台账", `K${started + 3}`)).toEqual([["2025-02-19"]]);
  expect(sim.workbook.numberFormats("台账", "L3")).toEqual([["0.00"]]);
  expect(sim.workbook.frozenRows("台账")).toBe(2);
  expect(String(sim.workbook.values("台账", "A1")[0][0])).toMatch(
    /^来源 Source：示例数据 · 载入 Loaded：2026-11-22 09:30/,
  );
  expect(sim.workbook.activeSheet()).toBe("台账");
  const sources = await listSources();
  expect(sources).toEqual([
    expect.objectContaining({
      id: "ledger",
      kind: "ledger",
      type: "seeds",
      rows: seeds.records.length,
      lastRefresh: NOW.toISOString(),
    }),
  ]);
  // Nothing staged is left behind; the undo snapshot sheet is very hidden.
  expect(sim.workbook.sheetNames().filter((n) => n.startsWith("_invest_stage_"))).toEqual([]);
  const undoSheets = sim.workbook.sheetNames().filter((n) => n.startsWith("_invest_undo_"));
  expect(undoSheets.map((n) => sim.workbook.visibility(n))).toEqual(["VeryHidden"]);
  expect(sim.stats.calcSuspendedSyncs).toBeGreaterThan(0);
});

test("month-precision dates are the 1st of the month shown yyyy-mm; formula-like text arrives as text", async () => {
  const records = [
    makeRecord(5, {
      signed_date: "2025-03",
      name: "=1+1",
      notes: "+86 971 1234",
      investor: "-负责人",
      park: "@园区",
      industry: "0012",
      investor_origin: "'引号",
    }),
  ];
  await writeDataset("ledger", resultOf(records), { type: "file", name: "a.csv" });
  const row = tableObjects(sim, "Ledger")[0];
  expect(row["签约日期"]).toBe(45717); // 2025-03-01
  expect(sim.workbook.numberFormats("台账", "J3")).toEqual([["yyyy-mm"]]);
  expect(sim.workbook.text("台账", "J3")).toEqual([["2025-03"]]);
  for (const [title, text] of [
    ["项目名称", "=1+1"],
    ["备注", "+86 971 1234"],
    ["投资方", "-负责人"],
    ["园区", "@园区"],
    ["产业类别", "0012"],
    ["投资来源地", "'引号"],
  ]) {
    expect(row[title]).toBe(text);
  }
  const formulas = sim.workbook.tableFormulas("Ledger")[0];
  expect(formulas.filter((f) => typeof f === "string" && f.startsWith("=") && f !== "=1+1")).toEqual([]);
  expect(sim.workbook.cell("台账", "B3").formula).toBeUndefined();
});

test("a sheet named 台账 or 变更日志 that holds the user's own content is never written over; undo is exact", async () => {
  await Excel.run(async (ctx) => {
    ctx.workbook.worksheets.add("台账").getRange("A1:B2").values = [
      ["我的", "笔记"],
      ["别动", 1],
    ];
    ctx.workbook.worksheets.add("变更日志").getRange("C3").values = [["手写日志"]];
    ctx.workbook.worksheets.add("归档"); // empty: ours to use
    await ctx.sync();
  });
  const s0 = sim.workbook.snapshot();
  const summary = await writeDataset("ledger", resultOf([makeRecord(1), makeRecord(2)]), {
    type: "file",
    name: "a.csv",
  });
  expect(summary.sheet).toBe("台账 2");
  expect(sim.workbook.table("Ledger")!.sheet).toBe("台账 2");
  expect(sim.workbook.table(CHANGELOG.table)!.sheet).toBe("变更日志 2");
  expect(sim.workbook.values("台账", "A1:B2")).toEqual([
    ["我的", "笔记"],
    ["别动", 1],
  ]);
  expect(sim.workbook.values("变更日志", "C3")).toEqual([["手写日志"]]);
  await undoLastRefresh();
  expect(sim.workbook.snapshot()).toEqual(s0);

  await writeDataset("ledger", resultOf([makeRecord(1), makeRecord(2)]), { type: "file", name: "a.csv" });
  const s1 = sim.workbook.snapshot();
  await refreshDataset("ledger", resultOf([makeRecord(2)]));
  expect(sim.workbook.table(ARCHIVE.table)!.sheet).toBe("归档");
  expect(tableObjects(sim, "Ledger").map((r) => r["项目编号"])).toEqual(["P-000002"]);
  await undoLastRefresh();
  expect(stripUndo(sim.workbook.snapshot())).toEqual(stripUndo(s1));
});

test("an existing empty 台账 sheet is used; undo removes the table, note and frozen rows from it", async () => {
  await Excel.run(async (ctx) => {
    ctx.workbook.worksheets.add("台账");
    await ctx.sync();
  });
  const s0 = sim.workbook.snapshot();
  const summary = await writeDataset("ledger", resultOf([makeRecord(1)]), { type: "seeds", name: "示例数据" });
  expect(summary.sheet).toBe("台账");
  expect(sim.workbook.frozenRows("台账")).toBe(2);
  await undoLastRefresh();
  // Cells, number formats, styles, tables, settings and frozen rows as before (column widths are not compared).
  expect(sim.workbook.snapshot()).toEqual(s0);
});

describe("refresh against an edited source", () => {
  async function loadWithUserColumns(records: ProjectRecord[]) {
    await writeDataset(
      "ledger",
      resultOf(records),
      { type: "url", name: "台账", url: "https://example.gov.cn/ledger.csv" },
      { now: () => NOW },
    );
    await addUserColumn("负责人", "Ledger", (_i, row) => `张-${row[0]}`);
    await addUserColumn("编号加负责人", "Ledger", () => '=[@项目编号]&"/"&[@负责人]');
    // An R1C1 formula is written as formulasR1C1 (as values it would be an A1 formula naming a table "RC").
    await Excel.run(async (ctx) => {
      const t = ctx.workbook.tables.getItem("Ledger");
      t.columns.add(undefined, undefined, "金额两倍");
      await ctx.sync();
      t.columns.getItem("金额两倍").getDataBodyRange().formulasR1C1 = "=RC[-6]*2" as never;
      await ctx.sync();
    });
  }

  test("added, changed, removed, reordered: user values and formulas stay with their record; archive; change log", async () => {
    const base = Array.from({ length: 12 }, (_, i) => makeRecord(i + 1));
    // A user column holding R1C1-written formulas: relative to the row, so moving rows keeps them right.
    await writeDataset(
      "ledger",
      resultOf(base),
      { type: "url", name: "台账", url: "https://example.gov.cn/ledger.csv" },
      { now: () => NOW },
    );
    await addUserColumn("负责人", "Ledger", (_i, row) => `张-${row[0]}`);
    await addUserColumn("编号加负责人", "Ledger", () => '=[@项目编号]&"/"&[@负责人]');
    await Excel.run(async (ctx) => {
      const t = ctx.workbook.tables.getItem("Ledger");
      t.columns.add(undefined, undefined, "金额两倍");
      await ctx.sync();
      t.columns.getItem("金额两倍").getDataBodyRange().formulasR1C1 = "=RC12*2" as never; // =$L3*2 … per row
      await ctx.sync();
    });
    const before = tableObjects(sim, "Ledger");
    expect(before[0]["编号加负责人"]).toBe("P-000001/张-P-000001");
    expect(before[1]["金额两倍"]).toBeCloseTo(2 * 2.75);

    // The edited source: 3 removed, 2 changed, 2 added, the rest reversed.
    const edited = base.filter((r) => !["P-000002", "P-000005", "P-000009"].includes(r.id)).reverse();
    edited[0] = { ...edited[0], signed_amount: 99.5, stage: "开工" };
    edited[3] = { ...edited[3], notes: "=新的备注" };
    edited.splice(4, 0, makeRecord(100), makeRecord(101));

    const later = new Date(2026, 10, 23, 8, 0);
    const summary = await refreshDataset("ledger", resultOf(edited), { now: () => later });
    expect(summary).toMatchObject({ added: 2, updated: 2, archived: 3, unchanged: 7, rows: edited.length });

    const after = tableObjects(sim, "Ledger");
    expect(after.map((r) => r["项目编号"])).toEqual(edited.map((r) => r.id));
    const beforeById = new Map(before.map((r) => [r["项目编号"], r]));
    for (const row of after) {
      const id = row["项目编号"] as string;
      const old = beforeById.get(id);
      if (old) {
        expect(row["负责人"]).toBe(old["负责人"]);
        expect(row["编号加负责人"]).toBe(`${id}/${old["负责人"]}`);
      } else {
        expect(row["负责人"]).toBe("");
        expect(row["编号加负责人"]).toBe(`${id}/`); // the calculated column fills new rows
      }
      expect(row["金额两倍"]).toBeCloseTo(2 * Number(row["签约金额(亿元)"] || 0));
    }
    // Formulas are still formulas (structured and R1C1-relative).
    const formulas = sim.workbook.tableFormulas("Ledger");
    const col = sim.workbook.table("Ledger")!.columns;
    expect(new Set(formulas.map((r) => r[col.indexOf("编号加负责人")]))).toEqual(
      new Set(['=[@项目编号]&"/"&[@负责人]']),
    );
    formulas.forEach((r, i) => expect(r[col.indexOf("金额两倍")]).toBe(`=$L${i + 3}*2`));
    expect(after.find((r) => r["项目编号"] === edited[3].id)!["备注"]).toBe("=新的备注");

    // Archive: the three removed rows, with their user values, batch and time.
    const archive = tableObjects(sim, ARCHIVE.table);
    expect(archive.map((r) => r["项目编号"]).sort()).toEqual(["P-000002", "P-000005", "P-000009"]);
    for (const r of archive) {
      expect(r["负责人"]).toBe(`张-${r["项目编号"]}`);
      expect(r["数据集"]).toBe("台账");
      expect(r["刷新批次"]).toBe(summary.batch);
    }
    expect(sim.workbook.table(ARCHIVE.table)!.sheet).toBe("归档");

    // Change log: 2 added, 3 field changes on 2 records, 3 archived.
    const log = tableObjects(sim, CHANGELOG.table);
    expect(log[0]).toMatchObject({ 操作: "载入", 新值: 12 });
    const byAction = (a: string) => log.filter((r) => r["操作"] === a);
    expect(
      byAction("新增")
        .map((r) => r["编号"])
        .sort(),
    ).toEqual(["P-000100", "P-000101"]);
    expect(
      byAction("归档")
        .map((r) => r["编号"])
        .sort(),
    ).toEqual(["P-000002", "P-000005", "P-000009"]);
    expect(byAction("修改").map((r) => [r["编号"], r["字段"], r["原值"], r["新值"]])).toEqual(
      expect.arrayContaining([
        [edited[0].id, "签约金额(亿元)", base.find((b) => b.id === edited[0].id)!.signed_amount, 99.5],
        [edited[0].id, "项目阶段", "签约", "开工"],
        [edited[3].id, "备注", base.find((b) => b.id === edited[3].id)!.notes, "=新的备注"],
      ]),
    );
    expect(byAction("修改")).toHaveLength(3);
    expect(sim.workbook.values(CHANGELOG.sheet, "A1:H1")[0]).toEqual([
      "时间",
      "刷新批次",
      "数据集",
      "操作",
      "编号",
      "字段",
      "原值",
      "新值",
    ]);
    expect(sim.workbook.text(CHANGELOG.sheet, "A2:D2")[0]).toEqual([
      "2026-11-22 09:30",
      expect.any(String),
      "台账",
      "载入",
    ]);
    const lastRow = sim.workbook.table(CHANGELOG.table)!.rowCount + 1;
    expect(sim.workbook.text(CHANGELOG.sheet, `A${lastRow}`)[0][0]).toBe("2026-11-23 08:00");
  });

  test("undoLastRefresh restores the previous state exactly, and a second undo has nothing left to undo", async () => {
    const base = Array.from({ length: 10 }, (_, i) => makeRecord(i + 1));
    await loadWithUserColumns(base);
    // A first refresh (so archive and change log exist), then the one to undo.
    await refreshDataset("ledger", resultOf(base.slice(1)));
    const snapshot = sim.workbook.snapshot();
    const edited = [
      makeRecord(50),
      ...base
        .slice(3)
        .reverse()
        .map((r, i) => (i === 2 ? { ...r, region: "海北州" } : r)),
    ];
    await refreshDataset("ledger", resultOf(edited));
    expect(sim.workbook.snapshot()).not.toEqual(snapshot);
    const undone = await undoLastRefresh();
    expect(undone).toMatchObject({ kind: "ledger" });
    expect(stripUndo(sim.workbook.snapshot())).toEqual(stripUndo(snapshot));
    expect(await undoLastRefresh()).toBeNull();
  });

  test("undo of a first load removes the sheet and forgets the source", async () => {
    const before = sim.workbook.snapshot();
    await writeDataset("ledger", resultOf([makeRecord(1)]), { type: "seeds", name: "示例数据" });
    await undoLastRefresh();
    expect(sim.workbook.snapshot()).toEqual(before);
  });
});
