/**
 * A deterministic synthetic dataset (seeded generator) for tests and benchmarks: regions, records over two years
 * with full and month-precision dates, funds (some without region, resolved through the ledger), targets (with a
 * 合计 target for one metric) and reported figures (whole-scope, scoped and 备选), plus CSV writers with the
 * canonical Chinese column titles.
 */
import { FIGURES, FUNDS, LEDGER, SheetSpec, TARGETS } from "../../../src/core/columns";
import { FundsEntry, METRIC_INFO, Metric, ProjectRecord, ReportedFigure, Target } from "../../../src/core/model";
import type { BriefingInput } from "../../../src/briefing/types";

import { isoDate, pick, rng } from "./seeded-data";

export { rng } from "./seeded-data";

export const SYNTH_REGIONS = ["城东区", "城西区", "高新区", "经开区", "临空区", "南山县", "北川县", "西湖镇"];

export interface SyntheticOptions {
  records: number;
  funds?: number;
  year?: number;
  seed?: number;
  regions?: string[];
}

export function syntheticInput(o: SyntheticOptions): Required<BriefingInput> {
  const r = rng(o.seed ?? 42);
  const year = o.year ?? 2025;
  const regions = o.regions ?? SYNTH_REGIONS;
  const date = (monthOnlyShare = 0.1): string | null => {
    const x = r();
    if (x < 0.15) return null;
    const y = x < 0.55 ? year : year - 1;
    const m = 1 + Math.floor(r() * 12);
    return r() < monthOnlyShare ? isoDate(y, m) : isoDate(y, m, 1 + Math.floor(r() * 28));
  };
  const records: ProjectRecord[] = new Array(o.records);
  for (let i = 0; i < o.records; i++) {
    const signed = date();
    records[i] = {
      id: `P${i}`,
      name: `项目${i}`,
      region: pick(r, regions),
      signed_date: signed,
      started_date: r() < 0.4 ? date() : null,
      signed_amount: signed && r() < 0.95 ? Math.round(r() * 5000) / 100 : null,
    };
  }
  const nFunds = o.funds ?? Math.ceil(o.records / 2);
  const funds: FundsEntry[] = [];
  for (let i = 0; i < nFunds; i++) {
    const p = Math.floor(r() * Math.max(1, o.records));
    const blank = r() < 0.2 && o.records > 0;
    funds.push({
      project: blank && r() < 0.5 ? `项目${p}` : `P${p}`,
      region: blank ? null : pick(r, regions),
      date: date(0.05) ?? `${year}-02-15`,
      amount: Math.round(r() * 2000) / 100,
      out_of_province: r() < 0.4,
    });
  }
  const metrics = Object.keys(METRIC_INFO) as Metric[];
  const targets: Target[] = [];
  for (const region of regions) {
    for (const metric of metrics) {
      if (r() < 0.8) targets.push({ year, region, metric, value: Math.round(50 + r() * 400) });
    }
  }
  targets.push({ year, region: "合计", metric: "funds_in_place", value: 1234 });
  const figures: ReportedFigure[] = [
    { year, through_month: 3, region: regions[0], metric: "signed_amount", value: 321.5, scope: null, status: "采用" },
    { year, through_month: 3, region: regions[0], metric: "signed_amount", value: 300, scope: null, status: "备选" },
    {
      year,
      through_month: 3,
      region: regions[1],
      metric: "signed_projects",
      value: 77,
      scope: "工业项目",
      status: "采用",
    },
    { year: year - 1, through_month: 3, region: regions[2], metric: "funds_in_place", value: 88.8, scope: null },
    { year, through_month: 6, region: regions[3], metric: "projects_started", value: 12, scope: null, status: "采用" },
    { year, through_month: 3, region: "飞地园区", metric: "funds_in_place", value: 5.5, scope: null, status: "采用" },
  ];
  return { records, funds, targets, figures };
}

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return "";
  const s = typeof v === "boolean" ? (v ? "是" : "否") : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A canonical CSV (Chinese titles) of rows keyed by field; metrics written by their Chinese names. */
export function toCsv(spec: SheetSpec, rows: readonly object[]): string {
  const lines = [spec.columns.map((c) => c.title).join(",")];
  for (const row of rows as Record<string, unknown>[]) {
    lines.push(
      spec.columns
        .map((c) => {
          const v = row[c.field];
          return csvCell(c.type === "metric" && v ? METRIC_INFO[v as Metric].zh : v);
        })
        .join(","),
    );
  }
  return lines.join("\n") + "\n";
}

export function inputCsvs(input: BriefingInput): { ledger: string; funds: string; targets: string; figures: string } {
  return {
    ledger: toCsv(LEDGER, input.records),
    funds: toCsv(FUNDS, input.funds ?? []),
    targets: toCsv(TARGETS, input.targets ?? []),
    figures: toCsv(FIGURES, input.figures ?? []),
  };
}
