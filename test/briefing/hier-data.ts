/**
 * Random region hierarchies with ledgers over them (fast-check arbitraries and a seeded generator), and a naive
 * oracle of the report card by level: filter-and-sum per region over the records whose region lies beneath it, the
 * reported-figure rule applied by plain recursion. Used by the property tests and the Excel/LibreOffice
 * cross-checks.
 */
import fc from "fast-check";
import { buildHierarchy, RegionHierarchy, RegionRow } from "../../src/core/region-hierarchy";
import type { RegionLevel } from "../../src/core/region-levels";
import { FundsEntry, METRICS, Metric, ProjectRecord, ReportedFigure, Target } from "../../src/core/model";
import type { BriefingInput } from "../../src/briefing/types";
import { rng } from "../../packages/test-support/src/synthetic-briefing";

/** Name stems, with wildcard and case traps (Excel's criteria) among them. */
const STEMS = ["东", "西", "南", "北", "中", "高新", "经开", "临空", "滨海", "河*", "山?", "湖~", "ab", "AB"];
const SUFFIX: Record<RegionLevel, string[]> = {
  省: ["省"],
  市州: ["市", "州"],
  县区: ["区", "县"],
  园区: ["园区", "开发区"],
};
const LEVELS: RegionLevel[] = ["省", "市州", "县区", "园区"];

export interface HierCase {
  rows: RegionRow[];
  hierarchy: RegionHierarchy;
  input: Required<BriefingInput>;
  /** An alias for some regions (the first alias of their row). */
  aliases: Map<string, string>;
}

/** A seeded random case: a hierarchy of about `regions` regions, `records` records, funds, targets and figures. */
export function randomHierCase(
  seed: number,
  o: { regions?: number; records?: number; figures?: number; year?: number } = {},
): HierCase {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const year = o.year ?? 2025;
  const rows: RegionRow[] = [];
  const used = new Set<string>();
  const nameFor = (level: RegionLevel) => {
    for (let i = 0; ; i++) {
      const name = `${pick(STEMS)}${i > 0 || r() < 0.5 ? String.fromCharCode(0x7532 + Math.floor(r() * 40)) : ""}${pick(SUFFIX[level])}`;
      const key = name.toLowerCase();
      if (!used.has(key)) {
        used.add(key);
        return name;
      }
    }
  };
  const n = o.regions ?? 12;
  // Roots first, then each region under a random earlier one, at its level or finer.
  const roots = 1 + Math.floor(r() * 2);
  // Depth of each row: a regions table holds at most 8 levels (parks under parks could go deeper), so a parent is
  // drawn among the rows above that depth.
  const depth: number[] = [];
  for (let i = 0; i < n; i++) {
    if (i < roots) {
      rows.push({ name: nameFor("省"), level: "省", aliases: [], order: null });
      depth.push(1);
      continue;
    }
    const open = rows.map((_, k) => k).filter((k) => depth[k] < 8);
    const p = open[Math.floor(r() * open.length)];
    const parent = rows[p];
    depth.push(depth[p] + 1);
    const pr = LEVELS.indexOf(parent.level!);
    const level = LEVELS[Math.min(3, pr + (parent.level === "园区" ? 0 : 1 + (r() < 0.2 ? 1 : 0)))];
    const name = nameFor(level);
    rows.push({
      name,
      parent: parent.name,
      level,
      aliases: r() < 0.3 ? [`${name}别名`] : [],
      order: r() < 0.3 ? Math.floor(r() * 10) : null,
    });
  }
  const { hierarchy, issues } = buildHierarchy(null, rows);
  if (issues.some((i) => i.severity === "error"))
    throw new Error(`random hierarchy invalid: ${issues.map((i) => i.message).join("; ")}`);
  const names = rows.map((x) => x.name);
  const parks = rows.filter((x) => x.level === "园区").map((x) => x.name);
  const pad = (k: number) => String(k).padStart(2, "0");
  const date = () => {
    const x = r();
    if (x < 0.15) return null;
    const y = x < 0.55 ? year : year - 1;
    const m = 1 + Math.floor(r() * 12);
    return r() < 0.1 ? `${y}-${pad(m)}` : `${y}-${pad(m)}-${pad(1 + Math.floor(r() * 28))}`;
  };
  const records: ProjectRecord[] = [];
  const nRecords = o.records ?? 60;
  for (let i = 0; i < nRecords; i++) {
    const signed = date();
    const region = r() < 0.05 ? "不存在的地区" : pick(names);
    records.push({
      id: `P${i}`,
      name: `项目${i}`,
      region,
      park: r() < 0.2 && parks.length ? pick(parks) : null,
      signed_date: signed,
      started_date: r() < 0.4 ? date() : null,
      signed_amount: signed && r() < 0.9 ? Math.round(r() * 5000) / 100 : null,
      industry: r() < 0.8 ? pick(["新能源", "新材料", "绿色算力", "物流"]) : null,
      investor_type: r() < 0.5 ? pick(["央企", "民营500强", "其他"] as const) : null,
      investor_origin: r() < 0.7 ? pick(["省内", "省外", "香港", "北京", "美国", ""]) : null,
      stage: pick(["在谈", "签约", "开工", "投产", null] as const),
      planned_investment: r() < 0.3 ? Math.round(r() * 9000) / 100 : null,
    });
  }
  const funds: FundsEntry[] = [];
  for (let i = 0; i < Math.ceil(nRecords / 3); i++) {
    funds.push({
      project: `P${Math.floor(r() * nRecords)}`,
      region: pick(names),
      date: date() ?? `${year}-02-15`,
      amount: Math.round(r() * 2000) / 100,
      out_of_province: r() < 0.4,
    });
  }
  const targets: Target[] = [];
  for (const name of names)
    for (const metric of METRICS)
      if (r() < 0.4) targets.push({ year, region: name, metric, value: Math.round(50 + r() * 400) });
  const figures: ReportedFigure[] = [];
  for (let i = 0; i < (o.figures ?? 3); i++) {
    const y = r() < 0.6 ? year : year - 1;
    const metric = pick(METRICS);
    const value =
      metric === "signed_projects" || metric === "projects_started"
        ? Math.floor(r() * 90)
        : Math.round(r() * 9000) / 10;
    figures.push({
      year: y,
      through_month: pick([3, 6]),
      region: pick(names),
      metric,
      value,
      scope: null,
      status: r() < 0.8 ? "采用" : "备选",
    });
  }
  const aliases = new Map<string, string>();
  for (const row of rows) if (row.aliases && row.aliases.length > 0) aliases.set(row.name, row.aliases[0]);
  return { rows, hierarchy, input: { records, funds, targets, figures }, aliases };
}

export const hierCaseArb = fc
  .record({
    seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    regions: fc.integer({ min: 2, max: 18 }),
    records: fc.integer({ min: 0, max: 80 }),
    figures: fc.integer({ min: 0, max: 8 }),
  })
  .map((x) => randomHierCase(x.seed, x));

/**
 * The oracle: a region's value by the rules, written as directly as possible. `exact`: records whose region (refined
 * by its park) is the region itself; otherwise the region and everything beneath it, where a descendant's reported
 * figure stands for that descendant's subtree.
 */
export function naiveValue(
  c: HierCase,
  region: number,
  metric: Metric,
  y: number,
  throughMonth: number,
  exact = false,
): number | null {
  const h = c.hierarchy;
  const figure = (node: number): number | undefined => {
    const fs = c.input.figures.filter(
      (f) =>
        f.year === y &&
        f.through_month === throughMonth &&
        f.metric === metric &&
        !f.scope &&
        f.status !== "备选" &&
        h.lookup(f.region) === node,
    );
    return fs.length ? fs.reduce((s, f) => s + f.value, 0) : undefined;
  };
  const inMonth = (iso: string | null | undefined, span: boolean) => {
    if (!iso) return false;
    const yy = Number(iso.slice(0, 4)),
      mm = Number(iso.slice(5, 7));
    return yy === y && (!span || mm <= throughMonth);
  };
  const own = (node: number): number | null => {
    let has = false;
    let v = 0;
    const recs = c.input.records.filter((rec) => h.placeOf(rec.region, rec.park) === node);
    const fundsHere = c.input.funds.filter((f) => h.placeOf(f.region ?? "") === node);
    switch (metric) {
      case "signed_projects":
        for (const rec of recs)
          if (inMonth(rec.signed_date, false)) {
            has = true;
            if (inMonth(rec.signed_date, true)) v++;
          }
        break;
      case "signed_amount":
        for (const rec of recs)
          if (inMonth(rec.signed_date, false) && typeof rec.signed_amount === "number") {
            has = true;
            if (inMonth(rec.signed_date, true)) v += rec.signed_amount;
          }
        break;
      case "projects_started":
        for (const rec of recs)
          if (inMonth(rec.started_date, false)) {
            has = true;
            if (inMonth(rec.started_date, true)) v++;
          }
        break;
      case "funds_in_place":
        for (const f of fundsHere)
          if (inMonth(f.date, false)) {
            has = true;
            if (inMonth(f.date, true)) v += f.amount;
          }
        break;
      case "funds_in_place_out_of_province":
        for (const f of fundsHere)
          if (inMonth(f.date, false)) {
            has = true;
            if (inMonth(f.date, true) && f.out_of_province) v += f.amount;
          }
        break;
    }
    return has ? v : null;
  };
  if (exact) return own(region);
  const value = (node: number): number | null => {
    const fig = figure(node);
    if (fig !== undefined) return fig;
    let any = false;
    let v = 0;
    const o = own(node);
    if (o !== null) {
      any = true;
      v += o;
    }
    for (const child of h.children(node)) {
      const cv = value(child);
      if (cv !== null) {
        any = true;
        v += cv;
      }
    }
    return any ? v : null;
  };
  return value(region);
}
