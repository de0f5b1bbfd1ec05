/**
 * Class 11 (issue 12), numbers: text that is not one number is never read as one ("1,234.5,678" was 1234.5678). Every
 * malformed form is refused as an amount and as a count; well-formed thousands separators still read, by property.
 * (Serials 59/60 are in xlsx-bombs.test.ts, the region rule in regions.test.ts.)
 */
import fc from "fast-check";
import { importTable } from "../../src/import";
import { parseAmount, parseCount } from "../../src/import/values";
import { MALFORMED_NUMBERS } from "./corpus";

test.each(MALFORMED_NUMBERS)("%j is neither an amount nor a count", (s) => {
  expect(parseAmount(s)).toMatchObject({ ok: false });
  expect(parseCount(s)).toMatchObject({ ok: false });
});

test.each(MALFORMED_NUMBERS)("%j in a ledger's 签约金额 is reported and left blank, never a number", (s) => {
  const r = importTable(
    [
      ["项目名称", "所属地区", "签约金额（万元）"],
      ["光伏", "西宁市", s],
    ],
    { fileName: "t", kind: "ledger" },
  );
  expect(r.records[0].signed_amount).toBeNull();
  expect(r.issues.map((i) => [i.row, i.column, i.severity])).toEqual([[2, "签约金额（万元）", "warning"]]);
});

/** An integer written with thousands separators, as Excel and people write it. */
const grouped = (n: number) => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");

test("property: correctly grouped numbers read exactly; one misplaced comma makes them unreadable", () => {
  fc.assert(
    fc.property(fc.integer({ min: 1000, max: 10 ** 12 }), fc.integer({ min: 0, max: 99 }), fc.nat(), (n, cents, at) => {
      const text = `${grouped(n)}.${String(cents).padStart(2, "0")}`;
      expect(parseAmount(text)).toEqual({
        ok: true,
        value: Number(`${n}.${String(cents).padStart(2, "0")}`),
        approximate: false,
      });
      expect(parseCount(grouped(n))).toEqual({ ok: true, value: n });
      // A comma moved one digit off its place, or a second decimal point.
      const digits = text.replace(/,/g, "");
      const intLen = digits.indexOf(".");
      const pos = 1 + (at % (intLen - 1));
      if ((intLen - pos) % 3 !== 0) {
        const bad = `${digits.slice(0, pos)},${digits.slice(pos)}`;
        expect({ bad, r: parseAmount(bad) }).toMatchObject({ bad, r: { ok: false } });
      }
      expect(parseAmount(`${text}.5`)).toMatchObject({ ok: false });
    }),
    { numRuns: 500 },
  );
});
