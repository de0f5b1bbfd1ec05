/** The core behind PERIOD_SUM / PERIOD_COUNT (src/core/period-aggregate.ts): criteria, ledger dates, one-pass tables. */
import fc from "fast-check";
import {
  coerceLedgerDate,
  compileCriterion,
  numberFromText,
  periodAggregate,
  periodFromCell,
} from "../../src/core/period-aggregate";

describe("numbers and dates as ledgers write them", () => {
  test.each([
    ["12.5", 12.5], [" 1,000 ", 1000], ["-3", -3], ["+.5", 0.5], ["12%", 0.12], ["１２", 12], ["1e3", 1000],
    ["", null], ["-", null], ["%", null], ["abc", null], ["1.2.3", null], ["0x10", null], ["Infinity", null], ["12 万", null],
  ])("%p → %p", (text, n) => {
    expect(numberFromText(text)).toBe(n);
  });

  test.each([
    ["2025-02-19", [2025, 2, 19]], ["2025-2-9", [2025, 2, 9]], ["2025-02", [2025, 2, 28]], ["2024-02", [2024, 2, 29]],
    ["2025/2/19", [2025, 2, 19]], ["2025.02.19", [2025, 2, 19]], ["2025年2月19日", [2025, 2, 19]], ["2025年2月", [2025, 2, 28]],
    ["２０２５／２／１９", [2025, 2, 19]], ["2025-02-19T08:00:00Z", [2025, 2, 19]],
  ])("%p is a date", (text, [y, m, d]) => {
    expect(coerceLedgerDate(text)).toEqual({ year: y, month: m, day: d });
  });

  test.each(["", "2025-02-30", "2025/13/01", "19/02/2025", "二〇二五年", "2025", "soon", "1899-12-31"])("%p is not a date", (text) => {
    expect(coerceLedgerDate(text)).toBeNull();
  });

  test("serials: whole days, Excel's 1900 system; blank and non-dates are null", () => {
    expect(coerceLedgerDate(45736)).toEqual({ year: 2025, month: 3, day: 20 });
    expect(coerceLedgerDate(45736.99)).toEqual({ year: 2025, month: 3, day: 20 });
    for (const v of [0, -1, null, undefined, true, Number.NaN, Infinity, 3e6]) expect(coerceLedgerDate(v)).toBeNull();
  });

  test("periods from cells: codes, Chinese forms, a year as a number", () => {
    expect(periodFromCell(2025)).toMatchObject({ fromMonth: 1, toMonth: 12 });
    expect(periodFromCell("2025年前三季度")).toMatchObject({ fromMonth: 1, toMonth: 9 });
    for (const v of [2025.5, 25, null, true, "", "Q1", { code: "2025" }]) expect(periodFromCell(v)).toBeNull();
  });
});

describe("criteria (SUMIFS semantics)", () => {
  const matches = (criterion: unknown, cells: unknown[]) => cells.filter(compileCriterion(criterion));

  test("regex metacharacters in text are literal; wildcards only * ? with ~ escapes", () => {
    expect(matches("a.b", ["a.b", "axb"])).toEqual(["a.b"]);
    expect(matches("(x)+[y]", ["(x)+[y]", "xy"])).toEqual(["(x)+[y]"]);
    expect(matches("a*", ["a", "abc", "ba", "A\nb"])).toEqual(["a", "abc", "A\nb"]);
    expect(matches("a?c", ["abc", "ac", "abbc"])).toEqual(["abc"]);
    expect(matches("~?", ["?", "x"])).toEqual(["?"]);
    expect(matches("a~", ["a~", "a"])).toEqual(["a~"]); // a trailing ~ is literal
    expect(matches("100%*", ["100%达标", "100"])).toEqual(["100%达标"]);
  });

  test("blanks, non-blanks, errors", () => {
    const cells = [null, undefined, "", 0, "x", { code: "#N/A" }];
    expect(matches("", cells)).toEqual([null, undefined, ""]);
    expect(matches("=", cells)).toEqual([null, undefined, ""]);
    expect(matches(null, cells)).toEqual([null, undefined, ""]);
    expect(matches("<>", cells)).toEqual([0, "x"]);
    expect(matches("<>x", cells)).toEqual([null, undefined, "", 0]);
    expect(matches(">", cells)).toEqual([]);
  });

  test("numbers and comparisons", () => {
    const cells = [-1, 0, 0.5, 1, "1", "1.0", true, "abc", null];
    expect(matches(1, cells)).toEqual([1, "1", "1.0"]);
    expect(matches("=1", cells)).toEqual([1, "1", "1.0"]);
    expect(matches(">0", cells)).toEqual([0.5, 1]);
    expect(matches("<=0", cells)).toEqual([-1, 0]);
    expect(matches(">=50%", cells)).toEqual([0.5, 1]);
    expect(matches("<>1", cells)).toEqual([-1, 0, 0.5, true, "abc", null]);
    expect(matches(false, [false, "FALSE", 0, "false"])).toEqual([false, "FALSE", "false"]);
  });

  test("dates compare as dates, against serials and date text alike", () => {
    const cells = [45658, 45657, "2025-01-01", "2024-12-31", "2025/1/2", "2025年1月1日", "x", null];
    expect(matches(">=2025-01-01", cells)).toEqual([45658, "2025-01-01", "2025/1/2", "2025年1月1日"]);
    expect(matches("2025-01-01", cells)).toEqual([45658, "2025-01-01", "2025年1月1日"]);
    expect(matches("<2025/1/1", cells)).toEqual([45657, "2024-12-31"]);
  });

  test("text ordering is case-insensitive and only among text", () => {
    expect(matches(">b", ["a", "B", "c", "C", 5, ""])).toEqual(["c", "C"]);
    expect(matches("<=B", ["a", "b", "c", 1])).toEqual(["a", "b"]);
  });

  test("property: a plain text criterion matches exactly the case-insensitively equal text cells", () => {
    fc.assert(fc.property(fc.string({ minLength: 1 }).filter((s) => !/[*?~<>=]/.test(s[0] + s) && numberFromText(s) === null && coerceLedgerDate(s) === null && !/^(true|false)$/i.test(s.trim())),
      fc.array(fc.oneof(fc.string(), fc.integer())), (crit, cells) => {
        const all = [...cells, crit, crit.toUpperCase()];
        expect(all.filter(compileCriterion(crit))).toEqual(all.filter((c) => typeof c === "string" && c.toLowerCase() === crit.toLowerCase()));
      }));
  });
});

describe("periodAggregate: one pass, any table of periods × criteria", () => {
  const regionNames = ["A", "B", "C", ""];
  const ledger = fc.array(fc.record({
    v: fc.oneof(fc.integer({ min: -100, max: 100 }), fc.constant(null), fc.constant("x")),
    d: fc.oneof(fc.integer({ min: 45292, max: 46022 }), fc.constant(null)), // 2024-01-01 … 2025-12-31
    r: fc.constantFrom(...regionNames),
    s: fc.constantFrom("签约", "开工"),
  }), { maxLength: 60 });
  const periodCode = fc.constantFrom("2024", "2025Q1", "2025Q2YTD", "2024H2", "2025M07", "2024年1-5月", "2025年二季度", "bogus");
  const crit = fc.constantFrom("A", "<>A", "", "<>", "?", "b*");

  test("every cell of a spilled table equals the single-period, single-criterion call", () => {
    fc.assert(fc.property(ledger, fc.array(periodCode, { minLength: 1, maxLength: 4 }), fc.array(crit, { minLength: 1, maxLength: 3 }), fc.boolean(),
      (rows, periods, crits, count) => {
        const values = count ? null : rows.map((x) => [x.v]);
        const dates = rows.map((x) => [x.d]);
        const regions = rows.map((x) => [x.r]);
        const stages = rows.map((x) => [x.s]);
        const table = periodAggregate({ values, dates, periods: [periods], criteria: [{ range: regions, criterion: crits.map((c) => [c]) }, { range: stages, criterion: [["签约"]] }] });
        if (rows.length === 0) return; // no rows: sizes are 0×0, checked elsewhere
        expect(table.ok).toBe(true);
        if (!table.ok) return;
        expect([table.cells.length, table.cells[0].length]).toEqual([crits.length, periods.length]);
        crits.forEach((c, i) => periods.forEach((p, j) => {
          const single = periodAggregate({ values, dates, periods: [[p]], criteria: [{ range: regions, criterion: [[c]] }, { range: stages, criterion: [["签约"]] }] });
          expect(single.ok && single.cells[0][0]).toEqual(table.cells[i][j]);
        }));
      }), { numRuns: 150 });
  });

  test("the single pass agrees with a naive filter-and-sum", () => {
    fc.assert(fc.property(ledger, periodCode.filter((p) => p !== "bogus"), crit, (rows, p, c) => {
      const out = periodAggregate({ values: rows.map((x) => [x.v]), dates: rows.map((x) => [x.d]), periods: [[p]], criteria: [{ range: rows.map((x) => [x.r]), criterion: [[c]] }] });
      const period = periodFromCell(p)!;
      const match = compileCriterion(c);
      const expected = rows.filter((x) => {
        const d = x.d === null ? null : coerceLedgerDate(x.d);
        return d !== null && d.year === period.year && d.month >= period.fromMonth && d.month <= period.toMonth && match(x.r);
      }).reduce((t, x) => t + (typeof x.v === "number" ? x.v : 0), 0);
      if (rows.length === 0) {
        expect(out).toEqual({ ok: true, cells: [[{ ok: true, value: 0 }]] });
        return;
      }
      expect(out.ok && out.cells[0][0]).toEqual({ ok: true, value: expected });
    }), { numRuns: 300 });
  });

  test("size problems are reported with the sizes", () => {
    const dates = [[45292], [45293]];
    expect(periodAggregate({ values: [[1]], dates, periods: [["2024"]], criteria: [] })).toEqual({ ok: false, reason: "range_size", index: -1, expected: [2, 1], actual: [1, 1] });
    expect(periodAggregate({ values: null, dates, periods: [["2024"]], criteria: [{ range: [[1, 2]], criterion: [["x"]] }] }))
      .toMatchObject({ ok: false, reason: "range_size", index: 0 });
    expect(periodAggregate({ values: null, dates, periods: [["2024", "2025"]], criteria: [{ range: [["a"], ["b"]], criterion: [["a", "b", "c"]] }] }))
      .toMatchObject({ ok: false, reason: "result_shape", shapes: [[1, 2], [1, 3]] });
  });
});
