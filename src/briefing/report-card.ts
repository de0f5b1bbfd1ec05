/**
 * The report card by level (成绩单 of one jurisdiction at one level), built on the region hierarchy
 * (src/core/region-hierarchy.ts). The rules, which the sheet formulas (./formulas.ts) encode too:
 *
 * - Rows are the regions of the level within the jurisdiction: descending from it, the first region met whose level
 *   is the chosen one or finer (a zone directly under a city is a row of a report by 县区). Records sitting at a
 *   coarser region on the way (a project of 西宁市 itself in a report by 县区) form that region's 本级 row. So every
 *   record within the jurisdiction is in exactly one row, and the rows sum to the jurisdiction's ledger.
 * - A region's value includes its descendants': its reported figure (汇总数) where it has one; else the ledger's own
 *   records plus each child's value, where a child's reported figure stands for the child's whole subtree. So
 *   西宁市 = 西宁开发区's figure + the rest of 西宁市's ledger, and no record or figure is counted twice.
 * - Zones and parks (园区) beneath a row are shown as 其中 rows under it: never added into the total.
 * - 合计 is the jurisdiction's own reported figure where one exists, else the sum of the rows (本级 included); the
 *   prior year by the same rule; the target is the jurisdiction's own (or a 合计 target), else the sum of the counted
 *   rows' targets when every counted row with an actual has one (a 本级 row with data has none: then blank, and a
 *   warning says why).
 * - Growth is given only like for like: a row whose value this year and last year come from different sources (this
 *   year the zone's figure, last year the city's) gets none, and the reconciliation says why.
 * - Regions with neither data nor a target are hidden unless asked for; 本级 rows only appear with data.
 * Records and funds entries are each read once; the rest is per region.
 */
import { CalendarDate, ymdMonthKey } from "../core/dates";
import { ExactSum } from "../core/exact-sum";
import { formatAmount } from "../core/format";
import { METRIC_INFO, METRICS, Metric } from "../core/model";
import type { RegionHierarchy } from "../core/region-hierarchy";
import { levelRank, LEVEL_EN, REGION_LEVELS, type RegionLevel } from "../core/region-levels";
import { BriefingError } from "./errors";
import { fundsAttributionWarnings } from "./funds-warnings";
import { combinedSource, rankRows, rowFor, shareRows, sumOf, type RowContext, type Sourced } from "./rows";
import {
  ActualSource,
  BriefingInput,
  BriefingOptions,
  BriefingRow,
  BriefingTable,
  BriefingWarning,
  FigureRef,
  Jurisdiction,
  ReconciliationEntry,
  RowRole,
  TOTAL_REGION,
} from "./types";

/** The name of the virtual jurisdiction holding every top-level region. */
export const NATION = "全国";
const NATION_WORDS = new Set(["全国", "全部", "所有地区", "all", "nation", "national", "china", "中国"]);

const ReportCardError = BriefingError;

export interface CardContext extends RowContext {
  year: number;
  throughMonth: number;
  wanted: readonly Metric[];
  explicitMetrics: boolean;
  figureApplies: (f: { scope?: string | null; status?: string | null }) => boolean;
  monthKey: (iso: string) => number;
}

export interface CardResult {
  tables: BriefingTable[];
  /** Canonical names of the level's rows shown, in order. */
  regions: string[];
  warnings: BriefingWarning[];
  jurisdiction: Jurisdiction;
  level: RegionLevel | null;
  reconciliation: ReconciliationEntry[];
  stats: { funds_region_from_ledger: number; funds_unattributed: number };
  /** Region node of each record (−1: not in the hierarchy), and whether it lies within the jurisdiction. */
  inJurisdiction: (recordIndex: number) => boolean;
}

const K = METRICS.length;
const MK: Record<Metric, number> = Object.fromEntries(METRICS.map((m, i) => [m, i])) as Record<Metric, number>;
const SP = MK.signed_projects,
  SA = MK.signed_amount,
  FI = MK.funds_in_place,
  FO = MK.funds_in_place_out_of_province,
  ST = MK.projects_started;

/** Per region × metric × year (0 this year, 1 last year) slot. */
const slot = (node: number, k: number, y: number) => (node * K + k) * 2 + y;

interface NodeVal {
  comp: ExactSum;
  /** Any data or figure in the subtree (the value is not blank). */
  any: boolean;
  /** The ledger contributes (records outside the subtrees that figures stand for). */
  ledger: boolean;
  /** Maximal descendants whose figures stand for their subtree. */
  inner: number[];
  fig: number | undefined;
  value: number | null;
}

const unitZh = (m: Metric) => (METRIC_INFO[m].unit === "yi" ? "亿元" : m === "signed_projects" ? "项" : "个");
const unitEn = (m: Metric, v: number) =>
  METRIC_INFO[m].unit === "yi" ? "(100m CNY)" : v === 1 ? "project" : "projects";
const fmt = (v: number | null) => (v === null ? "—" : formatAmount(v, 2));

/**
 * Build the report card by level, or null when the data has no region in the hierarchy (the caller falls back to the
 * flat card and says so).
 */
export function buildReportCard(
  input: BriefingInput,
  options: BriefingOptions,
  ctx: CardContext,
  h: RegionHierarchy,
): CardResult | null {
  const { year, throughMonth } = ctx;
  const pyStart = (year - 1) * 12;
  const yStart = year * 12;
  const nyStart = yStart + 12;
  const n = h.size;
  const count = new Float64Array(n * K * 2);
  const seen = new Uint8Array(n * K * 2);
  const sums: (ExactSum | undefined)[] = [];
  const sumAt = (i: number) => (sums[i] ??= new ExactSum());
  const warnings: BriefingWarning[] = [];

  // ---- where each record belongs: its region, refined by its park (cached per distinct pair) ----
  const places = new Map<string, { own: number | undefined; parks: Map<string, number> | null }>();
  const placeOf = (region: string | null | undefined, park?: string | null): number => {
    if (!region) return -1;
    let e = places.get(region);
    if (!e) places.set(region, (e = { own: undefined, parks: null }));
    if (!park) return (e.own ??= h.placeOf(region));
    e.parks ??= new Map();
    let p = e.parks.get(park);
    if (p === undefined) e.parks.set(park, (p = h.placeOf(region, park)));
    return p;
  };

  // ---- funds entries without a region are placed through the ledger project they name (by id, then by name) ----
  const funds = input.funds ?? [];
  const wantedProjects = new Set<string>();
  for (const e of funds) if (!e.region) wantedProjects.add(e.project);
  const projectPlace = new Map<string, number>();

  // ---- the single pass over the records ----
  const records = input.records;
  const recordNode = new Int32Array(records.length);
  const unknownRecords = new Map<string, number>();
  const placedCount = new Float64Array(n);
  for (let i = 0; i < records.length; i++) {
    const rec = records[i];
    const node = placeOf(rec.region, rec.park);
    recordNode[i] = node;
    if (wantedProjects.size > 0) {
      if (wantedProjects.has(rec.id) && !projectPlace.has(rec.id)) projectPlace.set(rec.id, node);
      if (wantedProjects.has(rec.name) && !projectPlace.has(`\u0000${rec.name}`))
        projectPlace.set(`\u0000${rec.name}`, node);
    }
    if (node < 0) {
      if (rec.region) unknownRecords.set(rec.region, (unknownRecords.get(rec.region) ?? 0) + 1);
      continue;
    }
    placedCount[node]++;
    const sd = rec.signed_ymd ?? rec.signed_date; // the importer's number, else the ISO text (as buildBriefing reads)
    if (sd) {
      const r = (typeof sd === "number" ? ymdMonthKey(sd) : ctx.monthKey(sd)) - pyStart;
      if (r >= 0 && r < 24) {
        const y = r < 12 ? 1 : 0;
        const inSpan = (y === 1 ? r : r - 12) < throughMonth;
        seen[slot(node, SP, y)] = 1;
        if (inSpan) count[slot(node, SP, y)]++;
        const amt = rec.signed_amount;
        if (typeof amt === "number") {
          seen[slot(node, SA, y)] = 1;
          if (inSpan) sumAt(slot(node, SA, y)).add(amt);
        }
      }
    }
    const st = rec.started_ymd ?? rec.started_date;
    if (st) {
      const r = (typeof st === "number" ? ymdMonthKey(st) : ctx.monthKey(st)) - pyStart;
      if (r >= 0 && r < 24) {
        const y = r < 12 ? 1 : 0;
        seen[slot(node, ST, y)] = 1;
        if ((y === 1 ? r : r - 12) < throughMonth) count[slot(node, ST, y)]++;
      }
    }
  }

  // ---- funds entries ----
  let fromLedger = 0;
  let unattributed = 0;
  for (const e of funds) {
    let node: number;
    if (e.region) node = placeOf(e.region);
    else {
      const p = projectPlace.get(e.project) ?? projectPlace.get(`\u0000${e.project}`);
      if (p === undefined) {
        unattributed++;
        continue;
      }
      fromLedger++;
      node = p;
    }
    if (node < 0) continue;
    const k = e.date ? ctx.monthKey(e.date) : -1;
    if (k < pyStart || k >= nyStart) continue;
    const y = k >= yStart ? 0 : 1;
    const inSpan = (y === 0 ? k - yStart : k - pyStart) < throughMonth;
    seen[slot(node, FI, y)] = seen[slot(node, FO, y)] = 1;
    if (!inSpan) continue;
    const amount = typeof e.amount === "number" ? e.amount : 0;
    sumAt(slot(node, FI, y)).add(amount);
    if (e.out_of_province) sumAt(slot(node, FO, y)).add(amount);
  }
  warnings.push(...fundsAttributionWarnings(fromLedger, unattributed));

  // ---- reported figures (whole scope, 采用) and the alternatives (备选) for the period's month ----
  const figures = new Map<number, { sum: ExactSum; n: number }>();
  const alternatives = new Map<number, { value: number; source: string | null }[]>();
  const adoptedSources = new Map<number, string | null>();
  const unknownOther = new Map<string, number>();
  for (const f of input.figures ?? []) {
    if (f.through_month !== throughMonth || (f.year !== year && f.year !== year - 1)) continue;
    if (f.scope != null && String(f.scope).trim() !== "") continue;
    if (f.region === TOTAL_REGION) continue;
    const node = placeOf(f.region);
    if (node < 0) {
      unknownOther.set(f.region, (unknownOther.get(f.region) ?? 0) + 1);
      continue;
    }
    placedCount[node]++;
    const s = slot(node, MK[f.metric], f.year === year ? 0 : 1);
    if (!ctx.figureApplies(f)) {
      (alternatives.get(s) ?? alternatives.set(s, []).get(s)!).push({ value: f.value, source: f.source ?? null });
      continue;
    }
    const e = figures.get(s) ?? figures.set(s, { sum: new ExactSum(), n: 0 }).get(s)!;
    e.sum.add(f.value);
    e.n++;
    if (!adoptedSources.has(s)) adoptedSources.set(s, f.source ?? null);
  }
  const figureOf = (node: number, k: number, y: number): number | undefined => {
    const e = node >= 0 ? figures.get(slot(node, k, y)) : undefined;
    return e ? e.sum.value() : undefined;
  };
  for (const [s, e] of figures) {
    if (e.n < 2) continue;
    const node = Math.floor(s / (K * 2));
    const k = Math.floor(s / 2) % K;
    const y = s % 2 === 0 ? year : year - 1;
    warnings.push({
      code: "duplicate_figure",
      message: `汇总数中 ${h.names[node]} ${y} 年 1-${throughMonth} 月“${METRIC_INFO[METRICS[k]].zh}”有 ${e.n} 条整体口径且采用的数值，已相加；请只保留一条为“采用”。`,
      message_en: `${e.n} whole-scope figures in use for ${h.names[node]}, ${METRICS[k]}, ${y} through month ${throughMonth}: they were added up; mark only one 采用.`,
    });
  }

  // ---- targets ----
  const targets = new Map<number, { sum: ExactSum; n: number }>();
  const totalTargets = new Map<number, ExactSum>();
  for (const t of input.targets ?? []) {
    if (t.year !== year) continue;
    const k = MK[t.metric];
    if (t.region === TOTAL_REGION) {
      (totalTargets.get(k) ?? totalTargets.set(k, new ExactSum()).get(k)!).add(t.value);
      continue;
    }
    const node = placeOf(t.region);
    if (node < 0) {
      unknownOther.set(t.region, (unknownOther.get(t.region) ?? 0) + 1);
      continue;
    }
    placedCount[node]++;
    const e = targets.get(node * K + k) ?? targets.set(node * K + k, { sum: new ExactSum(), n: 0 }).get(node * K + k)!;
    e.sum.add(t.value);
    e.n++;
  }
  for (const [key, e] of targets) {
    if (e.n < 2) continue;
    const node = Math.floor(key / K);
    warnings.push({
      code: "duplicate_target",
      message: `目标任务中 ${h.names[node]} ${year} 年“${METRIC_INFO[METRICS[key % K]].zh}”有 ${e.n} 条，已相加。`,
      message_en: `${e.n} targets for ${h.names[node]}, ${METRICS[key % K]}, ${year}: they were added up.`,
    });
  }
  const targetOf = (node: number, k: number): number | null => {
    const e = node >= 0 ? targets.get(node * K + k) : undefined;
    return e ? e.sum.value() : null;
  };

  // ---- the jurisdiction and the level ----
  const under = new Float64Array(n); // items placed in each subtree
  for (let i = 0; i < n; i++)
    if (placedCount[i] > 0) for (let j = i; j >= 0; j = h.parents[j]) under[j] += placedCount[i];
  let J: number;
  if (options.within && options.within.trim() !== "") {
    const w = options.within.trim();
    if (NATION_WORDS.has(w.toLowerCase())) J = -1;
    else {
      const r = h.resolve(w);
      if (r.kind === "name" || r.kind === "alias") J = r.index;
      else if (r.kind === "ambiguous") {
        const names = r.candidates.map((c) => h.names[c]);
        throw new ReportCardError(
          "AMBIGUOUS_JURISDICTION",
          `辖区“${w}”可以指 ${names.join("、")}，请写出全称。`,
          `Jurisdiction "${w}" could be ${names.join(" or ")}: write the full name.`,
        );
      } else {
        throw new ReportCardError(
          "UNKNOWN_JURISDICTION",
          `无法识别辖区“${w}”${r.suggestion ? `（是不是“${r.suggestion}”？）` : ""}：它不在地区表中，也不是内置的行政区划。`,
          `Unknown jurisdiction "${w}"${r.suggestion ? ` (did you mean "${r.suggestion}"?)` : ""}: it is neither in the regions table nor a built-in division.`,
        );
      }
    }
  } else {
    const roots = h.children(-1).filter((r) => under[r] > 0);
    if (roots.length === 0) return null;
    // Most records name regions the hierarchy does not know: a card by level would leave most of the data out, so
    // the caller shows every region side by side instead (asked for with --within, the card by level is built).
    let unknownTotal = 0;
    for (const c of unknownRecords.values()) unknownTotal += c;
    let placedTotal = 0;
    for (let i = 0; i < n; i++) placedTotal += placedCount[i];
    if (unknownTotal > placedTotal) return null;
    J = roots.reduce((best, r) => (under[r] > under[best] ? r : best), roots[0]);
    // Narrow down while one child holds everything (a city's ledger is the city's card, not the province's).
    for (;;) {
      if (placedCount[J] > 0) break;
      const kids = h.children(J).filter((c) => under[c] > 0);
      if (kids.length !== 1 || under[kids[0]] !== under[J]) break;
      J = kids[0];
    }
  }
  const jLevelRank = J >= 0 ? levelRank(h.levels[J]) : 0;

  // Rows at level L: descending from the jurisdiction, the first region whose level is L or finer.
  const frontier = (L: RegionLevel) => {
    const rank = levelRank(L);
    const rows: { node: number; role: RowRole }[] = [];
    const walk = (p: number) => {
      for (const c of h.children(p)) {
        if (levelRank(h.levels[c]) >= rank) rows.push({ node: c, role: "region" });
        else {
          walk(c);
          rows.push({ node: c, role: "own" });
        }
      }
    };
    walk(J);
    if (J >= 0) rows.push({ node: J, role: "own" });
    return rows;
  };
  let level: RegionLevel;
  if (options.level) {
    level = options.level;
    if (J >= 0 && levelRank(level) < jLevelRank) {
      throw new ReportCardError(
        "BAD_LEVEL",
        `${h.names[J]}是${h.levels[J]}级，成绩单的级别要比它低（可选：${REGION_LEVELS.filter((l) => levelRank(l) >= Math.max(jLevelRank + 1, 1) || (l === "园区" && jLevelRank === 4)).join("、")}）。`,
        `${h.names[J]} is a ${LEVEL_EN[h.levels[J]]}: the rows must be at a finer level than the jurisdiction.`,
      );
    }
  } else {
    // The level under which most of the jurisdiction's items fall (a tie goes to the coarser level).
    const candidates = REGION_LEVELS.filter((l) => levelRank(l) > jLevelRank || (l === "园区" && jLevelRank === 4));
    let best: RegionLevel | null = null;
    let bestCovered = -1;
    for (const l of candidates) {
      const covered = frontier(l)
        .filter((r) => r.role === "region")
        .reduce((s, r) => s + under[r.node], 0);
      if (covered > bestCovered) {
        best = l;
        bestCovered = covered;
      }
    }
    level = best ?? "园区";
  }
  const plan = frontier(level);

  // ---- values of every region within the jurisdiction, bottom up ----
  const post: number[] = [];
  {
    const stack: [number, boolean][] = [[J, false]];
    while (stack.length) {
      const [node, done] = stack.pop()!;
      if (done) {
        if (node >= 0) post.push(node);
        continue;
      }
      stack.push([node, true]);
      for (const c of h.children(node)) stack.push([c, false]);
    }
  }
  const vals: NodeVal[][][] = METRICS.map(() => [[], []]);
  for (const node of post) {
    for (let k = 0; k < K; k++) {
      for (let y = 0; y < 2; y++) {
        const s = slot(node, k, y);
        const comp = new ExactSum();
        let any = seen[s] === 1;
        let ledger = any;
        const inner: number[] = [];
        if (k === SA || k === FI || k === FO) {
          if (sums[s]) comp.addAll(sums[s]!);
        } else if (count[s] !== 0) comp.add(count[s]);
        for (const c of h.children(node)) {
          const v = vals[k][y][c];
          if (v.fig !== undefined) {
            comp.add(v.fig);
            any = true;
            inner.push(c);
          } else if (v.any) {
            comp.addAll(v.comp);
            any = true;
            ledger ||= v.ledger;
            for (const x of v.inner) inner.push(x);
          }
        }
        const fig = figureOf(node, k, y);
        vals[k][y][node] = {
          comp,
          any,
          ledger,
          inner,
          fig,
          value: fig !== undefined ? fig : any ? comp.value() : null,
        };
      }
    }
  }
  const own = (node: number, k: number, y: number): number | null => {
    const s = slot(node, k, y);
    if (seen[s] !== 1) return null;
    return k === SA || k === FI || k === FO ? (sums[s]?.value() ?? 0) : count[s];
  };
  const sourceOf = (v: NodeVal | undefined): ActualSource | null => {
    if (!v || v.value === null) return null;
    if (v.fig !== undefined) return "figure";
    if (v.inner.length === 0) return "ledger";
    return v.ledger ? "mixed" : "figure";
  };
  const signature = (v: NodeVal | undefined): string =>
    v?.fig !== undefined ? "F" : `${[...(v?.inner ?? [])].sort((a, b) => a - b).join(",")}|${v?.ledger ? "L" : ""}`;
  const figureRegions = (v: NodeVal | undefined, node: number): string[] =>
    v?.fig !== undefined ? [h.names[node]] : (v?.inner ?? []).map((i) => h.names[i]);
  const refs = (v: NodeVal | undefined): FigureRef[] =>
    (v?.inner ?? []).map((i) => ({ region: h.names[i], path: h.pathText(i) }));

  // Zones and parks beneath a row: the first 园区 met going down.
  const zonesOf = (node: number): number[] => {
    if (options.zones === false) return [];
    const out: number[] = [];
    const walk = (p: number) => {
      for (const c of h.children(p)) {
        if (h.levels[c] === "园区") out.push(c);
        else walk(c);
      }
    };
    walk(node);
    return out;
  };
  const ordered: { node: number; role: RowRole; of: number }[] = [];
  for (const r of plan) {
    ordered.push({ ...r, of: -1 });
    if (r.role === "region") for (const z of zonesOf(r.node)) ordered.push({ node: z, role: "zone", of: r.node });
  }

  // ---- rows: which are shown (data or a target in any metric; 本级 only with data) ----
  const rowCell = (r: { node: number; role: RowRole }, k: number, y: number): Sourced => {
    if (r.role === "own") {
      const v = own(r.node, k, y);
      return [v, v === null ? null : "ledger"];
    }
    const v = vals[k][y][r.node];
    return [v?.value ?? null, sourceOf(v)];
  };
  const rowTarget = (r: { node: number; role: RowRole }, k: number) => (r.role === "own" ? null : targetOf(r.node, k));
  const hasAnything = (r: { node: number; role: RowRole }) =>
    METRICS.some(
      (_, k) =>
        rowCell(r, k, 0)[0] !== null || rowCell(r, k, 1)[0] !== null || (r.role !== "own" && rowTarget(r, k) !== null),
    );
  const shown = ordered.filter((r) =>
    r.role === "own"
      ? METRICS.some((_, k) => own(r.node, k, 0) !== null || own(r.node, k, 1) !== null)
      : options.showEmpty || hasAnything(r),
  );
  // A 其中 row shows only under a row that shows.
  const visible = new Set(shown.filter((r) => r.role !== "zone").map((r) => r.node));
  const rows = shown.filter((r) => r.role !== "zone" || visible.has(r.of));

  const jName = J >= 0 ? h.names[J] : NATION;
  const label = (r: { node: number; role: RowRole }) =>
    r.role === "own"
      ? `${h.displays[r.node]}本级`
      : r.role === "zone"
        ? `其中：${h.displays[r.node]}`
        : h.displays[r.node];
  const reconciliation: ReconciliationEntry[] = [];

  // ---- the tables ----
  const tables: BriefingTable[] = [];
  for (const metric of ctx.wanted) {
    const k = MK[metric];
    const out: BriefingRow[] = rows.map((r) => {
      const cur = rowCell(r, k, 0);
      const prior = rowCell(r, k, 1);
      const row = rowFor(ctx, h.names[r.node], metric, cur, rowTarget(r, k), prior);
      const v0 = r.role === "own" ? undefined : vals[k][0][r.node];
      const v1 = r.role === "own" ? undefined : vals[k][1][r.node];
      const comparable = r.role === "own" || signature(v0) === signature(v1);
      if (!comparable) row.yoy_growth = null;
      row.label = label(r);
      row.level = h.levels[r.node];
      row.parent = h.parents[r.node] >= 0 ? h.names[h.parents[r.node]] : null;
      row.role = r.role;
      row.of = r.role === "zone" ? h.names[r.of] : null;
      row.figure_regions = r.role === "own" ? [] : figureRegions(v0, r.node);
      row.prior_figure_regions = r.role === "own" ? [] : figureRegions(v1, r.node);
      row.plan = {
        role: r.role,
        path: h.pathText(r.node),
        region: h.names[r.node],
        figures: r.role === "own" ? [[], []] : [refs(v0), refs(v1)],
        comparable,
      };
      return row;
    });
    const counted = out.filter((r) => r.role !== "zone");
    if (
      !ctx.explicitMetrics &&
      !out.some((r) => r.actual !== null || r.prior !== null || r.target !== null) &&
      figureOf(J, k, 0) === undefined &&
      figureOf(J, k, 1) === undefined
    )
      continue;

    // 合计: the jurisdiction's own figure, else the sum of the rows (本级 included, 其中 never).
    const totalCell = (y: number): Sourced => {
      const fig = figureOf(J, k, y);
      if (fig !== undefined) return [fig, "figure"];
      const key = y === 0 ? "actual" : "prior";
      return [
        sumOf(counted.map((r) => r[key])),
        combinedSource(counted.map((r) => (y === 0 ? r.actual_source : r.prior_source))),
      ];
    };
    const jTarget = J >= 0 ? targetOf(J, k) : null;
    const explicitTotal = totalTargets.get(k)?.value();
    let totalTarget: number | null = null;
    let totalTargetSource: BriefingTable["total_target_source"] = null;
    if (jTarget !== null) {
      totalTarget = jTarget;
      totalTargetSource = "explicit";
    } else if (explicitTotal !== undefined) {
      totalTarget = explicitTotal;
      totalTargetSource = "explicit";
    } else {
      // The sum of the rows' targets stands for the whole only when every counted row with an actual this year has a
      // target (a 本级 row never has one): else the completion rate would set all the actual against part of it.
      const untargeted = counted.filter((r) => r.actual !== null && r.target === null);
      if (untargeted.length === 0 && counted.some((r) => r.target !== null)) {
        totalTarget = sumOf(counted.map((r) => r.target));
        totalTargetSource = "sum";
      } else if (untargeted.length > 0 && counted.some((r) => r.target !== null)) {
        const names = untargeted.map((r) => r.label ?? r.region);
        warnings.push({
          code: "total_target_incomplete",
          message: `“${METRIC_INFO[metric].zh}”合计不给目标和完成率：${names.join("、")}有完成数但没有目标，各行目标之和不是${jName}的目标。请在目标任务中给出${jName}（或“合计”）的目标。`,
          message_en: `No target or completion rate for the total ${METRIC_INFO[metric].en}: ${names.join(", ")} ${names.length === 1 ? "has" : "have"} an actual but no target, so the rows' targets do not add up to ${jName}'s. Give a target for ${jName} (or 合计) in the targets.`,
        });
      }
    }
    const cur = totalCell(0);
    const prior = totalCell(1);
    const total = rowFor(ctx, TOTAL_REGION, metric, cur, totalTarget, prior);
    const figCur = figureOf(J, k, 0) !== undefined;
    const figPrior = figureOf(J, k, 1) !== undefined;
    // Like for like: both the jurisdiction's figures, or both sums of the same rows from the same sources.
    const totalComparable =
      figCur && figPrior
        ? true
        : !figCur &&
          !figPrior &&
          counted.every((r) => (r.actual === null) === (r.prior === null) && r.plan!.comparable);
    if (!totalComparable) total.yoy_growth = null;
    total.label = TOTAL_REGION;
    total.level = J >= 0 ? h.levels[J] : null;
    total.parent = null;
    total.figure_regions = figCur ? [jName] : [];
    total.prior_figure_regions = figPrior ? [jName] : [];
    total.plan = {
      role: "total",
      path: J >= 0 ? h.pathText(J) : "",
      region: J >= 0 ? jName : "",
      figures: [[], []],
      comparable: totalComparable,
    };
    shareRows(out, total.actual);
    total.share = total.actual !== null && total.actual !== 0 ? 1 : null;
    rankRows(out.filter((r) => r.role === "region"));
    tables.push({ metric, rows: out, total, total_target_source: totalTargetSource });

    // ---- 核对 for this metric ----
    const period = (y: number) => `${y === 0 ? year : year - 1}年1-${throughMonth}月`;
    const periodEn = (y: number) => `${y === 0 ? year : year - 1} through month ${throughMonth}`;
    const zh = METRIC_INFO[metric].zh,
      en = METRIC_INFO[metric].en;
    for (let y = 0; y < 2; y++) {
      // A reported figure and the ledger's own sum for the same region differ.
      for (const node of post) {
        const v = vals[k][y][node];
        if (v.fig === undefined || !v.any) continue;
        const ledgerValue = v.comp.value();
        if (Math.abs(ledgerValue - v.fig) <= 1e-9 * Math.max(1, Math.abs(v.fig))) continue;
        reconciliation.push({
          kind: "figure_vs_ledger",
          region: h.names[node],
          metric,
          year: y === 0 ? year : year - 1,
          used: v.fig,
          figure: v.fig,
          ledger: ledgerValue,
          message: `${h.names[node]} ${period(y)}${zh}：汇总数为 ${fmt(v.fig)}${unitZh(metric)}，台账（含下级的汇总数）合计为 ${fmt(ledgerValue)}${unitZh(metric)}，相差 ${fmt(v.fig - ledgerValue)}${unitZh(metric)}；采用汇总数（统计部门的整体数，台账可能不全）。`,
          message_en: `${h.names[node]}, ${en}, ${periodEn(y)}: the reported figure is ${fmt(v.fig)} ${unitEn(metric, v.fig)}, the ledger (with its parts' figures) adds up to ${fmt(ledgerValue)}, a difference of ${fmt(v.fig - ledgerValue)}; the reported figure is used (the official whole; the ledger may be incomplete).`,
        });
      }
      // 合计 from the jurisdiction's figure, against the rows.
      const fig = figureOf(J, k, y);
      const rowsSum = sumOf(counted.map((r) => (y === 0 ? r.actual : r.prior)));
      if (fig !== undefined && rowsSum !== null && Math.abs(rowsSum - fig) > 1e-9 * Math.max(1, Math.abs(fig))) {
        reconciliation.push({
          kind: "total_figure",
          region: jName,
          metric,
          year: y === 0 ? year : year - 1,
          used: fig,
          figure: fig,
          ledger: rowsSum,
          message: `合计${period(y)}${zh}采用${jName}的汇总数 ${fmt(fig)}${unitZh(metric)}；上表各行之和为 ${fmt(rowsSum)}${unitZh(metric)}（差额 ${fmt(fig - rowsSum)}${unitZh(metric)} 是各行以外或口径不同的部分）。`,
          message_en: `The total ${en} for ${periodEn(y)} is ${jName}'s reported figure, ${fmt(fig)}; the rows above add up to ${fmt(rowsSum)} (the difference, ${fmt(fig - rowsSum)}, lies outside the rows or in a different scope).`,
        });
      }
    }
    out.forEach((r, ri) => {
      if (r.role === "own") return;
      const node = rows[ri].node;
      for (let y = 0; y < 2; y++) {
        const v = vals[k][y][node];
        const value = y === 0 ? r.actual : r.prior;
        if (!v || value === null || v.fig !== undefined || v.inner.length === 0) continue;
        const parts = v.inner.map((i) => `${h.names[i]} ${fmt(vals[k][y][i].fig!)}`);
        const partsSum = sumOf(v.inner.map((i) => vals[k][y][i].fig!))!;
        const rest = v.ledger ? value - partsSum : null;
        reconciliation.push({
          kind: "composed",
          region: r.region,
          metric,
          year: y === 0 ? year : year - 1,
          used: value,
          figure: partsSum,
          ledger: rest,
          message: `${r.region} ${period(y)}${zh} ${fmt(value)}${unitZh(metric)}：${r.region}本身没有汇总数，由下级的汇总数（${parts.join("、")}）${rest !== null ? `加上台账中其余部分 ${fmt(rest)}${unitZh(metric)}` : ""}组成。`,
          message_en: `${r.region}, ${en}, ${periodEn(y)}: ${fmt(value)}. ${r.region} has no reported figure of its own: the value is its parts' figures (${parts.join(", ")})${rest !== null ? ` plus ${fmt(rest)} from the rest of the ledger` : ""}.`,
        });
      }
      if (!r.plan!.comparable && r.actual !== null && r.prior !== null) {
        const describe = (y: number, zhMode: boolean) => {
          const list = y === 0 ? r.figure_regions! : r.prior_figure_regions!;
          const vv = vals[k][y][node];
          if (list.length === 0) return zhMode ? "台账" : "the ledger";
          const names = list.join(zhMode ? "、" : ", ");
          return zhMode
            ? `${names}的汇总数${vv?.ledger ? "加台账" : ""}`
            : `the reported figures of ${names}${vv?.ledger ? " plus the ledger" : ""}`;
        };
        reconciliation.push({
          kind: "not_comparable",
          region: r.region,
          metric,
          year,
          used: r.actual,
          figure: null,
          ledger: null,
          message: `${r.region} ${zh}：本期 ${fmt(r.actual)}${unitZh(metric)}来自${describe(0, true)}，上年同期 ${fmt(r.prior)}${unitZh(metric)}来自${describe(1, true)}，口径不同，不计算同比。`,
          message_en: `${r.region}, ${en}: this period's ${fmt(r.actual)} comes from ${describe(0, false)}, last year's ${fmt(r.prior)} from ${describe(1, false)}: not like for like, so no growth is given.`,
        });
      }
    });
    // Other reported figures for the same region and period (备选): which one is used, and how to switch.
    for (const node of post) {
      const alts = alternatives.get(slot(node, k, 0));
      if (!alts) continue;
      const used = figureOf(node, k, 0) ?? null;
      reconciliation.push({
        kind: "alternatives",
        region: h.names[node],
        metric,
        year,
        used,
        figure: used,
        ledger: null,
        alternatives: alts,
        message: `${h.names[node]} ${period(0)}${zh}：采用 ${fmt(used)}${unitZh(metric)}，备选 ${alts.map((a) => `${fmt(a.value)}${unitZh(metric)}`).join("、")}（各数来源见汇总数表）。要改用备选数，在汇总数表中对调“采用/备选”。`,
        message_en: `${h.names[node]}, ${en}, ${periodEn(0)}: ${fmt(used)} is used; alternatives ${alts.map((a) => fmt(a.value)).join(", ")} (sources in the figures table). To use another, swap 采用/备选 in the figures table.`,
      });
    }
  }

  // ---- what lies outside the card ----
  const placedOutside = new Map<number, number>();
  for (let i = 0; i < records.length; i++) {
    const node = recordNode[i];
    if (node >= 0 && J >= 0 && !h.within(node, J)) {
      // Named at the jurisdiction's depth (海西州, 兰州市 beside 西宁市), or by itself when shallower.
      let at = node;
      while (h.depths[at] > h.depths[J]) at = h.parents[at];
      placedOutside.set(at, (placedOutside.get(at) ?? 0) + 1);
    }
  }
  if (placedOutside.size > 0) {
    const total = [...placedOutside.values()].reduce((a, b) => a + b, 0);
    const list = [...placedOutside].sort((a, b) => b[1] - a[1]).slice(0, 5);
    warnings.push({
      code: "outside_jurisdiction",
      message: `台账中（所有时期）共有 ${total} 条项目不在${jName}范围内（${list.map(([r, c]) => `${h.names[r]} ${c} 条`).join("、")}），未计入本成绩单；要看它们，请另选辖区。`,
      message_en: `In the whole ledger (all periods), ${total} projects lie outside ${jName} (${list.map(([r, c]) => `${h.names[r]}: ${c}`).join(", ")}) and are not in this report card; choose another jurisdiction to see them.`,
    });
  }
  const unknown = new Map(unknownRecords);
  for (const [name, c] of unknownOther) unknown.set(name, (unknown.get(name) ?? 0) + c);
  if (unknown.size > 0) {
    const list = [...unknown].sort((a, b) => b[1] - a[1]).slice(0, 5);
    const suggestions = list.map(([name]) => [name, h.suggest(name)] as const);
    warnings.push({
      code: "unknown_regions",
      message: `以下地区不在地区表中，也不是内置的行政区划，其数据未计入按层级汇总的成绩单：${suggestions.map(([nm, s]) => `「${nm}」${s ? `（是不是「${s}」？）` : ""}`).join("、")}${unknown.size > 5 ? ` 等 ${unknown.size} 个` : ""}。请改正名称，或在地区表中加上它们和上级地区。`,
      message_en: `These regions are neither in the regions table nor built-in divisions, so their data is not in the report card by level: ${suggestions.map(([nm, s]) => `"${nm}"${s ? ` (did you mean "${s}"?)` : ""}`).join(", ")}${unknown.size > 5 ? ` and ${unknown.size - 5} more` : ""}. Correct the names, or add them to the regions table with their parents.`,
    });
  }

  const jurisdiction: Jurisdiction = {
    name: jName,
    level: J >= 0 ? h.levels[J] : null,
    path: J >= 0 ? h.pathText(J) : "",
    province: J >= 0 ? h.names[h.top(J)] : null,
  };
  return {
    tables,
    regions: rows.filter((r) => r.role === "region").map((r) => h.names[r.node]),
    warnings,
    jurisdiction,
    level,
    reconciliation,
    stats: { funds_region_from_ledger: fromLedger, funds_unattributed: unattributed },
    inJurisdiction: (i: number) => recordNode[i] >= 0 && (J < 0 || h.within(recordNode[i], J)),
  };
}

export type { CalendarDate };
