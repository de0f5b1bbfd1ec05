/**
 * `npm run bench`: runs every bench/*.bench.ts module, each in its own Node process (so peak-memory figures
 * belong to that module alone), prints every figure with its ratio to the baseline measured in the same run,
 * and rewrites the "Latest results" part of BENCHMARKS.md together with a description of the machine.
 *
 *   npm run bench                 full sizes (100k and 1M records)
 *   BENCH_QUICK=1 npm run bench   small sizes, a smoke test
 *   npm run bench -- import       only modules whose name contains "import"
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { BenchResult } from "./harness";

const here = __dirname;
const root = path.join(here, "..");
const filter = process.argv[2];
const quick = process.env.BENCH_QUICK === "1";
const modules = readdirSync(here)
  .filter((f) => f.endsWith(".bench.ts") && (!filter || f.includes(filter)))
  .sort();

const machine = `${os.cpus()[0]?.model ?? "cpu"} × ${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}`;
console.log(`机器 / machine: ${machine}${quick ? "  (BENCH_QUICK)" : ""}\n`);

const all: { module: string; results: BenchResult[]; error?: string; seconds: number }[] = [];
for (const file of modules) {
  const t0 = Date.now();
  console.log(`▶ ${file}`);
  const run = spawnSync(
    process.execPath,
    [
      "--expose-gc",
      "--max-old-space-size=8192",
      "--import",
      "tsx",
      path.join(here, "run-one.ts"),
      path.join(here, file),
    ],
    {
      cwd: root,
      env: { ...process.env, BENCH_QUICK: quick ? "1" : "0" },
      encoding: "utf8",
      maxBuffer: 64 * 2 ** 20,
      timeout: 60 * 60_000,
    },
  );
  const seconds = (Date.now() - t0) / 1000;
  const marker = run.stdout?.lastIndexOf("@@RESULTS@@") ?? -1;
  if (run.status !== 0 || marker < 0) {
    const error = (run.stderr || run.error?.message || "no output").trim().split("\n").slice(-5).join(" | ");
    console.log(`  ✗ failed: ${error}\n`);
    all.push({ module: file, results: [], error, seconds });
    continue;
  }
  process.stdout.write(run.stdout.slice(0, marker));
  const results: BenchResult[] = JSON.parse(run.stdout.slice(marker + "@@RESULTS@@".length));
  for (const r of results) console.log(`  ${format(r)}`);
  console.log(`  (${seconds.toFixed(1)} s)\n`);
  all.push({ module: file, results, seconds });
}

function num(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  return Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toPrecision(3);
}

function format(r: BenchResult): string {
  const ratio =
    r.ratio !== undefined
      ? `  ratio ${num(r.ratio)}× vs ${r.baseline?.name} (${num(r.baseline!.value)} ${r.unit})`
      : "";
  const goal = r.goal ? `  goal ${r.goal}: ${r.met ? "met ✓" : "NOT met ✗"}` : "";
  return `${r.name}: ${num(r.value)} ${r.unit}${ratio}${goal}${r.note ? `  [${r.note}]` : ""}`;
}

// BENCHMARKS.md: replace the block between the markers, keep the rest (goals, explanations) as written by hand.
const table = [
  `Machine: ${machine}. Run: ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC${quick ? " (BENCH_QUICK: reduced sizes)" : ""}.`,
  "",
  "| module | figure | value | baseline (same run) | ratio | goal |",
  "|---|---|---|---|---|---|",
  ...all.flatMap((m) =>
    m.error
      ? [`| ${m.module} | FAILED | ${m.error.replace(/\|/g, "/")} | | | |`]
      : m.results.map(
          (r) =>
            `| ${m.module.replace(".bench.ts", "")} | ${r.name}${r.note ? ` (${r.note})` : ""} | ${num(r.value)} ${r.unit} | ${r.baseline ? `${r.baseline.name}: ${num(r.baseline.value)} ${r.unit}` : ""} | ${r.ratio !== undefined ? `${num(r.ratio)}×` : ""} | ${r.goal ? `${r.goal} ${r.met ? "✓" : "✗"}` : ""} |`,
        ),
  ),
  "",
  `Total time: ${all.reduce((s, m) => s + m.seconds, 0).toFixed(0)} s.`,
].join("\n");
const mdPath = path.join(root, "BENCHMARKS.md");
let md = "";
try {
  md = readFileSync(mdPath, "utf8");
} catch {
  md = "# Benchmarks\n\n<!-- results:start -->\n<!-- results:end -->\n";
}
const start = "<!-- results:start -->",
  end = "<!-- results:end -->";
md =
  md.includes(start) && md.includes(end)
    ? md.slice(0, md.indexOf(start) + start.length) + "\n" + table + "\n" + md.slice(md.indexOf(end))
    : md + `\n${start}\n${table}\n${end}\n`;
if (!filter) writeFileSync(mdPath, md);
mkdirSync(path.join(here, "out"), { recursive: true });
writeFileSync(path.join(here, "out", "results.json"), JSON.stringify({ machine, quick, modules: all }, null, 2));
const failed = all.filter((m) => m.error).length;
console.log(
  failed ? `${failed} module(s) failed` : `all ${all.length} modules ran${filter ? "" : "; BENCHMARKS.md updated"}`,
);
process.exit(failed ? 1 : 0);
