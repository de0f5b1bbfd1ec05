import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { COMMANDS, main } from "../../src/cli/main";
import { xlsxBytes } from "../import/helpers";

const ROOT = join(__dirname, "..", "..");
const FIX = join(ROOT, "test", "fixtures", "import");

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(
    argv,
    (s) => (out += s),
    (s) => (err += s),
  );
  return { code, out, err };
}

describe("cli validate", () => {
  const REGIONS = ["--regions", join(ROOT, "seeds", "regions.csv")];

  test("seeds: exit 0, exactly one JSON object with the documented keys", async () => {
    const { code, out } = await run("validate", join(ROOT, "seeds", "projects.csv"), "--json", ...REGIONS);
    expect(code).toBe(0);
    expect(out.trim().split("\n")).toHaveLength(1);
    const j = JSON.parse(out);
    expect(Object.keys(j)).toEqual(["records", "funds", "targets", "figures", "issues", "summary"]);
    expect(j.summary).toEqual({ rows: 30, accepted: 30, rejected: 0, skipped: 0 });
    expect(j.records[0].id).toBe("QH-2025-001");
    expect(j.issues).toEqual([]);
    // Names are resolved as the add-in resolves them: each record carries its 地区路径 (park refining the region).
    expect(j.records[0].region_path).toBe("青海省›西宁市›西宁开发区›南川工业园区›");
  });

  test("regions: without the regions table 西宁开发区 is unknown (a warning, kept); aliases fold to canonical names", async () => {
    const alone = JSON.parse((await run("validate", join(ROOT, "seeds", "projects.csv"), "--json")).out);
    expect(alone.summary.rejected).toBe(0);
    expect(alone.issues).toEqual([expect.objectContaining({ row: 2, column: "所属地区", severity: "warning" })]);
    expect(alone.issues[0].message).toContain("西宁开发区");
    const dir = mkdtempSync(join(tmpdir(), "cli-"));
    const file = join(dir, "aliases.csv");
    writeFileSync(file, "项目名称,所属地区\n甲,西宁\n乙,海西蒙古族藏族自治州\n丙,海南\n丁,兰洲市\n");
    const r = JSON.parse((await run("validate", file, "--json")).out);
    expect(r.records.map((x: { region: string }) => x.region)).toEqual(["西宁市", "海西州", "海南州", "兰洲市"]);
    const text = r.issues.map((i: { message: string }) => i.message).join("\n");
    expect(text).toContain("西宁 是 西宁市 的别名或简称");
    expect(text).toContain("判断为 海南州 导入");
    expect(text).toContain("是不是 兰州市");
  });

  test("validate --kind regions: cycles, a region its own parent, an alias on two regions, unknown parents, at their rows", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cli-"));
    const file = join(dir, "regions.csv");
    writeFileSync(
      file,
      "地区,上级地区,级别,别名\n甲园区,西宁,园区,乙\n乙园区,甲园区,,乙\n丙,丙,,\n丁,戊,,\n戊,丁,,\n己区,不存在市,,\n",
    );
    const { code, out } = await run("validate", file, "--kind", "regions", "--json");
    expect(code).toBe(1);
    const j = JSON.parse(out);
    expect(j.regions.map((x: { name: string }) => x.name)).toEqual(["甲园区"]);
    expect(
      j.issues.map((i: { row: number; column: string; severity: string }) => [i.row, i.column, i.severity]),
    ).toEqual([
      [3, "别名", "error"],
      [4, "上级地区", "error"],
      [5, "上级地区", "error"],
      [6, "上级地区", "error"],
      [7, "上级地区", "error"],
    ]);
    expect(j.issues[2].message).toContain("丁 → 戊 → 丁");
    expect(j.issues[2].message_en).toContain("cycle");
  });

  test("figures and targets: amounts in 亿元, dates as text", async () => {
    const f = JSON.parse((await run("validate", join(ROOT, "seeds", "figures.csv"), "--json")).out);
    expect(f.figures.find((x: { value: number }) => x.value === 357.5)).toMatchObject({
      year: 2024,
      through_month: 3,
      region: "西宁市",
      metric: "signed_amount",
    });
    const t = JSON.parse((await run("validate", join(FIX, "ledger-tab.tsv"), "--json")).out);
    expect(t.records[0]).toMatchObject({ signed_amount: 3.5, signed_date: "2025-02-19" });
    expect(t.records[1]).toMatchObject({ signed_date: "2025-02" });
  });

  test("rejected rows: exit 1; issues carry row, column, zh and en messages, severity", async () => {
    const { code, out } = await run("validate", join(FIX, "ledger-duplicates.csv"), "--json");
    expect(code).toBe(1);
    const j = JSON.parse(out);
    expect(j.summary).toEqual({ rows: 4, accepted: 2, rejected: 2, skipped: 0 });
    expect(Object.keys(j.issues[0])).toEqual(["row", "column", "message", "message_en", "severity"]);
    expect(j.issues[0]).toMatchObject({ row: 4, column: "项目编号", severity: "error" });
  });

  test("warnings only: exit 0", async () => {
    expect((await run("validate", join(FIX, "ledger-cell-units.csv"))).code).toBe(0);
  });

  test("readable report in Chinese with English", async () => {
    const { code, out } = await run("validate", join(FIX, "ledger-blank-cells.csv"));
    expect(code).toBe(1);
    expect(out).toContain("数据行 5，已导入 3，未导入 2");
    expect(out).toContain("Rows 5, accepted 3, rejected 2");
    expect(out).toContain("第 3 行「项目名称」");
    expect(out).toContain("row rejected");
  });

  test("file cannot be read: exit 2 (missing, not a table, bad usage), with --json one error object", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cli-"));
    const junk = join(dir, "junk.bin");
    writeFileSync(junk, Buffer.from([0, 1, 2, 3, 255, 0, 7]));
    const notTable = join(dir, "notes.txt");
    writeFileSync(notTable, "会议纪要\n今天讨论了招商工作。\n");
    for (const args of [
      ["validate", join(dir, "missing.csv")],
      ["validate", junk],
      ["validate", notTable],
      ["validate", dir],
      ["validate"],
      ["validate", "a", "b"],
      ["validate", notTable, "--kind", "bogus"],
      ["validate", "--bogus"],
    ]) {
      const r = await run(...args);
      expect([args.join(" "), r.code]).toEqual([args.join(" "), 2]);
      expect(r.err).toMatch(/[\u4e00-\u9fff]/);
    }
    const j = await run("validate", junk, "--json");
    expect(j.code).toBe(2);
    expect(JSON.parse(j.out).error).toMatchObject({ code: "NOT_TEXT" });
  });

  test("--sheet and --kind", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cli-"));
    const file = join(dir, "book.xlsx");
    writeFileSync(
      file,
      await xlsxBytes((wb) => {
        wb.addWorksheet("封面").getCell("A1").value = "封面";
        const ws = wb.addWorksheet("目标");
        ws.addRow(["年份", "所属地区", "指标", "目标值"]);
        ws.addRow([2025, "西宁市", "签约金额", 350]);
      }),
    );
    expect((await run("validate", file, "--json")).code).toBe(2);
    const r = await run("validate", file, "--sheet", "目标", "--kind", "targets", "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).targets).toEqual([
      { year: 2025, region: "西宁市", metric: "signed_amount", value: 350, source: null },
    ]);
  });

  test("--map applies a column mapping", async () => {
    const file = join(FIX, "ledger-custom-headers.csv");
    expect((await run("validate", file)).code).toBe(2);
    const r = await run(
      "validate",
      file,
      "--map",
      "工程=name",
      "--map",
      "片区=region",
      "--map",
      "合同额（万元）=signed_amount",
      "--map",
      "谈判进度=stage",
      "--map",
      "自定义备注=",
      "--json",
    );
    expect(r.code).toBe(0);
    expect(
      JSON.parse(r.out).records.map((x: { name: string; signed_amount: number }) => [x.name, x.signed_amount]),
    ).toEqual([
      ["甲工程", 0.5],
      ["乙工程", 0.01],
    ]);
    expect((await run("validate", file, "--map", "nonsense")).code).toBe(2);
  });

  test("--json output reads back in with the same records", async () => {
    const first = await run("validate", join(ROOT, "seeds", "projects.csv"), "--json", ...REGIONS);
    const dir = mkdtempSync(join(tmpdir(), "cli-"));
    const file = join(dir, "out.json");
    writeFileSync(file, first.out);
    const again = await run("validate", file, "--json", ...REGIONS);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out).records).toEqual(JSON.parse(first.out).records);
  });

  test("figures and targets --json read back in too (through_month 0 = no month)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cli-"));
    for (const seed of ["figures", "targets"]) {
      const first = await run("validate", join(ROOT, "seeds", `${seed}.csv`), "--json", ...REGIONS);
      const file = join(dir, `${seed}.json`);
      writeFileSync(file, first.out);
      const again = await run("validate", file, "--json", ...REGIONS);
      expect(again.code).toBe(0);
      expect(JSON.parse(again.out)[seed]).toEqual(JSON.parse(first.out)[seed]);
      expect(JSON.parse(again.out).issues).toEqual([]);
    }
  });

  test("command table, help and unknown commands", async () => {
    expect(Object.keys(COMMANDS)).toContain("validate");
    expect((await run()).code).toBe(2);
    const help = await run("help");
    expect(help.code).toBe(0);
    expect(help.out).toContain("validate");
    expect((await run("nope")).code).toBe(2);
    const vh = await run("validate", "--help");
    expect(vh.code).toBe(0);
    expect(vh.out).toContain("退出码");
  });

  test("as a process (npm run cli): exit codes and stdout", () => {
    const cli = (args: string[]) =>
      spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "src/cli/main.ts"), ...args], {
        cwd: ROOT,
        encoding: "utf8",
      });
    const ok = cli(["validate", "seeds/targets.csv", "--json"]);
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).summary).toEqual({ rows: 4, accepted: 4, rejected: 0, skipped: 0 });
    expect(cli(["validate", join(FIX, "funds.csv")]).status).toBe(1);
    expect(cli(["validate", "does-not-exist.csv"]).status).toBe(2);
  });
});

describe("cli seeds", () => {
  test("loadSeedsFromDisk equals the bundled loadSeeds", async () => {
    const { loadSeedsFromDisk } = await import("../../src/cli/seeds");
    const { loadSeeds } = await import("../../src/import");
    expect(loadSeedsFromDisk()).toEqual(loadSeeds());
  });
});
