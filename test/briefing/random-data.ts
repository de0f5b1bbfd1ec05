/** Random briefing inputs (fast-check arbitraries) and a naive per-cell oracle, shared by the briefing tests. */
import fc from "fast-check";
import type { FundsEntry, Metric, ProjectRecord, ReportedFigure, Target } from "../../src/core/model";
import type { BriefingInput } from "../../src/briefing/types";

export const REGIONS = ["城东区", "城西区", "高新区", "开发区"];
const METRIC_LIST: Metric[] = [
  "signed_projects",
  "signed_amount",
  "funds_in_place",
  "funds_in_place_out_of_province",
  "projects_started",
];

const pad = (n: number) => String(n).padStart(2, "0");
/** A date in 2023-2025, full or month-precision, or null. */
const dateArb = fc.option(
  fc
    .record({
      y: fc.integer({ min: 2023, max: 2025 }),
      m: fc.integer({ min: 1, max: 12 }),
      d: fc.integer({ min: 1, max: 28 }),
      monthOnly: fc.boolean(),
    })
    .map(({ y, m, d, monthOnly }) => (monthOnly ? `${y}-${pad(m)}` : `${y}-${pad(m)}-${pad(d)}`)),
  { nil: null, freq: 4 },
);
const amountArb = fc.option(
  fc.integer({ min: 0, max: 50000 }).map((x) => x / 100),
  { nil: null, freq: 5 },
);

export const recordsArb = fc
  .array(
    fc.record({
      region: fc.constantFrom(...REGIONS),
      signed_date: dateArb,
      started_date: dateArb,
      signed_amount: amountArb,
    }),
    { maxLength: 60 },
  )
  .map((rows) => rows.map((r, i): ProjectRecord => ({ id: `P${i}`, name: `项目${i}`, ...r })));

export function fundsArb(nRecords: number) {
  return fc
    .array(
      fc.record({
        region: fc.option(fc.constantFrom(...REGIONS), { nil: null, freq: 3 }),
        projectIndex: fc.integer({ min: 0, max: Math.max(0, nRecords + 2) }),
        byName: fc.boolean(),
        date: dateArb.map((d) => d ?? "2025-02-10"),
        amount: fc.integer({ min: 0, max: 9999 }).map((x) => x / 100),
        out_of_province: fc.boolean(),
      }),
      { maxLength: 25 },
    )
    .map((rows) =>
      rows.map((r): FundsEntry => ({
        project: r.byName ? `项目${r.projectIndex}` : `P${r.projectIndex}`,
        region: r.region,
        date: r.date,
        amount: r.amount,
        out_of_province: r.out_of_province,
      })),
    );
}

export const targetsArb = fc
  .uniqueArray(
    fc.record({
      year: fc.constantFrom(2024, 2025),
      region: fc.constantFrom(...REGIONS, "合计"),
      metric: fc.constantFrom(...METRIC_LIST),
      value: fc.integer({ min: 0, max: 500 }),
    }),
    { maxLength: 20, selector: (t) => `${t.year}|${t.region}|${t.metric}` },
  )
  .map((ts) => ts as Target[]);

export const figuresArb = fc
  .array(
    fc.record({
      year: fc.constantFrom(2024, 2025),
      through_month: fc.constantFrom(3, 6, 12),
      region: fc.constantFrom(...REGIONS),
      metric: fc.constantFrom(...METRIC_LIST),
      value: fc.integer({ min: 0, max: 900 }),
      scope: fc.constantFrom(null, "", "工业项目"),
      status: fc.constantFrom(undefined, "采用" as const, "备选" as const),
    }),
    { maxLength: 6 },
  )
  .map((fs) => fs.map((f) => ({ ...f, scope: f.scope }) as ReportedFigure));

export const inputArb = recordsArb.chain((records) =>
  fc
    .record({ funds: fundsArb(records.length), targets: targetsArb, figures: figuresArb })
    .map((rest): Required<BriefingInput> => ({ records, ...rest })),
);

// ---------------- the naive oracle: filter and sum, cell by cell ----------------

const yearOf = (d: string | null | undefined) => (d ? Number(d.slice(0, 4)) : NaN);
const monthOf = (d: string | null | undefined) => (d ? Number(d.slice(5, 7)) : NaN);

export function naiveFundsRegion(input: BriefingInput, e: FundsEntry): string | null {
  if (e.region) return e.region;
  const byId = input.records.find((r) => r.id === e.project);
  if (byId) return byId.region;
  const byName = input.records.find((r) => r.name === e.project);
  return byName ? byName.region : null;
}

/** The actual of (region, metric) for January..toMonth of `year`, by the stated rules, with no cleverness. */
export function naiveActual(
  input: BriefingInput,
  region: string,
  metric: Metric,
  year: number,
  toMonth: number,
): number | null {
  const figs = (input.figures ?? []).filter(
    (f) =>
      f.region === region &&
      f.metric === metric &&
      f.year === year &&
      f.through_month === toMonth &&
      (f.scope == null || f.scope.trim() === "") &&
      f.status !== "备选",
  );
  if (figs.length > 0) return figs.reduce((s, f) => s + f.value, 0);
  const inSpan = (d: string | null | undefined) => yearOf(d) === year && monthOf(d) >= 1 && monthOf(d) <= toMonth;
  const recs = input.records.filter((r) => r.region === region);
  switch (metric) {
    case "signed_projects":
      if (!recs.some((r) => yearOf(r.signed_date) === year)) return null;
      return recs.filter((r) => inSpan(r.signed_date)).length;
    case "signed_amount":
      if (!recs.some((r) => yearOf(r.signed_date) === year && typeof r.signed_amount === "number")) return null;
      return recs
        .filter((r) => inSpan(r.signed_date) && typeof r.signed_amount === "number")
        .reduce((s, r) => s + r.signed_amount!, 0);
    case "projects_started":
      if (!recs.some((r) => yearOf(r.started_date) === year)) return null;
      return recs.filter((r) => inSpan(r.started_date)).length;
    case "funds_in_place":
    case "funds_in_place_out_of_province": {
      const mine = (input.funds ?? []).filter((e) => naiveFundsRegion(input, e) === region);
      if (!mine.some((e) => yearOf(e.date) === year)) return null;
      return mine
        .filter((e) => inSpan(e.date) && (metric === "funds_in_place" || e.out_of_province))
        .reduce((s, e) => s + e.amount, 0);
    }
  }
}
