/** The one A1 helper module: column letters both ways and sheet names as address prefixes. */
import fc from "fast-check";
import { columnIndex, columnLetters, quoteSheet } from "../../src/core/a1";
import { columnRef } from "../../src/briefing/sheet-grid";

test("column letters round-trip over Excel's 16,384 columns", () => {
  expect([0, 25, 26, 16383].map(columnLetters)).toEqual(["A", "Z", "AA", "XFD"]);
  fc.assert(fc.property(fc.integer({ min: 0, max: 16383 }), (i) => columnIndex(columnLetters(i)) === i));
});

test("a sheet name is quoted when Excel needs it, apostrophes doubled", () => {
  expect(quoteSheet("台账")).toBe("台账");
  expect(quoteSheet("Ledger_2025")).toBe("Ledger_2025");
  expect(quoteSheet("成绩单 2025Q1")).toBe("'成绩单 2025Q1'");
  expect(quoteSheet("2025")).toBe("'2025'");
  expect(quoteSheet("张三's 台账")).toBe("'张三''s 台账'");
  expect(quoteSheet("台账", true)).toBe("'台账'");
});

test("a briefing formula's whole-column reference survives an apostrophe in the sheet name", () => {
  const spec = { sheet: "O'Brien 台账", table: "Ledger", columns: [{ field: "id", title: "项目编号" }] };
  expect(columnRef(spec as Parameters<typeof columnRef>[0], "id", "a1")).toBe("'O''Brien 台账'!$A:$A");
});
