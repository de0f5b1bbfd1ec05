/**
 * Attack-test support: a loaded ledger in the simulated host, and what an analyst does to the workbook between
 * refreshes, through the (simulated) Excel API only.
 */
import type { ProjectRecord } from "../../src/core/model";
import { writeDataset } from "../../src/excel/sheets";
import { createSimulatedExcel, SimulatedExcel } from "../../packages/excel-sim/src";
import { addUserColumn, makeRecord, resultOf, tableObjects } from "../excel/helpers";

export { addUserColumn, makeRecord, resultOf, tableObjects };

export const SOURCE = { type: "url" as const, name: "台账", url: "https://example.gov.cn/ledger.csv" };
export const base = (n = 8): ProjectRecord[] => Array.from({ length: n }, (_, i) => makeRecord(i + 1));

/** A workbook with the ledger loaded and a user column 负责人 (values per record). */
export async function loadedWorkbook(
  records: ProjectRecord[] = base(),
  options: Parameters<typeof createSimulatedExcel>[0] = {},
): Promise<SimulatedExcel> {
  const sim = createSimulatedExcel({ sheets: ["Sheet1"], ...options }).install();
  await writeDataset("ledger", resultOf(records), SOURCE);
  await addUserColumn("负责人", "Ledger", (_i, row) => `张-${row[0]}`);
  return sim;
}

/** Run one batch against the workbook (what the user does in the UI, through the API). */
export function edit(fn: (ctx: Excel.RequestContext) => void | Promise<void>): Promise<void> {
  return Excel.run(async (ctx) => {
    await fn(ctx);
    await ctx.sync();
  });
}

export const ids = (sim: SimulatedExcel, table = "Ledger") => tableObjects(sim, table).map((r) => r["项目编号"]);
