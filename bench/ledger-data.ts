/**
 * Realistic benchmark inputs, as a province's quarterly run feeds them: a ledger CSV (项目台账) with Chinese headers,
 * 40 county-level regions, amounts in 万元 (the header says so), dates written three ways (2025-03-15, 2025/3/15,
 * 2025年3月15日), stages that leave dates blank (在谈 has no signing date, only started projects have a start date),
 * quoted notes holding commas, and every id distinct; a targets CSV (every region × metric for the year); a funds
 * CSV (到位资金明细). Deterministic (seeded), generated a batch of rows at a time so a million rows never sit in
 * one string. Every row is valid: the benchmarks measure throughput, not error reporting.
 */
import { closeSync, openSync, writeSync } from "node:fs";
import { isoDate, pick, rng } from "../packages/test-support/src/seeded-data";

/** 40 county-level regions (县区) of one province (青海省), as a ledger writes them: bare names. */
export const REGIONS = [
  "城东区",
  "城中区",
  "城西区",
  "城北区",
  "湟中区",
  "湟源县",
  "大通县",
  "乐都区",
  "平安区",
  "民和县",
  "互助县",
  "化隆县",
  "循化县",
  "门源县",
  "祁连县",
  "海晏县",
  "刚察县",
  "同仁市",
  "尖扎县",
  "泽库县",
  "河南县",
  "共和县",
  "同德县",
  "贵德县",
  "兴海县",
  "贵南县",
  "玛沁县",
  "班玛县",
  "甘德县",
  "达日县",
  "久治县",
  "玛多县",
  "玉树市",
  "杂多县",
  "称多县",
  "治多县",
  "囊谦县",
  "曲麻莱县",
  "格尔木市",
  "德令哈市",
];
/**
 * The 市州 each of REGIONS lies in (GB/T 2260, named as the built-in divisions name them): a county's identity is the
 * pair, since a bare county name can be shared (城中区 is 西宁's and 柳州's). The CLI bench compares `brief`'s rows
 * with the baselines' groups by this pair, independently of how the product resolves names.
 */
export const REGION_PREFECTURE: Readonly<Record<string, string>> = {
  ...Object.fromEntries(
    ["城东区", "城中区", "城西区", "城北区", "湟中区", "湟源县", "大通县"].map((r) => [r, "西宁市"]),
  ),
  ...Object.fromEntries(["乐都区", "平安区", "民和县", "互助县", "化隆县", "循化县"].map((r) => [r, "海东市"])),
  ...Object.fromEntries(["门源县", "祁连县", "海晏县", "刚察县"].map((r) => [r, "海北州"])),
  ...Object.fromEntries(["同仁市", "尖扎县", "泽库县", "河南县"].map((r) => [r, "黄南州"])),
  ...Object.fromEntries(["共和县", "同德县", "贵德县", "兴海县", "贵南县"].map((r) => [r, "海南州"])),
  ...Object.fromEntries(["玛沁县", "班玛县", "甘德县", "达日县", "久治县", "玛多县"].map((r) => [r, "果洛州"])),
  ...Object.fromEntries(["玉树市", "杂多县", "称多县", "治多县", "囊谦县", "曲麻莱县"].map((r) => [r, "玉树州"])),
  ...Object.fromEntries(["格尔木市", "德令哈市"].map((r) => [r, "海西州"])),
};
/** The province REGIONS lie in: the jurisdiction of the bench's report card. */
export const PROVINCE = "青海省";
const INDUSTRIES = [
  "新材料",
  "新能源",
  "盐湖化工",
  "生物医药",
  "文化旅游",
  "现代农牧业",
  "装备制造",
  "数字经济",
  "商贸物流",
  "绿色算力",
];
const INVESTOR_TYPES = ["", "", "", "央企", "中国500强", "民营500强", "上市公司", "其他"];
const ORIGINS = ["省外", "省内", "江苏省", "浙江省", "广东省", "境外"];

export const LEDGER_HEADER =
  "序号,项目编号,项目名称,所属地区,园区,产业类别,投资方,企业类型,投资来源地,项目阶段,签约日期,开工日期,签约金额（万元）,计划总投资（亿元）,备注";

/** A date in one of three forms, chosen by `form` (0 ISO, 1 slashes without zeros, 2 年月日). */
function dateText(y: number, m: number, d: number, form: number): string {
  if (form === 0) return isoDate(y, m, d);
  if (form === 1) return `${y}/${m}/${d}`;
  return `${y}年${m}月${d}日`;
}

/** The ledger CSV of n rows, `batch` rows per string (header first). */
export function* ledgerCsvChunks(n: number, seed = 14, batch = 10_000): Generator<string> {
  const r = rng(seed);
  let lines: string[] = [LEDGER_HEADER];
  for (let i = 0; i < n; i++) {
    const region = pick(r, REGIONS);
    const industry = pick(r, INDUSTRIES);
    const u = r();
    const stage = u < 0.15 ? "在谈" : u < 0.55 ? "已签约" : u < 0.9 ? "开工建设" : "竣工投产";
    const y = r() < 0.5 ? 2024 : 2025;
    const m = 1 + Math.floor(r() * 12);
    const d = 1 + Math.floor(r() * 28);
    const form = i % 3;
    const signed = stage === "在谈" ? "" : dateText(y, m, d, form);
    const sm = Math.min(12, m + Math.floor(r() * 4));
    const started =
      stage === "开工建设" || stage === "竣工投产" ? dateText(y, sm, 1 + Math.floor(r() * 28), (form + 1) % 3) : "";
    const amount = stage === "在谈" ? "" : String(Math.floor(r() * 20_000_000) / 100); // 0 … 200,000.00 万元
    const planned = Math.floor(r() * 5000) / 100;
    const note = i % 20 === 0 ? `"分两期建设，一期${1 + (i % 9)}亿元，二期待定"` : i % 7 === 0 ? "重点项目" : "";
    lines.push(
      `${i + 1},QH-${String(i + 1).padStart(7, "0")},${region}${industry}项目${i + 1}号,${region},${region}产业园,${industry},企业${i % 5000}有限公司,${INVESTOR_TYPES[i % INVESTOR_TYPES.length]},${ORIGINS[i % ORIGINS.length]},${stage},${signed},${started},${amount},${planned},${note}`,
    );
    if (lines.length >= batch) {
      yield lines.join("\n") + "\n";
      lines = [];
    }
  }
  if (lines.length) yield lines.join("\n") + "\n";
}

/** The ledger CSV of n rows as bytes (in memory: import benchmarks). */
export function ledgerCsvBytes(n: number, seed = 14): Uint8Array {
  const enc = new TextEncoder();
  const parts = [...ledgerCsvChunks(n, seed)].map((s) => enc.encode(s));
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

/** Write the ledger CSV of n rows to `file`; returns its size in bytes. */
export function writeLedgerCsv(file: string, n: number, seed = 14): number {
  const fd = openSync(file, "w");
  let size = 0;
  try {
    for (const chunk of ledgerCsvChunks(n, seed)) size += writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
  return size;
}

/** Targets for `year`: every region × metric (amounts in 亿元). */
export function targetsCsv(year = 2025): string {
  const metrics: [string, number][] = [
    ["签约项目数", 800],
    ["签约金额", 900],
    ["到位资金", 400],
    ["省外到位资金", 300],
    ["开工项目数", 500],
  ];
  const lines = ["年份,所属地区,指标,目标值"];
  REGIONS.forEach((region, k) => {
    for (const [metric, base] of metrics) lines.push(`${year},${region},${metric},${base + k * 10}`);
  });
  return lines.join("\n") + "\n";
}

/** Funds entries (到位资金明细) for n of the ledger's projects: id, region, date (three forms), amount in 万元, 省外. */
export function fundsCsv(n: number, ledgerRows: number, seed = 15): string {
  const r = rng(seed);
  const lines = ["项目编号,所属地区,到位日期,到位金额（万元）,省外资金"];
  for (let i = 0; i < n; i++) {
    const row = Math.floor(r() * ledgerRows);
    const y = r() < 0.5 ? 2024 : 2025;
    lines.push(
      `QH-${String(row + 1).padStart(7, "0")},${pick(r, REGIONS)},${dateText(y, 1 + Math.floor(r() * 12), 1 + Math.floor(r() * 28), i % 3)},${Math.floor(r() * 500_000) / 100},${r() < 0.6 ? "是" : "否"}`,
    );
  }
  return lines.join("\n") + "\n";
}
