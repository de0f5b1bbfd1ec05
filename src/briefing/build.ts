/**
 * buildBriefing: the quarterly report card (成绩单) from the ledger, funds entries, targets and reported figures.
 *
 * Rules (the same the sheet formulas in ./formulas.ts encode, so the JSON, the exported workbook and the live
 * sheet agree):
 * - The span is January through the last month of the period; the prior span is the same months a year earlier.
 * - signed_projects / signed_amount: records whose 签约日期 is in the span (count / sum of 签约金额);
 *   projects_started: records whose 开工日期 is in the span; funds_in_place: funds entries dated in the span
 *   (region from the entry, else from the ledger project it names, by id then by name);
 *   funds_in_place_out_of_province: those with 省外资金.
 * - A reported figure (汇总数) with a blank 口径 and a status other than 备选 for (region, metric, year, last month)
 *   IS the actual; otherwise the ledger is aggregated.
 * - The ledger "has data" for (region, metric, year) when at least one of the region's rows carries that metric's
 *   date in that year (for signed_amount also an amount); without data and without a figure the actual is null,
 *   never a misleading 0.
 * - The 合计 row sums the regions' non-null actuals; its target is an explicit target for region 合计 if given,
 *   else the sum of the regions' targets when every region has one, else null. Its growth is given only like for
 *   like: when exactly the regions with an actual also have last year's number.
 * Every ratio comes from src/core/metrics.ts. Records and funds entries are each read exactly once.
 */
import {
  completionRate,
  DEFAULT_PACE_TOLERANCE,
  paceGap,
  paceStatusFromGap,
  share as shareMetric,
  timeProgress,
  valueOrNull,
  yoyGrowth,
} from "../core/metrics";
import { isMetric, metricInfo, METRICS, Metric } from "../core/model";
import { parsePeriod, Period, periodEnd, samePeriodLastYear, yearToDate } from "../core/period";
import { CalendarDate, parseIsoDate, toIsoDate, ymdMonthKey } from "../core/dates";
import { ExactSum, exactSum } from "../core/exact-sum";
import { regionKey } from "../core/regions";
import type { RegionHierarchy } from "../core/region-hierarchy";
import { buildBreakdowns, keyProjects } from "./breakdowns";
import { BriefingError } from "./errors";
import { fundsAttributionWarnings } from "./funds-warnings";
import { buildReportCard } from "./report-card";
import {
  ActualSource,
  Briefing,
  BriefingInput,
  BriefingOptions,
  BriefingRow,
  BriefingTable,
  BriefingWarning,
  BREAKDOWN_KINDS,
  TOTAL_REGION,
} from "./types";

/** A reported figure applies as the actual when its scope is blank and it is not marked 备选. */
export function figureApplies(f: { scope?: string | null; status?: string | null }): boolean {
  return (f.scope == null || String(f.scope).trim() === "") && f.status !== "备选";
}

/**
 * The month key (year × 12 + month − 1) of an ISO date "YYYY-MM-DD" or "YYYY-MM", read with charCodeAt (no
 * allocation: this runs once per date of every record); −1 when the text does not start with YYYY-MM.
 */
export function monthKey(d: string): number {
  // Past the end charCodeAt gives NaN, which fails every comparison the caller makes: no length check needed.
  if (d.charCodeAt(4) !== 45) return -1;
  const c0 = d.charCodeAt(0) - 48,
    c1 = d.charCodeAt(1) - 48,
    c2 = d.charCodeAt(2) - 48,
    c3 = d.charCodeAt(3) - 48;
  const c5 = d.charCodeAt(5) - 48,
    c6 = d.charCodeAt(6) - 48;
  // Digits only: as unsigned, anything outside 0..9 is > 9.
  if (c0 >>> 0 > 9 || c1 >>> 0 > 9 || c2 >>> 0 > 9 || c3 >>> 0 > 9 || c5 >>> 0 > 9 || c6 >>> 0 > 9) return -1;
  const m = c5 * 10 + c6;
  if (!(m >= 1 && m <= 12)) return -1; // also NaN (text shorter than YYYY-MM)
  return (c0 * 1000 + c1 * 100 + c2 * 10 + c3) * 12 + m - 1;
}

const TOTAL_KEY = regionKey(TOTAL_REGION);

/** Chinese collation for region order (created once: building a collator costs about half a millisecond). */
let zhCollator: Intl.Collator | null = null;

export { BriefingError } from "./errors";

interface Spans {
  pyStart: number;
  throughMonth: number;
}

/** Values per region slot in the ledger scan: [signed count, signed amount, started count] × [current, prior]. */
const LEDGER_STRIDE = 6;

/**
 * Money is summed exactly (ExactSum: the correctly rounded exact sum, whatever the order of the rows), so the same
 * records in any order, or read from a CSV or from its JSON, give the same totals to the last digit. Counts are
 * whole numbers far below 2^53, exact in plain doubles.
 */

/**
 * THE single pass over the records (kept in its own small function so the JIT compiles it tight): per record,
 * its region's slot (identity cache, then a short linear scan, then the map), the month keys of its signing and
 * start dates, and the sums into flat typed arrays. Also notes the regions of the projects that region-less funds
 * entries name (by id, and by name), when there are such entries.
 */
function scanLedger(
  records: BriefingInput["records"],
  spans: Spans,
  slotOf: (region: string) => number,
  needById: Map<string, string | null> | null,
  nameHits: Map<string, string> | null,
) {
  const { pyStart, throughMonth } = spans;
  let cap = 16;
  let sums = new Float64Array(cap * LEDGER_STRIDE);
  let seen = new Uint8Array(cap * LEDGER_STRIDE);
  /** Signed amounts per slot: [current, prior], exact. */
  const amounts: ExactSum[] = [];
  // Region text → slot, so that slotOf (which folds case and width) runs once per distinct text, however many
  // regions there are and in whatever order the records come (a ledger's rows are seldom grouped by region).
  const slotByText = new Map<string, number>();
  let lastRegion: string | undefined;
  let base = -1;
  const n = records.length;
  for (let i = 0; i < n; i++) {
    const rec = records[i];
    const region = rec.region;
    if (region !== lastRegion) {
      lastRegion = region;
      let slot = slotByText.get(region);
      if (slot === undefined) {
        slot = region ? slotOf(region) : -1; // a record without a region counts nowhere
        slotByText.set(region, slot);
      }
      if (slot >= cap) {
        while (slot >= cap) cap *= 2;
        const s2 = new Float64Array(cap * LEDGER_STRIDE);
        s2.set(sums);
        sums = s2;
        const f2 = new Uint8Array(cap * LEDGER_STRIDE);
        f2.set(seen);
        seen = f2;
      }
      base = slot < 0 ? -1 : slot * LEDGER_STRIDE;
    }
    if (needById !== null) {
      if (needById.get(rec.id) === null) needById.set(rec.id, region);
      if (needById.has(rec.name) && !nameHits!.has(rec.name)) nameHits!.set(rec.name, region);
    }
    if (base < 0) continue;
    // r = months since January of the prior year: 0..11 prior year, 12..23 this year (anything else: outside).
    // Inside, the writes are branch-free: off picks the prior/current slot, inSpan is 1 for months up to the end.
    const sd = rec.signed_ymd ?? rec.signed_date; // the importer's number, else the ISO text
    if (sd) {
      const r = (typeof sd === "number" ? ymdMonthKey(sd) : monthKey(sd)) - pyStart;
      if (r >>> 0 < 24) {
        const off = r < 12 ? 1 : 0;
        const inSpan = (off === 1 ? r : r - 12) < throughMonth ? 1 : 0;
        seen[base + off] = 1;
        sums[base + off] += inSpan;
        const amt = rec.signed_amount;
        if (typeof amt === "number") {
          seen[base + 2 + off] = 1;
          if (inSpan === 1) (amounts[(base / LEDGER_STRIDE) * 2 + off] ??= new ExactSum()).add(amt);
        }
      }
    }
    const st = rec.started_ymd ?? rec.started_date;
    if (st) {
      const r = (typeof st === "number" ? ymdMonthKey(st) : monthKey(st)) - pyStart;
      if (r >>> 0 < 24) {
        const off = r < 12 ? 1 : 0;
        seen[base + 4 + off] = 1;
        sums[base + 4 + off] += (off === 1 ? r : r - 12) < throughMonth ? 1 : 0;
      }
    }
  }
  return {
    /** Accumulator of one metric: 0 signed (count), 1 signed amount, 2 started. */
    acc(metric: 0 | 1 | 2): Acc {
      const a = new Acc();
      const slotsSeen = Math.min(cap, sums.length / LEDGER_STRIDE);
      a.grow(slotsSeen);
      for (let s = 0; s < slotsSeen; s++) {
        const b = s * LEDGER_STRIDE + metric * 2;
        a.cur[s] = metric === 1 ? (amounts[s * 2]?.value() ?? 0) : sums[b];
        a.prior[s] = metric === 1 ? (amounts[s * 2 + 1]?.value() ?? 0) : sums[b + 1];
        a.hasCur[s] = seen[b] === 1;
        a.hasPrior[s] = seen[b + 1] === 1;
      }
      return a;
    },
  };
}

/** Per region accumulators: index = region slot. */
class Acc {
  cur: number[] = [];
  prior: number[] = [];
  /** The ledger has data for the region in the current / prior year. */
  hasCur: boolean[] = [];
  hasPrior: boolean[] = [];
  grow(n: number) {
    while (this.cur.length < n) {
      this.cur.push(0);
      this.prior.push(0);
      this.hasCur.push(false);
      this.hasPrior.push(false);
    }
  }
}

export function buildBriefing(input: BriefingInput, options: BriefingOptions): Briefing {
  const parsed = parsePeriod(options.period);
  if (!parsed) {
    throw new BriefingError(
      "BAD_PERIOD",
      `无法识别报告期“${options.period}”，请写成 2025Q1、2025H1、2025M05YTD 或“2025年一季度”等形式。`,
      `Unrecognised period "${options.period}": write 2025Q1, 2025H1, 2025M05YTD or 2025年一季度.`,
    );
  }
  const span: Period = yearToDate(parsed);
  const priorSpan = samePeriodLastYear(span);
  const basis = options.basis ?? "month";
  const tolerance = options.tolerance ?? DEFAULT_PACE_TOLERANCE;
  let asOf: CalendarDate = periodEnd(span);
  if (options.asOf) {
    const d = parseIsoDate(options.asOf);
    if (!d)
      throw new BriefingError(
        "BAD_AS_OF",
        `截至日期“${options.asOf}”不是 YYYY-MM-DD 格式。`,
        `As-of date "${options.asOf}" is not YYYY-MM-DD.`,
      );
    asOf = d;
  }
  const tp = timeProgress(asOf, basis);
  const year = span.year;
  const throughMonth = span.toMonth;

  const wantedMetrics: readonly Metric[] = options.metrics && options.metrics.length > 0 ? options.metrics : METRICS;
  const badMetric = wantedMetrics.find((m) => !isMetric(m));
  if (badMetric !== undefined) {
    throw new BriefingError(
      "UNKNOWN_METRIC",
      `未知指标“${String(badMetric)}”。可用：${METRICS.join("、")}。`,
      `Unknown metric "${String(badMetric)}". Metrics: ${METRICS.join(", ")}.`,
    );
  }
  const badBreakdown = (options.breakdowns ?? []).find((k) => !(BREAKDOWN_KINDS as readonly string[]).includes(k));
  if (badBreakdown !== undefined) {
    throw new BriefingError(
      "UNKNOWN_BREAKDOWN",
      `未知分类“${String(badBreakdown)}”。可用：${BREAKDOWN_KINDS.join("、")}。`,
      `Unknown breakdown "${String(badBreakdown)}". Breakdowns: ${BREAKDOWN_KINDS.join(", ")}.`,
    );
  }
  // Breakdowns and key projects (./breakdowns.ts), over the records `include` admits.
  const extras = (b: Briefing, include: (i: number) => boolean, province: string | null): Briefing => {
    const c = {
      span: [year * 12, year * 12 + throughMonth - 1] as [number, number],
      priorSpan: [(year - 1) * 12, (year - 1) * 12 + throughMonth - 1] as [number, number],
      monthKey,
      include,
      province,
      hierarchy: options.hierarchy,
    };
    if (options.breakdowns && options.breakdowns.length > 0)
      b.breakdowns = buildBreakdowns(input.records, options.breakdowns, c);
    if (options.top && options.top > 0) b.key_projects = keyProjects(input.records, options.top, c);
    return b;
  };

  // ---- the report card by level (./report-card.ts), when the regions are a hierarchy ----
  let fallback: BriefingWarning | null = null;
  if (options.hierarchy && !(options.regions && options.regions.length > 0)) {
    const card = buildReportCard(
      input,
      options,
      {
        year,
        throughMonth,
        asOf,
        basis,
        tolerance,
        timeProgress: tp,
        wanted: wantedMetrics,
        explicitMetrics: !!(options.metrics && options.metrics.length > 0),
        figureApplies,
        monthKey,
      },
      options.hierarchy,
    );
    if (card) {
      return extras(
        {
          period: parsed.code,
          span,
          prior_span: priorSpan,
          as_of: toIsoDate(asOf),
          basis,
          tolerance,
          time_progress: tp,
          regions: card.regions,
          metrics: card.tables.map((t) => t.metric),
          tables: card.tables,
          warnings: card.warnings,
          jurisdiction: card.jurisdiction,
          level: card.level,
          reconciliation: card.reconciliation,
          stats: { records: input.records.length, funds: (input.funds ?? []).length, ...card.stats },
        },
        card.inJurisdiction,
        card.jurisdiction.province,
      );
    }
    fallback = {
      code: "flat_fallback",
      message:
        "数据中的地区大多不在地区表或内置行政区划中，无法按层级汇总，改为各地区并列的成绩单。请在地区表中加上这些地区及其上级地区（或用 --within 指定辖区）。",
      message_en:
        "Most of the data's regions are in neither the regions table nor the built-in divisions, so the card cannot be built by level: every region is shown side by side. Add these regions and their parents to the regions table (or name the jurisdiction with --within).",
    };
  }

  // ---- regions: explicit list, or discovered while reading ----
  // Regions are one region when src/core/regions.ts says so (case and width folded, as Excel's criteria compare):
  // slots are keyed by regionKey; a region is shown by its first spelling in code-point order (so the row order
  // of the input never changes the label), or as asked in options.regions.
  const listNotes: BriefingWarning[] = [];
  let explicitRegions =
    options.regions && options.regions.length > 0 ? options.regions.filter((r) => regionKey(r) !== TOTAL_KEY) : null;
  // Names asked for resolve as the data's did at import (aliases and short forms to the canonical region).
  if (explicitRegions && options.hierarchy)
    explicitRegions = resolveRegionList(explicitRegions, options.hierarchy, input, listNotes);
  const regionNames: string[] = [];
  const regionIndex = new Map<string, number>();
  const variants = new Map<number, Set<string>>();
  const slotOf = (name: string): number => {
    const key = regionKey(name);
    const known = regionIndex.get(key);
    if (known !== undefined) {
      if (name !== regionNames[known]) {
        let v = variants.get(known);
        if (!v) variants.set(known, (v = new Set([regionNames[known]])));
        v.add(name);
        if (!explicitRegions && name < regionNames[known]) regionNames[known] = name;
      }
      return known;
    }
    if (explicitRegions) return -1;
    const slot = regionNames.length;
    regionNames.push(name);
    regionIndex.set(key, slot);
    return slot;
  };
  if (explicitRegions)
    for (const r of explicitRegions)
      if (!regionIndex.has(regionKey(r))) {
        regionIndex.set(regionKey(r), regionNames.length);
        regionNames.push(r);
      }

  const warnings: BriefingWarning[] = fallback ? [fallback, ...listNotes] : listNotes;

  // ---- reported figures and targets (small tables) ----
  const figureKey = (region: string, metric: string, y: number) => `${y}\u0001${metric}\u0001${region}`;
  const figureSums = new Map<string, ExactSum>();
  const figureRegion = new Map<string, string>();
  const figureCount = new Map<string, number>();
  for (const f of input.figures ?? []) {
    if (f.through_month !== throughMonth || (f.year !== year && f.year !== year - 1) || !figureApplies(f)) continue;
    if (regionKey(f.region) === TOTAL_KEY) continue;
    const key = figureKey(regionKey(f.region), f.metric, f.year);
    if (!figureRegion.has(key)) figureRegion.set(key, f.region);
    (figureSums.get(key) ?? figureSums.set(key, new ExactSum()).get(key)!).add(f.value);
    figureCount.set(key, (figureCount.get(key) ?? 0) + 1);
    slotOf(f.region);
  }
  for (const [key, n] of figureCount) {
    if (n > 1) {
      const [y, metric] = key.split("\u0001");
      const region = figureRegion.get(key)!;
      warnings.push({
        code: "duplicate_figure",
        message: `汇总数中 ${region} ${y} 年 1-${throughMonth} 月“${metricZh(metric)}”有 ${n} 条整体口径且采用的数值，已相加；请只保留一条为“采用”。`,
        message_en: `${n} whole-scope figures in use for ${region}, ${metric}, ${y} through month ${throughMonth}: they were added up; mark only one 采用.`,
      });
    }
  }
  const figureSum = new Map([...figureSums].map(([k, v]) => [k, v.value()]));
  const targetSums = new Map<string, ExactSum>();
  const targetRegion = new Map<string, string>();
  const targetCount = new Map<string, number>();
  for (const t of input.targets ?? []) {
    if (t.year !== year) continue;
    const key = `${t.metric}\u0001${regionKey(t.region)}`;
    (targetSums.get(key) ?? targetSums.set(key, new ExactSum()).get(key)!).add(t.value);
    targetCount.set(key, (targetCount.get(key) ?? 0) + 1);
    if (!targetRegion.has(key)) targetRegion.set(key, t.region);
    if (regionKey(t.region) !== TOTAL_KEY) slotOf(t.region);
  }
  const targetSum = new Map([...targetSums].map(([k, v]) => [k, v.value()]));
  for (const [key, n] of targetCount) {
    if (n > 1) {
      const [metric] = key.split("\u0001");
      const region = targetRegion.get(key)!;
      warnings.push({
        code: "duplicate_target",
        message: `目标任务中 ${region} ${year} 年“${metricZh(metric)}”有 ${n} 条，已相加。`,
        message_en: `${n} targets for ${region}, ${metric}, ${year}: they were added up.`,
      });
    }
  }

  // ---- funds entries without a region need the ledger: collect the keys to look up during the single pass ----
  const funds = input.funds ?? [];
  let needLookup: Map<string, string | null> | null = null;
  for (const e of funds) {
    if (!e.region) (needLookup ??= new Map()).set(e.project, null);
  }

  // ---- the single pass over the records ----
  // Dates are compared as month keys (year × 12 + month − 1) read straight from the ISO text.
  const yStart = year * 12;
  const curEnd = yStart + throughMonth - 1;
  const pyStart = yStart - 12;
  const priorEnd = pyStart + throughMonth - 1;
  const nyStart = yStart + 12;

  const nameHits: Map<string, string> | null = needLookup ? new Map() : null;
  const records = input.records;
  const n = records.length;
  const scan = scanLedger(records, { pyStart, throughMonth }, slotOf, needLookup, nameHits);
  const sProjects = scan.acc(0);
  const sAmount = scan.acc(1);
  const started = scan.acc(2);

  // ---- funds entries ----
  const fIn = new Acc();
  const fOut = new Acc();
  // Exact sums per slot: [in place current, prior, out of province current, prior].
  const fundSums: ExactSum[][] = [];
  const fundSum = (s: number, k: number) => ((fundSums[s] ??= [])[k] ??= new ExactSum());
  let fromLedger = 0;
  let unattributed = 0;
  for (const e of funds) {
    let region = e.region || null;
    if (!region) {
      region = needLookup!.get(e.project) ?? nameHits!.get(e.project) ?? null;
      if (region) fromLedger++;
      else {
        unattributed++;
        continue;
      }
    }
    const s = slotOf(region);
    if (s < 0) continue;
    const k = e.date ? monthKey(e.date) : -1;
    if (k < pyStart || k >= nyStart) continue;
    fIn.grow(s + 1);
    fOut.grow(s + 1);
    const amount = typeof e.amount === "number" ? e.amount : 0;
    if (k >= yStart) {
      fIn.hasCur[s] = fOut.hasCur[s] = true;
      if (k <= curEnd) {
        fundSum(s, 0).add(amount);
        if (e.out_of_province) fundSum(s, 2).add(amount);
      }
    } else {
      fIn.hasPrior[s] = fOut.hasPrior[s] = true;
      if (k <= priorEnd) {
        fundSum(s, 1).add(amount);
        if (e.out_of_province) fundSum(s, 3).add(amount);
      }
    }
  }
  fundSums.forEach((sums, s) => {
    fIn.cur[s] = sums[0]?.value() ?? 0;
    fIn.prior[s] = sums[1]?.value() ?? 0;
    fOut.cur[s] = sums[2]?.value() ?? 0;
    fOut.prior[s] = sums[3]?.value() ?? 0;
  });
  warnings.push(...fundsAttributionWarnings(fromLedger, unattributed));

  const accs: Record<Metric, Acc> = {
    signed_projects: sProjects,
    signed_amount: sAmount,
    funds_in_place: fIn,
    funds_in_place_out_of_province: fOut,
    projects_started: started,
  };
  for (const a of Object.values(accs)) a.grow(regionNames.length);

  for (const [slot, names] of variants) {
    const list = [...names].sort();
    warnings.push({
      code: "region_variants",
      message: `地区名称 ${list.map((n) => `「${n}」`).join("")} 只差大小写或全角/半角，Excel 按地区汇总时视为同一地区，已合并为「${regionNames[slot]}」统计。`,
      message_en: `Region names ${list.map((n) => `"${n}"`).join(", ")} differ only in case or width, which Excel's sums by region do not tell apart: counted as one region, "${regionNames[slot]}".`,
    });
  }

  // ---- assemble the tables ----
  const wanted = wantedMetrics;
  const tables: BriefingTable[] = [];
  const cell = (metric: Metric, s: number, region: string, current: boolean): [number | null, ActualSource | null] => {
    const y = current ? year : year - 1;
    const fig = figureSum.get(figureKey(regionKey(region), metric, y));
    if (fig !== undefined) return [fig, "figure"];
    const acc = accs[metric];
    if (current ? acc.hasCur[s] : acc.hasPrior[s]) return [current ? acc.cur[s] : acc.prior[s], "ledger"];
    return [null, null];
  };
  const asOfIso = toIsoDate(asOf);
  const rowFor = (
    region: string,
    metric: Metric,
    actual: [number | null, ActualSource | null],
    target: number | null,
    prior: [number | null, ActualSource | null],
  ): BriefingRow => {
    const a = actual[0];
    const p = prior[0];
    const rate = a !== null && target !== null ? valueOrNull(completionRate(a, target)) : null;
    const gap = a !== null && target !== null ? valueOrNull(paceGap(a, target, asOf, basis)) : null;
    return {
      region,
      metric,
      actual: a,
      actual_source: actual[1],
      target,
      completion_rate: rate,
      time_progress: tp,
      pace_gap: gap,
      status: gap === null ? null : paceStatusFromGap(gap, tolerance),
      prior: p,
      prior_source: prior[1],
      yoy_growth: a !== null && p !== null ? valueOrNull(yoyGrowth(a, p)) : null,
      share: null,
      rank: null,
    };
  };

  // Order regions: explicit order, else Chinese collation.
  let order = regionNames.map((_, i) => i);
  if (!explicitRegions) {
    const collator = (zhCollator ??= new Intl.Collator("zh-CN"));
    order = order.sort((x, y) => collator.compare(regionNames[x], regionNames[y]));
  }

  // Rows for every region first; a region with nothing at all (no actual, prior or target in any metric) is dropped
  // unless it was asked for, so that the totals' "every region has a target" rule sees only real rows.
  const draft = wanted.map((metric) =>
    order.map((s) => {
      const region = regionNames[s];
      const targetValue = targetSum.get(`${metric}\u0001${regionKey(region)}`);
      return rowFor(region, metric, cell(metric, s, region, true), targetValue ?? null, cell(metric, s, region, false));
    }),
  );
  const hasAnything = (r: BriefingRow) => r.actual !== null || r.prior !== null || r.target !== null;
  const keep = order.map((_, k) => explicitRegions !== null || draft.some((rows) => hasAnything(rows[k])));
  const shownRegions = order.map((s) => regionNames[s]).filter((_, k) => keep[k]);

  wanted.forEach((metric, m) => {
    const rows = draft[m].filter((_, k) => keep[k]);
    if (!rows.some(hasAnything) && !(options.metrics && options.metrics.length > 0)) return;
    const totalActual = sumOf(rows.map((r) => r.actual));
    const totalPrior = sumOf(rows.map((r) => r.prior));
    const explicitTotal = targetSum.get(`${metric}\u0001${TOTAL_KEY}`);
    let totalTarget: number | null = null;
    let totalTargetSource: BriefingTable["total_target_source"] = null;
    if (explicitTotal !== undefined) {
      totalTarget = explicitTotal;
      totalTargetSource = "explicit";
    } else if (rows.length > 0 && rows.every((r) => r.target !== null)) {
      totalTarget = sumOf(rows.map((r) => r.target));
      totalTargetSource = "sum";
    }
    const total = rowFor(TOTAL_REGION, metric, [totalActual, null], totalTarget, [totalPrior, null]);
    total.actual_source = combinedSource(rows.map((r) => r.actual_source));
    total.prior_source = combinedSource(rows.map((r) => r.prior_source));
    // Like for like: the total's growth only when the same regions have this year's and last year's numbers.
    if (!rows.every((r) => (r.actual === null) === (r.prior === null))) total.yoy_growth = null;
    for (const r of rows)
      r.share = r.actual !== null && totalActual !== null ? valueOrNull(shareMetric(r.actual, totalActual)) : null;
    total.share = totalActual !== null ? valueOrNull(shareMetric(totalActual, totalActual)) : null;
    // Competition ranking on rates rounded to 12 decimals (as the sheet's rank formula compares them).
    const rounded = rows.map((r) => (r.completion_rate === null ? null : roundRate(r.completion_rate)));
    rows.forEach((r, k) => {
      const mine = rounded[k];
      if (mine === null) return;
      let better = 0;
      for (const o of rounded) if (o !== null && o > mine) better++;
      r.rank = better + 1;
    });
    tables.push({ metric, rows, total, total_target_source: totalTargetSource });
  });

  return extras(
    {
      period: parsed.code,
      span,
      prior_span: priorSpan,
      as_of: asOfIso,
      basis,
      tolerance,
      time_progress: tp,
      regions: shownRegions,
      metrics: tables.map((t) => t.metric),
      tables,
      warnings,
      stats: {
        records: n,
        funds: funds.length,
        funds_region_from_ledger: fromLedger,
        funds_unattributed: unattributed,
      },
    },
    () => true,
    null,
  );
}

/**
 * The regions of a side-by-side card asked for by name, resolved through the hierarchy: an alias or short form
 * becomes its canonical region (西宁 → 西宁市), names that then name one region give one row, and a name neither the
 * hierarchy nor the data knows, or one that could be several regions, is kept as written with a warning.
 */
function resolveRegionList(
  names: readonly string[],
  h: RegionHierarchy,
  input: BriefingInput,
  notes: BriefingWarning[],
): string[] {
  const out: string[] = [];
  const spellings = new Map<string, string[]>();
  let dataKeys: Set<string> | null = null;
  const inData = (name: string) => {
    if (!dataKeys) {
      dataKeys = new Set<string>();
      for (const list of [
        input.records,
        input.funds ?? [],
        input.targets ?? [],
        input.figures ?? [],
      ] as readonly (readonly { region?: string | null }[])[]) {
        let last: string | null | undefined;
        for (const x of list) if (x.region && x.region !== last) dataKeys.add(regionKey((last = x.region)));
      }
    }
    return dataKeys.has(regionKey(name));
  };
  const unknown: [string, string][] = [];
  for (const written of names) {
    const name = written.trim();
    if (name === "") continue;
    const r = h.resolve(name);
    let canonical = name;
    if (r.kind === "name" || r.kind === "alias") canonical = h.names[r.index];
    else if (!inData(name)) {
      const could = r.kind === "ambiguous" ? r.candidates.map((c) => h.names[c]) : [];
      const hint = r.kind === "unknown" ? r.suggestion : null;
      unknown.push(
        could.length > 0
          ? [`「${name}」（可指 ${could.join("、")}）`, `"${name}" (could be ${could.join(" or ")})`]
          : [
              `「${name}」${hint ? `（是不是「${hint}」？）` : ""}`,
              `"${name}"${hint ? ` (did you mean "${hint}"?)` : ""}`,
            ],
      );
    }
    const key = regionKey(canonical);
    const seen = spellings.get(key);
    if (seen) {
      if (!seen.includes(name)) seen.push(name);
      continue;
    }
    spellings.set(key, [name]);
    out.push(canonical);
  }
  const merged = [...spellings].filter(([, s]) => s.length > 1);
  const renamed = out.filter((c) => {
    const s = spellings.get(regionKey(c))!;
    return s.length === 1 && s[0] !== c;
  });
  if (merged.length > 0 || renamed.length > 0) {
    const zh = [...merged.map(([key]) => out.find((c) => regionKey(c) === key)!), ...renamed].map(
      (c) =>
        `${spellings
          .get(regionKey(c))!
          .map((n) => `「${n}」`)
          .join("")}→「${c}」`,
    );
    notes.push({
      code: "region_list_resolved",
      message: `所列地区按地区表和内置行政区划识别为规范名称（同一地区只列一行）：${zh.join("，")}。`,
      message_en: `The regions listed were resolved to their canonical names through the regions table and built-in divisions (one row per region): ${zh.join(", ")}.`,
    });
  }
  if (unknown.length > 0) {
    notes.push({
      code: "unknown_regions",
      message: `所列地区中以下名称不在地区表中，也不是内置的行政区划，数据中也没有：${unknown.map((u) => u[0]).join("、")}；按原样列出（没有数据）。请改正名称。`,
      message_en: `These regions listed are neither in the regions table nor built-in divisions, nor in the data: ${unknown.map((u) => u[1]).join(", ")}; listed as written (no data). Correct the names.`,
    });
  }
  return out;
}

/** A completion rate rounded to 12 decimals for ranking (float dust never separates a tie). */
export function roundRate(rate: number): number {
  return Math.round(rate * 1e12) / 1e12;
}

/** Exact sum of the non-null values; null when all are null. */
function sumOf(xs: (number | null)[]): number | null {
  const present = xs.filter((x): x is number => x !== null);
  return present.length === 0 ? null : exactSum(present);
}

function combinedSource(sources: (ActualSource | null)[]): ActualSource | null {
  const present = sources.filter((s): s is ActualSource => s !== null);
  if (present.length === 0) return null;
  return present.every((s) => s === "figure") ? "figure" : "ledger";
}

function metricZh(metric: string): string {
  return metricInfo(metric)?.zh ?? metric;
}

/**
 * The region of each funds entry as the briefing attributes it: the entry's own region, else the region of the
 * ledger project it names (by id, else by name; the first matching row wins), else null.
 */
export function resolveFundsRegions(
  records: readonly { id: string; name: string; region: string }[],
  funds: readonly { project: string; region?: string | null }[],
): (string | null)[] {
  const wanted = new Set(funds.filter((e) => !e.region).map((e) => e.project));
  const byId = new Map<string, string>();
  const byName = new Map<string, string>();
  if (wanted.size > 0) {
    for (const r of records) {
      if (wanted.has(r.id) && !byId.has(r.id)) byId.set(r.id, r.region);
      if (!byName.has(r.name)) byName.set(r.name, r.region);
    }
  }
  return funds.map((e) => e.region || byId.get(e.project) || byName.get(e.project) || null);
}

/** All rows of a briefing, table by table, the total last in each. */
export function briefingRows(b: Briefing): BriefingRow[] {
  return b.tables.flatMap((t) => [...t.rows, t.total]);
}

/** The table of one metric, if reported. */
export function briefingTable(b: Briefing, metric: Metric): BriefingTable | undefined {
  return b.tables.find((t) => t.metric === metric);
}
