/** Pure parts of the sheet writer: value conversion, text protection, chunking, merge planning. */
import fc from "fast-check";
import { FIGURES, FUNDS, LEDGER } from "../../src/core/columns";
import { planMerge } from "../../src/excel/merge";
import {
  chunkRows,
  dateCell,
  isInertText,
  rowBytes,
  storedValue,
  textCell,
  toCell,
  utf8Bytes,
} from "../../src/excel/values";
import { writeDataset } from "../../src/excel/sheets";
import { createSimulatedExcel } from "../../packages/excel-sim/src";
import { makeRecord, resultOf, tableObjects } from "./helpers";

test("text that is not provably inert gets the apostrophe prefix; inert text does not (test/hardening has the class)", () => {
  for (const s of [
    "=1+1",
    "+86",
    "-x",
    "@SUM(A1)",
    "'q",
    "0012",
    "1.5",
    "12%",
    "2025-03-01",
    "3/4",
    "TRUE",
    "false",
    "#N/A",
    "1,234",
    "12:30",
    "QH-2025-001",
    "中国500强",
  ]) {
    expect([s, isInertText(s)]).toEqual([s, false]);
    expect(textCell(s)).toBe(`'${s}`);
    expect(storedValue(textCell(s))).toBe(s);
  }
  for (const s of ["西宁开发区", "a=b", "Total", ""]) expect([s, isInertText(s), textCell(s)]).toEqual([s, true, s]);
});

test("dates: full dates as serials, months as the 1st with yyyy-mm; amounts, booleans, metrics", () => {
  expect(dateCell("2025-02-19")).toEqual({ value: 45707, format: "yyyy-mm-dd" });
  expect(dateCell("2025-03")).toEqual({ value: 45717, format: "yyyy-mm" });
  expect(dateCell("2025-13")).toBeNull();
  const date = LEDGER.columns.find((c) => c.field === "signed_date")!;
  expect(toCell(date, "2025-03")).toEqual({ cell: 45717, format: "yyyy-mm" });
  expect(toCell(date, "不详")).toEqual({ cell: "不详", format: "General" });
  expect(
    toCell(
      FUNDS.columns.find((c) => c.field === "out_of_province")!,
      true,
    ),
  ).toEqual({ cell: true });
  expect(
    toCell(
      FIGURES.columns.find((c) => c.field === "metric")!,
      "signed_amount",
    ),
  ).toEqual({ cell: "签约金额" });
  expect(
    toCell(
      LEDGER.columns.find((c) => c.field === "signed_amount")!,
      12.5,
    ),
  ).toEqual({ cell: 12.5 });
});

test("chunkRows: every chunk within budget unless one row alone exceeds it; chunks cover all rows in order", () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 1, max: 500 }), { maxLength: 300 }),
      fc.integer({ min: 100, max: 2000 }),
      (sizes, budget) => {
        const chunks = chunkRows(sizes, budget);
        let next = 0;
        for (const [s, e] of chunks) {
          expect(s).toBe(next);
          expect(e).toBeGreaterThan(s);
          const total = sizes.slice(s, e).reduce((a, b) => a + b, 0);
          if (e - s > 1) expect(total).toBeLessThanOrEqual(budget);
          next = e;
        }
        expect(next).toBe(sizes.length);
        // Greedy: no two neighbouring chunks would fit together.
        for (let i = 1; i < chunks.length; i++) {
          const both = sizes.slice(chunks[i - 1][0], chunks[i][1]).reduce((a, b) => a + b, 0);
          expect(both).toBeGreaterThan(budget);
        }
      },
    ),
  );
  expect(rowBytes(["ab", 1, true])).toBe(JSON.stringify(["ab", 1, true]).length);
  expect(utf8Bytes("台账")).toBe(6);
});

test("planMerge keys funds by project + date with occurrence numbers for duplicates", () => {
  const cols = FUNDS.columns.map((c) => c.title);
  const row = (p: string, d: number, a: number) =>
    FUNDS.columns.map((c) => (c.field === "project" ? p : c.field === "date" ? d : c.field === "amount" ? a : ""));
  const existing = {
    headers: [...cols, "备注人"],
    values: [
      [...row("P1", 45700, 1), "甲"],
      [...row("P1", 45700, 2), "乙"],
    ],
    formulasR1C1: [
      [...row("P1", 45700, 1), "甲"],
      [...row("P1", 45700, 2), "乙"],
    ],
  };
  const plan = planMerge(FUNDS, existing, [row("P1", 45700, 1), row("P1", 45700, 3)], []);
  expect(plan.rows.map((r) => r[r.length - 1])).toEqual(["甲", "乙"]);
  expect(plan.counts).toMatchObject({ updated: 1, unchanged: 1, added: 0, archived: 0 });
  expect(plan.changes).toEqual([
    { action: "changed", key: "P1 / 2025-02-12", field: "到位金额(亿元)", old: 2, new: 3 },
  ]);
});

test("formula-injection strings from a source arrive as text in every text column (value === original, no formula)", async () => {
  const sim = createSimulatedExcel().install();
  try {
    const nasty = [
      "=cmd|' /C calc'!A0",
      "+1+1",
      "-2+3",
      "@SUM(1,1)",
      '=HYPERLINK("http://evil","x")',
      "'=quoted",
      "\t=tab",
      "=",
      "-",
      "+",
    ];
    const records = nasty.map((s, i) => makeRecord(i + 1, { name: s, notes: s, investor: s, source: s }));
    await writeDataset("ledger", resultOf(records), { type: "file", name: "evil.csv" });
    const rows = tableObjects(sim, "Ledger");
    rows.forEach((r, i) => {
      for (const col of ["项目名称", "备注", "投资方", "来源"]) expect(r[col]).toBe(nasty[i]);
    });
    const formulas = sim.workbook.tableFormulas("Ledger");
    const values = sim.workbook.tableValues("Ledger");
    formulas.forEach((row, i) => row.forEach((f, c) => expect(f).toBe(values[i][c]))); // no cell holds a formula
  } finally {
    sim.close();
  }
});

describe("remembered sources from workbook settings", () => {
  const { parseSources } = require("../../src/excel/sources") as typeof import("../../src/excel/sources");
  const good = {
    id: "ledger",
    kind: "ledger",
    type: "url",
    name: "台账",
    url: "https://zs.example.gov.cn/a.csv",
    lastRefresh: "2025-04-01T08:00:00Z",
    rows: 30,
    mapping: { 项目: "name", 序号: null },
  };

  test("valid entries pass as they are", () => {
    expect(parseSources([good])).toEqual([good]);
  });

  test("malformed entries (wrong kind, missing id, not an object) are left out; a bad optional field falls back", () => {
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const out = parseSources([
        good,
        { ...good, kind: "ledgers" },
        { ...good, id: "" },
        "ledger",
        null,
        { ...good, id: "funds", kind: "funds", rows: -1, lastRefresh: 7 },
      ]);
      expect(out.map((d) => d.id)).toEqual(["ledger", "funds"]);
      expect(out[1]).toMatchObject({ rows: undefined, lastRefresh: null });
      expect(warn).toHaveBeenCalledTimes(4);
    } finally {
      warn.mockRestore();
    }
    expect(parseSources("not a list")).toEqual([]);
    expect(parseSources(undefined)).toEqual([]);
  });
});
