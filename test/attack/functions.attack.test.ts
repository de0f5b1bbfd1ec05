/**
 * Attacks on the INVEST.* custom functions that the code withstands today (the defects found are in
 * functions.defects.test.ts). Arguments are what Excel passes: numbers, strings, booleans, null (blank or omitted),
 * 2-D arrays for ranges, CustomFunctions.Error objects for error cells, data-type objects. Expected behaviour comes
 * from docs/functions.md and Microsoft's SUMIFS rules, and, for the period totals, from an independent model
 * (oracle.ts) or from relations any correct total obeys (metamorphic properties).
 */
import fc from "fast-check";
import {
  ARITY,
  ELEMENTWISE,
  F,
  GOOD_ARGS,
  code,
  installExcelRuntime,
  isExcelValue,
  msg,
  one,
  removeExcelRuntime,
  serial,
  shown,
  shownGrid,
} from "./support";
import { Cell, LedgerRow, meets, periodTotal, wildcardMatch } from "./oracle";
import { setFunctionsDateSystem } from "../../src/functions/date-system";
import { hfError, investSheet } from "../../packages/test-support/src/invest-functions";

afterEach(() => {
  setFunctionsDateSystem("1900");
  removeExcelRuntime();
  delete (globalThis as any).Office;
});

const RUNS = { numRuns: 150 };
const col = (...xs: unknown[]) => xs.map((x) => [x]);

/* ───────────────────────── numbers written as text ───────────────────────── */

describe("hostile numeric text in a numeric argument", () => {
  const read = (x: unknown) => one(F.COMPLETION_RATE([[x]], [[1]]));

  test.each([
    ["１,０００", 1000],
    ["１，０００", 1000],
    ["１２％", 0.12],
    ["12%", 0.12],
    ["1,000.5", 1000.5],
    [" 5 ", 5],
    ["\u30005\u3000", 5],
    ["+5", 5],
    [".5", 0.5],
    ["5.", 5],
    ["1e3", 1000],
    ["1E-3", 0.001],
    ["-0", 0],
    ["１２３", 123],
    ["－５", -5],
    ["1e-400", 0],
  ])("%j reads as %p", (text, n) => {
    const v = read(text);
    expect(typeof v).toBe("number");
    expect(v as number).toBeCloseTo(n as number, 12);
  });

  test.each([
    "1e309",
    "-1e309",
    "NaN",
    "Infinity",
    "-Infinity",
    "0x10",
    "0b1",
    "0o7",
    "1_000",
    "五",
    "十",
    "abc",
    "1.2.3",
    "--5",
    "5-",
    "%",
    "1e",
    "e5",
    "∞",
    "__proto__",
    "constructor",
    "toString",
    "2025-03-31",
    "TRUE",
    "=1+1",
    "@SUM(A1)",
    "1 2",
  ])("%j is #VALUE! naming the argument (zh and en)", (text) => {
    const v = read(text);
    expect(code(v)).toBe("#VALUE!");
    expect(msg(v)).toMatch(/实际完成值.*actual/);
    (globalThis as any).Office = { context: { displayLanguage: "en-US" } }; // Office in English
    expect(msg(read(text))).toMatch(/^Argument actual is not a number/);
  });

  test("a target written as zero in any form is #DIV/0! without a message; booleans are not numbers", () => {
    installExcelRuntime(); // the runtime refuses a message on #DIV/0!
    for (const z of [0, -0, "0", "０", "0%", "-0", "0e5", null, "", "   "]) {
      const v = one(F.COMPLETION_RATE([[1]], [[z]]));
      expect([z, code(v), msg(v)]).toEqual([z, "#DIV/0!", ""]);
    }
    expect(code(one(F.COMPLETION_RATE([[true]], [[1]])))).toBe("#VALUE!");
  });

  test("property: numeric text of any finite number reads as that number (with separators, %, full width)", () => {
    const toFullWidth = (s: string) =>
      s.replace(/[0-9.,%+\-eE]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    fc.assert(
      fc.property(fc.double({ min: -1e15, max: 1e15, noNaN: true }), fc.boolean(), (x, wide) => {
        const text = wide ? toFullWidth(String(x)) : x.toLocaleString("en-US", { maximumFractionDigits: 20 });
        const v = read(text);
        expect(typeof v).toBe("number");
        expect(v as number).toBeCloseTo(x, 6);
      }),
      RUNS,
    );
  });
});

/* ───────────────────────── blank cells: null (web) or 0 (desktop) ───────────────────────── */

describe("blank cells: null and 0 must give the same result everywhere (docs/functions.md 'Blank cells')", () => {
  const BLANK = Symbol("blank");
  const cellPool: unknown[] = [
    BLANK,
    BLANK,
    BLANK,
    5,
    -3,
    100,
    "",
    "x",
    "西宁市",
    "2025Q1",
    "2025年一季度",
    "2025-03-31",
    "2025/2/19",
    serial("2025-02-19"),
    "<>",
    "=",
    "<5",
    ">=0",
    "<>0",
    "0",
    "=0",
    ">-1",
    "<=0",
    "<>西宁市",
    "*",
    "day",
    "en",
    2025,
    true,
    { code: "#N/A" },
  ];
  const cell = fc.constantFrom(...cellPool);
  const grid = (rows: number, cols: number) =>
    fc.array(fc.array(cell, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows });
  /** Each BLANK becomes null or 0 independently; the two materialisations must agree. */
  const materialise = (x: unknown, bits: () => boolean): unknown =>
    x === BLANK ? (bits() ? null : 0) : Array.isArray(x) ? x.map((y) => materialise(y, bits)) : x;
  const rng = (seed: number) => {
    let s = seed >>> 0 || 1;
    return () => ((s = (s * 1103515245 + 12345) >>> 0) & 0x10000) !== 0;
  };

  test.each(ELEMENTWISE)("%s", (id) => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(grid(1, 1), grid(3, 1), grid(1, 2)), { minLength: ARITY[id], maxLength: ARITY[id] }),
        fc.integer(),
        fc.integer(),
        (args, s1, s2) => {
          const a = F[id](...(materialise(args, rng(s1)) as unknown[]));
          const b = F[id](...(materialise(args, rng(s2)) as unknown[]));
          expect(shownGrid(a)).toEqual(shownGrid(b));
        },
      ),
      RUNS,
    );
  });

  test.each(["PERIOD_SUM", "PERIOD_COUNT"])("%s (values, dates, criteria ranges and criteria)", (id) => {
    const n = 5;
    const pick = (...xs: unknown[]) => fc.constantFrom(...xs);
    const column = (c: fc.Arbitrary<unknown>) =>
      fc.array(
        c.map((x) => [x]),
        { minLength: n, maxLength: n },
      );
    const values = column(pick(BLANK, BLANK, 3, -2, "7", "x"));
    const dates = column(pick(BLANK, "2025-01-15", serial("2025-02-19"), "2025年3月5日", serial("2025-05-01"), "x"));
    const period = fc.array(pick(BLANK, "2025Q1", "2025", "2025H1"), { minLength: 1, maxLength: 3 }).map((p) => [p]);
    const range = column(pick(BLANK, BLANK, BLANK, 5, -1, "x", "西宁市", "", "5"));
    const criterion = fc
      .array(
        pick(BLANK, BLANK, "", "=", "<>", "<5", ">=0", "<>0", "0", "=0", ">-1", "<=0", "<0", "<>西宁市", "*", 5, "5"),
        { minLength: 1, maxLength: 4 },
      )
      .map((cs) => cs.map((c) => [c]));
    fc.assert(
      fc.property(values, dates, period, range, criterion, fc.integer(), fc.integer(), (v, d, p, r, c, s1, s2) => {
        const call = (seed: number) => {
          const bits = rng(seed);
          const m = (x: unknown) => materialise(x, bits) as unknown[][];
          return id === "PERIOD_SUM"
            ? F.PERIOD_SUM(m(v), m(d), m(p), [m(r), m(c)])
            : F.PERIOD_COUNT(m(d), m(p), [m(r), m(c)]);
        };
        expect(shownGrid(call(s1))).toEqual(shownGrid(call(s2)));
      }),
      { numRuns: 300 },
    );
  });
});

/* ───────────────────────── error cells in every position ───────────────────────── */

describe("error cells (allowErrorForDataTypeAny) in every argument of every function", () => {
  const RETURNABLE = ["#N/A", "#DIV/0!", "#NUM!", "#NULL!", "#VALUE!"];
  const INPUT_ONLY = ["#REF!", "#NAME?"];
  const DATA_TYPE_ERRORS: [string, string][] = [
    ["#SPILL!", "Spill"],
    ["#CALC!", "Calc"],
    ["#GETTING_DATA", "GettingData"],
    ["#BUSY!", "Busy"],
    ["#FIELD!", "Field"],
  ];
  /** Where an error cell is not the result: PERIOD_SUM / PERIOD_COUNT dates ("an error … in a date never matches"). */
  const neverMatches = (id: string, at: number) =>
    (id === "PERIOD_SUM" && at === 1) || (id === "PERIOD_COUNT" && at === 0);

  for (const id of Object.keys(F)) {
    test(`${id}: a returnable error is the result; #REF!, #NAME?, #SPILL!… are #VALUE! saying which argument and which error`, () => {
      installExcelRuntime();
      for (let at = 0; at < ARITY[id]; at++) {
        const args = [...GOOD_ARGS[id]];
        for (const c of [...RETURNABLE, ...INPUT_ONLY]) {
          args[at] = [[new (globalThis as any).CustomFunctions.Error(c)]];
          const v = one(F[id](...args));
          if (neverMatches(id, at)) {
            expect(v).toBe(0);
            continue;
          }
          if (RETURNABLE.includes(c)) expect([at, c, code(v)]).toEqual([at, c, c]);
          else {
            expect([at, c, code(v)]).toEqual([at, c, "#VALUE!"]);
            expect(msg(v)).toContain(c);
          }
        }
        for (const [text, type] of DATA_TYPE_ERRORS) {
          args[at] = [[{ type: "Error", basicValue: text, errorType: type }]];
          const v = one(F[id](...args));
          if (neverMatches(id, at)) {
            expect(v).toBe(0);
            continue;
          }
          expect([code(v), msg(v)]).toEqual(["#VALUE!", expect.stringContaining(text)]);
        }
      }
    });
  }

  test("element-wise: an error reaches exactly the result cells it pairs with (row × column broadcast)", () => {
    const out = F.SHARE([[1], [{ code: "#N/A" }], [3]], [[1, { code: "#NUM!" }, 4]]);
    expect(out.map((r: unknown[]) => r.map((v) => code(v) ?? v))).toEqual([
      [1, "#NUM!", 0.25],
      ["#N/A", "#N/A", "#N/A"],
      [3, "#NUM!", 0.75],
    ]);
  });

  test('PERIOD_SUM: error in a criteria range never matches, not even "<>x" or "*"; an error criterion is that cell\'s error', () => {
    const v = col(1, 2, 4);
    const d = col("2025-01-01", "2025-01-02", "2025-01-03");
    const r = col("a", { code: "#N/A" }, { type: "Error", basicValue: "#DIV/0!", errorType: "Div0" });
    for (const [c, want] of [
      ["<>x", 1],
      ["*", 1],
      ["<>", 1],
      ["", 0],
      ["=", 0],
      ["#N/A", 0],
      ["<>#N/A", 1],
    ] as const) {
      expect([c, one(F.PERIOD_SUM(v, d, [["2025"]], [r, [[c]]]))]).toEqual([c, want]);
    }
    const out = F.PERIOD_SUM(v, d, [["2025"]], [r, col("a", { code: "#NULL!" })]);
    expect([out[0][0], code(out[1][0])]).toEqual([1, "#NULL!"]);
  });
});

/* ───────────────────────── broadcasting and spill ───────────────────────── */

describe("ranges pair cell by cell and spill (docs/functions.md: a row and a column expand into a table)", () => {
  const value = fc.constantFrom<unknown>(
    null,
    0,
    1,
    -2.5,
    100,
    "12%",
    "2025-03-31",
    "2025-06-15",
    "day",
    "month",
    "en-US",
    "zh-CN",
    "2025Q1",
    "2025年上半年",
    7,
    "x",
    { code: "#N/A" },
  );
  const shape = fc.tuple(fc.constantFrom(1, 3), fc.constantFrom(1, 2));

  test.each(ELEMENTWISE)("%s: each result cell = the function on that cell's arguments alone", (id) => {
    fc.assert(
      fc.property(
        fc.array(shape, { minLength: ARITY[id], maxLength: ARITY[id] }),
        fc.array(value, { minLength: 36, maxLength: 36 }),
        (shapes, pool) => {
          let k = 0;
          const args = shapes.map(([r, c]) =>
            Array.from({ length: r }, () => Array.from({ length: c }, () => pool[k++ % pool.length])),
          );
          const rows = Math.max(...shapes.map((s) => s[0]));
          const cols = Math.max(...shapes.map((s) => s[1]));
          const out = F[id](...args);
          expect([out.length, out[0].length]).toEqual([rows, cols]);
          for (let r = 0; r < rows; r++)
            for (let c = 0; c < cols; c++) {
              const scalarArgs = args.map((g) => [[g[g.length === 1 ? 0 : r][g[0].length === 1 ? 0 : c]]]);
              expect(shown(out[r][c])).toEqual(shown(one(F[id](...scalarArgs))));
            }
        },
      ),
      { numRuns: 60 },
    );
  });

  test("sizes that cannot pair are one #VALUE! giving both sizes (zh and en)", () => {
    const v = F.COMPLETION_RATE([[1], [2], [3]], [[1], [2]]);
    expect([v.length, v[0].length, code(v[0][0])]).toEqual([1, 1, "#VALUE!"]);
    expect(msg(v[0][0])).toMatch(/3×1.*2×1/);
    (globalThis as any).Office = { context: { displayLanguage: "en-US" } }; // Office in English
    expect(msg(one(F.PACE_GAP([[1, 2, 3]], [[1, 2]], [["2025-03-31"]])))).toMatch(/actual 1x3, target 1x2/);
  });

  test("a whole column (1,048,576 cells) element-wise, and a 1×16 row × 2,000×1 column table", () => {
    const big = Array.from({ length: 1_048_576 }, (_, i) => [i]);
    const out = F.COMPLETION_RATE(big, [[4]]);
    expect([out.length, out[1_048_575][0]]).toEqual([1_048_576, 1_048_575 / 4]);
    const table = F.SHARE(
      Array.from({ length: 2000 }, (_, i) => [i]),
      [Array.from({ length: 16 }, (_, j) => j + 1)],
    );
    expect([table.length, table[0].length, table[1999][15]]).toEqual([2000, 16, 1999 / 16]);
  });
});

/* ───────────────────────── dates ───────────────────────── */

describe("dates: serials, ISO text, 2025/2/19, 2025年2月19日 (full width too) all mean the same day", () => {
  const date = fc.date({
    min: new Date(Date.UTC(1900, 2, 1)),
    max: new Date(Date.UTC(9999, 11, 31)),
    noInvalidDate: true,
  });
  const fw = (s: string) => s.replace(/[0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

  test("property: every written form gives the same TIME_PROGRESS, by month and by day, as computed here", () => {
    fc.assert(
      fc.property(date, (dt) => {
        const [y, m, d] = [dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate()];
        const iso = `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
        const forms = [
          serial(iso),
          serial(iso) + 0.75,
          iso,
          `${y}-${m}-${d}`,
          `${y}/${m}/${d}`,
          `${y}.${m}.${d}`,
          `${y}年${m}月${d}日`,
          fw(`${y}年${m}月${d}日`),
          fw(`${y}/${m}/${d}`),
          ` ${iso}\u3000`,
          `${iso}T08:30`,
        ];
        const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
        const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
        const doy = (Date.UTC(y, m - 1, d) - Date.UTC(y, 0, 1)) / 86_400_000 + 1;
        const byMonth = (d >= lastDay ? m : m - 1) / 12;
        for (const f of forms) {
          expect([f, one(F.TIME_PROGRESS([[f]]))]).toEqual([f, byMonth]);
          expect([f, one(F.TIME_PROGRESS([[f]], [["day"]]))]).toEqual([f, doy / (leap ? 366 : 365)]);
        }
      }),
      RUNS,
    );
  });

  test.each([
    "2025-02-30",
    "2025-13-01",
    "2025-00-10",
    "0000-01-01",
    "1899-12-31",
    "10000-01-01",
    "2025/2/29",
    "2025年2月30日",
    "1900-02-29",
    "25-03-31",
    "March 31, 2025",
    "31/03/2025",
    "2025-03-31T25:00x",
    "二〇二五年三月三十一日",
    "2025年13月",
    60,
    -1,
    0.5,
    2958466,
    1e12,
    true,
  ])("%j is #VALUE! saying as_of_date is not a valid date", (x) => {
    const v = one(F.TIME_PROGRESS([[x]]));
    expect(code(v)).toBe("#VALUE!");
    expect(msg(v)).toMatch(/截至日期.*as_of_date.*不是有效日期/);
  });

  test("the first and last days Excel has: serial 1 (1900-01-01), 59 (1900-02-28), 61 (1900-03-01), 2958465 (9999-12-31)", () => {
    expect(F.TIME_PROGRESS([[1], [59], [61], [2958465]], [["day"]]).map((r: unknown[]) => r[0])).toEqual([
      1 / 365,
      59 / 365,
      60 / 365,
      1,
    ]);
    expect(one(F.PERIOD_COUNT([[2958465], [1], [61]], [["9999Q4"]]))).toBe(1);
    expect(one(F.PERIOD_COUNT([[2958465], [1], [61]], [["1900Q1"]]))).toBe(2);
  });

  test("1904 date system: serials shift by 1462 days for as_of_date, ledger dates and date criteria; text does not", () => {
    const s1904 = (iso: string) => serial(iso) - 1462;
    setFunctionsDateSystem("1904");
    expect(one(F.TIME_PROGRESS([[s1904("2025-06-30")]]))).toBe(0.5);
    expect(one(F.REQUIRED_MONTHLY_PACE([[0]], [[90]], [[s1904("2025-03-31")]]))).toBe(10);
    const dates = col(s1904("2025-01-15"), s1904("2025-03-31"), "2025-04-01", s1904("2025-04-02"));
    expect(F.PERIOD_COUNT(dates, [["2025Q1", "2025Q2"]])).toEqual([[2, 2]]);
    expect(one(F.PERIOD_COUNT(dates, [["2025"]], [dates, [[">=2025-03-31"]]]))).toBe(3);
    expect(one(F.PERIOD_COUNT(dates, [["2025"]], [dates, [[s1904("2025-03-31")]]]))).toBe(1);
    expect(one(F.TIME_PROGRESS([[2957003]], [["day"]]))).toBe(1); // 9999-12-31 in 1904
    expect(code(one(F.TIME_PROGRESS([[2957004]])))).toBe("#VALUE!");
  });
});

/* ───────────────────────── periods ───────────────────────── */

describe("period codes: forms, spacing, full width and case", () => {
  type P = { code: string; zh: string[] };
  const period = fc
    .tuple(fc.integer({ min: 1901, max: 9999 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 12 }))
    .map(([y, kind, k]): P => {
      const q = ((k - 1) % 4) + 1;
      const cn = ["一", "二", "三", "四"][q - 1];
      switch (kind) {
        case 0:
          return { code: `${y}`, zh: [`${y}年全年`, `${y}全年`] };
        case 1:
          return { code: `${y}Q${q}`, zh: [`${y}年${cn}季度`, `${y}年第${cn}季度`, `${y}年第${q}季度`] };
        case 2:
          return { code: `${y}H${(k % 2) + 1}`, zh: [`${y}年${k % 2 ? "下" : "上"}半年`] };
        case 3:
          return { code: `${y}M${String(k).padStart(2, "0")}`, zh: [`${y}年${k}月`] };
        case 4:
          return {
            code: `${y}M${String(k).padStart(2, "0")}YTD`,
            zh: k === 1 ? [] : [`${y}年1-${k}月`, `${y}年1—${k}月`, `${y}年1至${k}月`, `${y}年1～${k}月`],
          };
        case 5:
          return { code: `${y}Q${q}YTD`, zh: q === 1 ? [] : q === 4 ? [] : [`${y}年前${cn}季度`] };
        default:
          return { code: `${y}H${(k % 2) + 1}YTD`, zh: [] };
      }
    });
  const toFullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
  const spaced = (s: string, sp: string) => [...s].join(sp);

  test("property: lower case, spaces (ASCII, U+3000, NBSP, tab), full width and Chinese forms name the same period", () => {
    fc.assert(
      fc.property(period, fc.constantFrom(" ", "\u3000", "\u00a0", "\t", "  "), (p, sp) => {
        const label = (x: unknown) => one(F.PERIOD_LABEL([[x]], [["zh-CN"]]));
        const want = label(p.code);
        expect(typeof want).toBe("string");
        for (const variant of [
          p.code.toLowerCase(),
          toFullWidth(p.code),
          spaced(p.code, sp),
          ` ${p.code} `,
          ...p.zh,
          ...p.zh.map(toFullWidth),
          ...p.zh.map((z) => spaced(z, sp)),
        ]) {
          expect([variant, label(variant)]).toEqual([variant, want]);
        }
        // The same period one year earlier is a period PERIOD_SUM reads, naming the year before.
        const prior = one(F.SAME_PERIOD_LAST_YEAR([[p.code]]));
        expect(typeof prior).toBe("string");
        expect(label(prior)).toBe((want as string).replace(/^\d{4}/, String(Number(p.code.slice(0, 4)) - 1)));
        expect(typeof one(F.PERIOD_SUM([[1]], [["2025-01-01"]], [[prior]]))).toBe("number");
      }),
      RUNS,
    );
  });

  test.each([
    "2025Q0",
    "2025Q5",
    "2025H3",
    "2025M00",
    "2025M13",
    "2025年5-3月",
    "2025年0-3月",
    "2025年2-13月",
    "2025年13月",
    "2025年五季度",
    "10000Q1",
    "202Q1",
    "Q1 2025",
    "2025-Q1",
    "2025QQ1",
    "2025Q1Q2",
    "2025Q1YTDX",
    "2025年前一季度",
    "2025年前四季度",
    "FY2025",
    "2025.5",
    2025.5,
    45747,
    1899,
    10000,
    -2025,
    true,
    "__proto__",
    "constructor",
    "2025Q1\u200b",
  ])("%j is #VALUE! listing the accepted forms", (x) => {
    for (const v of [
      one(F.PERIOD_LABEL([[x]])),
      one(F.SAME_PERIOD_LAST_YEAR([[x]])),
      one(F.PERIOD_SUM([[1]], [["2025-01-01"]], [[x]])),
      one(F.PERIOD_COUNT([["2025-01-01"]], [[x]])),
    ]) {
      expect(code(v)).toBe("#VALUE!");
      expect(msg(v)).toMatch(/可用的报告期/);
    }
  });

  test('a blank period (null, 0, "") says it is blank', () => {
    for (const x of [null, 0, ""])
      expect(msg(one(F.PERIOD_SUM([[1]], [["2025-01-01"]], [[x]])))).toMatch(/^报告期为空/);
  });

  test("the year limits: 9999Q4 works; SAME_PERIOD_LAST_YEAR of 1900 is #VALUE! with a message", () => {
    expect(one(F.PERIOD_LABEL([["9999Q4"]], [["zh"]]))).toBe("9999年四季度");
    expect(msg(one(F.SAME_PERIOD_LAST_YEAR([["1900Q1"]])))).toMatch(/1900/);
    expect(one(F.SAME_PERIOD_LAST_YEAR([[1901]]))).toBe("1900");
  });
});

/* ───────────────────────── PERIOD_SUM / PERIOD_COUNT against a model and themselves ───────────────────────── */

describe("PERIOD_SUM / PERIOD_COUNT: SUMIFS semantics (independent model) and metamorphic relations", () => {
  const rangeCells: Cell[] = [
    "西宁市",
    "西宁开发区",
    "海东市",
    "XINING",
    "xining",
    "a*b",
    "a~b",
    "aXb",
    "",
    null,
    0,
    5,
    "5",
    10,
    2.5,
    -1,
    true,
    false,
    { code: "#N/A" },
    "  ",
    "0",
  ];
  const criteria: Cell[] = [
    "西宁*",
    "*市",
    "?宁市",
    "XiNiNg",
    "<>西宁市",
    "",
    "<>",
    "=",
    "5",
    5,
    ">4",
    "<=5",
    ">=0",
    "<5",
    "<>5",
    true,
    false,
    "=TRUE",
    "<>FALSE",
    "~*",
    "a~*b",
    "a~?b",
    "*",
    "=*",
    "<>*",
    0,
    null,
    "0",
    "<>0",
    ">西宁",
    "<=xining",
    "a?b",
    "<>a*",
    "=5",
    ">-1",
    "<2.5",
    ">=2.5",
    "5.0",
    "5e0",
    "500%",
  ];
  const months = Array.from({ length: 24 }, (_, i) => [2024 + Math.floor(i / 12), (i % 12) + 1] as [number, number]);
  const dateForms = (y: number, m: number, d: number): Cell[] => {
    const iso = `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
    return [
      serial(iso),
      serial(iso) + 0.5,
      iso,
      `${y}/${m}/${d}`,
      `${y}年${m}月${d}日`,
      `${y}-${String(m).padStart(2, "0")}`,
    ];
  };
  const row = fc.record({
    value: fc.oneof(
      fc.integer({ min: -50, max: 50 }),
      fc.constantFrom<Cell>("12", "1,000", "x", null, true, "", { code: "#DIV/0!" }),
    ),
    date: fc.oneof(
      {
        weight: 6,
        arbitrary: fc
          .tuple(fc.constantFrom(...months), fc.integer({ min: 1, max: 28 }), fc.nat(5))
          .map(([[y, m], d, f]) => ({ cell: dateForms(y, m, d)[f], month: [y, m] as [number, number] | null })),
      },
      {
        weight: 1,
        arbitrary: fc
          .constantFrom<Cell>(null, 0, "", "not a date", "2025-02-30", { code: "#N/A" }, true)
          .map((cell) => ({ cell, month: null as [number, number] | null })),
      },
    ),
    c1: fc.constantFrom(...rangeCells),
    c2: fc.constantFrom(...rangeCells),
  });
  const PERIODS: [string, { year: number; from: number; to: number }][] = [
    ["2025", { year: 2025, from: 1, to: 12 }],
    ["2025Q1", { year: 2025, from: 1, to: 3 }],
    ["2024H2", { year: 2024, from: 7, to: 12 }],
    ["2025M03", { year: 2025, from: 3, to: 3 }],
    ["2025Q3YTD", { year: 2025, from: 1, to: 9 }],
    ["2024年2-4月", { year: 2024, from: 2, to: 4 }],
    ["2026", { year: 2026, from: 1, to: 12 }],
  ];

  const ledger = (rs: { value: Cell; date: { cell: Cell; month: [number, number] | null }; c1: Cell; c2: Cell }[]) => ({
    values: rs.map((r) => [r.value]),
    dates: rs.map((r) => [r.date.cell]),
    r1: rs.map((r) => [r.c1]),
    r2: rs.map((r) => [r.c2]),
    model: rs.map((r): LedgerRow => ({ value: r.value, month: r.date.month, criteria: [r.c1, r.c2] })),
  });

  test("the model's wildcards behave as Microsoft documents (* ? ~)", () => {
    expect([
      wildcardMatch("西宁*", "西宁开发区"),
      wildcardMatch("?宁市", "西宁市"),
      wildcardMatch("a~*b", "a*b"),
      wildcardMatch("a~*b", "aXb"),
      wildcardMatch("~~", "~"),
    ]).toEqual([true, true, true, false, true]);
    expect([
      meets("<>西宁市", null),
      meets("", 0),
      meets("<>", 0),
      meets("5", "5"),
      meets(">4", "5"),
      meets("<5", null),
    ]).toEqual([true, true, false, true, false, true]);
  });

  test("property: a period row × a criteria column equals the model, cell by cell (sum and count)", () => {
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 0, maxLength: 25 }),
        fc.array(fc.constantFrom(...criteria), { minLength: 1, maxLength: 6 }),
        // the second criterion is mostly one that lets every value through, so that the first one is seen at work
        fc.oneof({ weight: 3, arbitrary: fc.constant<Cell>("<>zzz") }, fc.constantFrom(...criteria)),
        (rs, crit1, crit2) => {
          const L = ledger(rs);
          const periodRow = [PERIODS.map((p) => p[0])];
          const critCol = crit1.map((c) => [c]);
          const sums = F.PERIOD_SUM(L.values, L.dates, periodRow, [L.r1, critCol, L.r2, [[crit2]]]);
          const counts = F.PERIOD_COUNT(L.dates, periodRow, [L.r1, critCol, L.r2, [[crit2]]]);
          expect([sums.length, sums[0].length]).toEqual([crit1.length, PERIODS.length]);
          crit1.forEach((c1, i) =>
            PERIODS.forEach(([, p], j) => {
              const want = periodTotal(L.model, p, [c1, crit2], false);
              const got = sums[i][j];
              const where = { c1, crit2, period: PERIODS[j][0] };
              if ("errors" in want)
                expect({ ...where, code: want.errors.includes(code(got) ?? "") }).toEqual({ ...where, code: true });
              else expect({ ...where, got }).toEqual({ ...where, got: want.value });
              expect({ ...where, n: counts[i][j] }).toEqual({
                ...where,
                n: (periodTotal(L.model, p, [c1, crit2], true) as { value: number }).value,
              });
            }),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  test("property: quarters add up to H1/H2/the year, months to the year, YTD to its parts; row order does not matter", () => {
    const intRow = row.filter((r) => typeof r.value === "number" || r.value === null);
    fc.assert(
      fc.property(
        fc.array(intRow, { maxLength: 30 }),
        fc.constantFrom(...criteria),
        fc.infiniteStream(fc.nat()),
        (rs, c, stream) => {
          const L = ledger(rs);
          const sum = (periods: string[], Lx = L) =>
            F.PERIOD_SUM(Lx.values, Lx.dates, [periods], [Lx.r1, [[c]]])[0] as number[];
          const [q1, q2, q3, q4, h1, h2, y, ytd3] = sum([
            "2025Q1",
            "2025Q2",
            "2025Q3",
            "2025Q4",
            "2025H1",
            "2025H2",
            "2025",
            "2025Q3YTD",
          ]);
          expect([q1 + q2, q3 + q4, h1 + h2, q1 + q2 + q3]).toEqual([h1, h2, y, ytd3]);
          const monthly = sum(Array.from({ length: 12 }, (_, i) => `2025M${String(i + 1).padStart(2, "0")}`));
          expect(monthly.reduce((a, b) => a + b, 0)).toBe(y);
          const order = rs.map((_, i) => i).sort((a, b) => (stream.next().value % 3) - 1 || a - b);
          const shuffled = ledger(order.map((i) => rs[i]));
          expect(sum(["2025", "2024H2"], shuffled)).toEqual(sum(["2025", "2024H2"]));
          const ones = { ...L, values: L.values.map(() => [1]) };
          expect(F.PERIOD_COUNT(L.dates, [["2025", "2024"]], [L.r1, [[c]]])).toEqual(
            F.PERIOD_SUM(ones.values, ones.dates, [["2025", "2024"]], [ones.r1, [[c]]]),
          );
        },
      ),
      RUNS,
    );
  });

  test("an error value propagates only into the periods and criteria its row meets (docs/functions.md, SUMIFS)", () => {
    const v = col(1, { code: "#N/A" }, 4);
    const d = col("2025-01-10", "2025-05-10", "2025-07-10");
    const r = col("甲", "乙", "甲");
    const out = F.PERIOD_SUM(v, d, [["2025Q1", "2025Q2", "2025H1", "2025H2"]], [r, col("甲", "乙")]);
    expect(out.map((line: unknown[]) => line.map((x) => code(x) ?? x))).toEqual([
      [1, 0, 1, 4],
      [0, "#N/A", "#N/A", 0],
    ]);
  });

  test("ranges of another size than the dates, and an unpaired criterion, are one #VALUE! saying so (zh and en)", () => {
    const d = col("2025-01-01", "2025-01-02");
    expect(msg(one(F.PERIOD_SUM(col(1, 2, 3), d, [["2025"]])))).toMatch(/3×1.*2×1/);
    expect(msg(one(F.PERIOD_SUM([[1, 2]], d, [["2025"]])))).toMatch(/金额/);
    expect(msg(one(F.PERIOD_COUNT(d, [["2025"]], [[["a", "b"]], [["a"]]])))).toMatch(/条件区域1/);
    (globalThis as any).Office = { context: { displayLanguage: "en-US" } }; // Office in English
    expect(msg(one(F.PERIOD_COUNT(d, [["2025"]], [col("a", "b")])))).toMatch(/Criteria come in pairs/);
    expect(msg(one(F.PERIOD_COUNT(d, [["2025", "2026"]], [col("a", "b"), [["a", "b", "c"]]])))).toMatch(
      /cannot be paired \(1x2, 1x3\)/,
    );
  });

  test("a 1,048,576-row ledger: 4 quarters × 9 regions in one call, within seconds", () => {
    const N = 1_048_576;
    const values = Array.from({ length: N }, (_, i) => [i % 7]);
    const dates = Array.from({ length: N }, (_, i) => [serial("2025-01-01") + (i % 365)]);
    const regions = Array.from({ length: N }, (_, i) => [`R${i % 9}`]);
    // The bound is relative to a plain loop doing the same grouping on the same machine in the same run, so a loaded
    // machine does not fail it while a pathological (e.g. quadratic) pass still does; speed goals live in npm run bench.
    const b0 = Date.now();
    const plain = new Map<string, number>();
    for (let i = 0; i < N; i++) {
      const q = Math.floor(new Date((dates[i][0] - 25569) * 86_400_000).getUTCMonth() / 3);
      const key = `${regions[i][0]}|${q}`;
      plain.set(key, (plain.get(key) ?? 0) + values[i][0]);
    }
    const baseline = Date.now() - b0;
    const t0 = Date.now();
    const out = F.PERIOD_SUM(
      values,
      dates,
      [["2025Q1", "2025Q2", "2025Q3", "2025Q4"]],
      [regions, Array.from({ length: 9 }, (_, i) => [`R${i}`])],
    );
    expect(Date.now() - t0).toBeLessThan(Math.max(10_000, 100 * baseline));
    const total = out.flat().reduce((a: number, b: number) => a + b, 0);
    expect(total).toBe(values.reduce((a, [v]) => a + v, 0));
  });
});

/* ───────────────────────── data types ───────────────────────── */

describe("data types (allowCustomDataForDataTypeAny): read by basic value, or #VALUE! saying to use a field", () => {
  const wrap = (v: unknown): unknown => {
    if (v === null) return { type: "Empty", basicValue: "" };
    if (typeof v === "number") return { type: "FormattedNumber", basicValue: v, numberFormat: "0.00" };
    if (typeof v === "string") return { type: "String", basicValue: v };
    if (typeof v === "boolean") return { type: "Boolean", basicValue: v };
    return v;
  };
  const deep = (g: unknown): unknown => (Array.isArray(g) ? g.map(deep) : wrap(g));

  test.each(Object.keys(F))("%s: every argument as a data type gives the same result as its basic value", (id) => {
    const plain = F[id](...GOOD_ARGS[id]);
    for (let at = 0; at < ARITY[id]; at++) {
      const args = [...GOOD_ARGS[id]];
      args[at] = deep(args[at]);
      expect([at, shownGrid(F[id](...args))]).toEqual([at, shownGrid(plain)]);
    }
  });

  test("entities, linked entities, images and arrays are #VALUE! naming the argument and the text, in zh and en", () => {
    const things = [
      { type: "Entity", text: "西宁市", properties: {}, basicValue: "#VALUE!", basicType: "Error" },
      {
        type: "LinkedEntity",
        text: "Xining",
        id: { domainId: "d", entityId: "e", serviceId: 268 },
        basicValue: "#VALUE!",
        basicType: "Error",
      },
      { type: "WebImage", address: "https://x/y.png", basicValue: "#VALUE!", basicType: "Error" },
      { type: "Array", elements: [[{ type: "Double", basicValue: 1 }]], basicValue: "#VALUE!", basicType: "Error" },
    ];
    for (const t of things) {
      const v = one(F.REQUIRED_MONTHLY_PACE([[1]], [[t]], [["2025-03-31"]]));
      expect([code(v), msg(v)]).toEqual(["#VALUE!", expect.stringMatching(/年度目标.*target.*=A2\./)]);
      expect(one(F.PERIOD_COUNT(col("2025-01-01", "2025-01-02"), [["2025"]], [col(t, "x"), [["<>x"]]]))).toBe(0);
    }
    (globalThis as any).Office = { context: { displayLanguage: "en-US" } }; // Office in English
    expect(msg(one(F.SHARE([[things[0]]], [[1]])))).toBe(
      'Argument part is an entity ("西宁市"), not a number, text or date: refer to one of its fields (e.g. =A2.Field), or convert the cell to text.',
    );
  });
});

/* ───────────────────────── optional arguments, language, tolerance ───────────────────────── */

describe("optional arguments as Excel passes them", () => {
  test("language in odd spellings: 'EN-us', ' en ', 'ｅｎ', 'English', 'zh', 'ZH_cn', '中文' read; others #VALUE! naming what is accepted", () => {
    const label = (lang: unknown) => one(F.PERIOD_LABEL([["2025Q1"]], [[lang]]));
    for (const l of ["EN-us", "en", "En-GB", " en ", "ｅｎ", "English", "英文"])
      expect([l, label(l)]).toEqual([l, "Q1 2025"]);
    for (const l of ["zh", "ZH_cn", "zh-TW", "中文", "Chinese", "cn"])
      expect([l, label(l)]).toEqual([l, "2025年一季度"]);
    for (const l of ["fr", "de-DE", "e", "eng", 1, true, "en zh"]) {
      expect(code(label(l))).toBe("#VALUE!");
      expect(msg(label(l))).toMatch(/zh-CN.*en-US/);
    }
  });

  test("a blank language follows the workbook's editing language, then Office's display language", () => {
    (globalThis as any).Office = { context: { contentLanguage: "en-GB", displayLanguage: "zh-CN" } };
    expect(one(F.PACE_STATUS([[30]], [[100]], [["2025-03-31"]], null, null, null))).toBe("Ahead");
    expect(one(F.PACE_STATUS([[30]], [[100]], [["2025-03-31"]], null, null, [[0]]))).toBe("Ahead");
    (globalThis as any).Office = { context: { displayLanguage: "en-US" } };
    expect(one(F.PERIOD_LABEL([["2025H1"]]))).toBe("H1 2025");
    expect(msg(one(F.TIME_PROGRESS([["x"]])))).toMatch(/^Argument as_of_date is not a valid date/);
  });

  test("tolerance: blank or 0 is 10 points, negatives by size, numeric text read, text #VALUE!", () => {
    const st = (tol: unknown) => one(F.PACE_STATUS([[20]], [[100]], [["2025-03-31"]], null, [[tol]])); // 5 points behind
    expect([null, 0, 6, -6, "6", "１０", 4, 1e308].map(st)).toEqual([
      "正常",
      "正常",
      "正常",
      "正常",
      "正常",
      "正常",
      "滞后",
      "正常",
    ]);
    expect(code(st("ten"))).toBe("#VALUE!");
    expect(code(st(true))).toBe("#VALUE!");
  });

  test("basis: month/day in any case, full width, 月/日/天; anything else #VALUE! with the accepted values", () => {
    const tp = (b: unknown) => one(F.TIME_PROGRESS([["2025-03-15"]], [[b]]));
    expect(["DAY", "Ｄａｙ", "日", "天", "按日", "days", " day "].map(tp).every((v) => v === 74 / 365)).toBe(true);
    expect(["MONTH", "月", "按月", null, 0, ""].map(tp).every((v) => v === 2 / 12)).toBe(true);
    for (const b of ["d", "year", 1, true, "quarter"]) expect(msg(tp(b))).toMatch(/"month".*"day"/);
  });
});

/* ───────────────────────── never Infinity, NaN or an exception ───────────────────────── */

describe("no function returns Infinity, NaN or throws, whatever Excel passes", () => {
  const cell = fc.oneof(
    fc.double(),
    fc.constantFrom(Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, -0, 1e-320, 9.99999999999999e307),
    fc.constantFrom<unknown>(
      null,
      "",
      "2025-03-31",
      "2025Q1",
      "day",
      "en",
      "1e308",
      "-1e308",
      "１２％",
      { code: "#N/A" },
      { type: "Double", basicValue: 1e308 },
    ),
  );
  const grid = fc.array(fc.array(cell, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 2 });

  test.each(Object.keys(F))("%s", (id) => {
    installExcelRuntime();
    fc.assert(
      fc.property(fc.array(grid, { minLength: ARITY[id], maxLength: ARITY[id] }), (args) => {
        const out = id === "PERIOD_SUM" || id === "PERIOD_COUNT" ? F[id](...args, [args[0], [["<>"]]]) : F[id](...args);
        for (const r of out) for (const v of r) expect([v, isExcelValue(v)]).toEqual([v, true]);
      }),
      RUNS,
    );
  });
});

/* ───────────────────────── in the simulated Excel ───────────────────────── */

describe("the same attacks as formulas in the simulated Excel (blank cells as null, and as 0)", () => {
  test.each([false, true])("blanksAsZero=%p: hostile cells in a ledger", async (blanksAsZero) => {
    const s = await investSheet({}, undefined, { blanksAsZero });
    s.set("A1", [
      ["１,０００", "2025/1/5", "西宁市"],
      [null, "2025年2月19日", null],
      ["12", "2025-03", "西宁开发区"],
      [5, "2025-02-30", "西宁市"],
      ["=NA()", "2025-04-01", "海东市"],
      ["=1/0", null, "海东市"],
    ]);
    s.set("E1", '=INVEST.PERIOD_SUM(A1:A6,B1:B6,"２０２５年 一季度",C1:C6,"西宁*")');
    s.set("E2", '=INVEST.PERIOD_COUNT(B1:B6,"2025Q1",C1:C6,"<>")');
    s.set("E3", '=INVEST.PERIOD_COUNT(B1:B6,"2025Q1",C1:C6,"")');
    s.set("E4", '=INVEST.PERIOD_SUM(A1:A6,B1:B6,"2025H1")');
    s.set("E5", "=INVEST.COMPLETION_RATE(A1:A6,4)");
    expect([s.get("E1"), s.get("E2"), s.get("E3"), hfError(s.get("E4"))]).toEqual([1012, 2, 1, "#N/A"]);
    expect(s.values("E5:E10").map((r) => hfError(r[0]) ?? r[0])).toEqual([250, 0, 3, 1.25, "#N/A", "#DIV/0!"]);
  });
});
