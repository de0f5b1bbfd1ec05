/**
 * The CLI bench's correctness check (bench/cli.bench.ts), apart so that a test can hold it to account
 * (test/cli/bench-check.test.ts): `brief --format json` and the baselines (bench/baselines/*.cjs) must give the same
 * table before any timing is kept.
 *
 * The baselines group by the ledger's own text (所属地区: a bare county name, 40 of them), so brief is asked for the
 * same rows: the province by 县区 (BRIEF_CARD_ARGS), not its default of one row per 市州. A county is compared by
 * identity, its 市州 and its name: brief names a county whose bare name is shared by its canonical name (城中区 is
 * 西宁's and 柳州's: 西宁市城中区) and gives its parent and label; the baselines' names are placed by the bench's
 * own table (REGION_PREFECTURE), not by the product's resolver. Same counties, same signed projects, amount signed
 * and projects started, this year and last, and brief's 合计 their sum.
 */
import { PROVINCE, REGION_PREFECTURE } from "./ledger-data";

/** The level of brief's rows: the baselines' groups are counties. */
export const LEVEL = "县区";
/** What brief is told so that its card has the baselines' rows. */
export const BRIEF_CARD_ARGS = ["--within", PROVINCE, "--level", LEVEL] as const;

export interface Groups {
  rows: number;
  groups: Record<string, { signed: number[]; amount: number[]; started: number[] }>;
}

type Figures = Groups["groups"][string];
const FIELDS = ["signed", "amount", "started"] as const;

/** A county's identity: its 市州 and its name (a bare name can be shared: 城中区 is 西宁's and 柳州's). */
const identity = (prefecture: string, county: string) => `${prefecture}›${county}`;

/**
 * The baselines group by the ledger's own text (所属地区, a bare county name): their groups keyed by each county's
 * identity, from the bench's own table of where each lies (REGION_PREFECTURE), not from the product's resolver.
 */
export function byIdentity(groups: Groups["groups"], what: string): Groups["groups"] {
  const out: Groups["groups"] = {};
  for (const [name, g] of Object.entries(groups)) {
    const prefecture = REGION_PREFECTURE[name];
    if (!prefecture) throw new Error(`${what}: region ${name} is not one of the bench ledger's counties`);
    out[identity(prefecture, name)] = g;
  }
  return out;
}

interface BriefingRow {
  region: string;
  metric: string;
  actual: number | null;
  prior: number | null;
  role?: string;
  level?: string | null;
  parent?: string | null;
  label?: string;
}

/**
 * The briefing JSON's ledger figures in the baselines' shape, keyed by each row's identity (its parent 市州 and its
 * label, the county's own name; `region` is the canonical name, 西宁市城中区 where the bare name is shared), and its
 * 合计. The card must be the one asked for: 青海省 by 县区, county rows and the total only (no 其中 rows).
 */
export function fromBriefing(json: {
  jurisdiction?: { name: string } | null;
  level?: string | null;
  rows: BriefingRow[];
}): {
  groups: Groups["groups"];
  total: Figures;
} {
  if (json.jurisdiction?.name !== PROVINCE || json.level !== LEVEL)
    throw new Error(`brief json: a card for ${json.jurisdiction?.name} by ${json.level}, not ${PROVINCE} by ${LEVEL}`);
  const groups: Groups["groups"] = {};
  const total: Figures = { signed: [0, 0], amount: [0, 0], started: [0, 0] };
  const key: Record<string, (typeof FIELDS)[number]> = {
    signed_projects: "signed",
    signed_amount: "amount",
    projects_started: "started",
  };
  for (const r of json.rows) {
    if (r.role !== "region" && r.role !== "total") throw new Error(`brief json: a ${r.role} row (${r.region})`);
    const field = key[r.metric];
    if (!field) continue;
    if (r.role === "total") {
      total[field] = [r.actual ?? 0, r.prior ?? 0];
      continue;
    }
    if (r.level !== LEVEL || !r.parent || !r.label) throw new Error(`brief json: row ${r.region} is not a ${LEVEL}`);
    const g = (groups[identity(r.parent, r.label)] ??= { signed: [0, 0], amount: [0, 0], started: [0, 0] });
    g[field] = [r.actual ?? 0, r.prior ?? 0];
  }
  return { groups, total };
}

function sameFigures(x: Figures, y: Figures, what: string): void {
  for (const f of FIELDS) {
    for (let i = 0; i < 2; i++) {
      const a = x[f][i];
      const b = y[f][i];
      if (Math.abs(a - b) > 1e-9 * Math.max(1, Math.abs(a))) throw new Error(`${what} ${f}[${i}] ${a} vs ${b}`);
    }
  }
}

/** The same regions (by identity) with the same figures, and the briefing's 合计 their sum. */
export function sameGroups(a: Groups["groups"], b: Groups["groups"], what: string, total?: Figures): void {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  if (ka.join() !== kb.join()) {
    const only = (x: string[], y: string[]) => x.filter((k) => !y.includes(k)).join("、") || "—";
    throw new Error(
      `${what}: regions differ (${ka.length} vs ${kb.length}; only in the first: ${only(ka, kb)}; only in the second: ${only(kb, ka)})`,
    );
  }
  for (const k of ka) sameFigures(a[k], b[k], `${what}: ${k}`);
  if (total) {
    const sum: Figures = { signed: [0, 0], amount: [0, 0], started: [0, 0] };
    for (const g of Object.values(b)) for (const f of FIELDS) for (const i of [0, 1]) sum[f][i] += g[f][i];
    sameFigures(total, sum, `${what}: 合计`);
  }
}
