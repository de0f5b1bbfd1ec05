/**
 * Hostile regions tables (地区表): cycles, a region that is its own parent, an alias on two regions, names given twice,
 * and 10,000 regions (a wide tree, a chain deeper than allowed, one cycle through all of them). Each problem is an issue
 * at its file, row and column saying what to do; nothing hangs; the good rows are kept.
 */
import { importCsvText } from "../../src/import/csv";
import type { ImportIssue } from "../../src/import/types";
import { buildHierarchy, MAX_REGION_DEPTH } from "../../src/core/region-hierarchy";
import { builtInDivisions } from "../briefing/seed-data";
import { note } from "../support/notes";

const FILE = "地区表.csv";
const read = (rows: string[]) =>
  importCsvText(["地区,上级地区,级别,别名", ...rows].join("\n") + "\n", {
    fileName: FILE,
    kind: "regions",
    divisions: builtInDivisions(),
  });
const where = (i: ImportIssue) => [i.file, i.row, i.column, i.severity];
/** Every message says what to do (改/删/加… in Chinese, a verb in English) and is the same in both languages' places. */
function actionable(i: ImportIssue): void {
  expect(i.message).toMatch(/请|改|删|加|去掉|合并|检查/);
  expect(i.message_en).toMatch(/\b(correct|remove|delete|add|give|fix|rename|check|merge|keep|choose|use)\b/i);
}

beforeAll(() => builtInDivisions()); // parse the divisions once, outside the timed parts

test("a cycle, a region that is its own parent, an alias on two regions, a name given twice: issues at file, row, column", () => {
  const r = read([
    "甲园区,西宁市,园区,甲园", //        row 2: good
    "乙园区,西宁市,园区,甲园", //        row 3: alias 甲园 already names 甲园区
    "丙,丙,,", //                         row 4: its own parent
    "丁,戊,,", //                         row 5: 丁 → 戊 → 丁
    "戊,丁,,", //                         row 6
    "甲园区,西宁市,园区,", //            row 7: 甲园区 again
    "己园区,甲园区,园区,", //            row 8: good, under a good row
  ]);
  expect(r.regions!.map((x) => x.name)).toEqual(["甲园区", "己园区"]);
  const errors = r.issues.filter((i) => i.severity === "error");
  expect(errors.map(where)).toEqual([
    [FILE, 3, "别名", "error"],
    [FILE, 4, "上级地区", "error"],
    [FILE, 5, "上级地区", "error"],
    [FILE, 6, "上级地区", "error"],
    [FILE, 7, "地区", "error"],
  ]);
  expect(errors[0].message).toContain("甲园");
  expect(errors[1].message).toContain("丙");
  expect(errors[2].message).toContain("丁 → 戊 → 丁");
  expect(errors[2].message_en).toMatch(/cycle/i);
  for (const i of errors) actionable(i);
  expect(r.summary).toMatchObject({ rows: 7, accepted: 2, rejected: 5 });
});

test("10,000 regions in a wide tree under 西宁市: accepted, imported and validated in seconds (limit 5 s on a loaded machine)", () => {
  const rows = ["示范区,西宁市,园区,"];
  for (let i = 1; i < 10_000; i++) rows.push(`园${i},${i < 100 ? "示范区" : `园${1 + (i % 99)}`},园区,别名${i}`);
  const t0 = performance.now();
  const r = read(rows);
  const ms = performance.now() - t0;
  expect(r.issues.filter((i) => i.severity === "error")).toEqual([]);
  expect(r.regions).toHaveLength(10_000);
  const t1 = performance.now();
  const h = buildHierarchy(builtInDivisions(), r.regions!);
  const buildMs = performance.now() - t1;
  expect(h.issues.filter((i) => i.severity === "error")).toEqual([]);
  // 园9999 lies under 园{1 + 9999 % 99} = 园1, under 示范区; its alias resolves to it
  expect(h.hierarchy.pathText(h.hierarchy.lookup("别名9999"))).toBe("青海省›西宁市›示范区›园1›园9999›");
  note(`10,000 regions: import and validation ${ms.toFixed(0)} ms, hierarchy ${buildMs.toFixed(0)} ms`);
  expect(ms).toBeLessThan(5_000);
});

test("10,000 regions in one chain: refused beyond the depth limit, row by row, no hang", () => {
  const rows = ["链0,,省,"];
  for (let i = 1; i < 10_000; i++) rows.push(`链${i},链${i - 1},,`);
  const t0 = performance.now();
  const r = read(rows);
  const ms = performance.now() - t0;
  const deep = r.issues.filter((i) => i.severity === "error");
  // the rows beyond the limit each get one issue (too deep, or under a row left out)
  expect(r.regions!.length).toBeLessThanOrEqual(MAX_REGION_DEPTH);
  expect(deep.length).toBe(10_000 - r.regions!.length);
  expect(deep[0]).toMatchObject({ file: FILE, row: r.regions!.length + 2, column: "上级地区" });
  actionable(deep[0]);
  note(`10,000-region chain: ${ms.toFixed(0)} ms`);
  expect(ms).toBeLessThan(5_000);
});

test("10,000 regions in one cycle: every row an issue naming the cycle (shortened), no hang", () => {
  const rows: string[] = [];
  for (let i = 0; i < 10_000; i++) rows.push(`环${i},环${(i + 1) % 10_000},,`);
  const t0 = performance.now();
  const r = read(rows);
  const ms = performance.now() - t0;
  expect(r.regions).toEqual([]);
  const errors = r.issues.filter((i) => i.severity === "error");
  expect(errors).toHaveLength(10_000);
  expect(errors.every((i) => i.column === "上级地区" && i.file === FILE)).toBe(true);
  expect(errors[0].message_en).toMatch(/cycle/i);
  // a message stays readable: the cycle is not spelled out 10,000 names long
  expect(Math.max(...errors.map((i) => i.message.length))).toBeLessThan(500);
  actionable(errors[0]);
  note(`10,000-region cycle: ${ms.toFixed(0)} ms`);
  expect(ms).toBeLessThan(5_000);
});

test("10,000 regions all sharing one alias, and the same name 10,000 times: one issue per row, no hang", () => {
  const shared: string[] = [];
  for (let i = 0; i < 10_000; i++) shared.push(`区${i},西宁市,园区,同名`);
  const t0 = performance.now();
  const a = read(shared);
  expect(a.regions).toHaveLength(1);
  expect(a.issues.filter((i) => i.severity === "error" && i.column === "别名")).toHaveLength(9_999);
  const same = read(Array.from({ length: 10_000 }, () => "重名区,西宁市,园区,"));
  expect(same.regions).toHaveLength(1);
  expect(same.issues.filter((i) => i.severity === "error" && i.column === "地区")).toHaveLength(9_999);
  const ms = performance.now() - t0;
  note(`10,000 shared aliases + 10,000 repeated names: ${ms.toFixed(0)} ms`);
  expect(ms).toBeLessThan(10_000);
});
