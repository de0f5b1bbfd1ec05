/**
 * Property tests: the INVEST.* functions agree with the equivalent built-in formulas of a real formula engine
 * (HyperFormula) on random inputs — directly and through the engine — including zero denominators, where both must
 * be #DIV/0!. PERIOD_SUM must agree with a SUMIFS over the period's explicit date bounds on random ledgers.
 */
import fc from "fast-check";
import { completionRate, periodCount, periodSum, share, yoyGrowth } from "../../src/functions/functions";
import { errorCodeOf } from "../../src/functions/errors";
import { parsePeriod, periodEnd, periodStart } from "../../src/core/period";
import { toExcelSerial } from "../../src/core/dates";
import { investSheet, hfError, Sheet } from "../../packages/test-support/src/invest-functions";

let s: Sheet;
beforeAll(async () => {
  s = await investSheet({ maxRows: 1000 });
});

/** Same value: both the same error, or numbers equal to ~1e-9 relative to `scale` (the engine rounds to 10 digits;
 * sums are compared relative to the sum of the magnitudes, as summation order changes the last bits). */
function agree(ours: unknown, builtin: unknown, scale = Math.abs(builtin as number)): void {
  const ourCode = errorCodeOf(ours) ?? hfError(ours);
  const theirCode = hfError(builtin);
  expect(ourCode).toBe(theirCode);
  if (theirCode === null) {
    const [a, b] = [ours as number, builtin as number];
    expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, scale));
  }
}

// HyperFormula stores subnormal numbers (5e-324) as NaN, so the generators stay clear of them.
const notSubnormal = (x: number) => x === 0 || Math.abs(x) > 1e-200;
const number = fc.oneof(
  { weight: 2, arbitrary: fc.constant(0) },
  { weight: 3, arbitrary: fc.integer({ min: -1000, max: 1000 }) },
  {
    weight: 5,
    arbitrary: fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true }).filter(notSubnormal),
  },
);

describe.each([
  ["COMPLETION_RATE", completionRate, "=A1/B1"],
  ["SHARE", share, "=A1/B1"],
  ["YOY_GROWTH", yoyGrowth, "=(A1-B1)/ABS(B1)"],
] as const)("%s agrees with %s", (id, fn, builtin) => {
  test("on random numbers, zero included", () => {
    fc.assert(
      fc.property(number, number, (a, b) => {
        s.set("A1", [[a, b]]);
        s.set("C1", [[builtin, `=INVEST.${id}(A1,B1)`]]);
        const expected = s.get("C1");
        agree(fn([[a]], [[b]])[0][0], expected);
        agree(s.get("D1"), expected);
      }),
      { numRuns: 300 },
    );
  });

  test("a blank denominator is #DIV/0! in both", () => {
    s.set("A1", [[5, null]]);
    s.set("C1", [[builtin, `=INVEST.${id}(A1,B1)`]]);
    expect(hfError(s.get("C1"))).toBe("#DIV/0!");
    expect(hfError(s.get("D1"))).toBe("#DIV/0!");
  });
});

describe("PERIOD_SUM agrees with SUMIFS over explicit date bounds", () => {
  const regions = ["西宁市", "海东市", "Xining", "xining", "西宁开发区"];
  const row = fc.record({
    amount: fc.oneof(
      fc.integer({ min: -50, max: 500 }),
      fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }).filter(notSubnormal),
      fc.constant(null),
    ),
    // Serials from 2023-12-01 to 2026-01-31, or blank.
    date: fc.option(
      fc.integer({
        min: toExcelSerial({ year: 2023, month: 12, day: 1 }),
        max: toExcelSerial({ year: 2026, month: 1, day: 31 }),
      }),
      { freq: 8 },
    ),
    region: fc.constantFrom(...regions),
  });
  const period = fc.oneof(
    fc.constantFrom("2024", "2025"),
    fc
      .tuple(fc.constantFrom(2024, 2025), fc.integer({ min: 1, max: 4 }), fc.boolean())
      .map(([y, q, ytd]) => `${y}Q${q}${ytd ? "YTD" : ""}`),
    fc.tuple(fc.constantFrom(2024, 2025), fc.integer({ min: 1, max: 2 })).map(([y, h]) => `${y}H${h}`),
    fc
      .tuple(fc.constantFrom(2024, 2025), fc.integer({ min: 1, max: 12 }), fc.boolean())
      .map(([y, m, ytd]) => `${y}M${String(m).padStart(2, "0")}${ytd ? "YTD" : ""}`),
    fc.constantFrom("2025年一季度", "2025年上半年", "2024年前三季度", "2025年1-5月", "2024年5月"),
  );
  const criterion = fc.option(fc.constantFrom("西宁市", "xining", "<>西宁市", "西宁*", "*市", "?宁市"), { freq: 2 });

  test("random ledgers, periods and region criteria", async () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 40 }), period, criterion, (ledger, code, crit) => {
        const n = ledger.length;
        s.hf.clearSheet(s.id);
        s.set(
          "A1",
          ledger.map((r) => [r.amount, r.date, r.region]),
        );
        const p = parsePeriod(code)!;
        const [from, to] = [toExcelSerial(periodStart(p)), toExcelSerial(periodEnd(p))];
        const critArgs = crit === null ? "" : `,C1:C${n},"${crit}"`;
        s.set("E1", [
          [
            `=SUMIFS(A1:A${n},B1:B${n},">=${from}",B1:B${n},"<=${to}"${critArgs})`,
            `=INVEST.PERIOD_SUM(A1:A${n},B1:B${n},"${code}"${critArgs})`,
            `=COUNTIFS(B1:B${n},">=${from}",B1:B${n},"<=${to}"${critArgs})`,
            `=INVEST.PERIOD_COUNT(B1:B${n},"${code}"${critArgs})`,
          ],
        ]);
        const [sumifs, ours, countifs, ourCount] = s.values("E1:H1")[0];
        const magnitude = ledger.reduce((t, r) => t + Math.abs(r.amount ?? 0), 0);
        agree(ours, sumifs, magnitude);
        expect(ourCount).toBe(countifs);
        // Directly, with the ledger's dates as ISO text instead of serials: the same totals.
        const iso = ledger.map((r) => [r.date === null ? null : isoOf(r.date)]);
        const pairs = crit === null ? [] : [ledger.map((r) => [r.region]), [[crit]]];
        agree(
          periodSum(
            ledger.map((r) => [r.amount]),
            iso,
            [[code]],
            pairs,
          )[0][0],
          sumifs,
          magnitude,
        );
        expect(periodCount(iso, [[code]], pairs)[0][0]).toBe(countifs);
      }),
      { numRuns: 150 },
    );
  });
});

function isoOf(serial: number): string {
  const d = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000);
  return d.toISOString().slice(0, 10);
}
