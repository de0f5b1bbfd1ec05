import fc from "fast-check";
import { fromExcelSerial, toExcelSerial, coerceDate, toIsoDate, parseIsoDate } from "../../src/core";

describe("Excel serial dates (1900 system)", () => {
  test("known serials", () => {
    expect(toIsoDate(fromExcelSerial(45747)!)).toBe("2025-03-31");
    expect(toIsoDate(fromExcelSerial(1)!)).toBe("1900-01-01");
    expect(toIsoDate(fromExcelSerial(59)!)).toBe("1900-02-28");
    expect(fromExcelSerial(60)).toBeNull(); // Excel's phantom 1900-02-29
    expect(toIsoDate(fromExcelSerial(61)!)).toBe("1900-03-01");
    expect(toIsoDate(fromExcelSerial(45747.75)!)).toBe("2025-03-31"); // time of day ignored
    expect(fromExcelSerial(0)).toBeNull();
    expect(fromExcelSerial(-1)).toBeNull();
  });

  test("property: serial → date → serial round-trips", () => {
    fc.assert(fc.property(fc.integer({ min: 61, max: 2958465 }), (s) => {
      expect(toExcelSerial(fromExcelSerial(s)!)).toBe(s);
    }));
  });

  test("ISO text and month precision", () => {
    expect(coerceDate("2025-02-19")).toEqual({ year: 2025, month: 2, day: 19 });
    expect(coerceDate("2025-02")).toEqual({ year: 2025, month: 2, day: 28 });
    expect(coerceDate("2025-02-30")).toBeNull();
    expect(parseIsoDate("2025-13-01")).toBeNull();
    expect(coerceDate(true)).toBeNull();
  });
});

describe("A1 column names", () => {
  const { columnLetters, columnIndex } = require("../../src/core/a1") as typeof import("../../src/core/a1");
  test("edges of Excel's columns", () => {
    expect([0, 25, 26, 51, 52, 701, 702, 16383].map(columnLetters)).toEqual(["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA", "XFD"]);
    expect(columnIndex("xfd")).toBe(16383);
  });
  test("property: letters and index round-trip", () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 16383 }), (i) => expect(columnIndex(columnLetters(i))).toBe(i)));
  });
});

describe("daysInMonth", () => {
  const { daysInMonth } = require("../../src/core/dates") as typeof import("../../src/core/dates");
  test("property: agrees with the calendar for every month of 1900–9999", () => {
    fc.assert(fc.property(fc.integer({ min: 1900, max: 9999 }), fc.integer({ min: 1, max: 12 }), (y, m) => {
      expect(daysInMonth(y, m)).toBe(new Date(Date.UTC(y, m, 0)).getUTCDate());
    }), { numRuns: 500 });
    expect([daysInMonth(1900, 2), daysInMonth(2000, 2), daysInMonth(2024, 2), daysInMonth(2025, 2)]).toEqual([28, 29, 29, 28]);
  });
});
