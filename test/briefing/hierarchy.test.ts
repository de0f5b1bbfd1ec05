/**
 * The report card by level on random hierarchies and ledgers (issue 13): every row equals the oracle (a region with
 * its descendants, figures standing for their subtrees; 本级 rows the region's own records); with no reported figure
 * for the jurisdiction the total is the sum of the rows, 其中 rows never in it; with no figure at all, the rows add
 * up to every record of the jurisdiction, each counted once; writing aliases instead of names changes nothing.
 */
import fc from "fast-check";
import { buildBriefing } from "../../src/briefing/build";
import type { Briefing, BriefingInput } from "../../src/briefing/types";
import { exactSum } from "../../src/core/exact-sum";
import { REGION_LEVELS } from "../../src/core/region-levels";
import { hierCaseArb, HierCase, naiveValue } from "./hier-data";

const periodArb = fc.constantFrom("2025Q1", "2025H1", "2025M05YTD");
const close = (a: number | null, b: number | null) =>
  a === null || b === null ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

/** Jurisdictions to try: 全国, and every region. */
function jurisdictions(c: HierCase): string[] {
  return ["全国", ...c.rows.map((r) => r.name)];
}

function withinAndLevel(
  c: HierCase,
  pick: number,
  levelPick: number,
): { within: string; level: (typeof REGION_LEVELS)[number] } | null {
  const js = jurisdictions(c);
  const within = js[pick % js.length];
  const j = within === "全国" ? -1 : c.hierarchy.indexOf(within);
  const rank = j >= 0 ? REGION_LEVELS.indexOf(c.hierarchy.levels[j]) + 1 : 0;
  const levels = REGION_LEVELS.filter((l, i) => i + 1 > rank || (l === "园区" && rank === 4));
  if (levels.length === 0) return null;
  return { within, level: levels[levelPick % levels.length] };
}

const build = (
  input: BriefingInput,
  c: HierCase,
  period: string,
  w: { within: string; level: (typeof REGION_LEVELS)[number] },
  showEmpty = false,
): Briefing => buildBriefing(input, { period, hierarchy: c.hierarchy, within: w.within, level: w.level, showEmpty });

describe("report card by level on random hierarchies", () => {
  test("every row equals the oracle; the total is the jurisdiction's figure, else the sum of the rows without 其中", () => {
    fc.assert(
      fc.property(hierCaseArb, periodArb, fc.nat(), fc.nat(), fc.boolean(), (c, period, pick, levelPick, showEmpty) => {
        const w = withinAndLevel(c, pick, levelPick);
        if (!w) return;
        const b = build(c.input, c, period, w, showEmpty);
        expect(b.jurisdiction?.name).toBe(w.within);
        const y = b.span.year,
          m = b.span.toMonth;
        for (const t of b.tables) {
          for (const row of t.rows) {
            const node = c.hierarchy.indexOf(row.region);
            const exact = row.role === "own";
            const want = [naiveValue(c, node, t.metric, y, m, exact), naiveValue(c, node, t.metric, y - 1, m, exact)];
            if (!close(row.actual, want[0]) || !close(row.prior, want[1])) {
              expect({ row: row.label, metric: t.metric, actual: row.actual, prior: row.prior }).toEqual({
                row: row.label,
                metric: t.metric,
                actual: want[0],
                prior: want[1],
              });
            }
          }
          const counted = t.rows.filter((r) => r.role !== "zone");
          const j = c.hierarchy.indexOf(w.within);
          const jFigure =
            j >= 0 &&
            c.input.figures.some(
              (f) =>
                f.year === y &&
                f.through_month === m &&
                f.metric === t.metric &&
                f.status !== "备选" &&
                c.hierarchy.lookup(f.region) === j,
            );
          if (!jFigure) {
            const present = counted.map((r) => r.actual).filter((v): v is number => v !== null);
            expect(t.total.actual === null ? null : t.total.actual).toEqual(present.length ? exactSum(present) : null);
          } else expect(t.total.actual).toBe(naiveValue(c, j, t.metric, y, m));
          // Zones are shown under a row of the level, and only there.
          t.rows.forEach((r, k) => {
            if (r.role !== "zone") return;
            const owner = t.rows
              .slice(0, k)
              .reverse()
              .find((x) => x.role !== "zone");
            expect(owner?.region).toBe(r.of);
            expect(c.hierarchy.within(c.hierarchy.indexOf(r.region), c.hierarchy.indexOf(r.of!))).toBe(true);
          });
        }
      }),
      { numRuns: 150 },
    );
  });

  test("without reported figures, the rows add up to every record of the jurisdiction, each counted once", () => {
    fc.assert(
      fc.property(hierCaseArb, periodArb, fc.nat(), fc.nat(), (c0, period, pick, levelPick) => {
        const c: HierCase = { ...c0, input: { ...c0.input, figures: [] } };
        const w = withinAndLevel(c, pick, levelPick);
        if (!w) return;
        const b = build(c.input, c, period, w, true);
        const h = c.hierarchy;
        const j = w.within === "全国" ? -1 : h.indexOf(w.within);
        const inJ = (region: string, park?: string | null) => {
          const node = h.placeOf(region, park);
          return node >= 0 && h.within(node, j);
        };
        const y = b.span.year,
          m = b.span.toMonth;
        const inSpan = (iso: string | null | undefined) =>
          !!iso && Number(iso.slice(0, 4)) === y && Number(iso.slice(5, 7)) <= m;
        const expected = {
          signed_projects: c.input.records.filter((r) => inJ(r.region, r.park) && inSpan(r.signed_date)).length,
          signed_amount: exactSum(
            c.input.records
              .filter((r) => inJ(r.region, r.park) && inSpan(r.signed_date) && typeof r.signed_amount === "number")
              .map((r) => r.signed_amount!),
          ),
          projects_started: c.input.records.filter((r) => inJ(r.region, r.park) && inSpan(r.started_date)).length,
          funds_in_place: exactSum(
            c.input.funds.filter((f) => inJ(f.region ?? "") && inSpan(f.date)).map((f) => f.amount),
          ),
        };
        for (const t of b.tables) {
          if (!(t.metric in expected)) continue;
          const want = expected[t.metric as keyof typeof expected];
          const got = t.total.actual ?? 0;
          expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-9 * Math.max(1, want));
          // Each record in exactly one counted row: the counted rows' regions (and 本级) partition the jurisdiction.
          const counted = t.rows.filter((r) => r.role !== "zone");
          // A record that adds nothing to this metric in the period may sit in a row hidden as empty: only the records
          // that count need a home (and never two).
          const counts = (rec: (typeof c.input.records)[number]) =>
            t.metric === "projects_started"
              ? inSpan(rec.started_date)
              : t.metric === "signed_projects" || t.metric === "signed_amount"
                ? inSpan(rec.signed_date) && (t.metric === "signed_projects" || typeof rec.signed_amount === "number")
                : false;
          for (const rec of c.input.records) {
            if (!inJ(rec.region, rec.park) || !counts(rec)) continue;
            const node = h.placeOf(rec.region, rec.park);
            const homes = counted.filter((r) =>
              r.role === "own" ? h.indexOf(r.region) === node : h.within(node, h.indexOf(r.region)),
            );
            expect(homes.length).toBe(1);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  test("aliases never change a total: records, funds, targets and figures written with aliases give the same card", () => {
    fc.assert(
      fc.property(hierCaseArb, periodArb, fc.nat(), fc.nat(), (c, period, pick, levelPick) => {
        const w = withinAndLevel(c, pick, levelPick);
        if (!w || c.aliases.size === 0) return;
        const alias = (name: string | null | undefined) => (name && c.aliases.has(name) ? c.aliases.get(name)! : name);
        const aliased: BriefingInput = {
          records: c.input.records.map((r) => ({ ...r, region: alias(r.region)!, park: alias(r.park) ?? null })),
          funds: c.input.funds.map((f) => ({ ...f, region: alias(f.region) ?? null })),
          targets: c.input.targets.map((t) => ({ ...t, region: alias(t.region)! })),
          figures: c.input.figures.map((f) => ({ ...f, region: alias(f.region)! })),
        };
        const a = build(c.input, c, period, w);
        const b = build(aliased, c, period, w);
        const numbers = (x: Briefing) =>
          x.tables.map((t) => [
            t.metric,
            ...[...t.rows, t.total].map((r) => [r.region, r.role, r.actual, r.prior, r.target, r.yoy_growth, r.rank]),
          ]);
        expect(numbers(b)).toEqual(numbers(a));
      }),
      { numRuns: 100 },
    );
  });
});
