import { importBytes } from "../../src/import";
import { fixture, utf8 } from "./helpers";

describe("JSON sources", () => {
  test("array of objects with Chinese and English keys; a non-object item is rejected by index", async () => {
    const r = await importBytes(fixture("ledger-array.json"), { fileName: "ledger-array.json" });
    expect(r.records.map((x) => [x.id, x.name, x.region, x.signed_amount, x.signed_date, x.stage])).toEqual([
      ["J-1", "JSON项目", "西宁市", 0.35, "2025-02-19", "签约"],
      ["J-2", "英文键项目", "海东市", 1.5, "2025-03", "开工"],
    ]);
    expect(r.summary).toEqual({ rows: 3, accepted: 2, rejected: 1, skipped: 0 });
    expect(r.issues.map((i) => [i.row, i.column, i.severity])).toEqual([
      [0, "out_of_model", "warning"],
      [3, null, "error"],
    ]);
    expect(r.extras).toEqual([{ kind: "ledger", index: 1, row: 2, values: { out_of_model: "x" } }]);
  });

  test("{records: [...]}", async () => {
    const r = await importBytes(fixture("ledger-records.json"), { fileName: "ledger-records.json" });
    expect(r.issues).toEqual([]);
    expect(r.records.map((x) => [x.name, x.signed_amount])).toEqual([
      ["记录一", 2.5],
      ["记录二", null],
    ]);
  });

  test("a bundle with records, funds, targets and figures arrays", async () => {
    const r = await importBytes(fixture("bundle.json"), { fileName: "bundle.json" });
    expect(r.issues).toEqual([]);
    expect(r.summary).toEqual({ rows: 4, accepted: 4, rejected: 0, skipped: 0 });
    expect(r.records[0]).toMatchObject({ id: "B-1", signed_amount: 2 });
    expect(r.funds).toEqual([
      { project: "B-1", region: null, date: "2025-03-01", amount: 0.5, out_of_province: true, source: null },
    ]);
    expect(r.targets).toEqual([{ year: 2025, region: "西宁市", metric: "signed_amount", value: 10, source: null }]);
    expect(r.figures).toEqual([
      {
        year: 2025,
        through_month: 3,
        region: "西宁市",
        metric: "signed_projects",
        value: 4,
        scope: null,
        status: "采用",
        source: null,
      },
    ]);
    const onlyFunds = await importBytes(fixture("bundle.json"), { fileName: "bundle.json", kind: "funds" });
    expect(onlyFunds.records).toEqual([]);
    expect(onlyFunds.funds).toHaveLength(1);
  });

  test("array of arrays is a table; JSON detected by content when the name says nothing", async () => {
    const r = await importBytes(utf8(JSON.stringify([["标题"], ["项目名称", "所属地区"], ["甲", "西宁市"]])), {
      fileName: "data",
    });
    expect(r.records.map((x) => x.name)).toEqual(["甲"]);
  });

  test("bad JSON and wrong shapes are ImportErrors", async () => {
    await expect(importBytes(utf8("[{"), { fileName: "x.json" })).rejects.toMatchObject({ code: "BAD_JSON" });
    await expect(importBytes(utf8('{"a": 1}'), { fileName: "x.json" })).rejects.toMatchObject({ code: "BAD_JSON" });
    await expect(importBytes(utf8("   "), { fileName: "x.json" })).rejects.toMatchObject({ code: "EMPTY" });
    const empty = await importBytes(utf8("[]"), { fileName: "x.json" });
    expect(empty.summary).toEqual({ rows: 0, accepted: 0, rejected: 0, skipped: 0 });
  });

  test("JSON in GBK", async () => {
    const { encodeGbk } = await import("./helpers");
    const r = await importBytes(encodeGbk('[{"项目名称":"甲","所属地区":"西宁市"}]'), { fileName: "g.json" });
    expect(r.records[0].name).toBe("甲");
  });
});
