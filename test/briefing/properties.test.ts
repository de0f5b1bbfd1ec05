/**
 * Property tests on random ledgers: the single-pass builder equals a naive per-cell filter-and-sum; shares of the
 * regions sum to 1 when the total is nonzero; ranks are a valid competition ranking ("1224").
 */
import fc from "fast-check";
import { buildBriefing } from "../../src/briefing/build";
import { METRICS } from "../../src/core/model";
import { inputArb, naiveActual, REGIONS } from "./random-data";

const periodArb = fc.constantFrom("2025Q1", "2025Q2", "2025Q3", "2025Q4", "2025M05YTD", "2024H1", "2025年前三季度");

describe("buildBriefing on random ledgers", () => {
  test("actuals and priors equal a naive per-cell filter-and-sum", () => {
    fc.assert(
      fc.property(inputArb, periodArb, (input, period) => {
        const b = buildBriefing(input, { period });
        const y = b.span.year;
        const m = b.span.toMonth;
        for (const t of b.tables) {
          for (const r of t.rows) {
            const a = naiveActual(input, r.region, t.metric, y, m);
            const p = naiveActual(input, r.region, t.metric, y - 1, m);
            if (a === null) expect(r.actual).toBeNull();
            else expect(r.actual).toBeCloseTo(a, 9);
            if (p === null) expect(r.prior).toBeNull();
            else expect(r.prior).toBeCloseTo(p, 9);
          }
        }
        // Completeness: every (region, metric) with data appears.
        for (const metric of METRICS) {
          for (const region of REGIONS) {
            const a = naiveActual(input, region, metric, y, m);
            const p = naiveActual(input, region, metric, y - 1, m);
            if (a === null && p === null) continue;
            const t = b.tables.find((x) => x.metric === metric);
            expect(t?.rows.find((r) => r.region === region)).toBeDefined();
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  test("shares of the regions sum to 1 when the total is nonzero; the total's share is 1", () => {
    fc.assert(
      fc.property(inputArb, periodArb, (input, period) => {
        const b = buildBriefing(input, { period });
        for (const t of b.tables) {
          if (t.total.actual === null || t.total.actual === 0) {
            for (const r of t.rows) expect(r.share).toBeNull();
            continue;
          }
          const sum = t.rows.reduce((s, r) => s + (r.share ?? 0), 0);
          expect(sum).toBeCloseTo(1, 9);
          expect(t.total.share).toBe(1);
          for (const r of t.rows) expect(r.share === null).toBe(r.actual === null);
        }
      }),
      { numRuns: 300 },
    );
  });

  test("ranks are a competition ranking by completion rate: 1 = best, ties share, no rate → no rank", () => {
    fc.assert(
      fc.property(inputArb, periodArb, (input, period) => {
        const b = buildBriefing(input, { period });
        for (const t of b.tables) {
          expect(t.total.rank).toBeNull();
          const ranked = t.rows.filter((r) => r.rank !== null);
          for (const r of t.rows) expect(r.rank === null).toBe(r.completion_rate === null);
          const sorted = [...ranked].sort((x, y) => y.completion_rate! - x.completion_rate!);
          sorted.forEach((r, i) => {
            // Competition ranking: the rank is one more than the number of strictly better rates.
            const better = ranked.filter((o) => o.completion_rate! > r.completion_rate!).length;
            expect(r.rank).toBe(better + 1);
            if (i === 0) expect(r.rank).toBe(1);
            if (i > 0) {
              const prev = sorted[i - 1];
              if (prev.completion_rate === r.completion_rate) expect(r.rank).toBe(prev.rank);
              else expect(r.rank).toBe(i + 1);
            }
          });
        }
      }),
      { numRuns: 300 },
    );
  });

  test("the total sums the regions; its target follows the explicit / every-region rule", () => {
    fc.assert(
      fc.property(inputArb, periodArb, (input, period) => {
        const b = buildBriefing(input, { period });
        for (const t of b.tables) {
          const present = t.rows.filter((r) => r.actual !== null);
          if (present.length === 0) expect(t.total.actual).toBeNull();
          else
            expect(t.total.actual).toBeCloseTo(
              present.reduce((s, r) => s + r.actual!, 0),
              9,
            );
          const explicit = input.targets.filter(
            (x) => x.year === b.span.year && x.region === "合计" && x.metric === t.metric,
          );
          if (explicit.length > 0) expect(t.total.target).toBe(explicit[0].value);
          else if (t.rows.every((r) => r.target !== null))
            expect(t.total.target).toBeCloseTo(
              t.rows.reduce((s, r) => s + r.target!, 0),
              9,
            );
          else expect(t.total.target).toBeNull();
        }
      }),
      { numRuns: 200 },
    );
  });
});
