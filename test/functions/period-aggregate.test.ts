/** The core behind PERIOD_SUM / PERIOD_COUNT (src/core/period-aggregate.ts): criteria, ledger dates, one-pass tables. */
import fc from "fast-check";
import {
  coerceLedgerDate,
  compileCriterion,
  MAX_BUCKETS,
  numberFromText,
  periodAggregate,
  periodFromCell,
  wildcardMatcher,
} from "../../src/core/period-aggregate";
import { daysInMonth, toExcelSerial } from "../../src/core/dates";

const serialOf = (iso: string) =>
  toExcelSerial({ year: +iso.slice(0, 4), month: +iso.slice(5, 7), day: +iso.slice(8, 10) });

describe("numbers and dates as ledgers write them", () => {
  test.each([
    ["12.5", 12.5],
    [" 1,000 ", 1000],
    ["-3", -3],
    ["+.5", 0.5],
    ["12%", 0.12],
    ["１２", 12],
    ["1e3", 1000],
    ["", null],
    ["-", null],
    ["%", null],
    ["abc", null],
    ["1.2.3", null],
    ["0x10", null],
    ["Infinity", null],
    ["12 万", null],
    // thousands separators only in groups of three (the importer's rule too): "1,5" is not 15, "1,0,0" not 100
    ["1,234,567.5", 1234567.5],
    ["-1,000", -1000],
    ["１，０００", 1000],
    ["1,000%", 10],
    ["1,5", null],
    ["1,0,0", null],
    ["1,00", null],
    [",100", null],
    ["100,", null],
    ["1,234.5,678", null],
    ["1234,567", null],
    ["1,,000", null],
    ["1.000,5", null],
    ["1²", null],
    ["½", null],
  ])("%p → %p", (text, n) => {
    expect(numberFromText(text)).toBe(n);
  });

  test("property: a number written with thousands separators reads as that number; a separator anywhere else is no number", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.nat(), (x, where) => {
        const grouped = x.toLocaleString("en-US");
        expect(numberFromText(grouped)).toBe(x);
        const digits = String(Math.abs(x));
        if (digits.length < 2) return;
        const at = 1 + (where % (digits.length - 1)); // a comma after `at` digits
        if ((digits.length - at) % 3 === 0) return; // that is a thousands position
        expect(numberFromText(`${digits.slice(0, at)},${digits.slice(at)}`)).toBeNull();
      }),
      { numRuns: 500 },
    );
  });

  test.each([
    ["2025-02-19", [2025, 2, 19]],
    ["2025-2-9", [2025, 2, 9]],
    ["2025-02", [2025, 2, 28]],
    ["2024-02", [2024, 2, 29]],
    ["2025/2/19", [2025, 2, 19]],
    ["2025.02.19", [2025, 2, 19]],
    ["2025年2月19日", [2025, 2, 19]],
    ["2025年2月", [2025, 2, 28]],
    ["２０２５／２／１９", [2025, 2, 19]],
    ["2025-02-19T08:00:00Z", [2025, 2, 19]],
    ["２０２５－０２－１９", [2025, 2, 19]],
    ["２０２５-０２", [2025, 2, 28]],
  ])("%p is a date", (text, [y, m, d]) => {
    expect(coerceLedgerDate(text)).toEqual({ year: y, month: m, day: d });
  });

  test.each(["", "2025-02-30", "2025/13/01", "19/02/2025", "二〇二五年", "2025", "soon", "1899-12-31", "0999-01-01"])(
    "%p is not a date",
    (text) => {
      expect(coerceLedgerDate(text)).toBeNull();
    },
  );

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
    fc.assert(
      fc.property(
        fc
          .string({ minLength: 1 })
          .filter(
            (s) =>
              !/[*?~<>=]/.test(s[0] + s) &&
              numberFromText(s) === null &&
              coerceLedgerDate(s) === null &&
              !/^(true|false)$/i.test(s.trim()),
          ),
        fc.array(fc.oneof(fc.string(), fc.integer())),
        (crit, cells) => {
          const all = [...cells, crit, crit.toUpperCase()];
          expect(all.filter(compileCriterion(crit))).toEqual(
            all.filter((c) => typeof c === "string" && c.toLowerCase() === crit.toLowerCase()),
          );
        },
      ),
    );
  });
});

/** Excel's wildcards by recursion over code points, no regular expression: the reference for wildcardMatcher. */
function wildcardReference(pattern: string, text: string): boolean {
  const p = Array.from(pattern.toLowerCase());
  const s = Array.from(text.toLowerCase());
  type Tok = { any?: true; one?: true; ch?: string };
  const toks: Tok[] = [];
  for (let i = 0; i < p.length; i++) {
    if (p[i] === "~" && i + 1 < p.length) toks.push({ ch: p[++i] });
    else if (p[i] === "*") toks.push({ any: true });
    else if (p[i] === "?") toks.push({ one: true });
    else toks.push({ ch: p[i] });
  }
  const memo = new Map<number, boolean>();
  const go = (t: number, i: number): boolean => {
    const key = t * (s.length + 1) + i;
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    let r: boolean;
    if (t === toks.length) r = i === s.length;
    else if (toks[t].any) r = go(t + 1, i) || (i < s.length && go(t, i + 1));
    else r = i < s.length && (toks[t].one === true || toks[t].ch === s[i]) && go(t + 1, i + 1);
    memo.set(key, r);
    return r;
  };
  return go(0, 0);
}

describe("wildcards (defect D1): matched, never compiled into a regular expression from the user's text", () => {
  test("~ escapes the character after it: ~~ ~* ~? are literal, ~x is x, a trailing ~ is a tilde", () => {
    const m = (p: string, t: string) => wildcardMatcher(p)(t);
    expect([
      m("~~", "~"),
      m("~~", "x"),
      m("a~~b", "a~b"),
      m("a~~b", "ab"),
      m("~*", "*"),
      m("~*", "x"),
      m("~?", "?"),
    ]).toEqual([true, false, true, false, true, false, true]);
    expect([m("a~b", "ab"), m("a~b", "a~b"), m("a~", "a~"), m("~", "~"), m("~~~*", "~*"), m("*~~", "x~")]).toEqual([
      true,
      false,
      true,
      true,
      true,
      true,
    ]);
    expect([
      m("西宁*", "西宁开发区"),
      m("?宁市", "西宁市"),
      m("A?C", "abc"),
      m("*", ""),
      m("?", ""),
      m("a**b", "ab"),
    ]).toEqual([true, true, true, true, false, true]);
    expect([m("?", "😀"), m("??", "😀"), m("(x)+[y]\\d{2}$^.|/", "(x)+[y]\\d{2}$^.|/"), m("\\", "\\")]).toEqual([
      true,
      false,
      true,
      true,
    ]);
  });

  test("the criteria that threw before: ~~, a~~b, <>~~, =~~ (in a compiled criterion)", () => {
    const cells = ["~", "a~b", "a~~b", "x", null];
    expect(cells.filter(compileCriterion("~~"))).toEqual(["~"]);
    expect(cells.filter(compileCriterion("=~~"))).toEqual(["~"]);
    expect(cells.filter(compileCriterion("a~~b"))).toEqual(["a~b"]);
    expect(cells.filter(compileCriterion("<>~~"))).toEqual(["a~b", "a~~b", "x", null]);
  });

  test("property: agrees with the recursive reference on any pattern and text (wildcards, tildes, any Unicode)", () => {
    const alphabet = fc.constantFrom("a", "b", "A", "~", "*", "?", "\\", "(", "[", ".", "$", "西", "😀", "İ");
    const str = fc.array(alphabet, { maxLength: 8 }).map((xs) => xs.join(""));
    fc.assert(
      fc.property(str, str, (p, t) => {
        expect([p, t, wildcardMatcher(p)(t)]).toEqual([p, t, wildcardReference(p, t)]);
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: "grapheme-composite" }), fc.string(), (p, t) => {
        expect(() => compileCriterion(p)(t)).not.toThrow();
        expect(() => compileCriterion(`<>${p}`)(t)).not.toThrow();
      }),
      { numRuns: 1000 },
    );
  });

  test("no catastrophic backtracking: many stars against a long text stay fast", () => {
    const t0 = Date.now();
    const match = compileCriterion("*a*a*a*a*a*a*a*a*a*a*b");
    for (let i = 0; i < 20; i++) expect(match("a".repeat(2000))).toBe(false);
    expect(Date.now() - t0).toBeLessThan(2000);
  });
});

describe("dates in criteria: one rule for date text, month spans and serials (defects D2, D9, D12)", () => {
  const days = ["2025-01-01", "2025-01-15", "2025-01-31", "2025-02-01", "2025-02-10", "2025-02-28", "2025-03-01"];

  test("a month operand is the whole month: = within it, >= from its first day, < before it, > after it, <= to its end", () => {
    const cells = days.map(serialOf);
    const hits = (c: string) => cells.filter(compileCriterion(c)).length;
    expect([">=2025-01", "<2025-02", "=2025-01", "2025-02", ">2025-01", "<=2025-01", "<>2025-01"].map(hits)).toEqual([
      7, 3, 3, 3, 4, 3, 4,
    ]);
    expect(["<2025年2月", ">=２０２５－０２", "=2025/2"].map(hits)).toEqual([3, 4, 3]);
  });

  test("property: a month or day operand agrees with comparing serials to the span's first and last day", () => {
    const day = fc.integer({ min: serialOf("2023-11-01"), max: serialOf("2025-03-31") });
    const operand = fc.oneof(
      fc.tuple(fc.integer({ min: 2024, max: 2025 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => ({
        text: `${y}-${String(m).padStart(2, "0")}`,
        first: toExcelSerial({ year: y, month: m, day: 1 }),
        last: toExcelSerial({ year: y, month: m, day: daysInMonth(y, m) }),
      })),
      day.map((s) => ({ text: new Date((s - 25569) * 86400000).toISOString().slice(0, 10), first: s, last: s })),
    );
    const op = fc.constantFrom("=", "<>", "<", "<=", ">", ">=");
    fc.assert(
      fc.property(
        operand,
        op,
        fc.array(day, { maxLength: 10 }),
        fc.boolean(),
        ({ text, first, last }, o, cells, asText) => {
          const written = cells.map((s) =>
            asText ? new Date((s - 25569) * 86400000).toISOString().slice(0, 10) : s + 0.25,
          );
          const want = cells.map(
            (s) =>
              ({
                "=": s >= first && s <= last,
                "<>": s < first || s > last,
                "<": s < first,
                "<=": s <= last,
                ">": s > last,
                ">=": s >= first,
              })[o],
          );
          expect(written.map(compileCriterion(o + text))).toEqual(want);
        },
      ),
      { numRuns: 500 },
    );
  });

  test('a numeric criterion (">="&DATE(…), a date cell) compares date text by its serial, in the workbook\'s date system', () => {
    const cells = ["2025-03-15", "2025/3/1", "2025年2月28日", serialOf("2025-03-15"), "x", "45717", null];
    const mar1 = serialOf("2025-03-01");
    expect(cells.filter(compileCriterion(`>=${mar1}`))).toEqual(["2025-03-15", "2025/3/1", serialOf("2025-03-15")]);
    expect(cells.filter(compileCriterion(serialOf("2025-03-15")))).toEqual(["2025-03-15", serialOf("2025-03-15")]);
    expect(cells.filter(compileCriterion(mar1))).toEqual(["2025/3/1", "45717"]);
    // numeric text is a number, never a date: "45717" equals 45717 as text, but is not a date
    expect(cells.filter(compileCriterion(`=${mar1}`))).toEqual(["2025/3/1", "45717"]);
    // 1904 workbook: the criterion's serial is 1462 smaller for the same day; text dates follow it
    expect(cells.filter(compileCriterion(`>=${mar1 - 1462}`, { dateSerialOffset: 1462 }))).toEqual([
      "2025-03-15",
      "2025/3/1",
      serialOf("2025-03-15"),
    ]);
  });

  test("property: a criterion counts the same rows whether the range holds serials or date text (any operator, date or numeric operand)", () => {
    const day = fc.integer({ min: serialOf("2024-12-01"), max: serialOf("2025-04-30") });
    const iso = (s: number) => new Date((s - 25569) * 86400000).toISOString().slice(0, 10);
    fc.assert(
      fc.property(
        fc.array(day, { maxLength: 12 }),
        day,
        fc.constantFrom("", "=", "<>", "<", "<=", ">", ">="),
        fc.constantFrom("iso", "serial", "month"),
        fc.constantFrom(0, 1462),
        (cells, at, op, form, offset) => {
          const operand = form === "iso" ? iso(at) : form === "month" ? iso(at).slice(0, 7) : String(at - offset);
          if (form === "month" && op === "") return; // a bare month text equals its month (covered above)
          const match = compileCriterion(op + operand, { dateSerialOffset: offset });
          expect(cells.map((s) => match(s - offset))).toEqual(cells.map((s) => match(iso(s))));
        },
      ),
      { numRuns: 500 },
    );
  });

  test("negative serials and 0 are never dates in comparisons (1904: nothing before serial 0)", () => {
    const match = compileCriterion("<2025-01-01", { dateSerialOffset: 1462, zeroIsBlank: true });
    expect([-100, -1, 0, 1, 30000].map(match)).toEqual([false, false, false, true, true]);
    expect(compileCriterion("<2025-01-01")(-5)).toBe(false);
  });
});

describe("periodAggregate: one pass, any table of periods × criteria", () => {
  const regionNames = ["A", "B", "C", ""];
  const ledger = fc.array(
    fc.record({
      v: fc.oneof(fc.integer({ min: -100, max: 100 }), fc.constant(null), fc.constant("x")),
      d: fc.oneof(fc.integer({ min: 45292, max: 46022 }), fc.constant(null)), // 2024-01-01 … 2025-12-31
      r: fc.constantFrom(...regionNames),
      s: fc.constantFrom("签约", "开工"),
    }),
    { maxLength: 60 },
  );
  const periodCode = fc.constantFrom(
    "2024",
    "2025Q1",
    "2025Q2YTD",
    "2024H2",
    "2025M07",
    "2024年1-5月",
    "2025年二季度",
    "bogus",
  );
  const crit = fc.constantFrom("A", "<>A", "", "<>", "?", "b*");

  test("every cell of a spilled table equals the single-period, single-criterion call", () => {
    fc.assert(
      fc.property(
        ledger,
        fc.array(periodCode, { minLength: 1, maxLength: 4 }),
        fc.array(crit, { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        (rows, periods, crits, count) => {
          const values = count ? null : rows.map((x) => [x.v]);
          const dates = rows.map((x) => [x.d]);
          const regions = rows.map((x) => [x.r]);
          const stages = rows.map((x) => [x.s]);
          const table = periodAggregate({
            values,
            dates,
            periods: [periods],
            criteria: [
              { range: regions, criterion: crits.map((c) => [c]) },
              { range: stages, criterion: [["签约"]] },
            ],
          });
          if (rows.length === 0) return; // no rows: sizes are 0×0, checked elsewhere
          expect(table.ok).toBe(true);
          if (!table.ok) return;
          expect([table.cells.length, table.cells[0].length]).toEqual([crits.length, periods.length]);
          crits.forEach((c, i) =>
            periods.forEach((p, j) => {
              const single = periodAggregate({
                values,
                dates,
                periods: [[p]],
                criteria: [
                  { range: regions, criterion: [[c]] },
                  { range: stages, criterion: [["签约"]] },
                ],
              });
              expect(single.ok && single.cells[0][0]).toEqual(table.cells[i][j]);
            }),
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  test("the single pass agrees with a naive filter-and-sum", () => {
    fc.assert(
      fc.property(
        ledger,
        periodCode.filter((p) => p !== "bogus"),
        crit,
        (rows, p, c) => {
          const out = periodAggregate({
            values: rows.map((x) => [x.v]),
            dates: rows.map((x) => [x.d]),
            periods: [[p]],
            criteria: [{ range: rows.map((x) => [x.r]), criterion: [[c]] }],
          });
          const period = periodFromCell(p)!;
          const match = compileCriterion(c);
          const expected = rows
            .filter((x) => {
              const d = x.d === null ? null : coerceLedgerDate(x.d);
              return (
                d !== null &&
                d.year === period.year &&
                d.month >= period.fromMonth &&
                d.month <= period.toMonth &&
                match(x.r)
              );
            })
            .reduce((t, x) => t + (typeof x.v === "number" ? x.v : 0), 0);
          if (rows.length === 0) {
            expect(out).toEqual({ ok: true, cells: [[{ ok: true, value: 0 }]] });
            return;
          }
          expect(out.ok && out.cells[0][0]).toEqual({ ok: true, value: expected });
        },
      ),
      { numRuns: 300 },
    );
  });

  test("size problems are reported with the sizes", () => {
    const dates = [[45292], [45293]];
    expect(periodAggregate({ values: [[1]], dates, periods: [["2024"]], criteria: [] })).toEqual({
      ok: false,
      reason: "range_size",
      index: -1,
      expected: [2, 1],
      actual: [1, 1],
    });
    expect(
      periodAggregate({
        values: null,
        dates,
        periods: [["2024"]],
        criteria: [{ range: [[1, 2]], criterion: [["x"]] }],
      }),
    ).toMatchObject({ ok: false, reason: "range_size", index: 0 });
    expect(
      periodAggregate({
        values: null,
        dates,
        periods: [["2024", "2025"]],
        criteria: [{ range: [["a"], ["b"]], criterion: [["a", "b", "c"]] }],
      }),
    ).toMatchObject({
      ok: false,
      reason: "result_shape",
      shapes: [
        [1, 2],
        [1, 3],
      ],
    });
  });

  test("several matching rows hold errors: the first in range order wins, whatever months they fall in", () => {
    const values = [[1], [{ code: "#NUM!" }], [{ code: "#N/A" }], [{ code: "#DIV/0!" }]];
    const dates = [
      [serialOf("2025-01-10")],
      [serialOf("2025-03-10")],
      [serialOf("2025-02-10")],
      [serialOf("2025-01-20")],
    ];
    const out = periodAggregate({ values, dates, periods: [["2025Q1", "2025M02", "2025M01"]], criteria: [] });
    expect(out.ok && out.cells[0].map((c) => (c.ok ? c.value : (c as { error: { code: string } }).error.code))).toEqual(
      ["#NUM!", "#N/A", "#DIV/0!"],
    );
    const wide = periodAggregate({
      values: [[{ code: "#N/A" }, { code: "#NUM!" }]],
      dates: [[serialOf("2025-02-01"), serialOf("2025-01-01")]],
      periods: [["2025"]],
      criteria: [],
    });
    expect(wide.ok && (wide.cells[0][0] as { error: { code: string } }).error.code).toBe("#N/A"); // row by row, left to right
  });

  test("a total beyond what Excel holds is overflow", () => {
    const out = periodAggregate({
      values: [[6e307], [6e307], [-1]],
      dates: [[45658], [45659], [45660]],
      periods: [["2025", "2025M01"]],
      criteria: [],
    });
    expect(out.ok && out.cells[0].map((c) => (c.ok ? "ok" : c.reason))).toEqual(["overflow", "overflow"]);
  });

  test("memory follows the months asked for, not the years between them (defect D6); beyond MAX_BUCKETS a clear refusal", () => {
    const dates = [[serialOf("1900-03-01")], [serialOf("2025-06-01")], [serialOf("9999-12-31")]];
    const values = [[1], [2], [4]];
    const far = periodAggregate({ values, dates, periods: [["1900", "2025", "9999Q4"]], criteria: [] });
    expect(far.ok && far.cells[0].map((c) => c.ok && c.value)).toEqual([1, 2, 4]);
    const criteria = Array.from({ length: 180_000 }, (_, i) => [`c${i}`]);
    const refused = periodAggregate({
      values: null,
      dates: [[45658]],
      periods: [["1900", "9999"]],
      criteria: [{ range: [["x"]], criterion: criteria }],
    });
    expect(refused).toEqual({ ok: false, reason: "too_large", buckets: 180_000 * 24, limit: MAX_BUCKETS });
  });

  test("property: periods years apart in one call give what each gives alone", () => {
    const year = fc.integer({ min: 1900, max: 9999 });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(year, fc.integer({ min: 1, max: 12 }), fc.integer({ min: -5, max: 5 })), { maxLength: 20 }),
        fc.array(fc.tuple(year, fc.constantFrom("", "Q2", "H2", "M07YTD")), { minLength: 1, maxLength: 5 }),
        (rows, ps) => {
          const dates = rows.map(([y, m]) => [`${y}-${String(m).padStart(2, "0")}-15`]);
          const values = rows.map(([, , v]) => [v]);
          if (rows.length === 0) return;
          const periods = ps.map(([y, s]) => `${y}${s}`);
          const together = periodAggregate({ values, dates, periods: [periods], criteria: [] });
          const alone = periods.map((p) => {
            const o = periodAggregate({ values, dates, periods: [[p]], criteria: [] });
            return o.ok && o.cells[0][0];
          });
          expect(together.ok && together.cells[0]).toEqual(alone);
        },
      ),
      { numRuns: 200 },
    );
  });

  test("negative serials never count, in either date system (defect D9)", () => {
    for (const offset of [0, 1462]) {
      const out = periodAggregate({
        values: null,
        dates: [[-100], [-1], [0], [-0.5]],
        periods: [["1900", "1903", "1904"]],
        criteria: [],
        dateSerialOffset: offset,
      });
      expect(out.ok && out.cells[0].map((c) => c.ok && c.value)).toEqual([0, 0, 0]);
    }
  });
});
