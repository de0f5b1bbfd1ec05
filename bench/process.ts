/**
 * Whole-process measurements for end-to-end benchmarks: wall time (measured here, around the spawn), CPU time
 * (user + system) and peak resident memory of the child, start-up and exit included. GNU time (/usr/bin/time) is
 * used where installed, because it reports a process that crashed (an out-of-memory abort) too; elsewhere a preload
 * script records process.resourceUsage() when the child exits (a crash then gives no CPU or memory figure).
 * Standard output goes to a file (as a user's redirection would), never through a pipe held in memory.
 */
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

export interface ProcessRun {
  /** Exit code, or null when killed by a signal. */
  code: number | null;
  signal: string | null;
  wallMs: number;
  /** user + system, ms; NaN when unknown (crash without GNU time). */
  cpuMs: number;
  /** Peak resident set size, bytes; NaN when unknown. */
  peakRss: number;
  /** Where standard output went. */
  stdoutFile: string;
  stderr: string;
}

const GNU_TIME = "/usr/bin/time";
const hasGnuTime = existsSync(GNU_TIME) && spawnSync(GNU_TIME, ["-f", "%M", "true"], { encoding: "utf8" }).status === 0;

/** Run `args[0]` with `args[1..]`; stdout to `stdoutFile`. */
export function measureProcess(
  args: string[],
  opts: { cwd: string; stdoutFile: string; scratch: string; timeoutMs?: number; env?: NodeJS.ProcessEnv },
): ProcessRun {
  const rusageFile = path.join(opts.scratch, `rusage-${process.pid}-${Date.now()}.txt`);
  rmSync(rusageFile, { force: true });
  const preload = path.join(opts.scratch, "rusage-preload.cjs");
  if (!hasGnuTime && !existsSync(preload)) {
    writeFileSync(
      preload,
      `process.on("exit", () => { const r = process.resourceUsage(); require("fs").writeFileSync(process.env.BENCH_RUSAGE_FILE, [r.userCPUTime + r.systemCPUTime, r.maxRSS].join(" ")); });\n`,
    );
  }
  const [cmd, ...rest] = args;
  const command = hasGnuTime
    ? [GNU_TIME, "-f", "%U %S %M", "-o", rusageFile, cmd, ...rest]
    : cmd === process.execPath
      ? [cmd, "-r", preload, ...rest]
      : args;
  const out = openSync(opts.stdoutFile, "w");
  const t0 = process.hrtime.bigint();
  let r;
  try {
    r = spawnSync(command[0], command.slice(1), {
      cwd: opts.cwd,
      stdio: ["ignore", out, "pipe"],
      encoding: "utf8",
      timeout: opts.timeoutMs ?? 20 * 60_000,
      maxBuffer: 256 * 2 ** 20,
      env: { ...process.env, ...opts.env, BENCH_RUSAGE_FILE: rusageFile },
    });
  } finally {
    closeSync(out);
  }
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  let cpuMs = Number.NaN;
  let peakRss = Number.NaN;
  let code = r.status;
  let signal: string | null = r.signal;
  if (existsSync(rusageFile)) {
    const lines = readFileSync(rusageFile, "utf8").trim().split("\n");
    if (hasGnuTime) {
      const [u, s, m] = lines[lines.length - 1].split(" ").map(Number);
      cpuMs = (u + s) * 1000;
      peakRss = m * 1024;
      const sig = /terminated by signal (\d+)/.exec(lines.join("\n"));
      if (sig) {
        code = null;
        signal = `signal ${sig[1]}`;
      }
    } else {
      const [cpu, rss] = lines[0].split(" ").map(Number);
      cpuMs = cpu / 1000;
      peakRss = rss * 1024;
    }
    rmSync(rusageFile, { force: true });
  }
  return { code, signal, wallMs, cpuMs, peakRss, stdoutFile: opts.stdoutFile, stderr: r.stderr ?? "" };
}

export const MiB = 2 ** 20;
export const mib = (bytes: number) => `${(bytes / MiB).toFixed(0)} MiB`;
