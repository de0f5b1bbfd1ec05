import fc from "fast-check";
import {
  completionRate,
  yoyGrowth,
  share,
  timeProgress,
  paceGap,
  paceStatusFromGap,
  remainingTarget,
  requiredMonthlyPace,
  valueOrNull,
  formatPercent,
  roundHalfUp,
  DEFAULT_PACE_TOLERANCE,
  EXCEL_MAX_NUMBER,
  fitsExcel,
  cleanFloat,
} from "../../src/core";

const d = (s: string) => ({ year: +s.slice(0, 4), month: +s.slice(5, 7), day: +s.slice(8, 10) });

describe("published figures of the seed reports are reproduced", () => {
  test.each([
    [357.5, 350, "102.14%"], // 西宁市 2024 一季度 签约额
    [568, 500, "113.6%"], // 青海省 2023 到位资金
    [36.9, 244, "15.12%"], // 西宁市 2024 一季度 省外资金, target ≈ 244
  ])("%p of %p is %s", (actual, target, text) => {
    expect(formatPercent(valueOrNull(completionRate(actual, target))!, 2)).toBe(text);
  });

  test("186 projects, 42 more than the year before, is +29.17% (the report's 29.6% is a misprint)", () => {
    expect(formatPercent(valueOrNull(yoyGrowth(186, 144))!, 2)).toBe("29.17%");
  });

  test("30.90% done at the end of March is 5.90 points ahead of time progress", () => {
    expect(valueOrNull(paceGap(30.9, 100, d("2025-03-31")))).toBeCloseTo(5.9, 9);
  });
});

describe("completion rate, growth and share", () => {
  test("zero bases are not computable, never Infinity or NaN", () => {
    expect(completionRate(5, 0)).toEqual({ ok: false, reason: "zero_base" });
    expect(yoyGrowth(5, 0)).toEqual({ ok: false, reason: "zero_base" });
    expect(share(5, 0)).toEqual({ ok: false, reason: "zero_base" });
    expect(completionRate(NaN, 1)).toEqual({ ok: false, reason: "not_a_number" });
    expect(yoyGrowth(1, Infinity)).toEqual({ ok: false, reason: "not_a_number" });
  });

  test("growth over a negative base divides by its absolute value", () => {
    expect(valueOrNull(yoyGrowth(-5, -10))).toBeCloseTo(0.5); // a loss halved is +50%
    expect(valueOrNull(yoyGrowth(5, -10))).toBeCloseTo(1.5);
  });

  test("property: results are finite whenever computable, and match the arithmetic definition", () => {
    const num = fc.double({ min: -1e12, max: 1e12, noNaN: true });
    fc.assert(
      fc.property(num, num, (a, b) => {
        const expectQuotient = (r: ReturnType<typeof share>, q: number) => {
          if (b === 0) expect(r).toEqual({ ok: false, reason: "zero_base" });
          else if (!fitsExcel(q)) expect(r).toEqual({ ok: false, reason: "overflow" });
          else expect(valueOrNull(r)).toBe(q);
        };
        expectQuotient(completionRate(a, b), a / b);
        expectQuotient(share(a, b), a / b);
        expectQuotient(yoyGrowth(a, b), (a - b) / Math.abs(b));
      }),
    );
  });
});

describe("time progress (序时进度)", () => {
  test("by months: quarter ends give 25/50/75/100%, and 1–5月 is 41.67%", () => {
    expect(timeProgress(d("2025-03-31"))).toBe(0.25);
    expect(timeProgress(d("2025-06-30"))).toBe(0.5);
    expect(timeProgress(d("2025-09-30"))).toBe(0.75);
    expect(timeProgress(d("2025-12-31"))).toBe(1);
    expect(formatPercent(timeProgress(d("2025-05-31")), 2)).toBe("41.67%");
    expect(formatPercent(timeProgress(d("2025-10-31")), 2)).toBe("83.33%");
  });

  test("by months: a month counts only once it is over; leap February ends on the 29th", () => {
    expect(timeProgress(d("2025-04-15"))).toBe(0.25);
    expect(timeProgress(d("2024-02-28"))).toBe(1 / 12);
    expect(timeProgress(d("2024-02-29"))).toBe(2 / 12);
    expect(timeProgress(d("2025-01-01"))).toBe(0);
  });

  test("by days: days elapsed including the date, over the days in the year", () => {
    expect(timeProgress(d("2025-03-31"), "day")).toBe(90 / 365);
    expect(timeProgress(d("2024-03-31"), "day")).toBe(91 / 366);
    expect(timeProgress(d("2025-12-31"), "day")).toBe(1);
  });

  test("property: monotone in the date and within [0, 1]", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1990-01-01"), max: new Date("2090-12-31"), noInvalidDate: true }),
        fc.constantFrom("month", "day"),
        (date, basis) => {
          const a = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
          const next = new Date(date.getTime() + 86_400_000);
          const b = { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
          const p = timeProgress(a, basis as "month" | "day");
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(1);
          if (a.year === b.year) expect(timeProgress(b, basis as "month" | "day")).toBeGreaterThanOrEqual(p);
        },
      ),
    );
  });
});

describe("pace status", () => {
  test("on or ahead is 超序时; within the tolerance behind is 正常; beyond it 滞后", () => {
    expect(paceStatusFromGap(0)).toBe("ahead");
    expect(paceStatusFromGap(5.9)).toBe("ahead");
    expect(paceStatusFromGap(-DEFAULT_PACE_TOLERANCE)).toBe("on_track");
    expect(paceStatusFromGap(-10.01)).toBe("behind");
    expect(paceStatusFromGap(-3, 2)).toBe("behind");
  });

  test("an exact tie is 0, not float dust", () => {
    expect(valueOrNull(paceGap(87.5, 350, d("2025-03-31")))).toBe(0);
  });
});

describe("remaining target and required monthly pace", () => {
  test("what is left, spread over the months left", () => {
    expect(valueOrNull(remainingTarget(245, 281))).toBe(36);
    expect(valueOrNull(remainingTarget(300, 281))).toBe(0);
    expect(valueOrNull(requiredMonthlyPace(245, 281, d("2025-03-31")))).toBe(4);
    expect(requiredMonthlyPace(1, 2, d("2025-12-31"))).toEqual({ ok: false, reason: "zero_base" });
    expect(valueOrNull(requiredMonthlyPace(3, 2, d("2025-12-31")))).toBe(0);
  });
});

describe("rounding for presentation", () => {
  test("half up on the decimal value", () => {
    expect(roundHalfUp(1.005, 2)).toBe(1.01);
    expect(roundHalfUp(87.5, 0)).toBe(88);
    expect(roundHalfUp(-2.5, 0)).toBe(-3);
    expect(formatPercent(1.0214285714, 2)).toBe("102.14%");
    expect(formatPercent(1.136, 2)).toBe("113.6%");
    expect(formatPercent(1.136, 2, true)).toBe("113.60%");
  });
});

describe("overflow", () => {
  test("a finite division that overflows is reported, never Infinity", () => {
    expect(completionRate(1e308, 1e-308)).toEqual({ ok: false, reason: "overflow" });
    expect(yoyGrowth(1e308, -1e-308)).toEqual({ ok: false, reason: "overflow" });
    expect(share(-1e308, 1e-10)).toEqual({ ok: false, reason: "overflow" });
    expect(valueOrNull(completionRate(1e308, 1e-308))).toBeNull();
  });
});

describe("one rule for what Excel can hold (9.99999999999999E+307, Excel specifications and limits)", () => {
  test("fitsExcel: finite and no larger than Excel's largest number, either sign", () => {
    expect([EXCEL_MAX_NUMBER, -EXCEL_MAX_NUMBER, 0, -0, 5e-324, 1e307].every(fitsExcel)).toBe(true);
    expect([1e308, -1e308, 1.2e308, Number.MAX_VALUE, Infinity, -Infinity, NaN].some(fitsExcel)).toBe(false);
  });

  test("results between Excel's limit and JavaScript's are overflow, not numbers (defect D3)", () => {
    expect(completionRate(9e307, 0.6)).toEqual({ ok: false, reason: "overflow" });
    expect(yoyGrowth(9e307, 0.7)).toEqual({ ok: false, reason: "overflow" });
    expect(share(-1.5e308, 1)).toEqual({ ok: false, reason: "overflow" });
    expect(remainingTarget(-5e307, 6e307)).toEqual({ ok: false, reason: "overflow" });
    expect(requiredMonthlyPace(-5e307, 6e307, d("2025-03-31"))).toEqual({ ok: false, reason: "overflow" });
    expect(paceGap(9e306, 0.9, d("2025-03-31"))).toEqual({ ok: false, reason: "overflow" }); // 1e307 × 100 points
  });

  test("property: every metric either fits Excel or says overflow/zero_base; never a number Excel cannot show", () => {
    const big = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.constantFrom(EXCEL_MAX_NUMBER, -EXCEL_MAX_NUMBER, 1e308, 5e-324, 0.6),
    );
    fc.assert(
      fc.property(big, big, (a, b) => {
        for (const r of [
          completionRate(a, b),
          yoyGrowth(a, b),
          share(a, b),
          remainingTarget(a, b),
          paceGap(a, b, d("2025-05-31")),
          requiredMonthlyPace(a, b, d("2025-05-31")),
        ]) {
          if (r.ok) expect(fitsExcel(r.value)).toBe(true);
          else expect(["overflow", "zero_base"]).toContain(r.reason);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe("cleanFloat strips dust without overflowing (defect D4)", () => {
  test("small values are rounded to 1e-9; large ones are returned unchanged, never Infinity", () => {
    expect(cleanFloat(0.1 + 0.2 - 0.3)).toBe(0);
    expect(cleanFloat(5.900000000000002)).toBe(5.9);
    expect(cleanFloat(1e300)).toBe(1e300);
    expect(cleanFloat(-EXCEL_MAX_NUMBER)).toBe(-EXCEL_MAX_NUMBER);
    expect(valueOrNull(paceGap(1e298, 1, d("2025-03-31")))! / 1e300).toBeCloseTo(1, 12);
  });

  test("property: never changes a value by more than 5e-10, and keeps every finite value finite", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const y = cleanFloat(x);
        expect(Number.isFinite(y)).toBe(true);
        expect(Math.abs(y - x)).toBeLessThanOrEqual(5e-10 + Math.abs(x) * 1e-15);
      }),
      { numRuns: 1000 },
    );
  });
});
