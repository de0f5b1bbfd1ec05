/**
 * The breakdowns a 成绩单 carries and its 重点项目, over the ledger's projects within the jurisdiction:
 *
 * - industry (产业类别), origin (投资来源地 grouped 省内 / 省外 / 境外 relative to the jurisdiction's province) and investor
 *   type (企业类型): the projects signed in the period and their 签约金额, each group's share, and growth against the
 *   same span last year;
 * - stage: the pipeline as the ledger stands (在谈 → 签约 → 开工 → 投产): projects and amounts at each stage now, and the
 *   conversion from each stage to the next (of the projects that reached a stage, the share that went further);
 * - key projects: the N largest projects signed, or started, in the period (签约金额, else 计划总投资).
 * Shares and growth come from src/core/metrics.ts; money is summed exactly.
 */
import { ExactSum } from "../core/exact-sum";
import { share as shareMetric, valueOrNull, yoyGrowth } from "../core/metrics";
import { STAGES, type ProjectRecord } from "../core/model";
import type { RegionHierarchy } from "../core/region-hierarchy";
import type { Breakdown, BreakdownKind, BreakdownRow, KeyProject } from "./types";

export interface BreakdownContext {
  /** Month keys (year × 12 + month − 1) of the span and of last year's span, inclusive. */
  span: [number, number];
  priorSpan: [number, number];
  monthKey: (iso: string) => number;
  /** Whether a record (by index) lies within the jurisdiction. */
  include: (index: number) => boolean;
  /** The jurisdiction's top-level region (province) for 省内 / 省外; null for 全国 or the flat card. */
  province: string | null;
  hierarchy?: RegionHierarchy;
}

export const UNSPECIFIED = { key: "unspecified", zh: "未注明", en: "Not stated" } as const;

const ORIGIN_GROUPS = {
  in_province: { zh: "省内", en: "Within the province" },
  domestic: { zh: "境内", en: "Mainland China" },
  out_of_province: { zh: "省外", en: "Other provinces" },
  abroad: { zh: "境外", en: "Outside the mainland" },
} as const;

/** Words for investment from outside the mainland: 港澳台 and foreign countries (the glossary's 境外资金). */
const ABROAD =
  /境外|国外|海外|外资|外商|外国|港澳台|香港|澳门|台湾|foreign|overseas|abroad|hong\s*kong|macao|macau|taiwan/i;
const COUNTRIES = new Set([
  "美国",
  "日本",
  "韩国",
  "朝鲜",
  "新加坡",
  "德国",
  "英国",
  "法国",
  "意大利",
  "荷兰",
  "瑞士",
  "瑞典",
  "加拿大",
  "澳大利亚",
  "新西兰",
  "俄罗斯",
  "印度",
  "泰国",
  "马来西亚",
  "印度尼西亚",
  "印尼",
  "越南",
  "菲律宾",
  "阿联酋",
  "沙特",
  "沙特阿拉伯",
  "以色列",
  "西班牙",
  "葡萄牙",
  "比利时",
  "丹麦",
  "挪威",
  "芬兰",
  "奥地利",
  "卢森堡",
  "爱尔兰",
  "巴西",
  "墨西哥",
  "阿根廷",
  "智利",
  "哈萨克斯坦",
  "巴基斯坦",
  "土耳其",
  "伊朗",
  "埃及",
  "南非",
  "卡塔尔",
  "科威特",
  "蒙古国",
  "老挝",
  "柬埔寨",
  "缅甸",
]);

const STAGE_EN: Record<string, string> = {
  在谈: "Under negotiation",
  签约: "Signed",
  开工: "Started",
  投产: "In production",
};

/**
 * 省内 / 省外 / 境外 of an 投资来源地 relative to the jurisdiction's province: the words themselves; 港澳台 and foreign
 * countries; otherwise the place resolved through the hierarchy (深圳 → 广东省: 省外 for 青海省). Blank or unknown text
 * is 未注明.
 */
export function originGroup(
  origin: string | null | undefined,
  province: string | null,
  h?: RegionHierarchy,
): keyof typeof ORIGIN_GROUPS | "unspecified" {
  const t = (origin ?? "").normalize("NFKC").trim();
  if (t === "") return "unspecified";
  const inside = province === null ? "domestic" : "in_province";
  if (/^(省内|本省|市内|本市|区内|县内|州内|本地)$/.test(t)) return inside;
  if (/^(省外|外省|国内省外)$/.test(t)) return province === null ? "domestic" : "out_of_province";
  if (/^(境内|国内)$/.test(t)) return province === null ? "domestic" : "unspecified";
  if (ABROAD.test(t) || COUNTRIES.has(t)) return "abroad";
  if (h) {
    const node = h.lookup(t);
    if (node >= 0)
      return province === null ? "domestic" : h.names[h.top(node)] === province ? "in_province" : "out_of_province";
  }
  return "unspecified";
}

const norm = (s: string | null | undefined) => (s ?? "").normalize("NFKC").trim();

interface Acc {
  projects: number;
  amount: ExactSum;
  hasAmount: boolean;
}

const newAcc = (): Acc => ({ projects: 0, amount: new ExactSum(), hasAmount: false });

/** The breakdown tables asked for. */
export function buildBreakdowns(
  records: readonly ProjectRecord[],
  kinds: readonly BreakdownKind[],
  c: BreakdownContext,
): Breakdown[] {
  const out: Breakdown[] = [];
  for (const kind of kinds) out.push(kind === "stage" ? pipeline(records, c) : bySigned(records, kind, c));
  return out;
}

function inRange(iso: string | null | undefined, range: [number, number], monthKey: (s: string) => number): boolean {
  if (!iso) return false;
  const k = monthKey(iso);
  return k >= range[0] && k <= range[1];
}

function bySigned(
  records: readonly ProjectRecord[],
  kind: Exclude<BreakdownKind, "stage">,
  c: BreakdownContext,
): Breakdown {
  const groups = new Map<string, { label: string; label_en: string; cur: Acc; prior: Acc }>();
  const keyOf = (r: ProjectRecord): { key: string; label: string; label_en: string } => {
    if (kind === "industry") {
      const t = norm(r.industry);
      return t
        ? { key: t, label: t, label_en: t }
        : { key: UNSPECIFIED.key, label: UNSPECIFIED.zh, label_en: UNSPECIFIED.en };
    }
    if (kind === "investor_type") {
      const t = norm(r.investor_type);
      return t
        ? { key: t, label: t, label_en: INVESTOR_TYPE_EN[t] ?? t }
        : { key: UNSPECIFIED.key, label: UNSPECIFIED.zh, label_en: UNSPECIFIED.en };
    }
    const g = originGroup(r.investor_origin, c.province, c.hierarchy);
    if (g === "unspecified") return { key: UNSPECIFIED.key, label: UNSPECIFIED.zh, label_en: UNSPECIFIED.en };
    return { key: g, label: ORIGIN_GROUPS[g].zh, label_en: ORIGIN_GROUPS[g].en };
  };
  if (kind === "origin") {
    const order =
      c.province === null ? (["domestic", "abroad"] as const) : (["in_province", "out_of_province", "abroad"] as const);
    for (const g of order)
      groups.set(g, { label: ORIGIN_GROUPS[g].zh, label_en: ORIGIN_GROUPS[g].en, cur: newAcc(), prior: newAcc() });
  }
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    const cur = inRange(r.signed_date, c.span, c.monthKey);
    const prior = !cur && inRange(r.signed_date, c.priorSpan, c.monthKey);
    if ((!cur && !prior) || !c.include(i)) continue;
    const k = keyOf(r);
    let g = groups.get(k.key);
    if (!g) groups.set(k.key, (g = { label: k.label, label_en: k.label_en, cur: newAcc(), prior: newAcc() }));
    const acc = cur ? g.cur : g.prior;
    acc.projects++;
    if (typeof r.signed_amount === "number") {
      acc.amount.add(r.signed_amount);
      acc.hasAmount = true;
    }
  }
  let entries = [...groups];
  if (kind !== "origin") {
    entries = entries.sort((a, b) => {
      if ((a[0] === UNSPECIFIED.key) !== (b[0] === UNSPECIFIED.key)) return a[0] === UNSPECIFIED.key ? 1 : -1;
      const am = (x: typeof a) => (x[1].cur.hasAmount ? x[1].cur.amount.value() : -1);
      return am(b) - am(a) || b[1].cur.projects - a[1].cur.projects || a[1].label.localeCompare(b[1].label, "zh-CN");
    });
  } else {
    // Fixed order, 未注明 last and only when there is some.
    const u = groups.get(UNSPECIFIED.key);
    entries = entries.filter(([k]) => k !== UNSPECIFIED.key);
    if (u) entries.push([UNSPECIFIED.key, u]);
  }
  const totalCur = newAcc(),
    totalPrior = newAcc();
  for (const [, g] of entries) {
    totalCur.projects += g.cur.projects;
    totalPrior.projects += g.prior.projects;
    if (g.cur.hasAmount) {
      totalCur.amount.addAll(g.cur.amount);
      totalCur.hasAmount = true;
    }
    if (g.prior.hasAmount) {
      totalPrior.amount.addAll(g.prior.amount);
      totalPrior.hasAmount = true;
    }
  }
  const rows = entries
    .filter(([, g]) => g.cur.projects > 0 || g.prior.projects > 0 || kind === "origin")
    .map(([key, g]) => row(key, g.label, g.label_en, g.cur, g.prior, totalCur, totalPrior));
  return {
    kind,
    basis: "signed",
    rows,
    total: row("total", "合计", "Total", totalCur, totalPrior, totalCur, totalPrior),
  };
}

const INVESTOR_TYPE_EN: Record<string, string> = {
  世界500强: "Fortune Global 500",
  中国500强: "China top 500",
  央企: "Central SOE",
  民营500强: "Top 500 private",
  上市公司: "Listed company",
  其他: "Other",
};

function row(
  key: string,
  label: string,
  label_en: string,
  cur: Acc,
  prior: Acc,
  totalCur: Acc,
  totalPrior: Acc,
): BreakdownRow {
  const amount = cur.hasAmount ? cur.amount.value() : null;
  const priorAmount = prior.hasAmount ? prior.amount.value() : null;
  const tAmount = totalCur.hasAmount ? totalCur.amount.value() : null;
  const hasPrior = totalPrior.projects > 0;
  return {
    key,
    label,
    label_en,
    projects: cur.projects,
    amount,
    prior_projects: hasPrior ? prior.projects : null,
    prior_amount: hasPrior ? (priorAmount ?? (prior.projects > 0 ? null : 0)) : null,
    share_projects: totalCur.projects > 0 ? valueOrNull(shareMetric(cur.projects, totalCur.projects)) : null,
    share_amount: tAmount !== null && tAmount !== 0 ? valueOrNull(shareMetric(amount ?? 0, tAmount)) : null,
    yoy_projects: hasPrior && prior.projects > 0 ? valueOrNull(yoyGrowth(cur.projects, prior.projects)) : null,
    yoy_amount: priorAmount !== null && priorAmount !== 0 ? valueOrNull(yoyGrowth(amount ?? 0, priorAmount)) : null,
  };
}

/** The pipeline as the ledger stands: projects at each stage, amounts, conversion to the next stage. */
function pipeline(records: readonly ProjectRecord[], c: BreakdownContext): Breakdown {
  const at = STAGES.map(() => newAcc());
  const unspecified = newAcc();
  for (let i = 0; i < records.length; i++) {
    if (!c.include(i)) continue;
    const r = records[i];
    const k = r.stage ? STAGES.indexOf(r.stage) : -1;
    const acc = k >= 0 ? at[k] : unspecified;
    acc.projects++;
    if (typeof r.signed_amount === "number") {
      acc.amount.add(r.signed_amount);
      acc.hasAmount = true;
    }
  }
  const total = newAcc();
  for (const a of [...at, unspecified]) {
    total.projects += a.projects;
    if (a.hasAmount) {
      total.amount.addAll(a.amount);
      total.hasAmount = true;
    }
  }
  const none = newAcc();
  // Reached stage k: at k or any later stage.
  const reached = STAGES.map((_, k) => at.slice(k).reduce((n, a) => n + a.projects, 0));
  const rows: BreakdownRow[] = STAGES.map((stage, k) => {
    const r = row(stage, stage, STAGE_EN[stage], at[k], none, total, none);
    r.conversion = k < STAGES.length - 1 && reached[k] > 0 ? reached[k + 1] / reached[k] : null;
    return r;
  });
  if (unspecified.projects > 0)
    rows.push(row(UNSPECIFIED.key, UNSPECIFIED.zh, UNSPECIFIED.en, unspecified, none, total, none));
  return { kind: "stage", basis: "pipeline", rows, total: row("total", "合计", "Total", total, none, total, none) };
}

/** The N largest projects signed, or started, in the period (签约金额, else 计划总投资; those without either last). */
export function keyProjects(records: readonly ProjectRecord[], top: number, c: BreakdownContext): KeyProject[] {
  if (!(top > 0)) return [];
  const list: Omit<KeyProject, "rank">[] = [];
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    const signed = inRange(r.signed_date, c.span, c.monthKey);
    const started = !signed && inRange(r.started_date, c.span, c.monthKey);
    if ((!signed && !started) || !c.include(i)) continue;
    const amount =
      typeof r.signed_amount === "number"
        ? r.signed_amount
        : typeof r.planned_investment === "number"
          ? r.planned_investment
          : null;
    list.push({
      id: r.id,
      name: r.name,
      region: r.region,
      industry: r.industry ?? null,
      investor: r.investor ?? null,
      amount,
      amount_kind:
        typeof r.signed_amount === "number" ? "signed" : typeof r.planned_investment === "number" ? "planned" : null,
      event: signed ? "signed" : "started",
      date: (signed ? r.signed_date : r.started_date) as string,
    });
  }
  list.sort(
    (a, b) =>
      (b.amount ?? -Infinity) - (a.amount ?? -Infinity) ||
      (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) ||
      a.name.localeCompare(b.name, "zh-CN"),
  );
  return list.slice(0, Math.floor(top)).map((p, i) => ({ rank: i + 1, ...p }));
}
