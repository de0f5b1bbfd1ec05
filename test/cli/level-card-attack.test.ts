/**
 * The attack's repros on the command line (issue 13, classes D2–D4), with the files written as the attacker wrote
 * them: duplicate targets/figures under an alias and the canonical name are rejected (validate exits 1, brief exits
 * 3 and the card does not add them up); 合计 gets no target when 青海省本级 has an actual and no target; --only
 * resolves short names through the regions table.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main";

const ROOT = join(__dirname, "..", "..");
const REGIONS = join(ROOT, "seeds", "regions.csv");

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

const dir = mkdtempSync(join(tmpdir(), "attack13-"));
const file = (name: string, lines: string[]) => {
  const p = join(dir, name);
  writeFileSync(p, lines.join("\n") + "\n");
  return p;
};
const L10 = file("l10.csv", [
  "项目编号,项目名称,所属地区,签约日期,签约金额(亿元)",
  "K1,k1,西宁市,2025-02-01,10",
  "K2,k2,海西州,2025-02-01,10",
  "K3,k3,青海省,2025-02-01,100",
]);
const T10 = file("t10.csv", [
  "年份,所属地区,指标,目标值,单位",
  "2025,西宁市,签约金额,40,亿元",
  "2025,海西州,签约金额,40,亿元",
]);
const T11 = file("t11.csv", [
  "年份,所属地区,指标,目标值,单位",
  "2025,西宁,签约金额,40,亿元",
  "2025,西宁市,签约金额,50,亿元",
  "2025,海西蒙古族藏族自治州,签约金额,7,亿元",
  "2025,海西州,签约金额,8,亿元",
]);
const F11 = file("f11.csv", [
  "年份,截至月份,所属地区,指标,口径,数值,单位,公布完成率,公布同比,状态",
  "2025,3,西宁,签约金额,,100,亿元,,,采用",
  "2025,3,西宁市,签约金额,,200,亿元,,,采用",
  "2025,3,西宁开发区,签约金额,,245,亿元,,,采用",
  "2025,3,西宁国家级经济技术开发区,签约金额,,300,亿元,,,采用",
]);

type Row = {
  region: string;
  metric: string;
  label: string;
  role?: string;
  actual: number | null;
  target: number | null;
  completion_rate: number | null;
};
/** The signed-amount rows of brief's JSON (one flat list, 合计 last in each metric). */
const signedAmount = (out: string) => {
  const rows = (JSON.parse(out).rows as Row[]).filter((r) => r.metric === "signed_amount");
  return { rows: rows.filter((r) => r.region !== "合计"), total: rows.find((r) => r.region === "合计")! };
};

describe("the attack's repros (issue 13)", () => {
  test("D2: validate rejects a target or figure given again under another name of the same region", async () => {
    for (const [f, kind] of [
      [T11, "targets"],
      [F11, "figures"],
    ]) {
      const r = await run("validate", f, "--kind", kind, "--regions", REGIONS, "--json");
      expect(r.code).toBe(1);
      const j = JSON.parse(r.out);
      expect(j.summary).toMatchObject({ rows: 4, accepted: 2, rejected: 2 });
      expect(
        j.issues
          .filter((i: { severity: string }) => i.severity === "error")
          .map((i: { row: number; column: string }) => [i.row, i.column]),
      ).toEqual([
        [3, "所属地区"],
        [5, "所属地区"],
      ]);
      // Without --json (keep none) the same.
      expect((await run("validate", f, "--kind", kind, "--regions", REGIONS)).code).toBe(1);
    }
  });

  test("D2: brief keeps the first of each and says rows were rejected (exit 3)", async () => {
    const r = await run(
      "brief",
      "--period",
      "2025Q1",
      "--ledger",
      L10,
      "--targets",
      T11,
      "--figures",
      F11,
      "--regions",
      REGIONS,
      "--within",
      "青海省",
      "--level",
      "市州",
    );
    expect(r.code).toBe(3);
    const t = signedAmount(r.out);
    const xining = t.rows.find((x) => x.label === "西宁市")!;
    expect([xining.target, xining.actual]).toEqual([40, 100]);
    expect(t.rows.find((x) => x.label === "其中：西宁开发区")!.actual).toBe(245);
    expect(r.err).toContain("第3行");
  });

  test("D3: 合计 has no target when 青海省本级 has an actual and no target (not 80 against 120 = 150%)", async () => {
    const r = await run(
      "brief",
      "--period",
      "2025Q1",
      "--ledger",
      L10,
      "--targets",
      T10,
      "--within",
      "青海省",
      "--level",
      "市州",
    );
    expect(r.code).toBe(0);
    const t = signedAmount(r.out);
    expect(t.total.actual).toBe(120);
    expect(t.total.target).toBeNull();
    expect(t.total.completion_rate).toBeNull();
    expect(r.err).toContain("青海省本级");
    const md = await run(
      "brief",
      "--period",
      "2025Q1",
      "--ledger",
      L10,
      "--targets",
      T10,
      "--within",
      "青海省",
      "--level",
      "市州",
      "--format",
      "md",
    );
    expect(md.out).not.toContain("150");
  });

  test("D4: --only resolves short names and aliases, merges repeats, reports unknown names", async () => {
    const r = await run(
      "brief",
      "--period",
      "2025Q1",
      "--ledger",
      L10,
      "--targets",
      T10,
      "--regions",
      REGIONS,
      "--only",
      "西宁,西宁市,西宁开发区,海西,无此地",
    );
    expect(r.code).toBe(0);
    const t = signedAmount(r.out);
    expect(t.rows.map((x) => [x.actual, x.target])).toEqual([
      [10, 40],
      [null, null],
      [10, 40],
      [null, null],
    ]);
    expect(t.rows[3].region).toBe("无此地");
    expect(r.err).toContain("无此地");
  });
});
