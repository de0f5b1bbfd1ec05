/** Shared helpers of the sheet-writer tests: seeds, results, a user's edits through the (simulated) Excel API. */
import type { ProjectRecord } from "../../src/core/model";
import { loadSeeds } from "../../src/import";
import type { ImportResult } from "../../src/import/types";
import type { SimulatedExcel } from "../../packages/excel-sim/src";

/** The seed ledger through the importer's loadSeeds(). */
export function seedLedger(): ImportResult {
  return loadSeeds().ledger;
}

export { ledgerResultOf as resultOf } from "../../packages/test-support/src/ledger-result";

export function makeRecord(i: number, over: Partial<ProjectRecord> = {}): ProjectRecord {
  return {
    id: `P-${String(i).padStart(6, "0")}`,
    name: `项目${i}`,
    region: ["西宁市", "海东市", "西宁开发区"][i % 3],
    park: i % 2 ? "南川工业园区" : null,
    industry: "新能源",
    investor: `企业${i}`,
    investor_type: "其他",
    investor_origin: "省外",
    stage: "签约",
    signed_date: i % 5 === 0 ? "2025-03" : `2025-0${(i % 9) + 1}-1${i % 9}`,
    started_date: null,
    signed_amount: Math.round(i * 137.7) / 100,
    planned_investment: i % 4 ? Math.round(i * 250) / 100 : null,
    notes: i % 7 === 0 ? '=HYPERLINK("http://x")' : `备注${i}`,
    source: `file.csv 第${i + 1}行`,
    ...over,
  };
}

/** The table as objects keyed by header (stored values). */
export function tableObjects(sim: SimulatedExcel, table: string): Record<string, unknown>[] {
  const info = sim.workbook.table(table);
  if (!info) return [];
  return sim.workbook.tableValues(table).map((row) => Object.fromEntries(info.columns.map((c, i) => [c, row[i]])));
}

/** What a user does in Excel: add columns to a table and fill them (values per row, or one formula). */
export async function addUserColumn(
  name: string,
  table: string,
  fill: (rowIndex: number, row: unknown[]) => unknown,
): Promise<void> {
  await Excel.run(async (ctx) => {
    const t = ctx.workbook.tables.getItem(table);
    const body = t.getDataBodyRange();
    body.load("values");
    await ctx.sync();
    const values = body.values.map((row, i) => [fill(i, row)]);
    t.columns.add(undefined, (values.length ? [[name], ...values] : undefined) as never, name);
    await ctx.sync();
  });
}

/** A workbook snapshot without the undo bookkeeping (the undo sheet and record change with every batch). */
export function stripUndo(snap: unknown): unknown {
  const s = snap as { sheets: { name: string }[]; settings: Record<string, string>; tables: unknown[] };
  const settings = { ...s.settings };
  delete settings["invest.undo"];
  return { ...s, sheets: s.sheets.filter((x) => !x.name.startsWith("_invest_undo_")), settings };
}
