/**
 * mayBeTotalLabel (the importer's quick test before its total-row expression, issue 14) answers exactly as the
 * expression /计|^[\s\u3000]*[tsgｔｓｇ]/i it stands for, on random text built from the characters that matter
 * (every kind of whitespace, t/s/g in both cases and widths, 计, look-alikes such as ſ and K, CJK, digits).
 */
import fc from "fast-check";
import { mayBeTotalLabel } from "../../src/import/table";

const EXPRESSION = /计|^[\s\u3000]*[tsgｔｓｇ]/i;
const CHARS = [
  ..." \t\n\v\f\r\u00a0\u1680\u2000\u2005\u200a\u200b\u2028\u2029\u202f\u205f\u3000\ufeff\u180e",
  ..."tTsSgGｔＴｓＳｇＧſKk",
  ..."计合小总aQ1０项目西",
];

test("mayBeTotalLabel = the expression", () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...CHARS), { maxLength: 8 }), (chars) => {
      const c = chars.join("");
      expect(mayBeTotalLabel(c)).toBe(EXPRESSION.test(c));
    }),
    { numRuns: 5000 },
  );
  for (const c of ["合计", "小计：", "Total", "ｓｕｍ", "\u3000Grand total", "QH-2025-001", "西宁市", "12", ""])
    expect(mayBeTotalLabel(c)).toBe(EXPRESSION.test(c));
});
