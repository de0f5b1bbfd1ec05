/** The preview grid lays cells out as Excel does (issue 16): text runs on over empty cells, numbers never lose digits. */
import fc from "fast-check";
import { estimateWidth, isDisplayedNumber, layoutGrid } from "../../src/preview/grid-layout";

const measure = (t: string) => t.length * 7; // 7 px a character, for readable expectations
const PAD = 8;

describe("layoutGrid", () => {
  test("a title runs on over the empty cells to its right, and only as far as it needs", () => {
    const { cells } = layoutGrid(
      [["2025年一季度招商引资成绩单", "", "", "", "x"]],
      [64, 64, 64, 64, 64],
      [true, true, true, true, true],
      measure,
      PAD,
    );
    // 15 characters × 7 = 105 px: its own 56 px of room plus one more column (64) = 120 ≥ 105
    expect(cells[0][0]).toMatchObject({ shown: "2025年一季度招商引资成绩单", overflow: 1, room: 120 });
    expect(cells[0][1].covered).toBe(true);
    expect(cells[0][2].covered).toBe(false);
  });

  test("text stops at the first cell that holds something (clipped there), and at the last column", () => {
    const long = "x".repeat(40);
    const { cells } = layoutGrid(
      [
        [long, "", "b", ""],
        ["", "", "", long],
      ],
      [64, 64, 64, 64],
      [true, true, true, true],
      measure,
      PAD,
    );
    expect(cells[0][0]).toMatchObject({ overflow: 1, room: 56 + 64 });
    expect(cells[0][2]).toMatchObject({ overflow: 0, covered: false });
    expect(cells[1][3]).toMatchObject({ overflow: 0, room: 56 });
  });

  test("a number in a column of set width that is too narrow shows #### across the cell, never part of its digits", () => {
    const { cells, widths } = layoutGrid([["10"], ["123456.78"]], [20], [true], measure, PAD);
    expect(widths).toEqual([20]);
    expect(cells[0][0].shown).toBe("#"); // 12 px of room: one # of 7 px (Excel's "10 shown as 1" never happens)
    expect(cells[1][0].shown).toMatch(/^#+$/);
    expect(cells[1][0].numeric).toBe(true);
  });

  test("a number in a column of default width widens the column (Excel autofits it on entry)", () => {
    const { cells, widths } = layoutGrid([["1", "12345678901.25"]], [64, 64], [false, false], measure, PAD);
    expect(widths).toEqual([64, 14 * 7 + PAD]);
    expect(cells[0][1].shown).toBe("12345678901.25");
  });

  test("numbers as Excel displays them are recognised; text that merely contains digits is not", () => {
    for (const n of ["10", "-3", "87.19%", "1,234.50", "(100)", "1.5E+10", "¥12.00", ".5"])
      expect(isDisplayedNumber(n)).toBe(true);
    for (const t of ["2025Q1", "QH-2025-001", "第1季度", "#DIV/0!", "1-3月", "", "—"])
      expect(isDisplayedNumber(t)).toBe(false);
  });

  test("property: every number is shown whole or as #### only; every text cell has at least its own room", () => {
    const cell = fc.oneof(
      fc.constant(""),
      fc.integer({ min: -1e9, max: 1e9 }).map(String),
      fc.string({ maxLength: 30 }).filter((s) => s.trim() === s && !isDisplayedNumber(s)),
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 4, maxLength: 4 }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.integer({ min: 10, max: 120 }), { minLength: 4, maxLength: 4 }),
        fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
        (rows, widths, fixed) => {
          const { cells, widths: w } = layoutGrid(rows, widths, fixed, measure, PAD);
          rows.forEach((row, r) =>
            row.forEach((text, c) => {
              const box = cells[r][c];
              if (text !== "" && isDisplayedNumber(text)) {
                if (box.shown === text) expect(measure(text)).toBeLessThanOrEqual(box.room);
                else expect(box.shown).toMatch(/^#+$/);
                if (!fixed[c]) expect(box.shown).toBe(text);
              } else {
                expect(box.shown).toBe(text);
                expect(box.room).toBeGreaterThanOrEqual(Math.max(0, w[c] - PAD));
                // it ran on only over empty cells
                for (let k = c + 1; k <= c + box.overflow; k++) expect(row[k]).toBe("");
              }
            }),
          );
        },
      ),
    );
  });

  test("the fallback measure counts a Chinese character a full em", () => {
    expect(estimateWidth("成绩单", 12)).toBe(36);
    expect(estimateWidth("ab", 10)).toBeCloseTo(11);
  });
});
