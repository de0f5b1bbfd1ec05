/**
 * The simulated host's custom-function bridge (packages/excel-sim/src/hyperformula-invest.ts) follows Excel's documented contract,
 * not our functions: error cells only with allowErrorForDataTypeAny, blanks as null or (switch) 0, messages only on
 * #VALUE! and #N/A, undocumented outcomes refused. Probe functions record exactly what they receive.
 */
import { HyperFormula } from "hyperformula";
import { bridgeOptions, NotModelledError, registerInvestFunctions, setBridgeOptions } from "../src/hyperformula-invest";
import { hfError, investMetadata } from "../../test-support/src/invest-functions";
import { createSimulatedExcel } from "../src";

const calls: unknown[][] = [];
const probe = (...args: unknown[]) => {
  calls.push(args);
  return [[1]];
};
const PROBES = {
  PROBE: probe,
  PROBE_REP: probe,
  RETURN: (kind: unknown) => {
    const k = Array.isArray(kind) ? kind[0][0] : kind;
    if (k === "throw") throw new Error("boom");
    const value: Record<string, unknown> = {
      div0: { code: "#DIV/0!", message: "why" },
      num: { code: "#NUM!", message: "why" },
      value: { code: "#VALUE!", message: "why" },
      na: { code: "#N/A", message: "why" },
      ref: { code: "#REF!" },
      name: { code: "#NAME?" },
      nan: NaN,
      inf: Infinity,
      null: null,
    };
    return [[value[String(k)]]];
  },
};
const param = (name: string, extra: object = {}) => ({ name, dimensionality: "matrix", type: "any", ...extra });
function metadata(allowErrors: boolean | undefined) {
  return {
    ...(allowErrors === undefined ? {} : { allowErrorForDataTypeAny: allowErrors }),
    functions: [
      {
        id: "PROBE",
        name: "PROBE",
        parameters: [param("a"), param("b"), param("c", { optional: true })],
        result: { dimensionality: "matrix" },
      },
      {
        id: "PROBE_REP",
        name: "PROBE_REP",
        parameters: [param("a"), param("more", { repeating: true, optional: true })],
        result: { dimensionality: "matrix" },
      },
      { id: "RETURN", name: "RETURN", parameters: [param("kind")], result: { dimensionality: "matrix" } },
    ],
  };
}

function engine(allowErrors: boolean | undefined, blanksAsZero = false) {
  const scalar = () => [1, 1] as [number, number];
  registerInvestFunctions(
    HyperFormula,
    metadata(allowErrors),
    PROBES,
    { PROBE: scalar, PROBE_REP: scalar, RETURN: scalar },
    { blanksAsZero },
  );
  const hf = HyperFormula.buildEmpty({ licenseKey: "gpl-v3" });
  const sheet = hf.getSheetId(hf.addSheet("S"))!;
  // A1 blank, B1 = 7, C1 = #N/A, D1 = #DIV/0!, A2:B2 = 1 and a blank
  hf.setCellContents({ sheet, row: 0, col: 1 }, [[7, "=NA()", "=1/0"]]);
  hf.setCellContents({ sheet, row: 1, col: 0 }, [[1, null]]);
  const set = (formula: string) => {
    calls.length = 0;
    hf.setCellContents({ sheet, row: 5, col: 5 }, [[formula]]);
    return hf.getCellValue({ sheet, row: 5, col: 5 }) as any;
  };
  return { hf, set };
}

const initial = bridgeOptions();
afterAll(() => setBridgeOptions({ blanksAsZero: initial.blanksAsZero }));

test("blank cells are passed as 0 when the suite runs with SIM_BLANKS_AS_ZERO=1 (npm run test:blanks-as-zero)", () => {
  expect(initial.blanksAsZero).toBe(process.env.SIM_BLANKS_AS_ZERO === "1");
});

describe("error cells (custom-functions-errors.md: allowErrorForDataTypeAny)", () => {
  test("without the flag Excel does not call the function: the cell shows the argument's error", () => {
    for (const flag of [undefined, false]) {
      const { set } = engine(flag);
      const out = set("=INVEST.PROBE(A2:B2,C1)");
      expect(hfError(out)).toBe("#N/A");
      expect(calls).toHaveLength(0);
    }
  });

  test("without the flag, arguments holding two different errors are not modelled (refused, never guessed)", () => {
    const { set } = engine(false);
    expect(() => set("=INVEST.PROBE(C1,D1)")).toThrow(NotModelledError);
  });

  test("with the flag the function is called with each error cell as a CustomFunctions.Error {code}", () => {
    const { set } = engine(true);
    expect(set("=INVEST.PROBE(A1:D1,C1)")).toBe(1);
    expect(calls).toHaveLength(1);
    expect(calls[0][0]).toEqual([[null, 7, { code: "#N/A" }, { code: "#DIV/0!" }]]);
    expect(calls[0][1]).toEqual([[{ code: "#N/A" }]]);
  });

  test("the simulated host reads the flag from the functions.json it is given", async () => {
    const meta = await investMetadata();
    expect(meta.allowErrorForDataTypeAny).toBe(true);
    const sim = createSimulatedExcel({ functionsMetadata: meta }).install();
    try {
      expect(bridgeOptions().allowErrors).toBe(true);
    } finally {
      sim.close();
    }
    createSimulatedExcel({ functionsMetadata: { functions: meta.functions } }).close();
    expect(bridgeOptions().allowErrors).toBe(false);
  });
});

describe("blank cells: null (Excel on the web) or 0 (Excel desktop, OfficeDev/office-js#4702, #1951, #5262)", () => {
  test.each([
    [false, null],
    [true, 0],
  ])("blanksAsZero %p passes a blank cell as %p, in scalars, ranges and repeating arguments", (asZero, blank) => {
    const { set } = engine(true, asZero);
    set("=INVEST.PROBE(A1,A2:B2)");
    expect(calls[0].slice(0, 3)).toEqual([[[blank]], [[1, blank]], null]); // omitted optional: null either way
    set("=INVEST.PROBE_REP(1,A1,A2:B2,,B1)");
    expect(calls[0][1]).toEqual([[[blank]], [[1, blank]], [[null]], [[7]]]);
  });

  test("the option of the simulated host switches it", () => {
    createSimulatedExcel({ blanksAsZero: true }).close();
    expect(bridgeOptions().blanksAsZero).toBe(true);
    createSimulatedExcel({ blanksAsZero: false }).close();
    expect(bridgeOptions().blanksAsZero).toBe(false);
  });
});

describe("what a function returns, as Excel shows it", () => {
  test("messages only on #VALUE! and #N/A (custom-functions-errors.md); #DIV/0! and #NUM! show none", () => {
    const { set } = engine(true);
    for (const [kind, code, message] of [
      ["div0", "#DIV/0!", undefined],
      ["num", "#NUM!", undefined],
      ["value", "#VALUE!", "why"],
      ["na", "#N/A", "why"],
    ]) {
      const out = set(`=INVEST.RETURN("${kind}")`);
      expect([hfError(out), out.message || undefined]).toEqual([code, message]);
    }
  });

  test("a thrown exception is #VALUE!; null shows as 0 (office-js#1503)", () => {
    const { set } = engine(true);
    expect(hfError(set('=INVEST.RETURN("throw")'))).toBe("#VALUE!");
    expect(set('=INVEST.RETURN("null")')).toBe(0);
  });

  test("#REF!, #NAME? (input-only errors), NaN and Infinity are not modelled: refused", () => {
    const { set } = engine(true);
    for (const kind of ["ref", "name", "nan", "inf"])
      expect(() => set(`=INVEST.RETURN("${kind}")`)).toThrow(NotModelledError);
  });
});
