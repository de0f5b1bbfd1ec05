/**
 * The briefing sheet speaks the sheet's language in every cell a person reads (issue 16: the Chinese sheet showed
 * 计算方式 | month), and its formulas still compute from what it shows.
 */
import { HyperFormula } from "hyperformula";
import { buildBriefing } from "../../src/briefing/build";
import { BASIS_LABELS, PARAMS, briefingLayout } from "../../src/briefing/formulas";
import { briefingText } from "../../src/briefing/text";
import { seedInput } from "./seed-data";

describe("briefing sheet parameters", () => {
  test.each([
    ["zh-CN", "month", "按月"],
    ["zh-CN", "day", "按日"],
    ["en-US", "month", "month"],
    ["en-US", "day", "day"],
  ] as const)("%s, basis %s: cell F2 shows %s", (language, basis, shown) => {
    const b = buildBriefing(seedInput(), { period: "2025Q1", basis, asOf: "2025-03-20" });
    const layout = briefingLayout(b, briefingText(b, { language }), { mode: "portable", refs: "a1", language });
    expect(layout.grid[1][5].value).toBe(shown);
    expect(BASIS_LABELS[language][basis]).toBe(shown);
  });

  test.each(["month", "day"] as const)("the portable time-progress formula computes from the Chinese label (%s)", (basis) => {
    const b = buildBriefing(seedInput(), { period: "2025Q1", basis, asOf: "2025-03-20" });
    const layout = briefingLayout(b, briefingText(b), { mode: "portable", refs: "a1", language: "zh-CN" });
    const row = layout.grid[1];
    expect(PARAMS.timeProgress).toBe("$D$2");
    const hf = HyperFormula.buildFromArray([[null], row.map((cell) => (cell.formula ?? cell.value) as string | number | null)], { licenseKey: "gpl-v3" });
    expect(hf.getCellValue({ sheet: 0, row: 1, col: 3 })).toBeCloseTo(b.time_progress, 10);
    hf.destroy();
  });
});
