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
  // Excel's own message is in one language: shown as it is in both.
  expect(failed.error?.en).toMatch(/GeneralException|internal error/);
  expect(failed.error?.zh).toBe(failed.error?.en);
  expect(report.steps.filter((s) => s.error?.zh.startsWith("未运行")).length).toBeGreaterThan(0);
  expect(report.steps.filter((s) => s.error?.en.startsWith("not run")).length).toBeGreaterThan(0);
  expect(report.steps.at(-1)).toMatchObject({ id: "cleanup", ok: true });
  expect(sim.workbook.snapshot()).toEqual(before);
  expect(reportText(report, "en-US")).toMatch(/\[FAIL\]/);
});

test("a failed check is reported in the reader's language: no Chinese in the English report, no English in the Chinese", async () => {
  await userWorkbook();
  // A sheet already holding one of this run's temporary names: the environment step's check fails.
  await Excel.run(async (ctx) => {
    ctx.workbook.worksheets.add("自检zzzz 函数");
    await ctx.sync();
  });
  const report = await runSelfTest({ tag: "zzzz" });
  expect(report.ok).toBe(false);
  expect(report.steps[0]).toMatchObject({
    id: "environment",
    ok: false,
    error: { zh: "临时工作表名称已被占用", en: "a temporary sheet name is taken" },
  });
  const en = reportText(report, "en-US");
  expect(en).toMatch(/1\. \[FAIL\] Environment \(\d+ ms\)\n {3}a temporary sheet name is taken/);
  expect(en).toMatch(/not run: an earlier step failed/);
  expect(en).not.toMatch(/[\u4e00-\u9fff]/);
  const zh = reportText(report, "zh-CN");
  expect(zh).toMatch(/1\. \[失败\] 运行环境 \(\d+ ms\)\n {3}临时工作表名称已被占用/);
  expect(zh).toMatch(/未运行：前面的步骤失败/);
  expect(zh).not.toMatch(/temporary sheet name|not run|earlier step/);
  // The sheet was the user's: the clean-up left it.
  expect(report.steps.at(-1)).toMatchObject({ id: "cleanup", ok: true });
  expect(sim.workbook.sheetNames()).toContain("自检zzzz 函数");
});
