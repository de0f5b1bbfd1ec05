/**
 * Attack on the sheet writer, the part that HELD: workbook states and interruptions an analyst produces, through the
 * simulated host, where the writer kept its promises (docs/excel.md "Sheets and refresh"). Defects are in
 * writer.defects.test.ts.
 */
import { refreshDataset, undoLastRefresh, writeDataset } from "../../src/excel/sheets";
import { runSelfTest } from "../../src/excel/self-test";
import { loadSeeds } from "../../src/import";
import { stripUndo } from "../excel/helpers";
import { investMetadata } from "../../packages/test-support/src/invest-functions";
import { createSimulatedExcel, SimulatedExcel } from "../../packages/excel-sim/src";
import { addUserColumn, base, edit, ids, loadedWorkbook, makeRecord, resultOf, tableObjects } from "./writer-support";

let sim: SimulatedExcel | undefined;
afterEach(() => {
  sim?.close();
  sim = undefined;
});

const edited = () => [
  makeRecord(70),
  makeRecord(71),
  ...base()
    .slice(2)
    .reverse()
    .map((r, i) => (i % 3 === 0 ? { ...r, stage: "投产" as const } : r)),
];

/** A loaded ledger with a user value column and a formula column, one refresh done (archive, log, undo exist), a
 * total row with a SUBTOTAL, a filter on the ledger and one on the archive. */
async function busyWorkbook(): Promise<SimulatedExcel> {
  const s = await loadedWorkbook();
  await addUserColumn("公式", "Ledger", () => "=[@负责人]&[@所属地区]");
  await refreshDataset("ledger", resultOf(base().slice(1)));
  await edit(async (ctx) => {
    const t = ctx.workbook.tables.getItem("Ledger");
    t.showTotals = true;
    await ctx.sync();
    const total = t.getTotalRowRange();
    total.load("rowIndex");
    await ctx.sync();
    t.worksheet.getCell(total.rowIndex, 11).formulas = [["=SUBTOTAL(109,[签约金额(亿元)])"]];
    t.columns.getItem("所属地区").filter.apply({ filterOn: "Values", values: ["西宁市", "海东市"] });
    ctx.workbook.tables
      .getItem("Archive")
      .columns.getItem("数据集")
      .filter.apply({ filterOn: "Values", values: ["台账"] });
  });
  return s;
}

const data = (s: SimulatedExcel) => JSON.stringify(stripUndo(s.workbook.snapshot()));

test("with a total row and filters: a sync failing at any step, whole or part-applied, leaves the sheets fully old or fully new", async () => {
  sim = await busyWorkbook();
  sim.resetStats();
  await refreshDataset("ledger", resultOf(edited()));
  const syncs = sim.stats.syncs;
  const fullyNew = data(sim);
  sim.close();
  let failed = 0;
  for (let k = 0; k < syncs; k++) {
    for (const afterCommands of [undefined, 3, 12, 25]) {
      sim = await busyWorkbook();
      const old = data(sim);
      sim.failNextSync({ skip: k, afterCommands });
      const ok = await refreshDataset("ledger", resultOf(edited())).then(
        () => true,
        () => false,
      );
      if (!ok) failed++;
      const now = data(sim);
      // Fully new compares equal except for batch ids and times: compare the ledger body and the table shapes.
      if (ok) expect(JSON.parse(now).tables).toEqual(JSON.parse(fullyNew).tables);
      else expect([k, afterCommands, now === old]).toEqual([k, afterCommands, true]);
      expect(sim.workbook.sheetNames().filter((n) => n.startsWith("_invest_stage_"))).toEqual([]);
      sim.close();
    }
  }
  sim = undefined;
  expect(failed).toBeGreaterThanOrEqual(syncs * 2); // every whole-sync fault, and part-applied ones where the batch is long enough
});

test("with a total row and filters: a cancel at every progress report leaves the workbook exactly as it was", async () => {
  let reports = 0;
  sim = await busyWorkbook();
  await refreshDataset("ledger", resultOf(edited()), { onProgress: () => reports++ });
  sim.close();
  expect(reports).toBeGreaterThanOrEqual(3);
  for (let k = 0; k < reports - 1; k++) {
    sim = await busyWorkbook();
    const before = sim.workbook.snapshot();
    const ctl = new AbortController();
    let i = 0;
    const r = await refreshDataset("ledger", resultOf(edited()), {
      signal: ctl.signal,
      onProgress: () => {
        if (i++ === k) ctl.abort();
      },
    }).then(
      () => "done",
      (e: Error) => e.name,
    );
    expect([k, r]).toEqual([k, "AbortError"]);
    expect(sim.workbook.snapshot()).toEqual(before);
    sim.close();
  }
  sim = undefined;
});

test("an undo interrupted part-way (any sync, any command of its batch) can be run again and ends exact", async () => {
  // How many syncs an undo takes (a twin workbook): its reads, its check of the sheets, its writes.
  sim = await busyWorkbook();
  await refreshDataset("ledger", resultOf(edited()));
  sim.resetStats();
  await undoLastRefresh();
  const syncs = sim.stats.syncs;
  sim.close();
  let interrupted = 0;
  for (let k = 1; k < syncs; k++) {
    for (const afterCommands of [undefined, 2, 12]) {
      sim = await busyWorkbook();
      const before = data(sim);
      await refreshDataset("ledger", resultOf(edited()));
      sim.failNextSync({ skip: k, afterCommands });
      const first = await undoLastRefresh().then(
        () => "undone",
        (e: { code?: string }) => e.code,
      );
      if (first !== "undone") {
        interrupted++;
        expect([k, afterCommands, first]).toEqual([k, afterCommands, "GeneralException"]);
        await expect(undoLastRefresh()).resolves.toMatchObject({ kind: "ledger" });
      }
      expect([k, afterCommands, data(sim) === before]).toEqual([k, afterCommands, true]);
      sim.close();
    }
  }
  sim = undefined;
  expect(interrupted).toBeGreaterThanOrEqual(syncs);
});

test("undo twice: the second has nothing to undo; refresh → undo → refresh equals one refresh", async () => {
  sim = await loadedWorkbook();
  await refreshDataset("ledger", resultOf(base().slice(2)));
  const once = { ledger: tableObjects(sim, "Ledger"), archive: ids(sim, "Archive") };
  await undoLastRefresh();
  await expect(undoLastRefresh()).resolves.toBeNull();
  await refreshDataset("ledger", resultOf(base().slice(2)));
  expect({ ledger: tableObjects(sim, "Ledger"), archive: ids(sim, "Archive") }).toEqual(once);
});

test("manual corrections in our columns are logged (原值 → 新值); a key typed twice by hand is archived and logged; a row whose key was cleared stays", async () => {
  sim = await loadedWorkbook();
  await edit((ctx) => {
    const ws = ctx.workbook.worksheets.getItem("台账");
    ws.getRange("A5").values = [[""]]; // P-000003's key cleared by the user
    ws.getRange("A6").values = [["P-000001"]]; // P-000004's row now says P-000001
    ws.getRange("L7").values = [[123]]; // P-000005's amount corrected by hand
  });
  const s = await refreshDataset("ledger", resultOf(base()));
  expect(s).toMatchObject({ added: 2, updated: 1, archived: 1 });
  expect(ids(sim)).toEqual([...base().map((r) => r.id), ""]);
  const log = tableObjects(sim, "ChangeLog")
    .slice(1)
    .map((r) => [r["操作"], r["编号"], r["字段"], r["原值"], r["新值"]]);
  expect(log).toEqual(
    expect.arrayContaining([
      ["修改", "P-000005", "签约金额(亿元)", 123, 6.89],
      ["归档", "P-000001", "", "", ""],
      ["新增", "P-000003", "", "", ""],
      ["新增", "P-000004", "", "", ""],
    ]),
  );
  // The archived duplicate carries the user's value of the row it was.
  expect(tableObjects(sim, "Archive")[0]["负责人"]).toBe("张-P-000004");
});

test("a table sorted by the user, and moved up a row (row 1 deleted): refresh puts source order back, user values follow their records", async () => {
  sim = await loadedWorkbook();
  await edit(async (ctx) => {
    const body = ctx.workbook.tables.getItem("Ledger").getDataBodyRange();
    body.load("values");
    await ctx.sync();
    body.values = [...body.values].reverse();
    ctx.workbook.worksheets
      .getItem("台账")
      .getRange("A1:XFD1")
      .delete("Up" as never);
  });
  expect(sim.workbook.table("Ledger")!.address).toMatch(/^台账!A1:[A-Z]+9$/); // moved up: header in row 1
  await refreshDataset("ledger", resultOf([...base(), makeRecord(9)]));
  expect(ids(sim)).toEqual([...base(), makeRecord(9)].map((r) => r.id));
  for (const r of tableObjects(sim, "Ledger"))
    expect(r["负责人"]).toBe(r["项目编号"] === "P-000009" ? "" : `张-${r["项目编号"]}`);
});

test("writes of different kinds and an undo started together run one after another", async () => {
  sim = createSimulatedExcel().install();
  const seeds = loadSeeds();
  const results = await Promise.allSettled([
    writeDataset("ledger", seeds.ledger, { type: "seeds", name: "示例数据" }),
    writeDataset("funds", seeds.funds, { type: "seeds", name: "示例数据" }),
    writeDataset("targets", seeds.targets, { type: "seeds", name: "示例数据" }),
    undoLastRefresh(), // undoes the targets load, queued just before it
    writeDataset("figures", seeds.figures, { type: "seeds", name: "示例数据" }),
  ]);
  expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "fulfilled", "fulfilled", "fulfilled"]);
  expect(
    sim.workbook
      .tables()
      .map((t) => t.name)
      .sort(),
  ).toEqual(["ChangeLog", "Figures", "Funds", "Ledger"]);
  expect(sim.workbook.sheetNames().filter((n) => n.startsWith("_invest_stage_"))).toEqual([]);
});

test("1904 date system: month-precision and 1904-01 dates round-trip as the user sees them; a refresh of the same records changes nothing", async () => {
  const records = base().map((r, i) => ({
    ...r,
    signed_date: i % 2 ? "2025-03" : "1904-01",
    started_date: i % 3 ? "1904-01-01" : "2025-02-28",
  }));
  sim = await loadedWorkbook(records, { date1904: true });
  expect(sim.workbook.text("台账", "J3:K4")).toEqual([
    ["1904-01", "2025-02-28"],
    ["2025-03", "1904-01-01"],
  ]);
  expect(sim.workbook.values("台账", "J3")[0][0]).toBe(0);
  const s = await refreshDataset("ledger", resultOf(records));
  expect(s).toMatchObject({ updated: 0, added: 0, archived: 0, changes: 0 });
  // 1900 system, before and after Excel's phantom 1900-02-29.
  sim.close();
  const early = base().map((r, i) => ({
    ...r,
    signed_date: i % 2 ? "1900-02" : "1900-03",
    started_date: "1900-02-28",
  }));
  sim = await loadedWorkbook(early);
  expect(sim.workbook.text("台账", "J3:K4")).toEqual([
    ["1900-03", "1900-02-28"],
    ["1900-02", "1900-02-28"],
  ]);
  await expect(refreshDataset("ledger", resultOf(early))).resolves.toMatchObject({ changes: 0 });
});

test("the self-test leaves the user's own 自检 sheets, SelfTest table names and invest.selftest settings of no run alone", async () => {
  sim = createSimulatedExcel({
    sheets: ["Sheet1", "自检", "自检记录 2025"],
    functionsMetadata: await investMetadata(),
  }).install();
  await edit((ctx) => {
    ctx.workbook.worksheets.getItem("自检").getRange("A1:B2").values = [
      ["项目", "结果"],
      ["自检", "通过"],
    ];
    ctx.workbook.tables.add("自检!A1:B2", true).name = "SelfTest_notes";
    ctx.workbook.settings.add("invest.selftest.note", "用户自己的设置");
  });
  const before = sim.workbook.snapshot();
  const report = await runSelfTest({ functionTimeoutMs: 2000 });
  expect(report.ok).toBe(true);
  expect(sim.workbook.snapshot()).toEqual(before);
});

test("a sheet renamed with an apostrophe and an exclamation mark (O'Neil!台账) is refreshed where it is, and undone exactly", async () => {
  // This attack first held only as "a blocked refresh changes nothing": the writer looked for the sheet by its name
  // (writer.defects.test.ts A1). It now finds the sheet through the table, and quoted addresses must hold.
  sim = await loadedWorkbook();
  await addUserColumn("公式", "Ledger", () => "=[@负责人]&[@所属地区]");
  await edit((ctx) => {
    ctx.workbook.worksheets.getItem("台账").name = "O'Neil!台账";
  });
  const before = data(sim);
  const summary = await refreshDataset("ledger", resultOf(edited()));
  expect(summary.sheet).toBe("O'Neil!台账");
  expect(sim.workbook.table("Ledger")!.sheet).toBe("O'Neil!台账");
  expect(ids(sim)).toEqual(edited().map((r) => r.id));
  expect(tableObjects(sim, "Ledger").find((r) => r["项目编号"] === "P-000003")!["公式"]).toBe(
    `张-P-000003${makeRecord(3).region}`,
  );
  expect(sim.workbook.sheetNames()).not.toContain("台账");
  await undoLastRefresh();
  expect(data(sim)).toBe(before);
});
