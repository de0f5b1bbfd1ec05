/**
 * Import throughput: parse + validate a generated ledger CSV (bench/ledger-data.ts: Chinese headers, 40 regions,
 * 万元 amounts, dates in three forms, stages, quoted notes) against papaparse run the way the importer runs it
 * (the bytes decoded 128 KiB at a time, papaparse's chunked core parser, rows counted and dropped), measured in the
 * same run. Sizes: 100k and 1M rows (ctx.quick: 10k and 100k). Goals: ratio ≤ 2; the records the import keeps
 * cost < 400 bytes a row (heap retained by the result after a full GC). Peak memory is sampled during the import
 * (process.memoryUsage from the progress callback, at most every 25 ms).
 */
import Papa from "papaparse";
import { importBytes } from "../src/import/bytes";
import { type BenchContext, type BenchResult, ratioResult, timeMs } from "./harness";
import { ledgerCsvBytes } from "./ledger-data";

/** The importer's chunk (src/import/csv.ts DEFAULT_CHUNK). */
const CHUNK = 1 << 17;

/** papaparse as the importer drives it, keeping nothing: returns the number of rows. */
export function papaparseChunked(bytes: Uint8Array): number {
  const decoder = new TextDecoder("utf-8");
  const parser = new Papa.Parser({ delimiter: ",", newline: "\n", quoteChar: '"' });
  let partial = "";
  let rows = 0;
  for (let off = 0; off < bytes.length; off += CHUNK) {
    const end = Math.min(bytes.length, off + CHUNK);
    const last = end >= bytes.length;
    const input = partial + decoder.decode(bytes.subarray(off, end), { stream: !last });
    const res = parser.parse(input, 0, !last) as Papa.ParseResult<string[]>;
    rows += res.data.length;
    partial = last ? "" : input.substring(res.meta.cursor);
  }
  return rows;
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

/** Peak heap and RSS seen so far; sampled at most every 25 ms (process.memoryUsage() reads /proc: about 1 ms). */
class MemoryPeaks {
  heap: number;
  rss: number;
  private lastSample = 0;
  constructor() {
    const base = process.memoryUsage();
    this.heap = base.heapUsed;
    this.rss = base.rss;
  }
  sample(): void {
    const m = process.memoryUsage();
    if (m.heapUsed > this.heap) this.heap = m.heapUsed;
    if (m.rss > this.rss) this.rss = m.rss;
  }
  sampleThrottled(): void {
    const t = performance.now();
    if (t - this.lastSample < 25) return;
    this.lastSample = t;
    this.sample();
  }
}

/** papaparse over the bytes, `repeat` times: the median wall time and the CPU time of each run. */
async function timePapaparse(bytes: Uint8Array, n: number, repeat: number) {
  const cpu: number[] = [];
  const ms = await timeMs(
    () => {
      const c0 = process.cpuUsage();
      if (papaparseChunked(bytes) < n) throw new Error("papaparse lost rows");
      cpu.push(cpuMs(c0));
    },
    repeat,
    n <= 200_000,
  );
  return { ms, cpu: median(cpu) };
}

/** The import over the bytes, `repeat` times, with its memory peaks; fails unless every row was accepted. */
async function timeImport(bytes: Uint8Array, n: number, repeat: number) {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const peaks = new MemoryPeaks();
  let accepted = 0;
  let issues = 0;
  const cpu: number[] = [];
  const ms = await timeMs(
    async () => {
      const c0 = process.cpuUsage();
      const r = await importBytes(bytes, { fileName: "bench.csv", onProgress: () => peaks.sampleThrottled() });
      peaks.sample();
      accepted = r.summary.accepted;
      issues = r.issues.length;
      cpu.push(cpuMs(c0));
    },
    repeat,
    n <= 200_000,
  );
  if (accepted !== n || issues !== 0)
    throw new Error(`expected ${n} rows accepted without issues, got ${accepted} / ${issues} issues`);
  return { ms, cpu: median(cpu), peaks };
}

/** What the kept records cost: heap retained by one import's result after a full GC (the bytes are held either way). */
async function heapPerRecord(bytes: Uint8Array): Promise<{ perRecord: number; records: number }> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const kept = await importBytes(bytes, { fileName: "bench.csv" });
  gc?.();
  return { perRecord: (process.memoryUsage().heapUsed - before) / kept.records.length, records: kept.records.length };
}

async function measure(ctx: BenchContext, n: number, label: string): Promise<BenchResult[]> {
  const bytes = ledgerCsvBytes(n);
  ctx.log(`${label}: ${mb(bytes.length)} of CSV`);
  const repeat = n > 200_000 ? 1 : n > 20_000 ? 3 : 7;
  const papa = await timePapaparse(bytes, n, repeat);
  const imp = await timeImport(bytes, n, repeat);
  const { peaks } = imp;
  const kept = await heapPerRecord(bytes);
  const rowsPerSec = Math.round(n / (imp.ms / 1000));
  ctx.log(
    `${label}: import ${imp.ms.toFixed(0)} ms (${rowsPerSec} rows/s, CPU ${imp.cpu.toFixed(0)} ms), papaparse ${papa.ms.toFixed(0)} ms (CPU ${papa.cpu.toFixed(0)} ms); peak heap ${mb(peaks.heap)}, peak rss ${mb(peaks.rss)}`,
  );
  return [
    ratioResult(
      `import: parse+validate ${label} ledger rows`,
      imp.ms,
      "ms",
      { name: "papaparse, chunked as the importer runs it, rows not kept (same bytes)", value: papa.ms },
      2,
      `${rowsPerSec} rows/s; CSV ${mb(bytes.length)}; peak heapUsed ${mb(peaks.heap)}, peak rss ${mb(peaks.rss)}`,
    ),
    ratioResult(
      `import: CPU time (user+system) ${label} rows`,
      imp.cpu,
      "ms",
      { name: "papaparse chunked, CPU time", value: papa.cpu },
      2,
      "CPU time is steadier than wall time when other processes share the cores",
    ),
    {
      name: `import: peak heapUsed ${label} rows`,
      value: peaks.heap / 2 ** 20,
      unit: "MiB",
      note: `rss ${mb(peaks.rss)}; input ${mb(bytes.length)}`,
    },
    {
      name: `import: heap kept per ledger record, ${label} rows (the result held, after a full GC)`,
      value: kept.perRecord,
      unit: "bytes/record",
      goal: "< 400",
      met: kept.perRecord < 400,
      note: `${mb(kept.perRecord * kept.records)} for ${kept.records} records, every field of 15 columns`,
    },
  ];
}

export default async function importBench(ctx: BenchContext): Promise<BenchResult[]> {
  const sizes: Array<[number, string]> = ctx.quick
    ? [
        [10_000, "10k"],
        [100_000, "100k"],
      ]
    : [
        [100_000, "100k"],
        [1_000_000, "1M"],
      ];
  const out: BenchResult[] = [];
  for (const [n, label] of sizes) out.push(...(await measure(ctx, n, label)));
  return out;
}
