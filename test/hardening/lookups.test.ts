/**
 * Class 5 (issue 12): wherever input meets a lookup table, a key that Object.prototype answers to ("constructor",
 * "__proto__", "toString"…) is just an unknown word: never Object's function, never a crash, never a lost column.
 * Every prototype key goes into every lookup-backed field, into a column title, into a user mapping, into the
 * builder's metric list and into a metric cell of the sheet writer.
 */
import Papa from "papaparse";
import { importBytes } from "../../src/import";
import { buildBriefing, BriefingError } from "../../src/briefing/build";
import { textCell, toCell } from "../../src/excel/values";
import { FIGURES } from "../../src/core/columns";
import { LOOKUP_FIELDS, PROTOTYPE_KEYS } from "./corpus";

const ROWS: Record<string, Record<string, string>> = {
  ledger: {
    项目编号: "P-1",
    项目名称: "光伏项目",
    所属地区: "西宁市",
    签约日期: "2025-02-19",
    "签约金额（亿元）": "1.5",
    项目阶段: "签约",
    企业类型: "其他",
  },
  funds: { 项目编号: "P-1", 到位日期: "2025-02-19", "到位金额（亿元）": "1", 省外资金: "是" },
  targets: { 年份: "2025", 所属地区: "西宁市", 指标: "签约金额", 目标值: "10", 单位: "亿元" },
  figures: { 年份: "2025", 截至月份: "3", 所属地区: "西宁市", 指标: "签约金额", 数值: "2", 状态: "采用" },
};

const csv = (rows: Record<string, string>[]) => new TextEncoder().encode(Papa.unparse(rows));

/** No value anywhere in a result is a function or a non-plain object. */
function everyValuePlain(value: unknown, path = "result"): string[] {
  if (typeof value === "function") return [path];
  if (value === null || typeof value !== "object") return [];
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== Array.prototype && proto !== null)
    return [`${path} (prototype ${String(proto?.constructor?.name)})`];
  return Object.keys(value).flatMap((k) => everyValuePlain((value as Record<string, unknown>)[k], `${path}.${k}`));
}

describe.each(LOOKUP_FIELDS)("$kind «$column»", ({ kind, column }) => {
  test.each(PROTOTYPE_KEYS)("holding %j is an unknown word, reported at its row and column", async (key) => {
    const good = ROWS[kind];
    const bad = { ...good, [column]: key };
    if (kind === "ledger") bad.项目编号 = "P-2";
    const r = await importBytes(csv([good, bad]), { fileName: `${kind}.csv`, kind });
    expect(everyValuePlain(r)).toEqual([]);
    expect(r.summary.rows).toBe(2);
    const issue = r.issues.find(
      (i) => i.row === 3 && i.column !== null && (i.column === column || i.column.startsWith(column)),
    );
    expect(issue).toBeDefined();
    // Accepted with the field left blank (an optional field), or rejected (required): never the prototype's value.
    expect(r.summary.accepted + r.summary.rejected).toBe(2);
    expect(JSON.stringify(r)).not.toContain("native code");
  });
});

test.each(PROTOTYPE_KEYS)("a column titled %j keeps its cells (extras) and its mapping entry", async (key) => {
  const rows = [{ ...ROWS.ledger, [key]: "附加内容" }];
  const r = await importBytes(csv(rows), { fileName: "ledger.csv", kind: "ledger" });
  expect(r.summary).toEqual({ rows: 1, accepted: 1, rejected: 0, skipped: 0 });
  expect(Object.prototype.hasOwnProperty.call(r.mapping, key)).toBe(true);
  expect(r.mapping[key]).toBeNull();
  expect(Object.getPrototypeOf(r.mapping)).toBe(Object.prototype);
  expect(Object.prototype.hasOwnProperty.call(r.extras![0].values, key)).toBe(true);
  expect(Object.getOwnPropertyDescriptor(r.extras![0].values, key)!.value).toBe("附加内容");
  expect(JSON.parse(JSON.stringify(r.extras![0].values))).toEqual(JSON.parse(`{${JSON.stringify(key)}:"附加内容"}`));
});

test.each(PROTOTYPE_KEYS)("a user mapping keyed %j maps that column", async (key) => {
  const { 项目名称: name, ...rest } = ROWS.ledger;
  const rows = [{ ...rest, [key]: name }];
  const mapping = JSON.parse(`{${JSON.stringify(key)}:"name"}`);
  const r = await importBytes(csv(rows), { fileName: "ledger.csv", kind: "ledger", mapping });
  expect(r.summary).toEqual({ rows: 1, accepted: 1, rejected: 0, skipped: 0 });
  expect(r.records[0].name).toBe(name);
});

test.each(PROTOTYPE_KEYS)(
  "the builder refuses the metric %j with a message, and the writer writes it as text",
  (key) => {
    expect(() => buildBriefing({ records: [] }, { period: "2025Q1", metrics: [key as never] })).toThrow(BriefingError);
    const metricCol = FIGURES.columns.find((c) => c.field === "metric")!;
    expect(toCell(metricCol, key)).toEqual({ cell: textCell(key) });
  },
);
