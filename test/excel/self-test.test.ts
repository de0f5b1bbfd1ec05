/**
 * The self-test (自检) in the simulated host: every step passes, and the user's workbook — their own Ledger table,
 * remembered sources, undo record, sheets and active sheet — is exactly as before, also when a step fails.
 */
import { loadSeeds } from "../../src/import";
import { writeDataset, undoLastRefresh } from "../../src/excel/sheets";
import { reportText, runSelfTest } from "../../src/excel/self-test";
import { investMetadata } from "../../packages/test-support/src/invest-functions";
import { createSimulatedExcel, SimulatedExcel } from "../../packages/excel-sim/src";

let sim: SimulatedExcel;
afterEach(() => sim.close());

/** A workbook in use: the sample ledger and targets loaded (so an undo record exists), a sheet of the user's active. */
async function userWorkbook(): Promise<SimulatedExcel> {
  sim = createSimulatedExcel({ sheets: ["我的表"], functionsMetadata: await investMetadata() }).install();
  const seeds = loadSeeds();
  await writeDataset("ledger", seeds.ledger, { type: "seeds", name: "示例数据" });
  await writeDataset("targets", seeds.targets, { type: "seeds", name: "示例数据" });
  await Excel.run(async (ctx) => {
    ctx.workbook.worksheets.getItem("我的表").activate();
    await ctx.sync();
  });
  return sim;
}

test("every step passes in the simulated host and nothing of the user's is touched", async () => {
  await userWorkbook();
  const before = sim.workbook.snapshot();
  const seen: string[] = [];
  const report = await runSelfTest({ onStep: (s) => seen.push(s.id) });
  expect(report.steps.filter((s) => !s.ok)).toEqual([]);
  expect(report.ok).toBe(true);
  expect(seen).toEqual([
    "environment",
    "ledger",
    "user-edits",
    "refresh",
    "undo",
    "briefing-live",
    "briefing-portable",
    "functions",
    "cleanup",
  ]);
  expect(report.leftovers).toEqual([]);
  expect(sim.workbook.snapshot()).toEqual(before);
  expect(sim.workbook.activeSheet()).toBe("我的表");
  // The user's own undo is still theirs.
  expect(await undoLastRefresh()).toMatchObject({ kind: "targets" });

  const text = reportText(report, "zh-CN");
  expect(text).toMatch(/全部通过/);
  expect(text).toMatch(/未连接 Excel/);
  expect(text.split("\n").filter((l) => /^\d+\. \[通过\]/.test(l))).toHaveLength(9);
  expect(reportText(report, "en-US")).toMatch(/9\. \[PASS\] Remove everything created/);
});

test("a step that fails is reported with its error; later steps are skipped; the clean-up still removes everything", async () => {
  await userWorkbook();
  const before = sim.workbook.snapshot();
  // Excel fails the 5th sync from now: in the middle of writing the temporary ledger.
  sim.failNextSync({ skip: 4 });
  const report = await runSelfTest();
  expect(report.ok).toBe(false);
  const failed = report.steps.find((s) => !s.ok)!;
  expect(failed.error).toMatch(/GeneralException|internal error/);
  expect(report.steps.filter((s) => s.error?.startsWith("未运行")).length).toBeGreaterThan(0);
  expect(report.steps.at(-1)).toMatchObject({ id: "cleanup", ok: true });
  expect(sim.workbook.snapshot()).toEqual(before);
  expect(reportText(report, "en-US")).toMatch(/\[FAIL\]/);
});
