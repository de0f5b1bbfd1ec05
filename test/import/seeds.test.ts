import { readFileSync } from "node:fs";
import { join } from "node:path";
import { importBytes, loadSeeds } from "../../src/import";
import { METRICS } from "../../src/core/model";

describe("bundled seeds", () => {
  const seeds = loadSeeds();

  test.each(["ledger", "funds", "targets", "figures"] as const)("%s loads with zero issues", (k) => {
    const r = seeds[k];
    expect(r.kind).toBe(k);
    expect(r.issues).toEqual([]);
    expect(r.summary.rejected).toBe(0);
    expect(r.summary.accepted).toBe(r.summary.rows);
  });

  test("contents", () => {
    expect(seeds.ledger.records).toHaveLength(30);
    expect(seeds.funds.funds).toHaveLength(0);
    expect(seeds.targets.targets).toHaveLength(4);
    expect(seeds.figures.figures).toHaveLength(24);
    expect(seeds.ledger.records.find((r) => r.id === "QH-2024-001")).toMatchObject({
      planned_investment: 230,
      investor_origin: "重庆",
      stage: "开工",
    });
    expect(seeds.targets.targets.find((t) => t.region === "西宁开发区")).toMatchObject({
      year: 2025,
      metric: "signed_amount",
      value: 281,
    });
    const adopted = seeds.figures.figures.filter(
      (f) => f.region === "西宁开发区" && f.metric === "signed_amount" && f.year === 2025,
    );
    expect(adopted.map((f) => [f.value, f.status])).toEqual([
      [245, "采用"],
      [207, "备选"],
    ]);
    for (const f of seeds.figures.figures) expect(METRICS).toContain(f.metric);
    // 青洽会 figures have no month (not year-to-date): through_month 0, always with a scope.
    for (const f of seeds.figures.figures.filter((x) => x.through_month === 0)) expect(f.scope).toBeTruthy();
    // 公布完成率 / 公布同比 are kept as extras, nothing dropped.
    expect(seeds.figures.extras?.find((e) => e.row === 3)?.values).toEqual({ 公布完成率: "87%" });
  });

  test("the same files through importBytes with kind auto give the same results", async () => {
    for (const [file, k] of [
      ["projects", "ledger"],
      ["funds", "funds"],
      ["targets", "targets"],
      ["figures", "figures"],
    ] as const) {
      const bytes = new Uint8Array(readFileSync(join(__dirname, "../../seeds", `${file}.csv`)));
      const r = await importBytes(bytes, { fileName: `seeds/${file}.csv` });
      expect(r).toEqual(seeds[k]);
    }
  });
});
