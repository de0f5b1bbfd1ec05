/**
 * The self-test's fixtures: a small ledger in two versions (one record added, one changed, one removed), targets,
 * import results built from them, and the expectation a step checks with. Pure.
 */
import { AppError } from "../core/errors";
import type { ProjectRecord, Target } from "../core/model";
import type { ImportResult } from "../import/types";

/** A text in both languages: the report keeps both, whoever shows it picks the UI language. */
export interface Bilingual {
  zh: string;
  en: string;
}

/** The same text in both languages (numbers, names, Excel's own messages). */
export const both = (text: string): Bilingual => ({ zh: text, en: text });

/** A failed expectation of a step: an AppError, so the report shows it in the reader's language like any other. */
export class Check extends AppError<"SELF_TEST_CHECK"> {
  constructor(zh: string, en: string) {
    super("SELF_TEST_CHECK", zh, en);
    this.name = "Check";
  }
}

export function expect(cond: boolean, zh: string, en: string): void {
  if (!cond) throw new Check(zh, en);
}

export const near = (a: unknown, b: number) =>
  typeof a === "number" && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

export const YEAR = 2025;
function record(i: number, over: Partial<ProjectRecord> = {}): ProjectRecord {
  return {
    id: `ZJ-${i}`,
    name: `自检项目${i}`,
    region: i % 2 ? "西宁市" : "海东市",
    park: null,
    industry: "新能源",
    investor: `企业${i}`,
    investor_type: "其他",
    investor_origin: "省外",
    stage: "签约",
    signed_date: `${YEAR}-0${(i % 3) + 1}-1${i}`,
    started_date: null,
    signed_amount: 10 * i + 0.5,
    planned_investment: null,
    notes: null,
    source: "自检",
    ...over,
  };
}
export const LEDGER_V1 = [1, 2, 3, 4].map((i) => record(i));
/** One added (5), one changed (2: amount), one removed (3). */
export const LEDGER_V2 = [record(1), record(2, { signed_amount: 99.5 }), record(4), record(5)];
export const TARGETS: Target[] = ["西宁市", "海东市"].flatMap((region) => [
  { year: YEAR, region, metric: "signed_amount" as const, value: 200 },
  { year: YEAR, region, metric: "signed_projects" as const, value: 10 },
]);

export function resultOf(
  kind: ImportResult["kind"],
  rows: { records?: ProjectRecord[]; targets?: Target[] },
): ImportResult {
  const n = (rows.records ?? rows.targets ?? []).length;
  return {
    kind,
    records: rows.records ?? [],
    funds: [],
    targets: rows.targets ?? [],
    figures: [],
    issues: [],
    summary: { rows: n, accepted: n, rejected: 0 },
    mapping: {},
    headers: [],
  };
}
