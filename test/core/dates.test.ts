import fc from "fast-check";
import {
  fromExcelSerial,
  toExcelSerial,
  coerceDate,
  toIsoDate,
  parseIsoDate,
  parseDateText,
  workbookSerialDate,
  isValidDate,
  foldWidth,
} from "../../src/core";

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
    fc.assert(
      fc.property(fc.integer({ min: 61, max: 2958465 }), (s) => {
        expect(toExcelSerial(fromExcelSerial(s)!)).toBe(s);
      }),
    );
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
    expect([0, 25, 26, 51, 52, 701, 702, 16383].map(columnLetters)).toEqual([
      "A",
      "Z",
      "AA",
      "AZ",
      "BA",
      "ZZ",
      "AAA",
      "XFD",
    ]);
    expect(columnIndex("xfd")).toBe(16383);
  });
  test("property: letters and index round-trip", () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 16383 }), (i) => expect(columnIndex(columnLetters(i))).toBe(i)));
  });
});

describe("daysInMonth", () => {
  const { daysInMonth } = require("../../src/core/dates") as typeof import("../../src/core/dates");
  test("property: agrees with the calendar for every month of 1900–9999", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 9999 }), fc.integer({ min: 1, max: 12 }), (y, m) => {
        expect(daysInMonth(y, m)).toBe(new Date(Date.UTC(y, m, 0)).getUTCDate());
      }),
      { numRuns: 500 },
    );
    expect([daysInMonth(1900, 2), daysInMonth(2000, 2), daysInMonth(2024, 2), daysInMonth(2025, 2)]).toEqual([
      28, 29, 29, 28,
    ]);
  });
});

describe("date text: one reader for every function (src/core/dates.ts parseDateText)", () => {
  const fw = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

  test("the forms ledgers and reports write, with month precision said apart", () => {
    expect(parseDateText("2025-02-19")).toEqual({ date: { year: 2025, month: 2, day: 19 }, monthOnly: false });
    expect(parseDateText("2025年2月")).toEqual({ date: { year: 2025, month: 2, day: 1 }, monthOnly: true });
    expect(parseDateText("2025/2")).toEqual({ date: { year: 2025, month: 2, day: 1 }, monthOnly: true });
    for (const t of [
      "2025/2/19",
      "2025.02.19",
      "2025年2月19日",
      "2025-2-19",
      " 2025-02-19\u3000",
      "2025-02-19T08:30",
      "2025-02-19 08:30:00",
    ]) {
      expect([t, parseDateText(t)?.date]).toEqual([t, { year: 2025, month: 2, day: 19 }]);
    }
    for (const t of [
      "2025",
      "2025-02-30",
      "2025-13",
      "1899-12-31",
      "0999-01-01",
      "19/02/2025",
      "2025-02-19T08:30x",
      "二〇二五年二月",
      "",
    ]) {
      expect([t, parseDateText(t)]).toEqual([t, null]);
    }
  });

  test("full-width digits and punctuation are folded (NFKC), ISO dashes included (defect D8)", () => {
    expect(coerceDate("２０２５-０３-３１")).toEqual({ year: 2025, month: 3, day: 31 });
    expect(coerceDate("２０２５－０３－３１")).toEqual({ year: 2025, month: 3, day: 31 });
    expect(coerceDate("２０２５－０２")).toEqual({ year: 2025, month: 2, day: 28 });
  });

  test("foldWidth folds what input methods type (full width, U+3000, NBSP) and nothing else, as the importer does", () => {
    expect(foldWidth("２０２５－０３\u3000")).toBe("2025-03 ");
    expect(foldWidth("1\u00a0000")).toBe("1 000");
    expect(foldWidth("1²")).toBe("1²"); // NFKC would make it 12
    expect(foldWidth("2025年3月")).toBe("2025年3月");
  });

  test("property: every written form, in ASCII or full width, reads as the same day", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (y, m, d) => {
          const valid = isValidDate(y, m, d);
          const mm = String(m).padStart(2, "0");
          const dd = String(d).padStart(2, "0");
          for (const t of [
            `${y}-${mm}-${dd}`,
            `${y}-${m}-${d}`,
            `${y}/${m}/${d}`,
            `${y}.${mm}.${dd}`,
            `${y}年${m}月${d}日`,
          ]) {
            for (const form of [t, fw(t)])
              expect([form, coerceDate(form)]).toEqual([form, valid ? { year: y, month: m, day: d } : null]);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("serials of the workbook (defect D9: nothing precedes serial 0)", () => {
  test("1904 system: 0 is 1904-01-01, a negative serial is no date (not 1900–1903)", () => {
    expect(workbookSerialDate(0, 1462)).toEqual({ year: 1904, month: 1, day: 1 });
    expect(workbookSerialDate(-100, 1462)).toBeNull();
    expect(workbookSerialDate(-0.5, 1462)).toBeNull();
    expect(workbookSerialDate(2957003, 1462)).toEqual({ year: 9999, month: 12, day: 31 });
    expect(workbookSerialDate(2957004, 1462)).toBeNull();
  });
  test("1900 system: 1 is 1900-01-01; 0 and negatives are no date", () => {
    expect(workbookSerialDate(1)).toEqual({ year: 1900, month: 1, day: 1 });
    for (const s of [0, -1, -1e9, NaN]) expect(workbookSerialDate(s)).toBeNull();
  });
});
