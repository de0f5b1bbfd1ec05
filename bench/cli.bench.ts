/**
 * The command line end to end, as whole processes (start-up, reading the file, output and exit included): wall
 * time, CPU time (user + system) and peak resident memory of
 *   - `invest --help` against `node -e 0` (goal ≤ 4×), `npm run cli -- --help` (tsx) for context;
 *   - `invest validate`, `invest validate --json`, `invest brief --format json` and `invest brief --format xlsx` over
 *     generated ledgers of 10k, 100k and 1M rows (bench/ledger-data.ts: 40 regions, dates in three forms, 万元),
 * each beside, in the same run and on the same CSV: a plain streaming Node script doing the same group-by
 * (bench/baselines/plain-groupby.cjs: chunked papaparse, count and amount by region for the period and the prior
 * year) and DuckDB doing it (bench/baselines/duckdb-groupby.cjs). brief is run at the level the baselines group by
 * (--within 青海省 --level 县区: one row per county, not its default of one per 市州), and the three results are checked
 * equal before any figure is kept (bench/cli-check.ts): the same counties, compared by identity (市州 and name: the
 * baselines' bare 城中区 is brief's 西宁市城中区), the same signed projects, amount signed and projects started, this
 * year and last, and brief's 合计 their sum.
 * The CLI is the built file (`npm run build:cli`, built here into bench/out/). Each size runs 3 times (1M: once),
 * the jobs interleaved so that load from other processes falls on all of them; the figure is the fastest run of each
 * and the note lists every run. Goals (issue 14): at 1M rows validate and brief json within 2× of the plain script
 * (wall and CPU); brief xlsx completes, peak memory < 400 MB at 100k and < 2 GB at 1M.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { BenchContext, BenchResult } from "./harness";
import { BRIEF_CARD_ARGS, byIdentity, fromBriefing, sameGroups, type Groups } from "./cli-check";
import { targetsCsv, writeLedgerCsv } from "./ledger-data";
import { measureProcess, type ProcessRun } from "./process";

const root = path.join(__dirname, "..");
const node = process.execPath;

/**
 * DuckDB's engine comes as a prebuilt binary in an optional dependency for each platform: where npm found none for
 * this machine it is simply absent (npm ci still succeeds) and the DuckDB figures are left out, saying so.
 */
function duckdbLoads(): boolean {
  return spawnSync(node, ["-e", "require('@duckdb/node-api')"], { cwd: root }).status === 0;
}
const PERIOD = "2025Q2";
const YEAR = "2025";
const THROUGH = "6";
const MB = 1e6;
const mb = (bytes: number) => (Number.isFinite(bytes) ? `${(bytes / MB).toFixed(0)} MB` : "? MB");
const s = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 1000).toFixed(2)} s`);

function best(runs: ProcessRun[], f: (r: ProcessRun) => number): number {
  return Math.min(...runs.map(f));
}

function list(runs: ProcessRun[], f: (r: ProcessRun) => number, fmt: (x: number) => string): string {
  return runs.map((r) => fmt(f(r))).join(", ");
}

type Run = (args: string[], stdoutFile?: string) => ProcessRun;

/** Build the CLI into bench/out/ (as `npm run build:cli` does); returns the built file. */
function buildCli(): string {
  mkdirSync(path.join(root, "bench", "out"), { recursive: true });
  const bin = path.join(root, "bench", "out", "invest.cjs");
  const built = spawnSync(node, [path.join(root, "scripts", "build-cli.mjs"), "--outfile", bin], {
    cwd: root,
    encoding: "utf8",
  });
  if (built.status !== 0) throw new Error(`build:cli failed: ${built.stderr}`);
  return bin;
}

/** `invest --help` against `node -e 0`, median of 9 each, and the sources run with tsx for context. */
function startupBench(ctx: BenchContext, run: Run, bin: string): BenchResult {
  const startRuns = { node: [] as ProcessRun[], help: [] as ProcessRun[] };
  for (let i = 0; i < 9; i++) {
    startRuns.node.push(run([node, "-e", "0"]));
    startRuns.help.push(run([node, bin, "--help"]));
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const helpMs = med(startRuns.help.map((r) => r.wallMs));
  const nodeMs = med(startRuns.node.map((r) => r.wallMs));
  const tsx = run([
    node,
    path.join(root, "node_modules", "tsx", "dist", "cli.mjs"),
    path.join(root, "src", "cli", "main.ts"),
    "--help",
  ]);
  ctx.log(
    `start-up: node -e 0 ${nodeMs.toFixed(0)} ms, invest --help ${helpMs.toFixed(0)} ms, tsx ${tsx.wallMs.toFixed(0)} ms`,
  );
  return {
    name: "invest --help (built file, plain Node)",
    value: helpMs,
    unit: "ms",
    baseline: { name: "node -e 0", value: nodeMs },
    ratio: helpMs / nodeMs,
    goal: "ratio ≤ 4",
    met: helpMs / nodeMs <= 4,
    note: `median of 9 each; peak RSS ${mb(med(startRuns.help.map((r) => r.peakRss)))} vs ${mb(med(startRuns.node.map((r) => r.peakRss)))}; from the sources with tsx (npm run cli): ${tsx.wallMs.toFixed(0)} ms`,
  };
}

/** One ledger size: its files and what the runs found. */
interface SizeRun {
  n: number;
  label: string;
  ledger: string;
  xlsx: string;
  hasDuckdb: boolean;
}

/** The processes compared on one ledger: the two baselines, validate (text and JSON), brief json and brief xlsx. */
function ledgerJobs(size: SizeRun, bin: string, targets: string): Record<string, string[]> {
  const { ledger, xlsx } = size;
  const brief = [
    ...[node, bin, "brief", "--ledger", ledger, "--targets", targets, "--period", PERIOD],
    ...[...BRIEF_CARD_ARGS, "--format"],
  ];
  return {
    plain: [node, path.join(root, "bench", "baselines", "plain-groupby.cjs"), ledger, YEAR, THROUGH],
    ...(size.hasDuckdb
      ? { duckdb: [node, path.join(root, "bench", "baselines", "duckdb-groupby.cjs"), ledger, YEAR, THROUGH] }
      : {}),
    validate: [node, bin, "validate", ledger],
    "validate --json": [node, bin, "validate", ledger, "--json"],
    "brief json": [...brief, "json"],
    "brief xlsx": [...brief, "xlsx", "--out", xlsx],
  };
}

/** After a job's first successful run: the three group-bys agree, and validate accepted every row. */
function checkOutput(job: string, stdoutFile: string, size: SizeRun, groups: Record<string, Groups["groups"]>): void {
  const { n, xlsx } = size;
  if (job === "plain" || job === "duckdb") {
    const g = JSON.parse(readFileSync(stdoutFile, "utf8")) as Groups;
    if (g.rows !== n) throw new Error(`${job}: ${g.rows} rows, expected ${n}`);
    groups[job] = byIdentity(g.groups, job);
  }
  if (job === "brief json") {
    const briefing = fromBriefing(JSON.parse(readFileSync(stdoutFile, "utf8")));
    sameGroups(briefing.groups, groups.plain, "brief json vs plain script", briefing.total);
    if (size.hasDuckdb) sameGroups(briefing.groups, groups.duckdb, "brief json vs DuckDB", briefing.total);
  }
  if (job === "validate" && !readFileSync(stdoutFile, "utf8").includes(`已导入 ${n}，未导入 0`))
    throw new Error("validate did not accept every row");
  if (job === "validate --json" && statSync(stdoutFile).size < n * 100)
    throw new Error("validate --json printed too little");
  if (job === "brief xlsx" && statSync(xlsx).size < n * 20) throw new Error("brief xlsx wrote too little");
}

/** Run every job `repeat` times, interleaved so that load from other processes falls on all of them. */
function runJobs(
  ctx: BenchContext,
  run: Run,
  scratch: string,
  size: SizeRun,
  jobs: Record<string, string[]>,
): Record<string, ProcessRun[]> {
  const runs: Record<string, ProcessRun[]> = Object.fromEntries(Object.keys(jobs).map((k) => [k, []]));
  const groups: Record<string, Groups["groups"]> = {};
  const repeat = ctx.quick || size.n >= 1_000_000 ? 1 : 3;
  for (let rep = 0; rep < repeat; rep++) {
    for (const [job, args] of Object.entries(jobs)) {
      const stdoutFile = path.join(scratch, `${job.replace(/\W+/g, "-")}.out`);
      const r = run(args, stdoutFile);
      runs[job].push(r);
      ctx.log(
        `${size.label} ${job}: ${r.code === 0 ? "" : `EXIT ${r.code ?? r.signal} `}${s(r.wallMs)} wall, ${s(r.cpuMs)} CPU, ${mb(r.peakRss)}`,
      );
      if (rep === 0 && r.code === 0) checkOutput(job, stdoutFile, size, groups);
      if (job !== "brief xlsx" && r.code !== 0)
        throw new Error(`${job} failed (${r.code ?? r.signal}): ${r.stderr.slice(-500)}`);
      rmSync(stdoutFile, { force: true });
      rmSync(size.xlsx, { force: true });
    }
  }
  return runs;
}

/** Every run of a job, for the note: wall, CPU, peak RSS (and bytes per row from 100k rows). */
function runsNote(runs: ProcessRun[], n: number): string {
  return `runs: wall ${list(runs, (r) => r.wallMs, s)}; CPU ${list(runs, (r) => r.cpuMs, s)}; peak RSS ${list(runs, (r) => r.peakRss, mb)}${n >= 100_000 ? ` (${(best(runs, (r) => r.peakRss) / n).toFixed(0)} bytes/row)` : ""}`;
}

/** validate and brief json against the plain script, wall and CPU (goals at 1M rows). */
function goalResults(size: SizeRun, runs: Record<string, ProcessRun[]>, csvBytes: number): BenchResult[] {
  const { n, label } = size;
  const plainWall = best(runs.plain, (r) => r.wallMs);
  const plainCpu = best(runs.plain, (r) => r.cpuMs);
  const big = n >= 1_000_000;
  const csvNote = `CSV ${(csvBytes / MB).toFixed(1)} MB`;
  const out: BenchResult[] = [];
  for (const job of ["validate", "brief json"]) {
    const wall = best(runs[job], (r) => r.wallMs);
    const cpu = best(runs[job], (r) => r.cpuMs);
    const what = job === "validate" ? "validate" : "brief --format json";
    out.push({
      name: `${label} rows: invest ${what} — wall`,
      value: wall,
      unit: "ms",
      baseline: { name: "plain streaming script (papaparse chunks + group-by), wall", value: plainWall },
      ratio: wall / plainWall,
      ...(big ? { goal: "ratio ≤ 2", met: wall / plainWall <= 2 } : {}),
      note: `${runsNote(runs[job], n)}; ${csvNote}; plain script ${runsNote(runs.plain, n)}`,
    });
    out.push({
      name: `${label} rows: invest ${what} — CPU (user+sys)`,
      value: cpu,
      unit: "ms",
      baseline: { name: "plain streaming script, CPU", value: plainCpu },
      ratio: cpu / plainCpu,
      ...(big ? { goal: "ratio ≤ 2", met: cpu / plainCpu <= 2 } : {}),
    });
  }
  return out;
}

/** DuckDB and validate --json, for context (no goal). */
function contextResults(size: SizeRun, runs: Record<string, ProcessRun[]>): BenchResult[] {
  const { n, label } = size;
  const plainWall = best(runs.plain, (r) => r.wallMs);
  const out: BenchResult[] = [];
  if (size.hasDuckdb) {
    const duck = best(runs.duckdb, (r) => r.wallMs);
    const briefWall = best(runs["brief json"], (r) => r.wallMs);
    out.push({
      name: `${label} rows: DuckDB, the same group-by on the same CSV — wall (results checked equal to brief json and the plain script)`,
      value: duck,
      unit: "ms",
      baseline: { name: "plain streaming script, wall", value: plainWall },
      ratio: duck / plainWall,
      note: `context; brief json is ${(briefWall / duck).toFixed(2)}× DuckDB; ${runsNote(runs.duckdb, n)}`,
    });
  }
  const vj = best(runs["validate --json"], (r) => r.wallMs);
  out.push({
    name: `${label} rows: invest validate --json (every record printed, stdout to a file) — wall`,
    value: vj,
    unit: "ms",
    baseline: { name: "plain streaming script, wall", value: plainWall },
    ratio: vj / plainWall,
    note: `context (more work: prints every record); ${runsNote(runs["validate --json"], n)}`,
  });
  return out;
}

/** brief xlsx: it completes (1M rows), its wall time, and its peak memory (goals at 100k and 1M rows). */
function xlsxResults(size: SizeRun, runs: Record<string, ProcessRun[]>): BenchResult[] {
  const { n, label } = size;
  const plain = runs.plain;
  const plainWall = best(plain, (r) => r.wallMs);
  const big = n >= 1_000_000;
  const xr = runs["brief xlsx"];
  const completed = xr.every((r) => r.code === 0);
  const xWall = best(xr, (r) => r.wallMs);
  const rss = Math.max(...xr.map((r) => r.peakRss));
  const limit = n >= 1_000_000 ? 2000 : n >= 100_000 ? 400 : undefined;
  return [
    {
      name: `${label} rows: invest brief --format xlsx — wall${completed ? "" : ` (FAILED: ${xr.map((r) => r.code ?? r.signal).join(", ")})`}`,
      value: xWall,
      unit: "ms",
      baseline: { name: "plain streaming script, wall", value: plainWall },
      ratio: xWall / plainWall,
      note: `context (more work: writes every record to the workbook); ${runsNote(xr, n)}`,
      ...(big ? { goal: "completes", met: completed } : {}),
    },
    {
      name: `${label} rows: invest brief --format xlsx — peak RSS (whole process)`,
      value: rss / MB,
      unit: "MB",
      ...(limit
        ? { goal: `< ${limit} MB${completed ? "" : " and completes"}`, met: completed && rss / MB < limit }
        : {}),
      note: `brief json: ${mb(best(runs["brief json"], (r) => r.peakRss))}; validate: ${mb(best(runs.validate, (r) => r.peakRss))}; plain script: ${mb(best(plain, (r) => r.peakRss))}${size.hasDuckdb ? `; DuckDB: ${mb(best(runs.duckdb, (r) => r.peakRss))}` : ""}`,
    },
  ];
}

export default async function cliBench(ctx: BenchContext): Promise<BenchResult[]> {
  const bin = buildCli();
  const scratch = mkdtempSync(path.join(os.tmpdir(), "invest-cli-bench-"));
  const run: Run = (args, stdoutFile = path.join(scratch, "stdout")) =>
    measureProcess(args, { cwd: root, stdoutFile, scratch });
  try {
    const out: BenchResult[] = [startupBench(ctx, run, bin)];
    // ---- end to end over ledgers ----
    const hasDuckdb = duckdbLoads();
    if (!hasDuckdb) ctx.log("@duckdb/node-api did not install a binary for this platform: DuckDB figures left out");
    const sizes: [number, string][] = ctx.quick
      ? [
          [2_000, "2k"],
          [10_000, "10k"],
        ]
      : [
          [10_000, "10k"],
          [100_000, "100k"],
          [1_000_000, "1M"],
        ];
    const targets = path.join(scratch, "targets.csv");
    writeFileSync(targets, targetsCsv(Number(YEAR)));
    for (const [n, label] of sizes) {
      const size: SizeRun = {
        n,
        label,
        ledger: path.join(scratch, `ledger-${label}.csv`),
        xlsx: path.join(scratch, `brief-${label}.xlsx`),
        hasDuckdb,
      };
      const bytes = writeLedgerCsv(size.ledger, n);
      const runs = runJobs(ctx, run, scratch, size, ledgerJobs(size, bin, targets));
      out.push(...goalResults(size, runs, bytes), ...contextResults(size, runs), ...xlsxResults(size, runs));
      rmSync(size.ledger, { force: true });
    }
    return out;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
