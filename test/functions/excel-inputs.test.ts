/**
 * What real Excel passes to the INVEST.* functions, beyond numbers and text (issue 11):
 * error cells (allowErrorForDataTypeAny), blank cells as null or 0, data types as objects, the 1904 date system;
 * and what Excel shows of what they return (messages only on #VALUE! and #N/A).
 */
import fc from "fast-check";
import { HyperFormula } from "hyperformula";
import {
  completionRate,
  paceStatus,
  periodCount,
  periodLabel,
  periodSum,
  share,
  timeProgress,
  yoyGrowth,
} from "../../src/functions/functions";
import { errorCodeOf } from "../../src/functions/errors";
import { INVEST_FUNCTIONS } from "../../src/functions/registry";
import { detectDateSystem, functionsDateSystem, setFunctionsDateSystem } from "../../src/functions/date-system";
import { toExcelSerial } from "../../src/core/dates";
import { hfError, investMetadata, investSheet } from "../../packages/test-support/src/invest-functions";

const code = (v: unknown) => errorCodeOf(v);
const msg = (v: unknown) => (v as { message?: string }).message ?? "";
const one = (grid: any[][]) => grid[0][0];
const serial = (iso: string) => {
  const [y, m, d] = iso.split("-").map(Number);
  return toExcelSerial({ year: y, month: m, day: d });
};
/** Arity of the fixed parameters; PERIOD_SUM / PERIOD_COUNT take the criteria as one more (repeating) argument. */
const REPEATING: Record<string, number> = { PERIOD_SUM: 3, PERIOD_COUNT: 2 };
const arity = (id: string) => REPEATING[id] ?? INVEST_FUNCTIONS[id].length;
/** An error or value in comparable form. */
const shown = (v: unknown) => (code(v) ? { code: code(v), message: msg(v) || undefined } : v);
const shownGrid = (g: unknown[][]) => g.map((row) => row.map(shown));

afterEach(() => {
  delete (globalThis as any).Office;
  setFunctionsDateSystem("1900");
  delete (globalThis as any).CustomFunctions;
});

describe("error cells passed in (functions.json allowErrorForDataTypeAny): each cell does what docs/functions.md says", () => {
  const values = [[10], [{ code: "#N/A" }], [5], [{ code: "#DIV/0!" }]];
  const dates = [["2025-01-15"], ["2025-04-01"], [{ code: "#REF!" }], ["2025-02-01"]];
  const regions = [["西宁市"], ["西宁市"], ["海东市"], [{ code: "#N/A" }]];

  test("PERIOD_SUM ignores an error in a row that does not match, propagates one in a matching value", () => {
    // Q1: rows 1 and 4 are dated in Q1; row 4's value is #DIV/0! → the Q1 total is #DIV/0!; Q2 holds row 2's #N/A.
    expect(periodSum(values, dates, [["2025Q1", "2025Q2", "2025Q3"]])[0].map((v) => code(v) ?? v)).toEqual([
      "#DIV/0!",
      "#N/A",
      0,
    ]);
    // With a criterion, row 4's region is #N/A: an error in a criteria range never matches, so row 4 drops out.
    expect(one(periodSum(values, dates, [["2025Q1"]], [regions, [["西宁市"]]]))).toBe(10);
    expect(one(periodSum(values, dates, [["2025Q1"]], [regions, [["<>海东市"]]]))).toBe(10);
    // Row 3's date is #REF!: never a date, so it counts in no period.
    expect(one(periodCount(dates, [["2025"]]))).toBe(3);
    // An error as the period or as the criterion is that result cell's error.
    expect(code(one(periodSum(values, dates, [[{ code: "#N/A" }]])))).toBe("#N/A");
    expect(code(one(periodCount(dates, [["2025"]], [regions, [[{ code: "#NUM!" }]]])))).toBe("#NUM!");
  });

  test("an error Excel does not let a function return (#REF!, #NAME?, #SPILL!…) becomes #VALUE! saying where", () => {
    const refValue = [[{ code: "#REF!" }]];
    const out = one(periodSum(refValue, [["2025-01-01"]], [["2025"]]));
    expect(code(out)).toBe("#VALUE!");
    expect(msg(out)).toMatch(/金额.*#REF!/);
    const rate = one(completionRate([[{ code: "#NAME?" }]], [[1]]));
    expect([code(rate), msg(rate)]).toEqual(["#VALUE!", expect.stringMatching(/实际完成值.*#NAME\?/)]);
    const spill = one(completionRate([[{ type: "Error", basicValue: "#SPILL!", errorType: "Spill" }]], [[1]]));
    expect([code(spill), msg(spill)]).toEqual(["#VALUE!", expect.stringMatching(/#SPILL!/)]);
  });

  test("element-wise functions give each cell its own error; the other cells compute", () => {
    expect(
      completionRate(
        [[357.5], [{ code: "#N/A" }], [{ type: "Error", basicValue: "#DIV/0!", errorType: "Div0" }]],
        [[350]],
      ).map((r) => code(r[0]) ?? r[0]),
    ).toEqual([357.5 / 350, "#N/A", "#DIV/0!"]);
  });

  test("in the simulated Excel, one #N/A in a ledger column no longer turns the whole PERIOD_SUM or spill into #N/A", async () => {
    const s = await investSheet();
    s.set("A1", [
      [10, "2025-01-15"],
      ["=NA()", "2025-04-01"],
      [5, "2025-02-01"],
    ]);
    s.set("D1", '=INVEST.PERIOD_SUM(A1:A3,B1:B3,"2025Q1")');
    s.set("E1", "=INVEST.COMPLETION_RATE(A1:A3,10)");
    expect(s.get("D1")).toBe(15);
    expect(s.values("E1:E3").map((r) => hfError(r[0]) ?? r[0])).toEqual([1, "#N/A", 0.5]);
    // Without the flag (the generator's own output), Excel would not call the function at all.
    const { generatedMetadata } = require("../../packages/test-support/src/invest-functions");
    const raw = await investSheet({}, await generatedMetadata());
    raw.set("A1", [
      [10, "2025-01-15"],
      ["=NA()", "2025-04-01"],
      [5, "2025-02-01"],
    ]);
    raw.set("D1", '=INVEST.PERIOD_SUM(A1:A3,B1:B3,"2025Q1")');
    expect(hfError(raw.get("D1"))).toBe("#N/A");
  });
});

describe("blank cells arrive as null (web) or 0 (desktop): every function gives the same result either way", () => {
  const BLANK = Symbol("blank");
  const cell = fc.oneof(
    { weight: 3, arbitrary: fc.constant(BLANK) },
    fc.integer({ min: -3, max: 40 }),
    fc.double({ min: -1e3, max: 1e3, noNaN: true }),
    fc.constantFrom(
      "",
      "abc",
      "西宁市",
      "10%",
      "2025-03-31",
      "2025Q1",
      "2025",
      "day",
      "month",
      "en",
      "zh-CN",
      "",
      "<>",
      "=",
      "=0",
      "<>0",
      "<5",
      ">=0",
      ">0",
      "<>西宁市",
      "西宁*",
      ">=2025-02-01",
      "<2025-06-01",
      true,
      false,
      45747,
      2025,
    ),
  );
  const grid = fc
    .integer({ min: 1, max: 3 })
    .chain((r) =>
      fc
        .integer({ min: 1, max: 3 })
        .chain((c) => fc.array(fc.array(cell, { minLength: c, maxLength: c }), { minLength: r, maxLength: r })),
    );
  const fill = (g: unknown[][], blank: unknown) => g.map((row) => row.map((v) => (v === BLANK ? blank : v)));

  test.each(Object.keys(INVEST_FUNCTIONS))("%s", (id) => {
    const fn = INVEST_FUNCTIONS[id];
    const repeating = id in REPEATING;
    fc.assert(
      fc.property(
        fc.array(grid, { minLength: arity(id), maxLength: arity(id) }),
        fc.array(grid, { maxLength: 4 }),
        (args, extra) => {
          const call = (blank: unknown) => {
            const a = args.map((g) => fill(g, blank));
            return shownGrid(
              repeating
                ? fn(
                    ...a,
                    extra.map((g) => fill(g, blank)),
                  )
                : fn(...a),
            );
          };
          expect(call(0)).toEqual(call(null));
        },
      ),
      { numRuns: 300 },
    );
  });

  test('criteria "" and "<>", and blank optional arguments, behave the same; what cannot be told apart is documented', () => {
    const values = [[1], [2], [4], [8]];
    const dates = [["2025-01-01"], ["2025-01-02"], ["2025-01-03"], ["2025-01-04"]];
    for (const blank of [null, 0]) {
      const region = [["甲"], [blank], [0], [""]];
      expect(one(periodSum(values, dates, [["2025"]], [region, [[""]]]))).toBe(14); // blank, 0 and "" all empty
      expect(one(periodSum(values, dates, [["2025"]], [region, [["<>"]]]))).toBe(1);
      expect(one(periodSum(values, dates, [["2025"]], [region, [[blank]]]))).toBe(14); // an empty criterion cell
      expect(one(periodSum(values, dates, [["2025"]], [region, [["<5"]]]))).toBe(6); // a blank counts as 0
      expect(one(timeProgress([["2025-03-31"]], [[blank]]))).toBe(0.25); // basis blank → month
      expect(one(paceStatus([[40]], [[100]], [["2025-03-31"]], [[blank]], [[blank]], [[blank]]))).toBe("超序时");
      expect(one(paceStatus([[15]], [[100]], [["2025-03-31"]], null as any, [[blank]]))).toBe("正常"); // default tolerance 10
      expect(one(periodLabel([["2025Q1"]], [[blank]]))).toBe("2025年一季度");
    }
  });

  test("the switch of the simulated host: a blank cell as 0 gives the same results in cells", async () => {
    for (const blanksAsZero of [false, true]) {
      const s = await investSheet({}, undefined, { blanksAsZero });
      s.set("A1", [
        [1, "2025-01-01", "甲"],
        [2, "2025-01-02", null],
        [4, null, "乙"],
      ]);
      s.set("E1", [
        [
          '=INVEST.PERIOD_SUM(A1:A3,B1:B3,"2025",C1:C3,"")',
          '=INVEST.PERIOD_COUNT(B1:B3,"2025",C1:C3,"<>")',
          '=INVEST.TIME_PROGRESS("2025-03-31",D9)',
          "=INVEST.COMPLETION_RATE(A1,D9)",
          '=INVEST.PACE_STATUS(40,100,"2025-03-31",D9,D9,D9)',
        ],
      ]);
      const [sum, count, progress, rate, status] = s.values("E1:I1")[0];
      expect([sum, count, progress, hfError(rate), status]).toEqual([2, 1, 0.25, "#DIV/0!", "超序时"]);
    }
  });
});

describe("messages: Excel shows them only on #VALUE! and #N/A, so no other error carries one", () => {
  test("with the CustomFunctions runtime, #DIV/0! and #NUM! are built without a message (the runtime rejects one)", () => {
    const made: { code: string; message?: string }[] = [];
    (globalThis as any).CustomFunctions = {
      ErrorCode: {
        invalidValue: "#VALUE!",
        notAvailable: "#N/A",
        divisionByZero: "#DIV/0!",
        invalidNumber: "#NUM!",
        nullReference: "#NULL!",
      },
      // As documented for divisionByZero / invalidNumber / nullReference: "A custom error message can't be used."
      Error: class {
        code: string;
        message?: string;
        constructor(c: string, m?: string) {
          if (m !== undefined && c !== "#VALUE!" && c !== "#N/A") throw new Error(`no message allowed with ${c}`);
          this.code = c;
          this.message = m;
          made.push(this);
        }
      },
    };
    expect(code(one(completionRate([[1]], [[0]])))).toBe("#DIV/0!");
    expect(code(one(share([[1e308]], [[1e-308]])))).toBe("#NUM!");
    expect(code(one(yoyGrowth([[1]], [[null]])))).toBe("#DIV/0!");
    expect(code(one(periodSum([[1e308], [1e308]], [["2025-01-01"], ["2025-01-02"]], [["2025"]])))).toBe("#NUM!");
    const bad = one(completionRate([["十"]], [[1]]));
    expect([code(bad), msg(bad)]).toEqual(["#VALUE!", expect.stringMatching(/实际完成值/)]);
    expect(made.every((e) => e instanceof (globalThis as any).CustomFunctions.Error)).toBe(true);
  });

  test("property: whatever the inputs, an error other than #VALUE! / #N/A never carries a message", () => {
    const cell = fc.oneof(
      fc.double(),
      fc.constantFrom(null, 0, "", "x", "2025Q1", "2025-03-31", "day", { code: "#N/A" }, { code: "#DIV/0!" }),
    );
    const grid = fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 2 });
    for (const id of Object.keys(INVEST_FUNCTIONS)) {
      fc.assert(
        fc.property(fc.array(grid, { minLength: arity(id), maxLength: arity(id) }), (args) => {
          const out: unknown[][] = INVEST_FUNCTIONS[id](...args);
          for (const row of out)
            for (const v of row) {
              const c = code(v);
              if (c && c !== "#VALUE!" && c !== "#N/A") expect(msg(v)).toBe("");
            }
        }),
        { numRuns: 100 },
      );
    }
  });
});

describe("the 1904 date system (src/functions/date-system.ts)", () => {
  const in1904 = (iso: string) => serial(iso) - 1462;

  test("once the functions know the workbook counts from 1904, serials mean the right dates", () => {
    expect(one(timeProgress([[in1904("2025-03-31")]]))).not.toBe(0.25); // read as 1900: a date in 1921
    setFunctionsDateSystem("1904");
    expect(one(timeProgress([[in1904("2025-03-31")]]))).toBe(0.25);
    expect(one(timeProgress([["2025-03-31"]]))).toBe(0.25); // text dates do not depend on it
    const values = [[1], [2], [4]];
    const dates = [[in1904("2025-01-15")], [in1904("2025-02-10")], [in1904("2025-04-01")]];
    expect(periodSum(values, dates, [["2025Q1", "2025Q2"]])).toEqual([[3, 4]]);
    expect(one(periodSum(values, dates, [["2025"]], [dates, [[">=2025-02-01"]]]))).toBe(6);
    expect(one(periodSum(values, dates, [["2025"]], [dates, [[in1904("2025-02-10")]]]))).toBe(2);
    expect(code(one(timeProgress([[0]])))).toBe("#VALUE!"); // 0 is a blank cell, not 1904-01-01
  });

  test("detectDateSystem: Workbook.use1904DateSystem where Office.js defines it, else the host's DATE(1904,1,1); read-only", async () => {
    const loads: string[] = [];
    const fakeExcel = (defined: boolean, value: unknown, dateOf1904 = value ? 0 : 1462) => {
      class Workbook {}
      if (defined) Object.defineProperty(Workbook.prototype, "use1904DateSystem", { get: () => value });
      return {
        Workbook,
        run: async (batch: any) =>
          batch({
            workbook: {
              load: (p: string) => loads.push(p),
              use1904DateSystem: value,
              functions: {
                date: (y: number, m: number, d: number) => ({
                  load: (p: string) => loads.push(`DATE(${y},${m},${d}).${p}`),
                  value: dateOf1904,
                }),
              },
            },
            sync: async () => undefined,
          }),
      };
    };
    // Released Office.js: the property is preview-only, so the host's DATE function tells.
    expect(await detectDateSystem(fakeExcel(false, true))).toBe("1904");
    expect(loads).toEqual(["DATE(1904,1,1).value"]);
    expect(functionsDateSystem()).toBe("1904");
    expect(await detectDateSystem(fakeExcel(false, false))).toBe("1900");
    expect(await detectDateSystem(fakeExcel(false, false, 5))).toBeNull(); // an answer that is neither: unknown
    loads.length = 0;
    expect(await detectDateSystem(fakeExcel(true, true))).toBe("1904");
    expect(loads).toEqual(["use1904DateSystem"]);
    expect(functionsDateSystem()).toBe("1904");
    expect(await detectDateSystem(fakeExcel(true, false))).toBe("1900");
    expect(
      await detectDateSystem({
        Workbook,
        run: async () => {
          throw new Error("GeneralException");
        },
      }),
    ).toBeNull();
    expect(await detectDateSystem(undefined)).toBeNull();
    function Workbook() {}
    Object.defineProperty(Workbook.prototype, "use1904DateSystem", { get: () => true });
  });

  test("detectDateSystem over the simulated Excel host (DATE evaluated by the host) in both date systems", async () => {
    const { createSimulatedExcel } = await import("../../packages/excel-sim/src");
    for (const date1904 of [false, true]) {
      const sim = createSimulatedExcel({ date1904 });
      expect(await detectDateSystem(sim.Excel)).toBe(date1904 ? "1904" : "1900");
      expect(functionsDateSystem()).toBe(date1904 ? "1904" : "1900");
    }
  });

  test("in a 1904 workbook of the simulated Excel (HyperFormula nullDate 1904-01-01), DATE() serials compute right", async () => {
    const s = await investSheet({ nullDate: { year: 1904, month: 1, day: 1 } });
    s.set("A1", [["=DATE(2025,3,31)", "=INVEST.TIME_PROGRESS(A1)"]]);
    expect(s.get("A1")).toBe(in1904("2025-03-31"));
    setFunctionsDateSystem("1904");
    s.set("B1", "=INVEST.TIME_PROGRESS(A1)");
    expect(s.get("B1")).toBe(0.25);
  });
});

describe("data types (entities, formatted numbers…) arrive as objects: read their basic value or #VALUE!, never throw", () => {
  const entity = {
    type: "Entity",
    text: "西宁市",
    properties: { 人口: { type: "Double", basicValue: 2.5e6 } },
    basicValue: "#VALUE!",
    basicType: "Error",
  };
  const linked = { type: "LinkedEntity", text: "Xining", id: { domainId: "geo", entityId: "1", serviceId: 268 } };

  test("basic values: formatted numbers, doubles, strings, booleans, empty; entities are #VALUE! saying what to do", () => {
    expect(
      one(
        completionRate(
          [[{ type: "FormattedNumber", basicValue: 245, numberFormat: "0.00" }]],
          [[{ type: "Double", basicValue: 281 }]],
        ),
      ),
    ).toBeCloseTo(245 / 281, 12);
    expect(
      one(timeProgress([[{ type: "String", basicValue: "2025-06-30" }]], [[{ type: "Empty", basicValue: "" }]])),
    ).toBe(0.5);
    expect(
      one(
        periodSum(
          [[{ type: "Double", basicValue: 3 }]],
          [[{ type: "FormattedNumber", basicValue: serial("2025-05-05"), numberFormat: "yyyy-mm-dd" }]],
          [[{ type: "String", basicValue: "2025Q2" }]],
        ),
      ),
    ).toBe(3);
    const e = one(completionRate([[entity]], [[1]]));
    expect([code(e), msg(e)]).toEqual(["#VALUE!", expect.stringMatching(/实际完成值.*实体“西宁市”.*=A2\./)]);
    (globalThis as any).Office = { context: { displayLanguage: "en-US" } }; // Office in English
    const l = one(share([[1]], [[linked]]));
    expect([code(l), msg(l)]).toEqual([
      "#VALUE!",
      expect.stringMatching(/Argument total is a linked data type \("Xining"\)/),
    ]);
    // In a criteria range an entity never matches; as a matching value it is that #VALUE!.
    expect(
      one(periodSum([[1], [2]], [["2025-01-01"], ["2025-01-02"]], [["2025"]], [[[entity], ["西宁市"]], [["西宁市"]]])),
    ).toBe(2);
    expect(code(one(periodSum([[linked]], [["2025-01-01"]], [["2025"]])))).toBe("#VALUE!");
  });

  const dataType = fc.oneof(
    fc.record(
      {
        type: fc.constantFrom(
          "Double",
          "FormattedNumber",
          "String",
          "Boolean",
          "Empty",
          "Error",
          "Entity",
          "LinkedEntity",
          "WebImage",
          "Array",
          "Reference",
          "NotAvailable",
          "Function",
          "Nope",
        ),
        basicValue: fc.anything(),
        basicType: fc.constantFrom(undefined, "Error", "Double", "String"),
        errorType: fc.constantFrom(undefined, "Div0", "Ref", "Spill", 7),
        text: fc.oneof(fc.string(), fc.anything()),
        numberFormat: fc.string(),
      },
      { requiredKeys: ["type"] },
    ),
    fc.record({
      code: fc.oneof(fc.constantFrom("#N/A", "#REF!", "invalidValue", "#GETTING_DATA"), fc.anything()),
      message: fc.anything(),
    }),
  );
  const anyCell = fc.oneof(fc.anything(), dataType, fc.constantFrom(null, 0, "", "2025Q1", "2025-03-31", "<>", 5));
  const anyArg = fc.oneof(
    {
      weight: 4,
      arbitrary: fc.array(fc.array(anyCell, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
    },
    fc.anything(),
    dataType,
  );

  test("hostile objects found by the fuzz: no usable toString, null prototype, codes and types that are not text", () => {
    const hostile: unknown[] = [
      { code: { toString: 0 }, message: {} },
      { code: [{ toString: 0 }] },
      { code: { toString: [] } },
      Object.create(null),
      { type: { toString: 0 } },
      { type: "String", basicValue: { toString: 0 } },
      { type: "Entity", text: { toString: 0 } },
      Object.assign(Object.create(null), { code: "#N/A" }),
      Symbol("x"),
      () => 1,
      10n,
    ];
    for (const id of Object.keys(INVEST_FUNCTIONS)) {
      for (const h of hostile) {
        for (let at = 0; at < arity(id); at++) {
          const args: unknown[] = [[["2025-03-31"]], [[100]], [["2025Q1"]], [[1]], [[1]], [[1]]].slice(0, arity(id));
          args[at] = [[h]];
          expect(() => INVEST_FUNCTIONS[id](...args, ...(id in REPEATING ? [[[[h]], [[h]]]] : []))).not.toThrow();
        }
      }
    }
  });

  test.each(Object.keys(INVEST_FUNCTIONS))(
    "fuzz %s: any object in any argument → numbers, text or errors, never a throw",
    (id) => {
      const fn = INVEST_FUNCTIONS[id];
      fc.assert(
        fc.property(
          fc.array(anyArg, { minLength: arity(id), maxLength: arity(id) }),
          fc.oneof(fc.array(anyArg, { maxLength: 4 }), fc.anything()),
          (args, extra) => {
            const out = id in REPEATING ? fn(...args, extra) : fn(...args);
            expect(
              Array.isArray(out) && out.length > 0 && out.every((row: unknown) => Array.isArray(row) && row.length > 0),
            ).toBe(true);
            for (const row of out)
              for (const v of row) {
                if (typeof v === "number") expect(Number.isFinite(v)).toBe(true);
                else if (typeof v !== "string")
                  expect(["#VALUE!", "#N/A", "#DIV/0!", "#NUM!", "#NULL!"]).toContain(code(v));
              }
          },
        ),
        { numRuns: 300 },
      );
    },
  );
});

test("the metadata the simulated host and Excel read is the same file", async () => {
  expect((await investMetadata()).allowErrorForDataTypeAny).toBe(true);
  expect(HyperFormula).toBeDefined();
});
