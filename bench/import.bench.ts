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

async function measure(ctx: BenchContext, n: number, label: string): Promise<BenchResult[]> {
  const gc = (globalThis as { gc?: () => void }).gc;
  const bytes = ledgerCsvBytes(n);
  ctx.log(`${label}: ${mb(bytes.length)} of CSV`);
  const repeat = n > 200_000 ? 1 : n > 20_000 ? 3 : 7;
  const cpuPapa: number[] = [];
  const tPapa = await timeMs(
    () => {
      const c0 = process.cpuUsage();
      if (papaparseChunked(bytes) < n) throw new Error("papaparse lost rows");
      cpuPapa.push(cpuMs(c0));
    },
    repeat,
    n <= 200_000,
  );
  gc?.();
  const base = process.memoryUsage();
  let peakHeap = base.heapUsed;
  let peakRss = base.rss;
  let lastSample = 0;
  let accepted = 0;
  let issues = 0;
  const cpuImport: number[] = [];
  const tImport = await timeMs(
    async () => {
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
    },
    repeat,
    n <= 200_000,
  );
  const cpuI = median(cpuImport);
  const cpuP = median(cpuPapa);
  if (accepted !== n || issues !== 0)
    throw new Error(`expected ${n} rows accepted without issues, got ${accepted} / ${issues} issues`);
  // What the kept records cost: heap retained by one import's result after a full GC (the bytes are held either way).
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const kept = await importBytes(bytes, { fileName: "bench.csv" });
  gc?.();
  const perRecord = (process.memoryUsage().heapUsed - before) / kept.records.length;
  const rowsPerSec = Math.round(n / (tImport / 1000));
  ctx.log(
    `${label}: import ${tImport.toFixed(0)} ms (${rowsPerSec} rows/s, CPU ${cpuI.toFixed(0)} ms), papaparse ${tPapa.toFixed(0)} ms (CPU ${cpuP.toFixed(0)} ms); peak heap ${mb(peakHeap)}, peak rss ${mb(peakRss)}`,
  );
  return [
    ratioResult(
      `import: parse+validate ${label} ledger rows`,
      tImport,
      "ms",
      { name: "papaparse, chunked as the importer runs it, rows not kept (same bytes)", value: tPapa },
      2,
      `${rowsPerSec} rows/s; CSV ${mb(bytes.length)}; peak heapUsed ${mb(peakHeap)}, peak rss ${mb(peakRss)}`,
    ),
    ratioResult(
      `import: CPU time (user+system) ${label} rows`,
      cpuI,
      "ms",
      { name: "papaparse chunked, CPU time", value: cpuP },
      2,
      "CPU time is steadier than wall time when other processes share the cores",
    ),
    {
      name: `import: peak heapUsed ${label} rows`,
      value: peakHeap / 2 ** 20,
      unit: "MiB",
      note: `rss ${mb(peakRss)}; input ${mb(bytes.length)}`,
    },
    {
      name: `import: heap kept per ledger record, ${label} rows (the result held, after a full GC)`,
      value: perRecord,
      unit: "bytes/record",
      goal: "< 400",
      met: perRecord < 400,
      note: `${mb(perRecord * kept.records.length)} for ${kept.records.length} records, every field of 15 columns`,
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
