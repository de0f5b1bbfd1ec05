/**
 * The published figures of the seed reports, reproduced from their inputs (seeds/figures.csv, seeds/targets.csv) by
 * the INVEST.* functions — called directly and as formulas in a workbook. "Compute, never copy": where a report
 * printed a wrong growth (29.6%), the computed 29.17% is what we reproduce.
 */
import fs from "fs";
import path from "path";
import Papa from "papaparse";
import { completionRate, paceGap, paceStatus, yoyGrowth } from "../../src/functions/functions";
import { formatPercent } from "../../src/core/format";
import { investSheet } from "../../packages/test-support/src/invest-functions";

type Row = Record<string, string>;
const read = (file: string): Row[] =>
  Papa.parse<Row>(fs.readFileSync(path.join(__dirname, "../../seeds", file), "utf8"), {
    header: true,
    skipEmptyLines: true,
  }).data;

const figures = read("figures.csv");
const targets = read("targets.csv");

/** Figures with a published completion rate, and the target (derived in targets.csv) for the same year, region, metric. */
const rated = figures
  .filter((f) => f["公布完成率"])
  .map((f) => {
    const t = targets.find(
      (x) => x["年份"] === f["年份"] && x["所属地区"] === f["所属地区"] && x["指标"] === f["指标"],
    );
    return {
      region: f["所属地区"],
      year: f["年份"],
      metric: f["指标"],
      actual: Number(f["数值"]),
      target: Number(t?.["目标值"]),
      published: f["公布完成率"],
    };
  });

/** Display the computed fraction with as many decimals as the report printed. */
const asPublished = (fraction: number, published: string) =>
  formatPercent(fraction, (published.split(".")[1] ?? "%").length - 1);

test("the seeds hold the five published completion rates, each with its target", () => {
  expect(rated.map((r) => `${r.actual}/${r.target}→${r.published}`).sort()).toEqual([
    "207/281→74%",
    "245/281→87%",
    "357.5/350→102.14%",
    "36.9/244→15.12%",
    "568/500→113.6%",
  ]);
});

describe.each(rated)("$year $region $metric: $actual / $target → $published", ({ actual, target, published }) => {
  test("COMPLETION_RATE directly", () => {
    const rate = completionRate([[actual]], [[target]])[0][0] as number;
    expect(asPublished(rate, published)).toBe(published);
  });

  test("=INVEST.COMPLETION_RATE in a workbook", async () => {
    const s = await investSheet();
    s.set("A1", [[actual, target, "=INVEST.COMPLETION_RATE(A1,B1)"]]);
    expect(asPublished(s.get("C1"), published)).toBe(published);
  });
});

test("the exact values behind the rounded ones", () => {
  expect(formatPercent(completionRate([[357.5]], [[350]])[0][0] as number)).toBe("102.14%");
  expect(formatPercent(completionRate([[568]], [[500]])[0][0] as number)).toBe("113.6%");
  expect(formatPercent(completionRate([[36.9]], [[244]])[0][0] as number)).toBe("15.12%");
  expect(formatPercent(completionRate([[245]], [[281]])[0][0] as number)).toBe("87.19%");
  expect(formatPercent(completionRate([[207]], [[281]])[0][0] as number)).toBe("73.67%");
});

test("Lanzhou industrial projects: 186 against 144 is +29.17% (the report printed 29.6%, which no input gives)", async () => {
  const now = figures.find((f) => f["所属地区"] === "兰州市" && f["年份"] === "2024" && f["公布同比"])!;
  const before = figures.find((f) => f["所属地区"] === "兰州市" && f["年份"] === "2023" && f["指标"] === now["指标"])!;
  const [current, prior] = [Number(now["数值"]), Number(before["数值"])];
  expect([current, prior, now["公布同比"]]).toEqual([186, 144, "29.6%"]);
  const growth = yoyGrowth([[current]], [[prior]])[0][0] as number;
  expect(formatPercent(growth)).toBe("29.17%");
  expect(formatPercent(growth, 1)).not.toBe(now["公布同比"]);
  const s = await investSheet();
  s.set("A1", [[current, prior, "=INVEST.YOY_GROWTH(A1,B1)"]]);
  expect(formatPercent(s.get("C1"))).toBe("29.17%");
});

test("Xining development zone, Q1 2025: 87% done at 25% time progress is 62.19 points ahead (超序时)", () => {
  expect(paceGap([[245]], [[281]], [["2025-03-31"]])[0][0]).toBeCloseTo(62.1886, 3);
  expect(paceStatus([[245]], [[281]], [["2025-03-31"]])[0][0]).toBe("超序时");
  // Xining city, Q1 2024, out-of-province funds: 15.12% at 25% is 9.88 points behind — still 正常 at the default tolerance.
  expect(paceGap([[36.9]], [[244]], [["2024-03-31"]])[0][0]).toBeCloseTo(-9.877, 3);
  expect(paceStatus([[36.9]], [[244]], [["2024-03-31"]])[0][0]).toBe("正常");
});
