/**
 * The four seed datasets loaded through the importer's loadSeeds(), then refreshed against an edited copy of the
 * seeds: rows added, changed, removed and reordered, with a user column of values and a formula column.
 */
import { FIGURES, FUNDS, LEDGER, TARGETS } from "../../src/core/columns";
import { ARCHIVE, CHANGELOG, refreshDataset, undoLastRefresh, writeDataset } from "../../src/excel/sheets";
import { loadSeeds } from "../../src/import";
import type { ImportResult } from "../../src/import/types";
import { createSimulatedExcel, SimulatedExcel } from "../../packages/excel-sim/src";
import { addUserColumn, stripUndo, tableObjects } from "./helpers";

let sim: SimulatedExcel;
beforeEach(() => {
  sim = createSimulatedExcel().install();
});
afterEach(() => sim.close());

test("all four seed datasets load into their sheets and tables; an empty dataset gets a table with one blank row", async () => {
  const seeds = loadSeeds();
  for (const kind of ["ledger", "funds", "targets", "figures"] as const) {
    await writeDataset(kind, seeds[kind], { type: "seeds", name: "示例数据" });
  }
  for (const spec of [LEDGER, FUNDS, TARGETS, FIGURES]) {
    const t = sim.workbook.table(spec.table)!;
    expect(t.sheet).toBe(spec.sheet);
    expect(t.columns).toEqual(spec.columns.map((c) => c.title));
  }
  expect(seeds.funds.funds).toHaveLength(0);
  expect(sim.workbook.tableValues("Funds")).toEqual([FUNDS.columns.map(() => "")]);
  expect(tableObjects(sim, "Targets").map((r) => r["指标"])).toEqual(
    seeds.targets.targets.map(
      (t) =>
        (
          ({
            signed_amount: "签约金额",
            funds_in_place_out_of_province: "省外到位资金",
            funds_in_place: "到位资金",
          }) as Record<string, string>
        )[t.metric],
    ),
  );
  expect(tableObjects(sim, "Figures")).toHaveLength(seeds.figures.figures.length);
  const visible = sim.workbook.sheetNames().filter((n) => sim.workbook.visibility(n) === "Visible");
  expect(visible).toEqual(["Sheet1", "台账", "变更日志", "到位资金", "目标任务", "汇总数"]);
  expect(tableObjects(sim, CHANGELOG.table).map((r) => [r["数据集"], r["操作"]])).toEqual([
    ["台账", "载入"],
    ["到位资金", "载入"],
    ["目标任务", "载入"],
    ["汇总数", "载入"],
  ]);
});

test("the seed ledger refreshed against an edited copy: user values and formulas follow their records; undo", async () => {
  const seeds = loadSeeds();
  await writeDataset("ledger", seeds.ledger, { type: "seeds", name: "示例数据" });
  await addUserColumn("跟进人", "Ledger", (i) => (i % 3 === 0 ? `招商一科-${i}` : ""));
  await addUserColumn("地区项目", "Ledger", () => '=[@所属地区]&":"&[@项目名称]');
  const before = tableObjects(sim, "Ledger");
  const owner = new Map(before.map((r) => [r["项目编号"], r["跟进人"]]));
  const snapshot = sim.workbook.snapshot();

  const recs = seeds.ledger.records;
  const removed = [recs[0].id, recs[7].id];
  const edited = recs
    .filter((r) => !removed.includes(r.id))
    .reverse()
    .map((r, i) => (i === 1 ? { ...r, signed_amount: 12.34, stage: "投产" as const } : r));
  edited.splice(
    3,
    0,
    { ...recs[2], id: "QH-2025-900", name: "新增项目甲", signed_date: "2025-04" },
    { ...recs[3], id: "QH-2025-901", name: "=新增项目乙" },
  );
  const result: ImportResult = { ...seeds.ledger, records: edited };
  const summary = await refreshDataset("ledger", result);
  expect(summary).toMatchObject({ added: 2, archived: 2, updated: 1 });

  const after = tableObjects(sim, "Ledger");
  expect(after.map((r) => r["项目编号"])).toEqual(edited.map((r) => r.id));
  for (const r of after) {
    expect(r["跟进人"]).toBe(owner.get(r["项目编号"]) ?? "");
    expect(r["地区项目"]).toBe(`${r["所属地区"]}:${r["项目名称"]}`);
  }
  expect(after.find((r) => r["项目编号"] === "QH-2025-901")!["项目名称"]).toBe("=新增项目乙");
  expect(
    tableObjects(sim, ARCHIVE.table)
      .map((r) => r["项目编号"])
      .sort(),
  ).toEqual([...removed].sort());
  const log = tableObjects(sim, CHANGELOG.table).filter((r) => r["操作"] === "修改");
  expect(log.map((r) => r["字段"]).sort()).toEqual(["签约金额(亿元)", "项目阶段"].sort());

  await undoLastRefresh();
  expect(stripUndo(sim.workbook.snapshot())).toEqual(stripUndo(snapshot));
});

test("figures: 采用 and 备选 rows of the same region and metric are different records", async () => {
  const seeds = loadSeeds();
  await writeDataset("figures", seeds.figures, { type: "seeds", name: "示例数据" });
  const figures = seeds.figures.figures.map((f, i) => (i === 2 ? { ...f, value: f.value + 1 } : f));
  const summary = await refreshDataset("figures", { ...seeds.figures, figures });
  expect(summary).toMatchObject({ updated: 1, added: 0, archived: 0, unchanged: figures.length - 1 });
});
