/**
 * Defects found by attacking the INVEST.* functions with inputs Excel passes, kept as the tester's independent corpus.
 * Each test states the behaviour the docs/functions.md / Microsoft's documentation promises; each was marked `test.failing`
 * while the code did not deliver it, and every one is fixed now, so the tests guard the fixes. The comments say what
 * the defect was; the fixes and their own tests are in src/core and test/core, test/functions (hostile-inputs,
 * period-aggregate). Severity in brackets: [high] reachable from an ordinary formula and wrong or crashing;
 * [medium] reachable, wrong in a corner; [low] not reachable from Excel's own values, or cosmetic.
 */
import { F, code, installExcelRuntime, msg, one, removeExcelRuntime, serial, EXCEL_MAX, isExcelValue } from "./support";
import { setFunctionsDateSystem } from "../../src/functions/date-system";
import { hfError, investSheet } from "../../packages/test-support/src/invest-functions";

afterEach(() => {
  delete (globalThis as any).Office;
  setFunctionsDateSystem("1900");
  removeExcelRuntime();
});

const rows = (...xs: unknown[]) => xs.map((x) => [x]);
const q1 = (n: number) => rows(...Array.from({ length: n }, () => "2025-01-15"));
/** PERIOD_COUNT of the rows of `range` matching `criterion` (all rows dated in 2025Q1). */
const countIf = (range: unknown[][], criterion: unknown) =>
  one(F.PERIOD_COUNT(q1(range.length), [["2025Q1"]], [range, [[criterion]]]));

describe("D1 [high] the wildcard escape ~~ (a literal tilde) works (it threw a JS exception)", () => {
  // SUMIFS/COUNTIFS: "~" escapes the next * ? or ~ (docs/functions.md: "wildcards * ? and ~ to escape"). wildcardRegExp emits
  // "\~", which a /u regular expression refuses: SyntaxError "Invalid escape".
  const range = rows("~", "a~b", "a~~b", "x");

  test('criterion "~~" matches the cell holding "~"', () => {
    expect(countIf(range, "~~")).toBe(1);
  });

  test('criterion "a~~b" matches "a~b"; "<>~~" matches the other three', () => {
    expect(countIf(range, "a~~b")).toBe(1);
    expect(countIf(range, "<>~~")).toBe(3);
  });

  test("one such criterion in a criteria column no longer takes down the whole spill (every region's total)", () => {
    const out = F.PERIOD_SUM(
      [[1], [2]],
      [["2025-01-01"], ["2025-01-02"]],
      [["2025"]],
      [
        [["a"], ["~"]],
        [["a"], ["~~"], ["b"]],
      ],
    );
    expect(out.map((r: unknown[]) => r[0])).toEqual([1, 2, 0]);
  });

  test("in the simulated Excel the cell shows the count (it showed a bare #VALUE!, the exception)", async () => {
    const s = await investSheet();
    s.set("A1", [
      ["~", "2025-01-15"],
      ["x", "2025-01-16"],
    ]);
    s.set("D1", '=INVEST.PERIOD_COUNT(B1:B2,"2025",A1:A2,"~~")');
    expect(hfError(s.get("D1"))).toBeNull();
    expect(s.get("D1")).toBe(1);
  });
});

describe('D2 [medium] a date criterion written to the month (">=2025-01", "<2025-02") is the whole month (it was the month\'s LAST day)', () => {
  // coerceDate reads "2025-01" as 2025-01-31 (right for as_of_date: "2025-03 = the end of March"), and
  // dateOperand reuses it for criteria. Excel reads a typed 2025-01 as 2025-01-01, and whatever one thinks the month
  // means, a row dated 2025-02-10 is not "< 2025-02".
  const dates = rows(
    serial("2025-01-01"),
    serial("2025-01-15"),
    serial("2025-01-31"),
    serial("2025-02-10"),
    serial("2025-02-28"),
  );
  const count = (criterion: string) => one(F.PERIOD_COUNT(dates, [["2025"]], [dates, [[criterion]]]));

  test('">=2025-01" counts every January row (counted only 2025-01-31 and later)', () => {
    expect(count(">=2025-01")).toBe(5);
  });
  test('"<2025-02" does not count a row dated 2025-02-10', () => {
    expect(count("<2025-02")).toBe(3);
  });
  test('"=2025-01" is not "= 2025-01-31"', () => {
    expect(count("=2025-01")).not.toBe(1);
  });
  test('the Chinese month "<2025年2月" likewise', () => {
    expect(count("<2025年2月")).toBe(3);
  });
});

describe("D3 [medium] results beyond Excel's largest number (9.99999999999999E+307) are #NUM! (they were returned as numbers)", () => {
  // docs/functions.md: "A result too large for Excel is #NUM!"; "#NUM! | a result or total beyond Excel's number range". The code
  // tests Number.isFinite, i.e. JavaScript's limit 1.797E+308, so results in (1E+308, 1.797E+308) pass through.
  test("COMPLETION_RATE(9E+307, 0.6) = 1.5E+308 → #NUM!", () => {
    expect(code(one(F.COMPLETION_RATE([[9e307]], [[0.6]])))).toBe("#NUM!");
  });
  test("PERIOD_SUM of 6E+307 + 6E+307 = 1.2E+308 → #NUM!", () => {
    expect(code(one(F.PERIOD_SUM([[6e307], [6e307]], [["2025-01-01"], ["2025-01-02"]], [["2025"]])))).toBe("#NUM!");
  });
  test("REMAINING_TARGET(-5E+307, 6E+307) = 1.1E+308 and YOY_GROWTH(9E+307, 0.7) → #NUM!", () => {
    for (const v of [one(F.REMAINING_TARGET([[-5e307]], [[6e307]])), one(F.YOY_GROWTH([[9e307]], [[0.7]]))]) {
      expect(typeof v === "number" ? Math.abs(v) <= EXCEL_MAX : code(v) === "#NUM!").toBe(true);
    }
  });
});

describe("D4 [low] PACE_GAP / PACE_STATUS give a gap Excel can hold (they gave #NUM!: cleanFloat multiplied by 1e9 first)", () => {
  // cleanFloat(x) = Math.round(x * 1e9) / 1e9 overflows to Infinity once |x| > 1.8E+299, and ok() turns that into
  // "overflow". The gap 1E+300 points is within Excel's range; the status is plainly 超序时.
  test("PACE_GAP(1E+298, 1, 2025-03-31) ≈ 1E+300", () => {
    const v = one(F.PACE_GAP([[1e298]], [[1]], [["2025-03-31"]]));
    expect(typeof v).toBe("number");
    expect((v as number) / 1e300).toBeCloseTo(1, 9);
  });
  test("PACE_STATUS(1E+298, 1, 2025-03-31) = 超序时", () => {
    expect(one(F.PACE_STATUS([[1e298]], [[1]], [["2025-03-31"]]))).toBe("超序时");
  });
});

describe("D5 [low] an object whose code is an Object.prototype name is #VALUE! (it made every function throw)", () => {
  // errorCodeOf looks the code up in a plain object literal (FROM_CODE[code] ?? code): "constructor", "__proto__",
  // "toString"… return a function / Object.prototype, and readCell then calls .startsWith on it (TypeError).
  // docs/functions.md: "A property test passes arbitrary objects in every argument of every function: no function throws."
  for (const c of ["constructor", "__proto__", "toString", "valueOf", "hasOwnProperty"]) {
    test(`{code: "${c}"} in COMPLETION_RATE / PERIOD_SUM criteria → a #VALUE!, not a TypeError`, () => {
      const cell = JSON.parse(`{"code":"${c}"}`);
      expect(() => F.COMPLETION_RATE([[cell]], [[1]])).not.toThrow();
      expect(() => F.PERIOD_SUM([[1]], [["2025-01-01"]], [["2025"]], [[[cell]], [["x"]]])).not.toThrow();
      expect(code(one(F.COMPLETION_RATE([[cell]], [[1]])))).toBe("#VALUE!");
    });
  }
  test('a data type whose type is "constructor" / "__proto__" gets a message without "undefined"', () => {
    for (const t of ["constructor", "__proto__", "toString"]) {
      const v = one(F.COMPLETION_RATE([[JSON.parse(`{"type":"${t}"}`)]], [[1]]));
      expect(msg(v)).not.toMatch(/undefined/);
    }
  });
});

describe("D6 [low] years before 1900 are refused in text periods, as in numeric periods and every date", () => {
  // periodFromCell refuses the number 1899 (1900..9999) but parsePeriod accepts any four digits as text: "0000"
  // labels as "0年全年" and PERIOD_SUM silently returns 0 for a period no Excel date can fall in.
  test('PERIOD_LABEL("0000") / ("0999Q1") → #VALUE!, as PERIOD_LABEL(1899) is', () => {
    expect(code(one(F.PERIOD_LABEL([[1899]])))).toBe("#VALUE!");
    expect(code(one(F.PERIOD_LABEL([["0000"]])))).toBe("#VALUE!");
    expect(code(one(F.PERIOD_LABEL([["0999Q1"]])))).toBe("#VALUE!");
  });
  test('PERIOD_SUM(..., "1899Q4") → #VALUE!, not a silent 0', () => {
    expect(code(one(F.PERIOD_SUM([[1]], [["2025-01-01"]], [["1899Q4"]])))).toBe("#VALUE!");
  });
  test("periods far apart × a long criteria column: no RangeError (the bucket table spanned every month between)", () => {
    // months (1900..9999 = 97,200) × criteria (50,000) > 2^32: `new Float64Array` throws before any work is done.
    const criteria = Array.from({ length: 50_000 }, (_, i) => [`c${i}`]);
    let out: unknown[][] = [];
    expect(() => {
      out = F.PERIOD_SUM([[1]], [["2025-01-01"]], [["1900", "9999"]], [[["x"]], criteria]);
    }).not.toThrow();
    expect(out.length).toBe(50_000);
  });
});

describe("D7 [low] PERIOD_LABEL names H2 and quarters 2-4 as reports (and its own Q1/H1) do", () => {
  // docs/functions.md: PERIOD_LABEL gives "the period as reports name it"; 2025年下半年 is accepted as 2025H2, and English
  // names Q1 "Q1 2025" and H1 "H1 2025".
  test("2025H2 → 2025年下半年 (was 2025年7-12月)", () => {
    expect(one(F.PERIOD_LABEL([["2025H2"]], [["zh-CN"]]))).toBe("2025年下半年");
    expect(one(F.PERIOD_LABEL([["2025年下半年"]], [["zh-CN"]]))).toBe("2025年下半年");
  });
  test("English: 2025Q2 → Q2 2025, 2025H2 → H2 2025 (were Apr-Jun 2025, Jul-Dec 2025)", () => {
    expect(F.PERIOD_LABEL([["2025Q2", "2025Q4", "2025H2"]], [["en-US"]])).toEqual([["Q2 2025", "Q4 2025", "H2 2025"]]);
  });
});

describe("D8 [low] full-width ISO date text is read, as full-width 2025/3/31 and 2025年3月31日 are", () => {
  // docs/functions.md promises full-width digits for numeric text and the rules call for them; coerceDate (ISO) does not fold
  // NFKC, and the NFKC branch of coerceLedgerDate accepts / . 年 but not -.
  test('TIME_PROGRESS("２０２５-０３-３１") and ("２０２５－０３－３１") = 25%', () => {
    expect(one(F.TIME_PROGRESS([["２０２５/３/３１"]]))).toBe(0.25);
    expect(one(F.TIME_PROGRESS([["２０２５-０３-３１"]]))).toBe(0.25);
    expect(one(F.TIME_PROGRESS([["２０２５－０３－３１"]]))).toBe(0.25);
  });
  test("PERIOD_COUNT counts a row dated ２０２５-０２-１９ in 2025Q1", () => {
    expect(one(F.PERIOD_COUNT([["２０２５-０２-１９"]], [["2025Q1"]]))).toBe(1);
  });
});

describe("D9 [low] in a 1904 workbook, negative serials are no dates (they were read as 1900-1903)", () => {
  // Serial 0 is 1904-01-01 there and nothing precedes it; serial + 1462 makes -100 a 1903 date.
  test("TIME_PROGRESS(-100) → #VALUE!, and PERIOD_COUNT never counts a negative serial", () => {
    setFunctionsDateSystem("1904");
    expect(code(one(F.TIME_PROGRESS([[-100]])))).toBe("#VALUE!");
    expect(one(F.PERIOD_COUNT([[-100], [-1]], [["1903"]]))).toBe(0);
  });
});

describe("D10 [low] #N/A passed in keeps the message it came with", () => {
  // docs/functions.md, table "Errors": "#N/A … from an argument | … | the one it came with". Excel shows messages on #N/A, so
  // an #N/A with an explanation from another custom function reaches the cell without it.
  test("COMPLETION_RATE(#N/A 'not in the ledger', 1) keeps the message", () => {
    installExcelRuntime();
    const na = new (globalThis as any).CustomFunctions.Error("#N/A", "not in the ledger");
    const v = one(F.COMPLETION_RATE([[na]], [[1]]));
    expect([code(v), msg(v)]).toEqual(["#N/A", "not in the ledger"]);
  });
});

describe("D11 [low] inputs Excel never builds, but direct callers (and the no-throw promise) do", () => {
  test("an object whose getter throws: a #VALUE!, not the exception", () => {
    const hostile = {
      get type(): string {
        throw new Error("boom");
      },
    };
    expect(() => F.COMPLETION_RATE([[hostile]], [[1]])).not.toThrow();
  });
  test("an empty period range [[]] gives a cell Excel can show, not an empty array", () => {
    const out = F.PERIOD_SUM([[1]], [["2025-01-01"]], [[]]);
    expect(out.length > 0 && out[0].length > 0 && isExcelValue(out[0][0])).toBe(true);
  });
  test("a jagged range is refused (a #VALUE! giving sizes), not silently padded by repeating a cell", () => {
    const out = F.COMPLETION_RATE([[1, 2, 3], [4]], [[1]]);
    expect(code(out[1][1])).toBe("#VALUE!");
  });
});

describe('D12 [low] a date criterion built the usual Excel way (">="&DATE(…), a date cell) counts text dates too', () => {
  // docs/functions.md: "a date criterion also compares ISO-text dates" (ledgers imported from CSV keep dates as text). That holds
  // for ">=2025-03-01" but not for ">="&DATE(2025,3,1), which Excel hands over as ">=45717", nor for a criterion cell
  // holding a date (a serial): the same criterion, written the way Excel users write it, counts differently.
  const dates = [["2025-03-15"], ["2025-02-15"]];
  test('">=45717" (">="&DATE(2025,3,1)) counts the row dated "2025-03-15", as ">=2025-03-01" does', () => {
    expect(one(F.PERIOD_COUNT(dates, [["2025"]], [dates, [[">=2025-03-01"]]]))).toBe(1);
    expect(one(F.PERIOD_COUNT(dates, [["2025"]], [dates, [[`>=${serial("2025-03-01")}`]]]))).toBe(1);
  });
  test("a date cell (serial of 2025-03-15) as the criterion matches the text date 2025-03-15", () => {
    expect(one(F.PERIOD_COUNT(dates, [["2025"]], [dates, [[serial("2025-03-15")]]]))).toBe(1);
  });
});
