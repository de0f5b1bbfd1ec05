/** The INVEST.* functions called directly, as Excel calls them: ranges as any[][], omitted optionals as null. */
import fc from "fast-check";
import {
  completionRate,
  paceGap,
  paceStatus,
  periodCount,
  periodSum,
  remainingTarget,
  requiredMonthlyPace,
  share,
  timeProgress,
  yoyGrowth,
} from "../../src/functions/functions";
import { errorCodeOf } from "../../src/functions/errors";
import { INVEST_FUNCTIONS, INVEST_RESULT_SHAPES } from "../../src/functions/registry";
import { toExcelSerial } from "../../src/core/dates";

const code = (v: unknown) => errorCodeOf(v);
const msg = (v: unknown) => (v as { message?: string }).message ?? "";
const one = (grid: any[][]) => grid[0][0];
const serial = (iso: string) => {
  const [y, m, d] = iso.split("-").map(Number);
  return toExcelSerial({ year: y, month: m, day: d });
};

afterEach(() => {
  delete (globalThis as any).Office;
});

describe("TIME_PROGRESS (序时进度)", () => {
  test.each([
    ["2025-03-31", 0.25],
    ["2025-06-30", 0.5],
    ["2025-09-30", 0.75],
    ["2025-12-31", 1],
    ["2025-05-31", 5 / 12],
    ["2025-04-15", 0.25],
    ["2025-01-30", 0],
    ["2025-03", 0.25],
    ["2024-02-29", 2 / 12],
    ["2025-02-28", 2 / 12],
  ])("by months, %s → %d", (date, expected) => {
    expect(one(timeProgress([[date]]))).toBeCloseTo(expected, 12);
  });

  test("Excel serials, the other date forms, and by days", () => {
    expect(one(timeProgress([[serial("2025-03-31")]]))).toBe(0.25);
    expect(one(timeProgress([["2025/3/31"]]))).toBe(0.25);
    expect(one(timeProgress([["2025年6月30日"]]))).toBe(0.5);
    expect(one(timeProgress([["2025-03-31"]], [["day"]]))).toBeCloseTo(90 / 365, 12);
    expect(one(timeProgress([["2024-12-31"]], [["DAY"]]))).toBe(1);
    expect(one(timeProgress([["2024-03-01"]], [["按日"]]))).toBeCloseTo(61 / 366, 12);
    expect(one(timeProgress([["2025-03-31"]], [["month"]]))).toBe(0.25);
  });

  test("a range of dates spills one result per date", () => {
    expect(
      timeProgress([
        ["2025-03-31", "2025-06-30"],
        ["2025-09-30", "2025-12-31"],
      ]),
    ).toEqual([
      [0.25, 0.5],
      [0.75, 1],
    ]);
  });

  test("invalid basis, blank and invalid dates are #VALUE! saying what is accepted", () => {
    const b = one(timeProgress([["2025-03-31"]], [["week"]]));
    expect(code(b)).toBe("#VALUE!");
    expect(msg(b)).toMatch(/"month".*"day"/);
    for (const bad of [null, 0, "", "soon", "2025-13-01", "2025-02-30", true]) {
      const r = one(timeProgress([[bad]]));
      expect(code(r)).toBe("#VALUE!");
      expect(msg(r)).toMatch(/截至日期/);
    }
  });
});

describe("PACE_GAP (超/欠序时进度, percentage points)", () => {
  test("30.90% done at the end of March is 5.90 points ahead; exact ties are 0", () => {
    expect(one(paceGap([[30.9]], [[100]], [["2025-03-31"]]))).toBeCloseTo(5.9, 9);
    expect(one(paceGap([[25]], [[100]], [["2025-03-31"]]))).toBe(0);
    expect(one(paceGap([[245]], [[281]], [["2025-03-31"]]))).toBeCloseTo((245 / 281 - 0.25) * 100, 6);
  });

  test("ranges broadcast; zero or blank target is #DIV/0!; text is #VALUE! naming the argument", () => {
    const out = paceGap([[10], [50]], [[100]], [["2025-06-30"]]);
    expect(out).toEqual([[-40], [0]]);
    expect(code(one(paceGap([[1]], [[0]], [["2025-03-31"]])))).toBe("#DIV/0!");
    expect(code(one(paceGap([[1]], [[null]], [["2025-03-31"]])))).toBe("#DIV/0!");
    const bad = one(paceGap([[1]], [["很多"]], [["2025-03-31"]]));
    expect(code(bad)).toBe("#VALUE!");
    expect(msg(bad)).toMatch(/年度目标/);
    expect(code(one(paceGap([[1]], [[2]], [["2025-03-31"]], [["year"]])))).toBe("#VALUE!");
  });
});

describe("PACE_STATUS (超序时 / 正常 / 滞后)", () => {
  const at = [["2025-03-31"]]; // time progress 25%

  test("thresholds: ahead at ≥ 0, on track down to −10 points by default, behind beyond", () => {
    expect(one(paceStatus([[25]], [[100]], at))).toBe("超序时");
    expect(one(paceStatus([[40]], [[100]], at))).toBe("超序时");
    expect(one(paceStatus([[15]], [[100]], at))).toBe("正常"); // exactly −10
    expect(one(paceStatus([[14.99]], [[100]], at))).toBe("滞后");
    expect(one(paceStatus([[5]], [[100]], at, null as any, [[30]]))).toBe("正常");
    expect(one(paceStatus([[5]], [[100]], at, null as any, [[-30]]))).toBe("正常"); // tolerance taken by its size
    expect(one(paceStatus([[24]], [[100]], at, null as any, [[0.001]]))).toBe("滞后");
    // A tolerance of 0 cannot be told from a blank cell (Excel desktop passes blanks as 0): it is the default 10.
    expect(one(paceStatus([[15]], [[100]], at, null as any, [[0]]))).toBe("正常");
  });

  test("language: argument, then the workbook's content language, then display language, else Chinese", () => {
    expect(one(paceStatus([[40]], [[100]], at, null as any, null as any, [["en-US"]]))).toBe("Ahead");
    expect(one(paceStatus([[15]], [[100]], at, null as any, null as any, [["en"]]))).toBe("On track");
    expect(one(paceStatus([[1]], [[100]], at, null as any, null as any, [["English"]]))).toBe("Behind");
    (globalThis as any).Office = { context: { contentLanguage: "en-GB", displayLanguage: "zh-CN" } };
    expect(one(paceStatus([[40]], [[100]], at))).toBe("Ahead");
    expect(one(paceStatus([[40]], [[100]], at, null as any, null as any, [["中文"]]))).toBe("超序时");
    (globalThis as any).Office = { context: { displayLanguage: "en-US" } };
    expect(one(paceStatus([[40]], [[100]], at))).toBe("Ahead");
    (globalThis as any).Office = { context: { contentLanguage: "zh-TW", displayLanguage: "en-US" } };
    expect(one(paceStatus([[40]], [[100]], at))).toBe("超序时");
  });

  test("bad tolerance, bad language, zero target", () => {
    const t = one(paceStatus([[1]], [[100]], at, null as any, [["宽松"]]));
    expect(code(t)).toBe("#VALUE!");
    expect(msg(t)).toMatch(/容差/);
    const l = one(paceStatus([[1]], [[100]], at, null as any, null as any, [["fr"]]));
    expect(code(l)).toBe("#VALUE!");
    expect(msg(l)).toMatch(/zh-CN.*en-US/);
    expect(code(one(paceStatus([[1]], [[0]], at)))).toBe("#DIV/0!");
  });

  test("a table of regions spills a status each", () => {
    expect(paceStatus([[30], [20], [5]], [[100], [100], [100]], at)).toEqual([["超序时"], ["正常"], ["滞后"]]);
  });
});

describe("SHARE, REMAINING_TARGET, REQUIRED_MONTHLY_PACE", () => {
  test("share of a total; zero or blank total is #DIV/0!", () => {
    expect(share([[1], [3]], [[4]])).toEqual([[0.25], [0.75]]);
    expect(code(one(share([[1]], [[0]])))).toBe("#DIV/0!");
    expect(code(one(share([[1]], [[""]])))).toBe("#DIV/0!");
    const bad = one(share([[1]], [["全省"]]));
    expect(code(bad)).toBe("#VALUE!");
    expect(msg(bad)).toMatch(/总量/);
  });

  test("remaining target is never negative", () => {
    expect(one(remainingTarget([[245]], [[281]]))).toBe(36);
    expect(one(remainingTarget([[568]], [[500]]))).toBe(0);
    expect(one(remainingTarget([[0]], [[0]]))).toBe(0);
  });

  test("required monthly pace: remaining ÷ months left; none left at year end", () => {
    expect(one(requiredMonthlyPace([[245]], [[281]], [["2025-03-31"]]))).toBe(4);
    expect(one(requiredMonthlyPace([[245]], [[281]], [["2025-04-15"]]))).toBe(4); // April not completed yet
    expect(one(requiredMonthlyPace([[0]], [[120]], [["2025-11-30"]]))).toBe(120);
    expect(one(requiredMonthlyPace([[600]], [[500]], [["2025-12-31"]]))).toBe(0);
    const end = one(requiredMonthlyPace([[400]], [[500]], [["2025-12-31"]]));
    expect(code(end)).toBe("#DIV/0!");
    expect(msg(end)).toBe(""); // Excel shows no message on #DIV/0!: none is promised
  });
});

describe("English messages follow the UI language", () => {
  test("Office in English gives English error texts", () => {
    (globalThis as any).Office = { context: { displayLanguage: "en-US" } }; // Office in English
    expect(msg(one(completionRate([[1]], [["lots"]])))).toMatch(/Argument target is not a number/);
    expect(msg(one(timeProgress([["x"]])))).toMatch(/not a valid date/);
    expect(msg(one(periodSum([[1]], [["2025-01-01"]], [["Q1"]])))).toMatch(/Accepted periods/);
  });
});

describe("PERIOD_SUM / PERIOD_COUNT", () => {
  // A small ledger: amount, date, region, stage.
  const rows: [any, any, any, any][] = [
    [10, "2025-01-15", "西宁市", "签约"],
    [20, serial("2025-02-19"), "西宁市", "开工"],
    [5, "2025-03", "海东市", "签约"],
    [7, "2025-04-01", "西宁开发区", "签约"],
    [100, "2024-03-01", "西宁市", "签约"],
    [3, null, "西宁市", "签约"], // blank date: never counts
    [4, 0, "西宁市", "签约"], // blank date as Excel may pass it (0)
    ["12.5", "2025/7/8", "海东市", "开工"], // numeric text still counts
    ["待定", "2025-08-01", "海东市", "在谈"], // non-numeric text is ignored
    [1, "2025年9月30日", "", "签约"],
  ];
  const col = (i: number) => rows.map((r) => [r[i]]);
  const [values, dates, regions, stages] = [col(0), col(1), col(2), col(3)];

  test.each([
    ["2025Q1", 35],
    ["2025q1", 35],
    ["2025年一季度", 35],
    ["2025M02", 20],
    ["2025M3", 5],
    ["2025年1-2月", 30],
    ["2025H1", 42],
    ["2025Q2YTD", 42],
    ["2025年上半年", 42],
    ["2025H2", 13.5],
    ["2025年前三季度", 55.5],
    ["2025", 55.5],
    [2025, 55.5],
    ["2025年全年", 55.5],
    ["2024", 100],
    ["2026", 0],
    ["2025年5月", 0],
  ])("period %p sums to %d", (period, expected) => {
    expect(one(periodSum(values, dates, [[period]]))).toBeCloseTo(expected as number, 12);
  });

  test("counts rows by period; blank dates never count", () => {
    expect(one(periodCount(dates, [["2025"]]))).toBe(7);
    expect(one(periodCount(dates, [["2025Q1"]]))).toBe(3);
    expect(one(periodCount(dates, [["2025M08"]]))).toBe(1); // the text amount row still counts as a row
  });

  test("criteria like SUMIFS: exact text (case-insensitive), <>, wildcards, several pairs", () => {
    expect(one(periodSum(values, dates, [["2025"]], [regions, [["西宁市"]]]))).toBe(30);
    expect(one(periodSum(values, dates, [["2025"]], [regions, [["<>西宁市"]]]))).toBeCloseTo(25.5, 12); // blank region included
    expect(one(periodSum(values, dates, [["2025"]], [regions, [["西宁*"]]]))).toBe(37);
    expect(one(periodSum(values, dates, [["2025"]], [regions, [["??市"]]]))).toBe(47.5);
    expect(one(periodSum(values, dates, [["2025"]], [regions, [["西宁市"]], stages, [["签约"]]]))).toBe(10);
    expect(one(periodSum(values, dates, [["2025"]], [regions, [[""]]]))).toBe(1);
    expect(one(periodSum(values, dates, [["2025"]], [regions, [["<>"]]]))).toBeCloseTo(54.5, 12);
    expect(one(periodCount(dates, [["2025"]], [stages, [["签约"]]]))).toBe(4);
    const latin = [["Alpha"], ["alpha"], ["ALPHA*"], ["beta"], ["a*c"], ["abc"]];
    const d = latin.map(() => ["2025-01-01"]);
    expect(one(periodCount(d, [["2025"]], [latin, [["alpha"]]]))).toBe(2);
    expect(one(periodCount(d, [["2025"]], [latin, [["alpha~*"]]]))).toBe(1);
    expect(one(periodCount(d, [["2025"]], [latin, [["a~*c"]]]))).toBe(1);
    expect(one(periodCount(d, [["2025"]], [latin, [["a*c"]]]))).toBe(2);
    expect(one(periodCount(d, [["2025"]], [latin, [[">b"]]]))).toBe(1);
  });

  test("numeric, date and logical criteria", () => {
    const amounts = [[5], [10], [15], ["10"], [null], [true]];
    const d = amounts.map(() => ["2025-06-01"]);
    expect(one(periodCount(d, [["2025"]], [amounts, [[">10"]]]))).toBe(1);
    expect(one(periodCount(d, [["2025"]], [amounts, [[">=10"]]]))).toBe(2);
    expect(one(periodCount(d, [["2025"]], [amounts, [[10]]]))).toBe(2); // 10 and "10", as COUNTIF
    expect(one(periodCount(d, [["2025"]], [amounts, [["<>10"]]]))).toBe(4);
    expect(one(periodCount(d, [["2025"]], [amounts, [[true]]]))).toBe(1);
    expect(one(periodCount(d, [["2025"]], [amounts, [["TRUE"]]]))).toBe(1);
    expect(one(periodSum(values, dates, [["2025"]], [dates, [[">=2025-03-01"]]]))).toBeCloseTo(25.5, 12);
    expect(one(periodSum(values, dates, [["2025"]], [dates, [["<2025-02-20"]]]))).toBe(30);
    expect(one(periodSum(values, dates, [["2025"]], [values, [[">5"]]]))).toBe(37); // "12.5" is text: > compares numbers only
  });

  test("a range of periods spills, and periods × a column of criteria make a table", () => {
    expect(periodSum(values, dates, [["2025Q1", "2025Q2", "2025Q3", "2025Q4"]])).toEqual([[35, 7, 13.5, 0]]);
    expect(periodCount(dates, [["2025H1"], ["2025H2"]])).toEqual([[4], [3]]);
    const table = periodSum(
      values,
      dates,
      [["2025Q1", "2025H1", "2025"]],
      [regions, [["西宁市"], ["海东市"], ["*开发区"]]],
    );
    expect(table).toEqual([
      [30, 30, 30],
      [5, 5, 17.5],
      [0, 7, 7],
    ]);
  });

  test("errors: odd criteria, mismatched ranges, unknown periods (per cell), error values", () => {
    const odd = one(periodSum(values, dates, [["2025"]], [regions]));
    expect(code(odd)).toBe("#VALUE!");
    expect(msg(odd)).toMatch(/成对/);
    const size = one(periodSum(values.slice(1), dates, [["2025"]]));
    expect(code(size)).toBe("#VALUE!");
    expect(msg(size)).toMatch(/9×1.*10×1/);
    const crit = one(periodCount(dates, [["2025"]], [regions.slice(2), [["x"]]]));
    expect(code(crit)).toBe("#VALUE!");
    expect(msg(crit)).toMatch(/条件区域1/);
    const mixed = periodSum(values, dates, [["2025Q1", "2025Q5", "去年"]]);
    expect(mixed[0][0]).toBe(35);
    expect(code(mixed[0][1])).toBe("#VALUE!");
    expect(msg(mixed[0][1])).toMatch(/2025Q5.*2025Q2YTD/);
    expect(code(mixed[0][2])).toBe("#VALUE!");
    const shape = one(periodSum(values, dates, [["2025Q1", "2025Q2"]], [regions, [["a", "b", "c"]]]));
    expect(code(shape)).toBe("#VALUE!");
    // An error in the values propagates only into the periods whose rows match, as SUMIFS does.
    const withError = values.map((r) => [...r]);
    withError[3] = [{ code: "#N/A", message: "missing" }];
    expect(periodSum(withError, dates, [["2025Q1", "2025Q2"]])[0].map((v) => code(v) ?? v)).toEqual([35, "#N/A"]);
    // An error in a criteria range never matches; an error as the period or criterion is that cell's result.
    const regionsWithError = regions.map((r) => [...r]);
    regionsWithError[0] = [{ code: "#REF!" }];
    expect(one(periodSum(values, dates, [["2025"]], [regionsWithError, [["<>海东市"]]]))).toBe(28);
    expect(code(one(periodSum(values, dates, [[{ code: "#N/A" }]])))).toBe("#N/A");
  });

  test("empty and single-cell inputs, and scalars passed directly", () => {
    expect(one(periodSum([[]], [[]], [["2025"]]))).toBe(0);
    expect(one(periodSum(7 as any, "2025-05-05" as any, "2025Q2" as any))).toBe(7);
    expect(one(periodCount([["2025-05-05"]], [["2025Q2"]], []))).toBe(1);
    expect(one(periodCount([["2025-05-05"]], [["2025Q2"]], null as any))).toBe(1);
  });
});

describe("every function: never Infinity or NaN, and the result shape is the one a host predicts", () => {
  const cell = fc.oneof(
    fc.double({ noNaN: false }),
    fc.integer({ min: -5, max: 5 }),
    fc.constantFrom(null, "", "abc", "10%", "1,000", "2025-03-31", "2025Q1", "day", "en", true, 0),
  );
  const grid = fc
    .integer({ min: 1, max: 3 })
    .chain((r) =>
      fc
        .integer({ min: 1, max: 3 })
        .chain((c) => fc.array(fc.array(cell, { minLength: c, maxLength: c }), { minLength: r, maxLength: r })),
    );

  test.each(Object.keys(INVEST_FUNCTIONS))("%s", (id) => {
    const fn = INVEST_FUNCTIONS[id];
    const arity = id === "PERIOD_SUM" ? 3 : id === "PERIOD_COUNT" ? 2 : fn.length;
    fc.assert(
      fc.property(
        fc.array(grid, { minLength: arity, maxLength: arity }),
        fc.array(grid, { maxLength: 4 }),
        (args, extra) => {
          const repeating = id === "PERIOD_SUM" || id === "PERIOD_COUNT";
          const out: any[][] = repeating ? fn(...args, extra) : fn(...args);
          for (const row of out)
            for (const v of row) {
              if (typeof v === "number") expect(Number.isFinite(v)).toBe(true);
              else if (typeof v !== "string") expect(code(v)).toMatch(/^#/);
            }
          const shapes = [...args, ...(repeating ? extra : [])].map((g) => [g.length, g[0].length] as [number, number]);
          const predicted = INVEST_RESULT_SHAPES[id](shapes);
          if (predicted) expect([out.length, out[0].length]).toEqual(predicted);
          else expect([out.length, out[0].length, code(out[0][0])]).toEqual([1, 1, "#VALUE!"]);
        },
      ),
      { numRuns: 200 },
    );
  });

  test("existing functions keep their behaviour", () => {
    expect(one(yoyGrowth([[186]], [[144]]))).toBeCloseTo(0.2916667, 6);
  });
});

describe("overflow is #NUM!, never Infinity", () => {
  test("huge ratios and totals", () => {
    expect(code(one(completionRate([[1e308]], [[1e-308]])))).toBe("#NUM!");
    expect(code(one(share([[-1e308]], [[1e-10]])))).toBe("#NUM!");
    expect(code(one(periodSum([[1e308], [1e308]], [["2025-01-01"], ["2025-01-02"]], [["2025"]])))).toBe("#NUM!");
  });
});

describe("PERIOD_LABEL and SAME_PERIOD_LAST_YEAR", () => {
  const { periodLabel, samePeriodLastYear } = require("../../src/functions/functions");

  test("labels as reports write them, in the workbook's language", () => {
    expect(
      periodLabel([
        ["2025Q1YTD", "2025H1"],
        ["2025Q3YTD", "2025"],
      ]),
    ).toEqual([
      ["2025年一季度", "2025年上半年"],
      ["2025年前三季度", "2025年全年"],
    ]);
    expect(periodLabel([["2025M05YTD", "2025年5月", "2025Q2", 2024]])).toEqual([
      ["2025年1-5月", "2025年5月", "2025年二季度", "2024年全年"],
    ]);
    expect(periodLabel([["2025Q1"]], [["en-US"]])).toEqual([["Q1 2025"]]);
    (globalThis as any).Office = { context: { contentLanguage: "en-US" } };
    expect(periodLabel([["2025H1YTD", "2025"]])).toEqual([["H1 2025", "full year 2025"]]);
    expect(code(one(periodLabel([["2025Q5"]])))).toBe("#VALUE!");
  });

  test("same period last year feeds PERIOD_SUM for year-on-year growth", () => {
    expect(samePeriodLastYear([["2025Q1YTD", "2025年上半年", "2025M03", "2025年2-4月", 2025]])).toEqual([
      ["2024Q1YTD", "2024H1", "2024M03", "2024年2-4月", "2024"],
    ]);
    const values = [[10], [30], [4]];
    const dates = [["2024-02-01"], ["2025-03-01"], ["2024-05-01"]];
    const prior = samePeriodLastYear([["2025年2-4月"]]);
    expect(one(periodSum(values, dates, prior))).toBe(10);
    const growth = yoyGrowth(
      periodSum(values, dates, [["2025Q1YTD"]]),
      periodSum(values, dates, samePeriodLastYear([["2025Q1YTD"]])),
    );
    expect(one(growth)).toBe(2);
    expect(code(one(samePeriodLastYear([["1900"]])))).toBe("#VALUE!");
    expect(code(one(samePeriodLastYear([[null]])))).toBe("#VALUE!");
  });
});
