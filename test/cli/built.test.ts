/**
 * The built command line (`npm run build:cli`: one CommonJS file run by plain Node, the package's `bin`): built here
 * into a fresh folder under test-artifacts/ (inside the project, as dist-cli/ is, so the one external module,
 * exceljs, resolves from node_modules as it does after `npm ci && npm run build:cli`), then run as a process:
 * --help, validate (CSV and .xlsx), brief (json, md, xlsx), and through a symlink as `npm link` installs it.
 * A preload script reports whether exceljs was loaded: --help, validate of a CSV and brief json/md never load it.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { briefCommand } from "../../src/cli/brief";

const ROOT = join(__dirname, "..", "..");
const SEEDS = join(ROOT, "seeds");
mkdirSync(join(ROOT, "test-artifacts"), { recursive: true });
const dir = mkdtempSync(join(ROOT, "test-artifacts", "cli-"));
const bin = join(dir, "invest.cjs");
const probe = join(dir, "probe.cjs");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(() => {
  const built = spawnSync(process.execPath, [join(ROOT, "scripts", "build-cli.mjs"), "--outfile", bin], {
    cwd: ROOT,
    encoding: "utf8",
  });
  if (built.status !== 0) throw new Error(`build:cli failed: ${built.stderr}`);
  // Prints one line on exit: whether any module of the exceljs package is in require's cache.
  writeFileSync(
    probe,
    `process.on("exit", () => process.stderr.write("\\nEXCELJS_LOADED=" + Object.keys(require.cache).some((k) => /[\\\\/]node_modules[\\\\/]exceljs[\\\\/]/.test(k)) + "\\n"));\n`,
  );
}, 60_000);

function invest(args: string[], file = bin): { code: number | null; out: string; err: string; exceljs: boolean } {
  const r = spawnSync(process.execPath, ["-r", probe, file, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 64 * 2 ** 20,
  });
  const m = /\nEXCELJS_LOADED=(true|false)\n$/.exec(r.stderr);
  if (!m) throw new Error(`no probe line: ${r.stderr}`);
  return { code: r.status, out: r.stdout, err: r.stderr.slice(0, m.index), exceljs: m[1] === "true" };
}

const BRIEF = [
  "brief",
  "--ledger",
  join(SEEDS, "projects.csv"),
  "--funds",
  join(SEEDS, "funds.csv"),
  "--figures",
  join(SEEDS, "figures.csv"),
  "--targets",
  join(SEEDS, "targets.csv"),
  "--regions",
  join(SEEDS, "regions.csv"),
  "--period",
  "2025Q1",
];

describe("built CLI (one file, plain Node)", () => {
  test("is one executable file with a Node shebang", () => {
    expect(readFileSync(bin, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
    expect(statSync(bin).mode & 0o111).not.toBe(0);
  });

  test("--help lists the commands without loading exceljs", () => {
    const r = invest(["--help"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("invest <命令 command>");
    expect(r.out).toMatch(/validate[\s\S]*brief/);
    expect(r.exceljs).toBe(false);
    const none = invest([]);
    expect(none.code).toBe(2);
    expect(none.err).toContain("validate");
  });

  test("validate: exit codes and one JSON object, exceljs not loaded for a CSV", () => {
    const ok = invest(["validate", join(SEEDS, "projects.csv"), "--json"]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out).summary).toEqual({ rows: 30, accepted: 30, rejected: 0, skipped: 0 });
    expect(ok.exceljs).toBe(false);
    expect(invest(["validate", join(ROOT, "test", "fixtures", "import", "ledger-duplicates.csv")]).code).toBe(1);
    expect(invest(["validate", "does-not-exist.csv"]).code).toBe(2);
  });

  test("brief json and md: the same output as the command in-process, exceljs not loaded", async () => {
    for (const format of ["json", "md"]) {
      let expected = "";
      let errs = "";
      const code = await briefCommand([...BRIEF.slice(1), "--format", format], {
        stdout: (t) => (expected += t),
        stderr: (t) => (errs += t),
      });
      const r = invest([...BRIEF, "--format", format]);
      // The same notes too (the seeds' Gansu projects lie outside the card's jurisdiction, 青海省).
      expect([format, r.code, r.err]).toEqual([format, code, errs]);
      expect(r.out).toBe(expected);
      expect(r.exceljs).toBe(false);
    }
  });

  test("brief xlsx writes the workbook (exceljs loaded now), and validate reads its ledger sheet back", () => {
    const out = join(dir, "成绩单.xlsx");
    const r = invest([...BRIEF, "--format", "xlsx", "--out", out]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(out);
    expect(r.exceljs).toBe(true);
    const back = invest(["validate", out, "--sheet", "台账", "--kind", "ledger", "--json"]);
    expect(back.code).toBe(0);
    expect(JSON.parse(back.out).summary.accepted).toBe(30);
  });

  test("runs through a symlink elsewhere (npm link), finding exceljs next to the real file", () => {
    const linkDir = mkdtempSync(join(tmpdir(), "invest-link-"));
    try {
      const link = join(linkDir, "invest");
      symlinkSync(bin, link);
      const out = join(linkDir, "b.xlsx");
      const r = spawnSync(link, [...BRIEF, "--format", "xlsx", "--out", out], { cwd: linkDir, encoding: "utf8" });
      expect(r.status).toBe(0);
      expect(r.stderr).not.toMatch(/Error|Cannot find module/);
      expect(statSync(out).size).toBeGreaterThan(1000);
    } finally {
      rmSync(linkDir, { recursive: true, force: true });
    }
  });
});
