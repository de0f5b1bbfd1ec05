/**
 * Class 10 (issue 12): `brief` no longer hides problems. Whatever input file holds them, the rows it rejected and the
 * warnings that change what is counted are printed, listed in the JSON ("import") and the Markdown, and the exit code
 * says that rows were left out (3, documented in --help and docs/briefing.md); an unreadable file is exit 2 with its message.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BRIEF_EXIT, BRIEF_USAGE, briefCommand } from "../../src/cli/brief";
import type { BriefingJson } from "../../src/briefing/output";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "brief-cli-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const CLEAN = {
  ledger:
    "项目编号,项目名称,所属地区,签约日期,签约金额（亿元）\nP-1,光伏,西宁市,2025-02-01,10\nP-2,储能,西宁市,2025-03-01,5\n",
  targets: "年份,所属地区,指标,目标值\n2025,西宁市,签约金额,100\n",
  funds: "项目编号,所属地区,到位日期,到位金额（亿元）\nP-1,西宁市,2025-02-10,3\n",
  figures: "年份,截至月份,所属地区,指标,数值\n2024,3,西宁市,签约金额,1\n",
};
/** Per file: one rejected row (error) and one row whose warning changes the numbers. */
const DIRTY: Record<keyof typeof CLEAN, string> = {
  ledger: CLEAN.ledger + "P-3,缺地区,,2025-02-01,1\nP-4,坏日期,西宁市,2025-02-30,7\n合计,,,,23\n",
  targets: CLEAN.targets + "2025,西宁市,签约金额,100\n合计,,,100\n",
  funds: CLEAN.funds + "P-2,西宁市,,2\nP-1,西宁市,2025-02-10,3\n",
  figures: CLEAN.figures + "2025,3,西宁市,签约项目数,1.5\n合计,,,,1\n",
};

function files(dirty?: keyof typeof CLEAN): string[] {
  return (Object.keys(CLEAN) as (keyof typeof CLEAN)[]).flatMap((k) => {
    const file = path.join(dir, `${k}${dirty === k ? "-dirty" : ""}.csv`);
    fs.writeFileSync(file, dirty === k ? DIRTY[k] : CLEAN[k]);
    return [`--${k}`, file];
  });
}

async function run(args: string[]) {
  let out = "";
  let err = "";
  const code = await briefCommand(args, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

test("clean inputs: exit 0, every file in the JSON's import report with no issue", async () => {
  const r = await run([...files(), "--period", "2025Q1"]);
  expect(r.code).toBe(BRIEF_EXIT.ok);
  const json = JSON.parse(r.out) as BriefingJson;
  expect(json.import!.map((f) => [f.kind, f.summary.rejected, f.issues.length])).toEqual([
    ["ledger", 0, 0],
    ["targets", 0, 0],
    ["funds", 0, 0],
    ["figures", 0, 0],
  ]);
});

describe.each(Object.keys(CLEAN) as (keyof typeof CLEAN)[])("a problem in the %s file", (kind) => {
  test.each(["json", "md", "xlsx"])("--format %s: printed, reported, exit 3", async (format) => {
    const out = path.join(dir, `out-${kind}.${format}`);
    const r = await run([...files(kind), "--period", "2025Q1", "--format", format, "--out", out]);
    expect(r.code).toBe(BRIEF_EXIT.rowsRejected);
    // Standard error: the rejected row and the warnings, with row numbers, in both languages.
    expect(r.err).toContain("未导入的行 / rejected rows");
    expect(r.err).toContain("提醒 / warnings");
    expect(r.err).toMatch(/第\d+行 row \d+/);
    expect(r.err).toContain("exit code 3");
    if (format === "json") {
      const json = JSON.parse(fs.readFileSync(out, "utf8")) as BriefingJson;
      const report = json.import!.find((f) => f.kind === kind)!;
      expect(report.summary.rejected).toBeGreaterThan(0);
      expect(report.issues.some((i) => i.severity === "error")).toBe(true);
      expect(report.issues.some((i) => i.severity === "warning")).toBe(true);
      expect(report.issues.every((i) => i.row > 0 && i.message && i.message_en)).toBe(true);
    }
    if (format === "md") {
      const md = fs.readFileSync(out, "utf8");
      expect(md).toContain("## 导入问题");
      expect(md).toMatch(/未导入 [1-9]/);
    }
    if (format === "xlsx") expect(fs.statSync(out).size).toBeGreaterThan(1000);
  });
});

test("a skipped total row and an unreadable date are printed even without rejected rows", async () => {
  const ledger = path.join(dir, "warn.csv");
  fs.writeFileSync(ledger, `${CLEAN.ledger}P-4,坏日期,西宁市,2025-02-30,7\n合计,,,,22\n`);
  const args = files();
  args[1] = ledger;
  const r = await run([...args, "--period", "2025Q1"]);
  expect(r.code).toBe(BRIEF_EXIT.ok);
  expect(r.err).toContain("第5行 row 5");
  expect(r.err).toContain("合计行");
  expect(r.err).toContain("不是可识别的日期");
});

test("an unreadable input is exit 2 with the importer's message; --help documents the exit codes", async () => {
  const bad = path.join(dir, "bad.csv");
  fs.writeFileSync(bad, "会议纪要\n今天讨论了招商工作。\n");
  const args = files();
  args[1] = bad;
  const r = await run([...args, "--period", "2025Q1"]);
  expect(r.code).toBe(2);
  expect(r.err).toContain("找不到表头行");
  expect(BRIEF_USAGE).toContain("3 已输出，但有行未导入");
});
