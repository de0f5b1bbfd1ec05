/**
 * The seeds dataset for briefing tests, parsed straight from seeds/*.csv with papaparse (the importer's loadSeeds()
 * does the same with validation; these tests need only the canonical columns, and must not depend on its progress).
 */
import * as fs from "fs";
import * as path from "path";
import Papa from "papaparse";
import { FundsEntry, Metric, METRIC_INFO, ProjectRecord, ReportedFigure, Target } from "../../src/core/model";
import type { BriefingInput } from "../../src/briefing/types";

const SEEDS = path.join(__dirname, "..", "..", "seeds");

function rows(file: string): Record<string, string>[] {
  const text = fs.readFileSync(path.join(SEEDS, file), "utf8");
  return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
}

const metricByZh = new Map<string, Metric>(Object.entries(METRIC_INFO).map(([k, v]) => [v.zh, k as Metric]));
export function metricOf(zh: string): Metric {
  const m = metricByZh.get(zh.trim());
  if (!m) throw new Error(`unknown metric ${zh}`);
  return m;
}

const num = (s: string | undefined): number | null => (s == null || s.trim() === "" ? null : Number(s));
const text = (s: string | undefined): string | null => (s == null || s.trim() === "" ? null : s.trim());

export function seedInput(): Required<BriefingInput> {
  const records: ProjectRecord[] = rows("projects.csv").map((r) => ({
    id: r["项目编号"], name: r["项目名称"], region: r["所属地区"], park: text(r["园区"]), industry: text(r["产业类别"]),
    stage: (text(r["项目阶段"]) as ProjectRecord["stage"]) ?? null,
    signed_date: text(r["签约日期"]), started_date: text(r["开工日期"]),
    signed_amount: num(r["签约金额(亿元)"]), planned_investment: num(r["计划总投资(亿元)"]), notes: text(r["备注"]),
  }));
  const funds: FundsEntry[] = rows("funds.csv").map((r) => ({
    project: r["项目编号"] || r["项目名称"], region: text(r["所属地区"]), date: r["到位日期"], amount: Number(r["到位金额(亿元)"]),
    out_of_province: /^(是|true|1|y)/i.test(r["省外资金"] ?? ""),
  }));
  const targets: Target[] = rows("targets.csv").map((r) => ({
    year: Number(r["年份"]), region: r["所属地区"], metric: metricOf(r["指标"]), value: Number(r["目标值"]),
  }));
  const figures: ReportedFigure[] = rows("figures.csv").map((r) => ({
    year: Number(r["年份"]), through_month: num(r["截至月份"]) as number, region: r["所属地区"], metric: metricOf(r["指标"]),
    scope: text(r["口径"]), value: Number(r["数值"]), status: (text(r["状态"]) as ReportedFigure["status"]) ?? undefined,
    source: text(r["来源文件"]),
  }));
  return { records, funds, targets, figures };
}
