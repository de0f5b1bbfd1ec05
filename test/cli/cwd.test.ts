/**
 * `npm run cli -- …` typed in some directory reads and writes relative paths from that directory, not from the
 * package root where npm runs the script (issue 15: brief --format xlsx without --out must not drop its file into
 * the repository root unnoticed).
 */
import { spawnSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import { runFromCallersDirectory } from "../../src/cli/cwd";

const ROOT = path.join(__dirname, "..", "..");

test("brief --format xlsx without --out, run through npm from another directory, writes there and says where", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cli-cwd-"));
  try {
    for (const f of ["projects.csv", "targets.csv"]) fs.copyFileSync(path.join(ROOT, "seeds", f), path.join(dir, f));
    const before = new Set(fs.readdirSync(ROOT));
    const r = spawnSync(
      "npm",
      [
        "--prefix",
        ROOT,
        "run",
        "--silent",
        "cli",
        "--",
        "brief",
        "--ledger",
        "projects.csv",
        "--targets",
        "targets.csv",
        "--period",
        "2025Q1",
        "--format",
        "xlsx",
      ],
      {
        cwd: dir,
        encoding: "utf8",
        timeout: 120_000,
        env: { ...process.env, INIT_CWD: "" },
      },
    );
    expect(r.stderr).not.toMatch(/cannot read/);
    expect([0, 3]).toContain(r.status);
    const written = path.join(fs.realpathSync(dir), "成绩单-2025Q1.xlsx");
    expect(fs.existsSync(written)).toBe(true);
    expect(r.stdout).toContain(written);
    expect(fs.readdirSync(ROOT).filter((f) => !before.has(f))).toEqual([]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 150_000);

test("only npm run cli moves to the caller's directory: a direct run or another script keeps its working directory", () => {
  const cwd = process.cwd();
  try {
    runFromCallersDirectory({ npm_lifecycle_event: "test", INIT_CWD: os.tmpdir() });
    expect(process.cwd()).toBe(cwd);
    runFromCallersDirectory({ INIT_CWD: os.tmpdir() });
    expect(process.cwd()).toBe(cwd);
    runFromCallersDirectory({ npm_lifecycle_event: "cli", INIT_CWD: os.tmpdir() });
    expect(process.cwd()).toBe(fs.realpathSync(os.tmpdir()));
  } finally {
    process.chdir(cwd);
  }
});
