/**
 * Word cells read through synonym tables: project stage, investor type, the 省外资金 flag, metric, figure status and
 * unit. Every lookup table keyed by cell text is a Map: a plain object would answer "constructor", "__proto__" or
 * "toString" with what Object.prototype holds (test/hardening/lookups.test.ts).
 */
import { METRIC_INFO, METRICS, type InvestorType, type Metric, type Stage } from "../../core/model";
import { detectUnit, type Unit } from "../units";
import { lookupKey, type Cell } from "./cell";
import { parseText } from "./text";

const STAGE_SYNONYMS = new Map<string, Stage>();
for (const [stage, words] of Object.entries({
  在谈: [
    "在谈",
    "洽谈",
    "洽谈中",
    "在洽谈",
    "正在洽谈",
    "谈判",
    "谈判中",
    "在谈项目",
    "意向",
    "有意向",
    "意向项目",
    "对接",
    "对接中",
    "重点对接",
    "negotiating",
    "undernegotiation",
    "negotiation",
    "talks",
  ],
  签约: [
    "签约",
    "已签约",
    "签约落地",
    "已签",
    "签订",
    "已签订",
    "签署",
    "已签署",
    "协议签订",
    "合同签订",
    "正式签约",
    "新签约",
    "签约项目",
    "引进",
    "已引进",
    "signed",
    "contracted",
  ],
  开工: [
    "开工",
    "已开工",
    "开工建设",
    "在建",
    "建设中",
    "新开工",
    "续建",
    "动工",
    "已动工",
    "施工",
    "施工中",
    "开工项目",
    "started",
    "underconstruction",
    "construction",
  ],
  投产: [
    "投产",
    "已投产",
    "竣工投产",
    "建成投产",
    "竣工",
    "已竣工",
    "建成",
    "已建成",
    "投运",
    "投入运营",
    "运营",
    "试生产",
    "达产",
    "inproduction",
    "production",
    "operating",
    "completed",
  ],
} as Record<Stage, string[]>)) {
  for (const w of words) STAGE_SYNONYMS.set(lookupKey(w), stage as Stage);
}

/** Hot path of parseStage: the stage for an exact synonym as written, or undefined. */
export function fastStage(v: Cell): Stage | undefined {
  return typeof v === "string" ? STAGE_EXACT.get(v) : undefined;
}

const STAGE_EXACT = new Map<string, Stage>(STAGE_SYNONYMS);

export function parseStage(v: Cell): { ok: true; value: Stage } | { ok: false } | null {
  const t = parseText(v);
  if (t === null) return null;
  const s = STAGE_SYNONYMS.get(lookupKey(t));
  return s ? { ok: true, value: s } : { ok: false };
}

const INVESTOR_SYNONYMS = new Map<string, InvestorType>();
for (const [type, words] of Object.entries({
  世界500强: ["世界500强", "世界五百强", "世界500强企业", "财富500强", "fortune500", "global500", "世界500强投资"],
  中国500强: ["中国500强", "中国五百强", "中国企业500强", "中国500强企业", "china500"],
  央企: ["央企", "中央企业", "中央国有企业", "央属企业", "中央直属企业", "centralsoe", "soe", "centralstateowned"],
  民营500强: ["民营500强", "民营企业500强", "中国民营企业500强", "民企500强", "民营五百强", "privatetop500"],
  上市公司: ["上市公司", "上市企业", "上市", "listed", "listedcompany"],
  其他: ["其他", "其它", "其他企业", "other", "others"],
} as Record<InvestorType, string[]>)) {
  for (const w of words) INVESTOR_SYNONYMS.set(lookupKey(w), type as InvestorType);
}

export function parseInvestorType(v: Cell): { ok: true; value: InvestorType } | { ok: false } | null {
  const t = parseText(v);
  if (t === null) return null;
  const s = INVESTOR_SYNONYMS.get(lookupKey(t));
  return s ? { ok: true, value: s } : { ok: false };
}

const TRUE_WORDS = new Set(["是", "y", "yes", "true", "1", "省外", "√", "✓", "对", "t"]);
const FALSE_WORDS = new Set(["否", "n", "no", "false", "0", "省内", "境外", "国外", "港澳台", "×", "✗", "f", "不是"]);

/**
 * 省外资金 flag: 是/否, Y/N, true/false, 1/0, 省外 (true) / 省内, 境外, 港澳台 (false: the glossary counts them apart
 * from 省外资金). Blank is false.
 */
export function parseBoolean(v: Cell): { ok: true; value: boolean } | { ok: false } | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "boolean") return { ok: true, value: v };
  if (typeof v === "number") return v === 1 || v === 0 ? { ok: true, value: v === 1 } : { ok: false };
  const t = parseText(v);
  if (t === null) return null;
  const k = lookupKey(t);
  if (TRUE_WORDS.has(k)) return { ok: true, value: true };
  if (FALSE_WORDS.has(k)) return { ok: true, value: false };
  return { ok: false };
}

const METRIC_SYNONYMS = new Map<string, Metric>();
for (const m of METRICS) {
  METRIC_SYNONYMS.set(lookupKey(m), m);
  METRIC_SYNONYMS.set(lookupKey(METRIC_INFO[m].zh), m);
  METRIC_SYNONYMS.set(lookupKey(METRIC_INFO[m].en), m);
}
for (const [metric, words] of Object.entries({
  signed_projects: ["签约项目", "签约项目个数", "签约个数", "签约项目数量", "签约数"],
  signed_amount: ["签约额", "签约总额", "签约资金", "签约投资额", "合同金额"],
  funds_in_place: ["实际到位资金", "到位金额", "资金到位", "到位资金总额", "到位资金额"],
  funds_in_place_out_of_province: ["省外资金", "实际到位省外资金", "省外资金到位", "到位省外资金", "省外到位资金额"],
  projects_started: ["开工项目", "新开工项目数", "开工个数", "开工项目个数", "开工数"],
} as Record<Metric, string[]>)) {
  for (const w of words) METRIC_SYNONYMS.set(lookupKey(w), metric as Metric);
}

export function parseMetric(v: Cell): { ok: true; value: Metric } | { ok: false } | null {
  const t = parseText(v);
  if (t === null) return null;
  const m = METRIC_SYNONYMS.get(lookupKey(t));
  return m ? { ok: true, value: m } : { ok: false };
}

export function parseStatus(v: Cell): { ok: true; value: "采用" | "备选" } | { ok: false } | null {
  const t = parseText(v);
  if (t === null) return null;
  const k = lookupKey(t);
  if (["采用", "采纳", "使用", "adopted", "used", "primary"].includes(k)) return { ok: true, value: "采用" };
  if (["备选", "备用", "候选", "alternative", "alternate", "backup"].includes(k)) return { ok: true, value: "备选" };
  return { ok: false };
}

/** A unit cell (单位 column). */
export function parseUnit(v: Cell): Unit | null | "invalid" {
  const t = parseText(v);
  if (t === null) return null;
  return detectUnit(t) ?? "invalid";
}
