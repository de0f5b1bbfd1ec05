/**
 * Sheet writes in the simulated Excel host: syncs and request bytes per record for loading and refreshing a
 * ledger of 10k and 100k records (ctx.quick: 2k and 10k), against the minimum possible number of syncs for the
 * same bytes, ceil(payload / 5 MB) (Excel's request limit). Goal: every sync counts, reads as well as writes:
 * syncs ≤ ceil((request bytes + response bytes) / 4 MB) + 6 (a refresh reads the old table back, and each read's
 * response is bounded by the same limit as a request).
 */
import type { ProjectRecord } from "../src/core/model";
import { refreshDataset, writeDataset } from "../src/excel/sheets";
import { createSimulatedExcel, PAYLOAD_LIMIT } from "../packages/excel-sim/src";
import { ledgerResultOf } from "../packages/test-support/src/ledger-result";
import type { BenchContext, BenchResult } from "./harness";

const MB4 = 4_000_000;

function record(i: number): ProjectRecord {
  return {
    id: `P-${String(i).padStart(7, "0")}`,
    name: `项目${i}号产业园`,
    region: ["西宁市", "海东市", "西宁开发区"][i % 3],
    park: `园区${i % 7}`,
    industry: "新材料",
    investor: `企业${i % 1000}`,
    investor_type: "其他",
    investor_origin: "省外",
    stage: "签约",
    signed_date: i % 5 === 0 ? "2025-03" : `2025-0${(i % 9) + 1}-1${i % 9}`,
    started_date: null,
    signed_amount: (i % 5000) / 10 + 0.5,
    planned_investment: i % 300,
    notes: i % 10 === 0 ? "重点项目" : null,
    source: `ledger.csv 第${i + 1}行`,
  };
}

const result = ledgerResultOf;

export default async function bench(ctx: BenchContext): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  for (const n of ctx.quick ? [2_000, 10_000] : [10_000, 100_000]) {
    const sim = createSimulatedExcel().install();
    try {
      const records = Array.from({ length: n }, (_, i) => record(i));
      const phases: [string, () => Promise<unknown>][] = [
        [
          "load",
          () =>
            writeDataset("ledger", result(records), {
              type: "url",
              name: "bench",
              url: "https://example.gov.cn/l.csv",
            }),
        ],
        [
          "refresh",
          () => {
            const edited = records
              .filter((_, i) => i % 100 !== 1)
              .map((r, i) => (i % 50 === 0 ? { ...r, stage: "开工" as const } : r));
            for (let i = 0; i < n / 100; i++) edited.push(record(10_000_000 + i));
            return refreshDataset("ledger", result(edited));
          },
        ],
      ];
      for (const [phase, run] of phases) {
        sim.resetStats();
        const t0 = process.hrtime.bigint();
        await run();
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        const bytes = sim.stats.bytesPerSync.reduce((a, b) => a + b, 0);
        const responseBytes = sim.stats.responseBytesPerSync.reduce((a, b) => a + b, 0);
        const reads = sim.stats.responseBytesPerSync.filter((b) => b > 100_000).length;
        const writes = sim.stats.syncs - reads;
        const minimum = Math.max(1, Math.ceil((bytes + responseBytes) / PAYLOAD_LIMIT));
        const bound = Math.ceil((bytes + responseBytes) / MB4) + 6;
        const name = `write: ${phase} ${n.toLocaleString("en-US")} records`;
        out.push({
          name: `${name} — syncs`,
          value: sim.stats.syncs,
          unit: "syncs",
          baseline: { name: "minimum ceil((request + response bytes) / 5 MB)", value: minimum },
          ratio: sim.stats.syncs / minimum,
          goal: `all syncs ≤ ceil((request + response bytes) / 4 MB) + 6 = ${bound}`,
          met: sim.stats.syncs <= bound && Math.max(...sim.stats.bytesPerSync) < PAYLOAD_LIMIT,
          note: `${writes} write syncs + ${reads} read syncs; ${(responseBytes / 1e6).toFixed(1)} MB read back; largest request ${(Math.max(...sim.stats.bytesPerSync) / 1e6).toFixed(2)} MB; ${ms.toFixed(0)} ms in the simulator`,
        });
        out.push({
          name: `${name} — request bytes per record`,
          value: Math.round(bytes / n),
          unit: "bytes/record",
          note: `${(bytes / 1e6).toFixed(1)} MB in total`,
        });
        ctx.log(
          `${name}: ${sim.stats.syncs} syncs (${reads} reads), ${(bytes / 1e6).toFixed(1)} MB, minimum ${minimum}, ${ms.toFixed(0)} ms`,
        );
      }
    } finally {
      sim.close();
    }
  }
  return out;
}
