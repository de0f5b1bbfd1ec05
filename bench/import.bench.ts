/**
 * Import throughput: parse + validate a generated ledger CSV (Chinese headers, 万元 amounts, dates, stages) against a
 * raw papaparse parse of the same bytes (decode + Papa.parse, no validation) measured in the same run.
 * Sizes: 100k and 1,048,576 rows (ctx.quick: 10k and 100k). Goal: ratio ≤ 2. Peak memory is sampled during the
 * import (process.memoryUsage from the progress callback, at most every 25 ms).
 */
import Papa from "papaparse";
import { importBytes } from "../src/import/bytes";
import { type BenchContext, type BenchResult, ratioResult, timeMs } from "./harness";

const REGIONS = ["西宁市", "海东市", "海西州", "海南州", "海北州", "西宁开发区"];
const STAGES = ["在谈", "已签约", "开工建设", "竣工投产"];
const HEADER = "序号,项目编号,项目名称,所属地区,园区,产业类别,投资方,企业类型,投资来源地,项目阶段,签约日期,开工日期,签约金额（万元）,计划总投资（亿元）,备注\n";

/** A ledger CSV of n rows, built in pieces so the generator itself stays small. */
export function generateLedgerCsv(n: number): Uint8Array {
  const enc = new TextEncoder();
  const pieces: Uint8Array[] = [enc.encode(HEADER)];
  let batch: string[] = [];
  for (let i = 0; i < n; i++) {
    const m = 1 + (i % 12);
    batch.push(`${i + 1},P-${i},项目${i}号产业园,${REGIONS[i % 6]},园区${i % 7},新材料,企业${i % 1000},${i % 50 === 0 ? "央企" : ""},省外,${STAGES[i % 4]},2025-${m < 10 ? "0" : ""}${m}-1${i % 10},${i % 3 === 0 ? "2025年6月" : ""},${(i % 5000) + 0.5},${i % 300},${i % 10 === 0 ? "重点项目" : ""}\n`);
    if (batch.length === 10000) {
      pieces.push(enc.encode(batch.join("")));
      batch = [];
    }
  }
  if (batch.length) pieces.push(enc.encode(batch.join("")));
  const total = pieces.reduce((s, p) => s + p.length, 0);
  const out = new Uint8Array(total);
  let off = 0;
  for (const p of pieces) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

function cpuMs(start: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function mb(n: number): string {
  return `${(n / 2 ** 20).toFixed(0)} MiB`;
}

async function measure(ctx: BenchContext, n: number, label: string): Promise<BenchResult[]> {
  const gc = (globalThis as { gc?: () => void }).gc;
  const bytes = generateLedgerCsv(n);
  ctx.log(`${label}: ${mb(bytes.length)} of CSV`);
  const repeat = n > 200_000 ? 1 : n > 20_000 ? 3 : 7;
  const cpuPapa: number[] = [];
  const tPapa = await timeMs(() => {
    const c0 = process.cpuUsage();
    const r = Papa.parse<string[]>(new TextDecoder().decode(bytes));
    if (r.data.length < n) throw new Error("papaparse lost rows");
    cpuPapa.push(cpuMs(c0));
  }, repeat, n <= 200_000);
  gc?.();
  const base = process.memoryUsage();
  let peakHeap = base.heapUsed;
  let peakRss = base.rss;
  let lastSample = 0;
  let accepted = 0;
  let issues = 0;
  const cpuImport: number[] = [];
  const tImport = await timeMs(async () => {
    const c0 = process.cpuUsage();
    const r = await importBytes(bytes, {
      fileName: "bench.csv",
      // process.memoryUsage() costs about a millisecond (it reads /proc): sample every 25 ms, not every chunk.
      onProgress: () => {
        const t = performance.now();
        if (t - lastSample < 25) return;
        lastSample = t;
        const m = process.memoryUsage();
        if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
        if (m.rss > peakRss) peakRss = m.rss;
      },
    });
    const m = process.memoryUsage();
    if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
    if (m.rss > peakRss) peakRss = m.rss;
    accepted = r.summary.accepted;
    issues = r.issues.length;
    cpuImport.push(cpuMs(c0));
  }, repeat, n <= 200_000);
  const cpuI = median(cpuImport);
  const cpuP = median(cpuPapa);
  if (accepted !== n || issues !== 0) throw new Error(`expected ${n} rows accepted without issues, got ${accepted} / ${issues} issues`);
  const rowsPerSec = Math.round(n / (tImport / 1000));
  ctx.log(`${label}: import ${tImport.toFixed(0)} ms (${rowsPerSec} rows/s, CPU ${cpuI.toFixed(0)} ms), papaparse ${tPapa.toFixed(0)} ms (CPU ${cpuP.toFixed(0)} ms); peak heap ${mb(peakHeap)}, peak rss ${mb(peakRss)}`);
  return [
    ratioResult(`import: parse+validate ${label} ledger rows`, tImport, "ms", { name: "raw papaparse parse (same bytes)", value: tPapa }, 2,
      `${rowsPerSec} rows/s; CSV ${mb(bytes.length)}; peak heapUsed ${mb(peakHeap)}, peak rss ${mb(peakRss)}`),
    ratioResult(`import: CPU time (user+system) ${label} rows`, cpuI, "ms", { name: "raw papaparse parse, CPU time", value: cpuP }, 2,
      "CPU time is steadier than wall time when other processes share the cores"),
    { name: `import: peak heapUsed ${label} rows`, value: peakHeap / 2 ** 20, unit: "MiB", note: `rss ${mb(peakRss)}; input ${mb(bytes.length)}` },
  ];
}

export default async function importBench(ctx: BenchContext): Promise<BenchResult[]> {
  const sizes: Array<[number, string]> = ctx.quick ? [[10_000, "10k"], [100_000, "100k"]] : [[100_000, "100k"], [1_048_576, "1M (1,048,576)"]];
  const out: BenchResult[] = [];
  for (const [n, label] of sizes) out.push(...(await measure(ctx, n, label)));
  return out;
}
