/**
 * The briefing sheet speaks the sheet's language in every cell a person reads (issue 16: the Chinese sheet showed
 * 计算方式 | month), and its formulas still compute from what it shows.
 */
import { HyperFormula } from "hyperformula";
import { buildBriefing } from "../../src/briefing/build";
import { BASIS_LABELS, PARAMS, briefingLayout } from "../../src/briefing/formulas";
import { briefingText } from "../../src/briefing/text";
import { seedHierarchy, seedInput } from "./seed-data";

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

  test.each(["month", "day"] as const)(
    "the portable time-progress formula computes from the Chinese label (%s)",
    (basis) => {
      const b = buildBriefing(seedInput(), { period: "2025Q1", basis, asOf: "2025-03-20" });
      const layout = briefingLayout(b, briefingText(b), { mode: "portable", refs: "a1", language: "zh-CN" });
      const row = layout.grid[1];
      expect(PARAMS.timeProgress).toBe("$D$2");
      const hf = HyperFormula.buildFromArray(
        [[null], row.map((cell) => (cell.formula ?? cell.value) as string | number | null)],
        { licenseKey: "gpl-v3" },
      );
      expect(hf.getCellValue({ sheet: 0, row: 1, col: 3 })).toBeCloseTo(b.time_progress, 10);
      hf.destroy();
    },
  );
});

describe("briefing sheet row labels in the sheet's language (issue 16: the English sheet said 合计, 其中：…)", () => {
  const firstColumn = (language: "zh-CN" | "en-US", regions?: string[]) => {
    const b = buildBriefing(seedInput(), {
      period: "2025Q1",
      asOf: "2025-03-31",
      ...(regions ? { regions } : { hierarchy: seedHierarchy() }),
    });
    const layout = briefingLayout(b, briefingText(b, { language }), { mode: "portable", refs: "a1", language });
    return { b, layout, labels: layout.grid.map((row) => row[0]?.value) };
  };

  test("by level: Total, of which: <place>, <place> (own level) in English; Chinese unchanged; place names as they are", () => {
    const en = firstColumn("en-US");
    const zh = firstColumn("zh-CN");
    expect(zh.labels).toContain("合计");
    expect(zh.labels).toContain("其中：西宁开发区");
    expect(en.labels).not.toContain("合计");
    expect(en.labels).toContain("Total");
    expect(en.labels).toContain("of which: 西宁开发区");
    expect(en.labels.filter((v) => typeof v === "string" && /合计|其中|本级/.test(v))).toEqual([]);
    const own = zh.labels.filter((v): v is string => typeof v === "string" && v.endsWith("本级"));
    for (const o of own) expect(en.labels).toContain(`${o.replace(/本级$/, "")} (own level)`);
    // The note speaks English about the rows it names; 备选 stays only as the status value a user types.
    const note = String(en.labels[2]);
    expect(note).not.toMatch(/其中|本级/);
    expect(note).toMatch(/“of which” rows/);
    // The actual and target formulas do not depend on the label shown (column B and C the same in both languages).
    expect(en.layout.grid.map((r) => [r[1]?.formula, r[2]?.formula])).toEqual(
      zh.layout.grid.map((r) => [r[1]?.formula, r[2]?.formula]),
    );
  });

  test("side by side: the English total row says Total and its target formula still finds the 合计 target", () => {
    const en = firstColumn("en-US", ["西宁市", "海东市"]);
    const zh = firstColumn("zh-CN", ["西宁市", "海东市"]);
    expect(en.labels).toContain("Total");
    expect(en.labels).not.toContain("合计");
    const totalRow = (x: typeof en) => x.layout.grid[x.labels.indexOf(x === en ? "Total" : "合计")];
    const targetF = (x: typeof en) => totalRow(x)[2]?.formula ?? "";
    expect(targetF(en)).toContain('"合计"');
    expect(targetF(zh).replace(/\$?A\$?\d+/g, '"合计"')).toBe(targetF(en));
  });
});
