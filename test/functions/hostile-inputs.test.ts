/**
 * Inputs Excel never builds but a direct caller, another host or a fuzzer does — objects whose keys or values are
 * Object.prototype names, getters and Proxies that throw, ragged or empty arrays — and error messages passed on.
 * Promise (docs/functions.md): no function throws; every result cell is something Excel can show.
 * Defects D5, D10 and D11 of the attack report (test/attack/functions.defects.test.ts holds the tester's own cases).
 */
import fc from "fast-check";
import { errorCodeOf } from "../../src/functions/errors";
import { INVEST_FUNCTIONS } from "../../src/functions/registry";

const F = INVEST_FUNCTIONS;
const code = (v: unknown) => errorCodeOf(v);
const msg = (v: unknown) => ((v as { message?: unknown })?.message as string) ?? "";
const one = (grid: unknown[][]) => grid[0][0];
const REPEATING = new Set(["PERIOD_SUM", "PERIOD_COUNT"]);
/** A valid argument for each position, the background of per-argument attacks. */
const GOOD: Record<string, unknown[]> = {
  COMPLETION_RATE: [[[50]], [[100]]],
  YOY_GROWTH: [[[120]], [[100]]],
  TIME_PROGRESS: [[["2025-03-31"]], [["month"]]],
  PACE_GAP: [[[50]], [[100]], [["2025-03-31"]], [["month"]]],
  PACE_STATUS: [[[50]], [[100]], [["2025-03-31"]], [["month"]], [[10]], [["zh-CN"]]],
  SHARE: [[[25]], [[100]]],
  REMAINING_TARGET: [[[25]], [[100]]],
  REQUIRED_MONTHLY_PACE: [[[25]], [[100]], [["2025-03-31"]]],
  PERIOD_SUM: [[[7]], [["2025-02-01"]], [["2025Q1"]], [[["x"]], [["x"]]]],
  PERIOD_COUNT: [[["2025-02-01"]], [["2025Q1"]], [[["x"]], [["x"]]]],
  PERIOD_LABEL: [[["2025Q1"]], [["zh-CN"]]],
  SAME_PERIOD_LAST_YEAR: [[["2025Q1"]]],
};
/** Every argument position of a function, the criteria range and criterion of PERIOD_SUM / PERIOD_COUNT included. */
function withCellAt(id: string, at: number, cell: unknown): unknown[] {
  const args = GOOD[id].map((a) =>
    Array.isArray(a) && Array.isArray(a[0]) && Array.isArray(a[0][0]) ? [...(a as unknown[][])] : a,
  );
  const fixed = REPEATING.has(id) ? args.length - 1 : args.length;
  if (at < fixed) args[at] = [[cell]];
  else (args[fixed] as unknown[])[at - fixed] = [[cell]];
  return args;
}
const positions = (id: string) => GOOD[id].length + (REPEATING.has(id) ? 1 : 0);
const SHOWABLE = new Set(["#VALUE!", "#N/A", "#DIV/0!", "#NUM!", "#NULL!"]);
const showable = (v: unknown) =>
  typeof v === "number" ? Number.isFinite(v) : typeof v === "string" || SHOWABLE.has(code(v) ?? "");

afterEach(() => {
  delete (globalThis as any).Office;
  delete (globalThis as any).CustomFunctions;
});

const PROTO_NAMES = [
  "constructor",
  "__proto__",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "isPrototypeOf",
  "propertyIsEnumerable",
  "toLocaleString",
  "__defineGetter__",
  "prototype",
];

describe("lookups keyed by what a cell says are Maps: Object.prototype names are unknown names (defect D5)", () => {
  const objects = fc
    .tuple(
      fc.constantFrom("code", "type", "errorType", "basicValue", "basicType", "text"),
      fc.constantFrom(...PROTO_NAMES),
      fc.constantFrom(undefined, "Error", "Entity", "#N/A"),
    )
    .map(([key, name, type]) => JSON.parse(JSON.stringify({ ...(type ? { type } : {}), [key]: name })) as object);

  test("property: such an object in any argument of any function never throws, and every result cell is showable", () => {
    for (const id of Object.keys(F)) {
      fc.assert(
        fc.property(objects, fc.nat(), (cell, k) => {
          const out = F[id](...withCellAt(id, k % positions(id), cell));
          for (const row of out) for (const v of row) expect([id, cell, showable(v)]).toEqual([id, cell, true]);
          for (const row of out) for (const v of row) expect(msg(v)).not.toMatch(/undefined|function|\[object/);
        }),
        { numRuns: 60 },
      );
    }
  });

  test('{code: "constructor"} is an unknown code (read as text, so not an error Excel knows): #VALUE! naming the argument', () => {
    for (const name of PROTO_NAMES) {
      expect(errorCodeOf(JSON.parse(`{"code":"${name}"}`))).toBe(name);
      const v = one(F.COMPLETION_RATE([[JSON.parse(`{"code":"${name}"}`)]], [[1]]));
      expect([name, code(v), msg(v)]).toEqual([name, "#VALUE!", expect.stringMatching(/实际完成值.*actual/)]);
    }
  });

  test('a data type named "constructor" is "a data type", and an errorType "toString" is #VALUE!', () => {
    (globalThis as any).Office = { context: { displayLanguage: "en-US" } }; // Office in English
    expect(msg(one(F.SHARE([[{ type: "constructor", text: "x" }]], [[1]])))).toBe(
      'Argument part is a data type ("x"), not a number, text or date: refer to one of its fields (e.g. =A2.Field), or convert the cell to text.',
    );
    expect(code(one(F.SHARE([[{ type: "Error", errorType: "toString" }]], [[1]])))).toBe("#VALUE!");
  });

  test('the registry has no Object.prototype behind it: a host asking for "constructor" finds nothing', () => {
    for (const name of PROTO_NAMES) expect(F[name]).toBeUndefined();
    expect(Object.keys(F)).toHaveLength(12);
  });
});

describe("objects that throw when read (defect D11): #VALUE! saying the value cannot be read, never the exception", () => {
  const throwingGetter = {
    get type(): string {
      throw new Error("boom");
    },
  };
  const throwingCode = {
    get code(): string {
      throw new Error("boom");
    },
  };
  const throwingProxy = new Proxy(
    {},
    {
      get() {
        throw new Error("boom");
      },
      has() {
        throw new Error("boom");
      },
    },
  );

  test.each(Object.keys(F))("%s, in every argument", (id) => {
    for (const cell of [throwingGetter, throwingCode, throwingProxy]) {
      for (let at = 0; at < positions(id); at++) {
        let out: unknown[][] = [];
        expect(() => {
          out = F[id](...withCellAt(id, at, cell));
        }).not.toThrow();
        for (const row of out) for (const v of row) expect([at, showable(v)]).toEqual([at, true]);
      }
    }
    expect(errorCodeOf(throwingProxy)).toBeNull();
  });

  test("where such a value is the result it is a #VALUE! with a message", () => {
    const v = one(F.COMPLETION_RATE([[throwingGetter]], [[1]]));
    expect([code(v), msg(v)]).toEqual(["#VALUE!", expect.stringMatching(/实际完成值.*无法识别/)]);
  });
});

describe("malformed arrays (defect D11): refused with a message, not padded by guessing", () => {
  test("a ragged range: every cell of the answer is #VALUE! giving the row lengths (zh and en)", () => {
    const out = F.COMPLETION_RATE([[1, 2, 3], [4]], [[1]]);
    expect([out.length, out[0].length]).toEqual([2, 3]);
    expect(out.flat().every((v: unknown) => code(v) === "#VALUE!")).toBe(true);
    expect(msg(out[0][0])).toBe(
      "参数“实际完成值”（actual）不是完整的矩形区域（各行长度为 3、1）：请选择一个连续的单元格区域。",
    );
    (globalThis as any).Office = { context: { displayLanguage: "en-US" } }; // Office in English
    expect(msg(one(F.SHARE([[1]], [[1], 2])))).toBe(
      "Argument total is not a rectangular range (row lengths 1, 1): select one block of cells.",
    );
  });

  test("PERIOD_SUM / PERIOD_COUNT: a ragged values, dates, period, criteria range or criterion is one #VALUE! naming it", () => {
    const ragged = [[1], [2, 3]];
    const d = [["2025-01-01"], ["2025-01-02"]];
    expect(msg(one(F.PERIOD_SUM(ragged, d, [["2025"]])))).toMatch(/金额.*values.*1、2/);
    expect(msg(one(F.PERIOD_SUM([[1], [2]], [["2025-01-01"], []], [["2025"]])))).toMatch(/日期.*dates.*1、0/);
    expect(msg(one(F.PERIOD_COUNT(d, [["2025"], ["2025Q1", "2025Q2"]])))).toMatch(/报告期.*period/);
    expect(msg(one(F.PERIOD_COUNT(d, [["2025"]], [[["a"], "b"], [["a"]]])))).toMatch(/条件区域1.*criteria_range1/);
    expect(
      msg(
        one(
          F.PERIOD_COUNT(
            d,
            [["2025"]],
            [
              [["a"], ["b"]],
              [["a", "b"], []],
            ],
          ),
        ),
      ),
    ).toMatch(/条件1.*criterion1/);
  });

  test("an empty array is a blank cell: an empty ledger totals 0, an empty period says it is blank", () => {
    expect(one(F.PERIOD_SUM([[]], [[]], [["2025"]]))).toBe(0);
    expect(msg(one(F.PERIOD_SUM([[1]], [["2025-01-01"]], [[]])))).toMatch(/^报告期为空/);
    expect(msg(one(F.PERIOD_LABEL([])))).toMatch(/^报告期为空/);
    expect(code(one(F.COMPLETION_RATE([[]], [[1]])))).toBeNull(); // blank actual is 0
  });

  test("property: arrays of any raggedness never throw, and every answer cell is showable", () => {
    const cell = fc.constantFrom<unknown>(1, 0, null, "2025Q1", "2025-03-31", "x", { code: "#N/A" });
    const arg = fc.oneof(
      cell,
      fc.array(cell, { maxLength: 3 }),
      fc.array(fc.oneof(cell, fc.array(cell, { maxLength: 3 })), { maxLength: 3 }),
    );
    for (const id of Object.keys(F)) {
      fc.assert(
        fc.property(fc.array(arg, { minLength: positions(id), maxLength: positions(id) }), (args) => {
          const call = REPEATING.has(id) ? [...args.slice(0, -1), [args[args.length - 1], [["x"]]]] : args;
          const out = F[id](...call);
          expect(out.length).toBeGreaterThan(0);
          for (const row of out) {
            expect(row.length).toBeGreaterThan(0);
            for (const v of row) expect(showable(v)).toBe(true);
          }
        }),
        { numRuns: 80 },
      );
    }
  });
});

describe("#N/A keeps the message it came with, as #VALUE! does: Excel shows messages on both (defect D10)", () => {
  const install = () => {
    (globalThis as any).CustomFunctions = {
      ErrorCode: {
        invalidValue: "#VALUE!",
        notAvailable: "#N/A",
        divisionByZero: "#DIV/0!",
        invalidNumber: "#NUM!",
        nullReference: "#NULL!",
      },
      Error: class {
        code: string;
        message?: string;
        constructor(c: string, m?: string) {
          if (m !== undefined && c !== "#VALUE!" && c !== "#N/A") throw new Error(`no message allowed with ${c}`);
          this.code = c;
          if (m !== undefined) this.message = m;
        }
      },
    };
  };

  test("element-wise, PERIOD_SUM's values, period and criterion: the #N/A and its message pass through", () => {
    install();
    const na = new (globalThis as any).CustomFunctions.Error("#N/A", "项目不在台账中");
    const passed = [
      one(F.COMPLETION_RATE([[na]], [[1]])),
      one(F.PERIOD_SUM([[na]], [["2025-01-01"]], [["2025"]])),
      one(F.PERIOD_SUM([[1]], [["2025-01-01"]], [[na]])),
      one(F.PERIOD_COUNT([["2025-01-01"]], [["2025"]], [[["x"]], [[na]]])),
      one(F.PERIOD_LABEL([[na]])),
    ];
    for (const v of passed) expect([code(v), msg(v)]).toEqual(["#N/A", "项目不在台账中"]);
  });

  test("an #N/A without a message stays without one; #DIV/0! never carries one", () => {
    install();
    const v = one(F.SHARE([[new (globalThis as any).CustomFunctions.Error("#N/A")]], [[1]]));
    expect([code(v), msg(v)]).toEqual(["#N/A", ""]);
    const d = one(F.SHARE([[{ code: "#DIV/0!", message: "x" }]], [[1]]));
    expect([code(d), msg(d)]).toEqual(["#DIV/0!", ""]);
  });
});
