import fc from "fast-check";
import {
  parsePeriod,
  yearToDate,
  samePeriodLastYear,
  periodBounds,
  periodContainsIso,
  periodLabelZh,
  periodLabelEn,
  Period,
} from "../../src/core";

describe("period codes", () => {
  test.each([
    ["2025", 1, 12],
    ["2025Q1", 1, 3],
    ["2025q4", 10, 12],
    ["2025H1", 1, 6],
    ["2025H2", 7, 12],
    ["2025M03", 3, 3],
    ["2025M3", 3, 3],
    ["2025Q2YTD", 1, 6],
    ["2025Q3YTD", 1, 9],
    ["2025M05YTD", 1, 5],
    ["２０２５Ｑ１", 1, 3],
    [" 2025 Q1 ", 1, 3],
    ["2025年一季度", 1, 3],
    ["2025年第二季度", 4, 6],
    ["2025年上半年", 1, 6],
    ["2025年前三季度", 1, 9],
    ["2025年1-5月", 1, 5],
    ["2025年5月", 5, 5],
    ["2025年全年", 1, 12],
  ])("%s → months %i to %i", (code, from, to) => {
    const p = parsePeriod(code)!;
    expect(p).not.toBeNull();
    expect([p.year, p.fromMonth, p.toMonth]).toEqual([2025, from, to]);
  });

  test.each([
    "",
    "2025Q5",
    "2025M13",
    "2025M00",
    "25Q1",
    "Q1",
    "2025H3",
    "abc",
    "2025-01",
    // years no Excel date reaches (defect D6): the same range as a year given as a number and as every date
    "0000",
    "0999Q1",
    "1899Q4",
    "1899年全年",
    "0001年上半年",
    "1899M12YTD",
  ])("%p is not a period", (code) => {
    expect(parsePeriod(code)).toBeNull();
  });

  test("year to date and the same span last year", () => {
    const q2 = parsePeriod("2025Q2")!;
    expect(yearToDate(q2)).toMatchObject({ fromMonth: 1, toMonth: 6, code: "2025Q2YTD" });
    expect(samePeriodLastYear(yearToDate(q2))).toMatchObject({
      year: 2024,
      fromMonth: 1,
      toMonth: 6,
      code: "2024Q2YTD",
    });
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

  test("the years Excel's dates cover, 1900–9999, and no other", () => {
    expect(parsePeriod("1900Q1")).toMatchObject({ year: 1900, fromMonth: 1, toMonth: 3 });
    expect(parsePeriod("9999年下半年")).toMatchObject({ year: 9999, fromMonth: 7, toMonth: 12 });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.constantFrom("", "Q2", "H1YTD", "M07", "年一季度", "年1-5月", "年全年"),
        (y, suffix) => {
          const p = parsePeriod(`${String(y).padStart(4, "0")}${suffix}`);
          expect(p === null).toBe(y < 1900);
        },
      ),
      { numRuns: 300 },
    );
  });

  test("property: every generated code parses back to its months, and parsing never throws", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 1, max: 4 }), fc.boolean(), (y, q, ytd) => {
        const p = parsePeriod(`${y}Q${q}${ytd ? "YTD" : ""}`)!;
        expect(p.toMonth).toBe(q * 3);
        expect(p.fromMonth).toBe(ytd ? 1 : q * 3 - 2);
        expect(parsePeriod(p.code)).toEqual(p);
      }),
    );
    fc.assert(
      fc.property(fc.string(), (s) => {
        parsePeriod(s);
      }),
    );
  });
});

describe("period names as reports write them, the same span named alike in both languages (defect D7)", () => {
  /** Every span a period can be: 78 (from, to) pairs within a year. */
  const spans: Period[] = [];
  for (let from = 1; from <= 12; from++)
    for (let to = from; to <= 12; to++) spans.push({ year: 2025, fromMonth: from, toMonth: to, code: "" });
  const name = (code: string) => [periodLabelZh(parsePeriod(code)!), periodLabelEn(parsePeriod(code)!)];

  test.each([
    ["2025Q1", "一季度", "Q1 2025"],
    ["2025Q2", "二季度", "Q2 2025"],
    ["2025Q3", "三季度", "Q3 2025"],
    ["2025Q4", "四季度", "Q4 2025"],
    ["2025H1", "上半年", "H1 2025"],
    ["2025H2", "下半年", "H2 2025"],
    ["2025年下半年", "下半年", "H2 2025"],
    ["2025Q3YTD", "前三季度", "Q1-Q3 2025"],
    ["2025", "全年", "full year 2025"],
    ["2025M05YTD", "1-5月", "Jan-May 2025"],
    ["2025M05", "5月", "May 2025"],
    ["2025M01YTD", "1月", "Jan 2025"],
    ["2025年2-4月", "2-4月", "Feb-Apr 2025"],
    ["2025Q2YTD", "上半年", "H1 2025"],
  ])("%s → %s / %s", (code, zh, en) => {
    expect(name(code)).toEqual([zh, en]);
  });

  test("property: the Chinese name, read back as a period, is the same span (a label PERIOD_SUM accepts)", () => {
    for (const p of spans) {
      const back = parsePeriod(`${p.year}年${periodLabelZh(p)}`);
      expect([periodLabelZh(p), back && [back.fromMonth, back.toMonth]]).toEqual([
        periodLabelZh(p),
        [p.fromMonth, p.toMonth],
      ]);
    }
  });

  test("property: different spans have different names, in each language", () => {
    expect(new Set(spans.map(periodLabelZh)).size).toBe(spans.length);
    expect(new Set(spans.map(periodLabelEn)).size).toBe(spans.length);
  });
});
