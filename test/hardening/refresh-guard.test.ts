/**
 * Class 13 (issue 12): one refresh path with one has-errors guard. A workbook-table source that now has a row the
 * importer rejects is refused by every way in: the task pane's Refresh (backends-impl), the ribbon (refreshAll) and
 * the library (refreshSource). Nothing is archived as if deleted; once the source is fixed, each path refreshes.
 */
import { refreshAll, refreshSource, SourceHasErrors, writeDataset } from "../../src/excel";
import { readWorkbookTable } from "../../src/excel/refresh-all";
import { importTable } from "../../src/import";
import { createBackendsNow } from "../../src/taskpane/backends-impl";
import { createSimulatedExcel, SimulatedExcel } from "../../packages/excel-sim/src";
import { textCell } from "../../src/excel/values";

const HEADER = ["项目编号", "项目名称", "所属地区", "签约日期", "签约金额(亿元)"];
const GOOD = [
  ["P-1", "光伏", "西宁市", "2025-02-01", 1],
  ["P-2", "储能", "西宁市", "2025-02-02", 2],
  ["P-3", "钒电池", "海东市", "2025-03-01", 3],
];

/** Ways a row of the source turns bad: each one an error the importer rejects the row for. */
const BREAKS: [string, (row: (string | number)[]) => (string | number)[]][] = [
  ["a missing region", (r) => [r[0], r[1], "", r[3], r[4]]],
  ["a missing name", (r) => [r[0], "", r[2], r[3], r[4]]],
  ["a region Excel reads as a number", (r) => [r[0], r[1], "0012", r[3], r[4]]],
  ["a repeated id", (r) => ["P-1", r[1], r[2], r[3], r[4]]],
];

const PATHS: [string, () => Promise<unknown>][] = [
  ["the task pane", () => createBackendsNow().refresh("ledger", {})],
  [
    "the ribbon",
    async () => {
      const out = await refreshAll();
      if (out.skipped.length) throw new Error(out.skipped[0].reason.zh);
      return out;
    },
  ],
  ["the library", () => refreshSource("ledger")],
];

let sim: SimulatedExcel;
beforeEach(async () => {
  sim = createSimulatedExcel({ sheets: ["Sheet1"] }).install();
  await setRaw(GOOD);
  const raw = await readWorkbookTable("Raw");
  await writeDataset(
    "ledger",
    importTable(raw.values, { fileName: raw.label, kind: "ledger", startRow: raw.startRow }),
    { type: "table", name: "Raw", table: "Raw" },
  );
});
afterEach(() => sim.close());

/** The user's source table, rewritten. */
async function setRaw(rows: (string | number)[][]): Promise<void> {
  await Excel.run(async (ctx) => {
    const existing = ctx.workbook.worksheets.getItemOrNullObject("原始");
    await ctx.sync();
    if (!existing.isNullObject) existing.delete();
    const ws = ctx.workbook.worksheets.add("原始");
    const all = [HEADER, ...rows].map((r) => r.map((v) => (typeof v === "string" ? textCell(v) : v)));
    ws.getRange(`A1:E${all.length}`).values = all;
    ws.tables.add(`原始!A1:E${all.length}`, true).name = "Raw";
    await ctx.sync();
  });
}

const ledgerIds = () => sim.workbook.tableValues("Ledger").map((r) => r[0]);
const archived = () => (sim.workbook.table("Archive") ? sim.workbook.tableValues("Archive").length : 0);

describe.each(BREAKS)("a source row with %s", (_, breakRow) => {
  test.each(PATHS)("is refused by %s: nothing archived, the ledger unchanged", async (_path, refresh) => {
    await setRaw([GOOD[0], breakRow(GOOD[1]), GOOD[2]]);
    const before = sim.workbook.snapshot();
    const err = await refresh().then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/错误，未刷新/);
    if (!(err instanceof SourceHasErrors)) expect(_path).toBe("the ribbon");
    expect(ledgerIds()).toEqual(["P-1", "P-2", "P-3"]);
    expect(archived()).toBe(0);
    expect(sim.workbook.snapshot()).toEqual(before);
  });
});

test.each(PATHS)("fixed, the source refreshes through %s (a removed row is archived)", async (_, refresh) => {
  await setRaw([GOOD[0], GOOD[2]]);
  await refresh();
  expect(ledgerIds()).toEqual(["P-1", "P-3"]);
  expect(archived()).toBe(1);
});
