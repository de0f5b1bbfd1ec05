/**
 * Faults and cancellation: whichever sync of a refresh fails (before anything is applied, or part-way through
 * the commit batch), and whenever the user cancels, the sheets end fully old (or, after success, fully new).
 */
import { refreshDataset, RollbackFailedError, undoLastRefresh, writeDataset } from "../../src/excel/sheets";
import { createSimulatedExcel, SimulatedExcel } from "../../packages/excel-sim/src";
import { addUserColumn, makeRecord, resultOf, stripUndo } from "./helpers";

const base = Array.from({ length: 14 }, (_, i) => makeRecord(i + 1));
const edited = [
  makeRecord(70),
  ...base
    .slice(2)
    .reverse()
    .map((r, i) => (i % 4 === 0 ? { ...r, stage: "投产" as const } : r)),
];

/** A workbook after a load, user columns and one refresh (so archive, change log and an undo record exist). */
async function prepared(): Promise<SimulatedExcel> {
  const sim = createSimulatedExcel().install();
  await writeDataset("ledger", resultOf(base), { type: "url", name: "x", url: "https://example.gov.cn/a.csv" });
  await addUserColumn("负责人", "Ledger", (_i, row) => `李-${row[0]}`);
  await addUserColumn("公式", "Ledger", () => "=[@负责人]&[@所属地区]");
  await refreshDataset("ledger", resultOf(base.slice(1)));
  sim.resetStats();
  return sim;
}

const dataOf = (snap: unknown) => {
  const s = stripUndo(snap) as { sheets: { name: string }[] };
  return { ...s, sheets: s.sheets.filter((x) => !x.name.startsWith("_invest_stage_")) };
};

let syncsOfRefresh = 0;
let newState: unknown;

beforeAll(async () => {
  const sim = await prepared();
  await refreshDataset("ledger", resultOf(edited));
  syncsOfRefresh = sim.stats.syncs;
  newState = {
    ledger: sim.workbook.tableFormulas("Ledger"),
    archive: sim.workbook.table("Archive")!.rowCount,
    log: sim.workbook.table("ChangeLog")!.rowCount,
  };
  sim.close();
  expect(syncsOfRefresh).toBeGreaterThanOrEqual(4);
});

test("a sync that fails at any step leaves every sheet, table, setting and the undo record as before", async () => {
  for (let k = 0; k < syncsOfRefresh; k++) {
    const sim = await prepared();
    const before = sim.workbook.snapshot();
    sim.failNextSync({ skip: k });
    await expect(refreshDataset("ledger", resultOf(edited))).rejects.toMatchObject({ code: "GeneralException" });
    expect(sim.workbook.snapshot()).toEqual(before);
    sim.close();
  }
});

test("a commit batch that fails part-way is rolled back from the snapshot: fully old", async () => {
  let failed = 0;
  for (const m of [1, 3, 6, 10, 15, 20, 30, 40]) {
    const sim = await prepared();
    const before = dataOf(sim.workbook.snapshot());
    sim.failNextSync({ skip: syncsOfRefresh - 1, afterCommands: m });
    const outcome = await refreshDataset("ledger", resultOf(edited)).then(
      () => "ok",
      () => "failed",
    );
    if (outcome === "failed") failed++;
    const after = dataOf(sim.workbook.snapshot());
    // Either the fault hit (all old) or the batch was shorter than m commands (all new): never half.
    if (outcome === "failed") expect([m, after]).toEqual([m, before]);
    else
      expect({
        ledger: sim.workbook.tableFormulas("Ledger"),
        archive: sim.workbook.table("Archive")!.rowCount,
        log: sim.workbook.table("ChangeLog")!.rowCount,
      }).toEqual(newState);
    expect(sim.workbook.sheetNames().some((n) => n.startsWith("_invest_stage_"))).toBe(false);
    sim.close();
  }
  expect(failed).toBeGreaterThanOrEqual(5);
});

test("a rollback that fails too is reported with both errors (never swallowed), and Undo then finishes it: fully old", async () => {
  let reported = 0;
  for (let j = 0; j < 8; j++) {
    for (const afterCommands of [undefined, 2]) {
      const sim = await prepared();
      const before = dataOf(sim.workbook.snapshot());
      sim.failNextSync({ skip: syncsOfRefresh - 1, afterCommands: 6 }); // the commit fails…
      sim.failNextSync({ skip: j, afterCommands }); // …and then a sync of its rollback
      const outcome = await refreshDataset("ledger", resultOf(edited)).then(
        () => "ok",
        (e: unknown) => e,
      );
      if (outcome instanceof RollbackFailedError) {
        reported++;
        expect(outcome.message_zh).toMatch(/写入失败.*恢复原状时也出错.*撤销/);
        expect(outcome.message_en).toMatch(/putting the sheets back failed too.*Undo/);
        expect(outcome.rollbackError).toMatchObject({ code: "GeneralException" });
        await expect(undoLastRefresh()).resolves.toMatchObject({ kind: "ledger" });
      } else {
        // The fault came after the rollback was done (or hit nothing): the sheets are back, the write's error stands.
        expect([j, afterCommands, outcome === "ok" ? "ok" : (outcome as { code?: string }).code]).toEqual([
          j,
          afterCommands,
          "GeneralException",
        ]);
      }
      expect([j, afterCommands, dataOf(sim.workbook.snapshot())]).toEqual([j, afterCommands, before]);
      sim.close();
    }
  }
  expect(reported).toBeGreaterThanOrEqual(3);
});

test("cancelling (AbortSignal) during the write leaves the workbook exactly as it was", async () => {
  const sim = await prepared();
  const before = sim.workbook.snapshot();
  const ctl = new AbortController();
  const fractions: number[] = [];
  const p = refreshDataset("ledger", resultOf(edited), {
    signal: ctl.signal,
    onProgress: (f) => {
      fractions.push(f);
      if (f > 0.3) ctl.abort();
    },
  });
  await expect(p).rejects.toMatchObject({ name: "AbortError" });
  expect(fractions.length).toBeGreaterThan(0);
  expect(sim.workbook.snapshot()).toEqual(before);
  sim.close();
});

test("an already aborted signal does nothing at all", async () => {
  const sim = await prepared();
  const before = sim.workbook.snapshot();
  const ctl = new AbortController();
  ctl.abort();
  await expect(refreshDataset("ledger", resultOf(edited), { signal: ctl.signal })).rejects.toMatchObject({
    name: "AbortError",
  });
  expect(sim.workbook.snapshot()).toEqual(before);
  sim.close();
});
