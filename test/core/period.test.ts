import fc from "fast-check";
import { parsePeriod, yearToDate, samePeriodLastYear, periodBounds, periodContainsIso, periodLabelZh } from "../../src/core";

describe("period codes", () => {
  test.each([
    ["2025", 1, 12], ["2025Q1", 1, 3], ["2025q4", 10, 12], ["2025H1", 1, 6], ["2025H2", 7, 12],
    ["2025M03", 3, 3], ["2025M3", 3, 3], ["2025Q2YTD", 1, 6], ["2025Q3YTD", 1, 9], ["2025M05YTD", 1, 5],
    ["２０２５Ｑ１", 1, 3], [" 2025 Q1 ", 1, 3],
    ["2025年一季度", 1, 3], ["2025年第二季度", 4, 6], ["2025年上半年", 1, 6], ["2025年前三季度", 1, 9],
    ["2025年1-5月", 1, 5], ["2025年5月", 5, 5], ["2025年全年", 1, 12],
  ])("%s → months %i to %i", (code, from, to) => {
    const p = parsePeriod(code)!;
    expect(p).not.toBeNull();
    expect([p.year, p.fromMonth, p.toMonth]).toEqual([2025, from, to]);
  });

  test.each(["", "2025Q5", "2025M13", "2025M00", "25Q1", "Q1", "2025H3", "abc", "2025-01"])("%p is not a period", (code) => {
    expect(parsePeriod(code)).toBeNull();
  });

  test("year to date and the same span last year", () => {
    const q2 = parsePeriod("2025Q2")!;
    expect(yearToDate(q2)).toMatchObject({ fromMonth: 1, toMonth: 6, code: "2025Q2YTD" });
    expect(samePeriodLastYear(yearToDate(q2))).toMatchObject({ year: 2024, fromMonth: 1, toMonth: 6, code: "2024Q2YTD" });
    expect(periodBounds(parsePeriod("2024Q1")!)).toEqual(["2024-01-01", "2024-03-31"]);
    expect(periodBounds(parsePeriod("2024M02")!)).toEqual(["2024-02-01", "2024-02-29"]);
  });

  test("membership of ISO dates, including month-precision dates", () => {
    const q1 = parsePeriod("2025Q1")!;
    expect(periodContainsIso(q1, "2025-02-19")).toBe(true);
    expect(periodContainsIso(q1, "2025-03")).toBe(true);
    expect(periodContainsIso(q1, "2025-04-01")).toBe(false);
    expect(periodContainsIso(q1, "2024-02-19")).toBe(false);
    expect(periodContainsIso(q1, null)).toBe(false);
  });

  test("Chinese labels as reports write them", () => {
    expect(periodLabelZh(parsePeriod("2025Q1YTD")!)).toBe("一季度");
    expect(periodLabelZh(parsePeriod("2025H1")!)).toBe("上半年");
    expect(periodLabelZh(parsePeriod("2025Q3YTD")!)).toBe("前三季度");
    expect(periodLabelZh(parsePeriod("2025M05YTD")!)).toBe("1-5月");
  });

  test("property: every generated code parses back to its months, and parsing never throws", () => {
    fc.assert(fc.property(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 1, max: 4 }), fc.boolean(), (y, q, ytd) => {
      const p = parsePeriod(`${y}Q${q}${ytd ? "YTD" : ""}`)!;
      expect(p.toMonth).toBe(q * 3);
      expect(p.fromMonth).toBe(ytd ? 1 : q * 3 - 2);
      expect(parsePeriod(p.code)).toEqual(p);
    }));
    fc.assert(fc.property(fc.string(), (s) => { parsePeriod(s); }));
  });
});
