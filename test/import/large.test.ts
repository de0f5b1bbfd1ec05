/**
 * [large] 1,048,576 data rows (Excel's row limit) through importBytes: chunked parsing, every row accepted, progress
 * reported, memory bounded. About 10-20 s on 2 cores; skip with LARGE_TESTS=0. bench/import.bench.ts measures the
 * same at full width against papaparse.
 */
import { importBytes } from "../../src/import";

const ROWS = 1_048_576;
const run = process.env.LARGE_TESTS === "0" ? describe.skip : describe;

function generate(n: number): Uint8Array {
  const enc = new TextEncoder();
  const parts: Uint8Array[] = [enc.encode("项目编号,项目名称,所属地区,签约金额（万元）,签约日期,项目阶段\n")];
  let batch: string[] = [];
  const regions = ["西宁市", "海东市", "海西州"];
  for (let i = 0; i < n; i++) {
    batch.push(`P${i},项目${i},${regions[i % 3]},${i % 9000},2025-0${1 + (i % 9)}-15,${i % 2 ? "已签约" : "开工"}\n`);
    if (batch.length === 50000) {
      parts.push(enc.encode(batch.join("")));
      batch = [];
    }
  }
  parts.push(enc.encode(batch.join("")));
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

run("[large] 1,048,576-row CSV", () => {
  test("every row imported, progress in many steps, memory bounded", async () => {
    const bytes = generate(ROWS);
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    let calls = 0;
    const r = await importBytes(bytes, {
      fileName: "million.csv",
      onProgress: () => {
        calls++;
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      },
    });
    expect(r.summary).toEqual({ rows: ROWS, accepted: ROWS, rejected: 0, skipped: 0 });
    expect(r.issues).toEqual([]);
    expect(r.records).toHaveLength(ROWS);
    expect(r.records[ROWS - 1]).toMatchObject({ id: `P${ROWS - 1}`, name: `项目${ROWS - 1}`, region: "西宁市" }); // 1048575 % 3 = 0
    // Row 12345: 12345 % 3 = 0, 12345 % 9000 = 3345 万元, month 1 + 12345 % 9 = 7, odd → 已签约.
    expect(r.records[12345]).toMatchObject({
      id: "P12345",
      region: "西宁市",
      signed_amount: 0.3345,
      signed_date: "2025-07-15",
      stage: "签约",
    });
    expect(calls).toBeGreaterThan(20);
    // The input is ~40 MiB; records, ids and strings stay well under 1.5 GiB of heap.
    expect(peak - before).toBeLessThan(1.5 * 2 ** 30);
  }, 120_000);
});
