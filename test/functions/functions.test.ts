/** The custom functions called directly, as Excel calls them: ranges in, a same-shaped array out. */
import { completionRate, yoyGrowth } from "../../src/functions/functions";
import { errorCodeOf } from "../../src/functions/errors";

const code = (v: unknown) => errorCodeOf(v);

describe("COMPLETION_RATE", () => {
  test("reproduces the published 102.14% and 113.6%", () => {
    expect(completionRate([[357.5]], [[350]])[0][0]).toBeCloseTo(1.0214286, 6);
    expect(completionRate([[568]], [[500]])[0][0]).toBeCloseTo(1.136, 9);
  });

  test("works element-wise on ranges and broadcasts a single target", () => {
    expect(completionRate([[1], [2], [3]], [[4]])).toEqual([[0.25], [0.5], [0.75]]);
    expect(completionRate([[1, 2]], [[2, 4]])).toEqual([[0.5, 0.5]]);
  });

  test("a zero or blank target is #DIV/0!, text is #VALUE! naming the argument, mismatched ranges are #VALUE!", () => {
    expect(code(completionRate([[1]], [[0]])[0][0])).toBe("#DIV/0!");
    expect(code(completionRate([[1]], [[null]])[0][0])).toBe("#DIV/0!");
    const bad = completionRate([["十"]], [[1]])[0][0] as any;
    expect(code(bad)).toBe("#VALUE!");
    expect(bad.message).toMatch(/实际完成值/);
    expect(code(completionRate([[1], [2]], [[1], [2], [3]])[0][0])).toBe("#VALUE!");
  });
});

describe("YOY_GROWTH", () => {
  test("186 against 144 is +29.17%", () => {
    expect(yoyGrowth([[186]], [[144]])[0][0]).toBeCloseTo(0.291667, 6);
  });

  test("zero prior is #DIV/0!; a negative prior uses its absolute value", () => {
    expect(code(yoyGrowth([[5]], [[0]])[0][0])).toBe("#DIV/0!");
    expect(yoyGrowth([[-5]], [[-10]])[0][0]).toBeCloseTo(0.5);
  });
});

describe("numeric text, read by the core's one parser", () => {
  test("full-width digits, thousands separators and percentages are numbers; hex, Infinity and bare signs are not", () => {
    expect(completionRate([["１,０００"]], [[2000]])[0][0]).toBe(0.5);
    expect(completionRate([["50%"]], [[1]])[0][0]).toBe(0.5);
    expect(completionRate([[" 12.5 "]], [[25]])[0][0]).toBe(0.5);
    for (const bad of ["0x10", "Infinity", "+", "1e", "12元"])
      expect(code(completionRate([[bad]], [[1]])[0][0])).toBe("#VALUE!");
  });
});
