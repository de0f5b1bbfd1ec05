/**
 * A 100,000-record ledger in the simulated host: every sync stays under Excel's 5 MB request limit, the number of
 * syncs is at most ceil(total payload / 4 MB) + a small constant, and a refresh of it works the same way.
 */
import { refreshDataset, writeDataset } from "../../src/excel/sheets";
import { createSimulatedExcel, PAYLOAD_LIMIT } from "../../packages/excel-sim/src";
import { makeRecord, resultOf } from "./helpers";
import { note } from "../support/notes";

const MB4 = 4_000_000;

test("100k records: load and refresh in ≤ 4 MB syncs, no more than ceil(payload / 4 MB) + 6 of them", async () => {
  const sim = createSimulatedExcel().install();
  try {
    const records = Array.from({ length: 100_000 }, (_, i) => makeRecord(i + 1));
    const fractions: number[] = [];
    await writeDataset(
      "ledger",
      resultOf(records),
      { type: "url", name: "big", url: "https://example.gov.cn/big.csv" },
      { onProgress: (f) => fractions.push(f) },
    );
    const load = {
      syncs: sim.stats.syncs,
      bytes: sim.stats.bytesPerSync.reduce((a, b) => a + b, 0),
      max: Math.max(...sim.stats.bytesPerSync),
    };
    expect(sim.workbook.table("Ledger")!.rowCount).toBe(100_000);
    expect(load.max).toBeLessThanOrEqual(MB4 + 100_000);
    expect(load.max).toBeLessThan(PAYLOAD_LIMIT);
    expect(load.syncs).toBeLessThanOrEqual(Math.ceil(load.bytes / MB4) + 6);
    note(`load: ${load.syncs} syncs, ${load.bytes} bytes, max ${load.max}`);
    expect(load.bytes).toBeGreaterThan(3 * MB4); // it really is big: several chunks
    expect(fractions.length).toBeGreaterThan(5);
    expect(fractions[fractions.length - 1]).toBe(1);
    expect(sim.stats.calcSuspendedSyncs).toBeGreaterThanOrEqual(load.syncs - 4);

    // Refresh: 1,000 changed, 500 removed, 500 added.
    sim.resetStats();
    const edited = records
      .filter((_, i) => i % 200 !== 7)
      .map((r, i) => (i % 100 === 3 ? { ...r, stage: "开工" as const } : r));
    for (let i = 0; i < 500; i++) edited.push(makeRecord(200_000 + i));
    const summary = await refreshDataset("ledger", resultOf(edited));
    expect(summary).toMatchObject({ archived: 500, added: 500 });
    const refresh = {
      syncs: sim.stats.syncs,
      bytes: sim.stats.bytesPerSync.reduce((a, b) => a + b, 0),
      max: Math.max(...sim.stats.bytesPerSync),
    };
    expect(refresh.max).toBeLessThan(PAYLOAD_LIMIT);
    expect(Math.max(...sim.stats.responseBytesPerSync)).toBeLessThan(PAYLOAD_LIMIT);
    // Writes: ceil(payload / 4 MB) + constant; reads of the old table add their own chunks (≤ 4 MB responses each).
    const readSyncs = sim.stats.responseBytesPerSync.filter((b) => b > 100_000).length;
    expect(refresh.syncs - readSyncs).toBeLessThanOrEqual(Math.ceil(refresh.bytes / MB4) + 6);
    expect(sim.workbook.table("Ledger")!.rowCount).toBe(edited.length);
    note(`refresh: ${refresh.syncs} syncs (${readSyncs} reads), ${refresh.bytes} bytes, max ${refresh.max}`);
  } finally {
    sim.close();
  }
}, 300_000);
