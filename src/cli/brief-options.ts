/**
 * The options of `brief`, checked: from the flags parseBriefArgs read (strings) to typed values, or the one line that
 * tells the user which flag is wrong (exit code 2). Kept apart from running the command so that every flag's rule and
 * message can be read in one place.
 */
import * as fs from "fs";
import type { FormulaMode } from "../briefing/formulas";
import { BREAKDOWN_KINDS, type BreakdownKind } from "../briefing/types";
import { parseLevel } from "../core/region-levels";
import type { RegionLevel } from "../core/region-levels";
import type { Language } from "../i18n/language";

export type BriefFormat = "json" | "xlsx" | "md";

export interface BriefOptions {
  ledger: string;
  targets: string;
  funds?: string;
  figures?: string;
  period: string;
  asOf?: string;
  format: BriefFormat;
  basis: "month" | "day";
  mode: FormulaMode;
  language: Language;
  tolerance?: number;
  level?: RegionLevel;
  top?: number;
  breakdowns?: BreakdownKind[];
  /** --only: the regions listed side by side. */
  only?: string;
  /** --regions: the regions table file. */
  regionsFile?: string;
  within?: string;
  showEmpty: boolean;
  zones: boolean;
  out?: string;
}

/** What checking the flags gives: the options, or the message for standard error (exit code 2). */
export type CheckedOptions = { ok: true; options: BriefOptions; notes: string[] } | { ok: false; message: string };

const refuse = (message: string): CheckedOptions => ({ ok: false, message });

/** The options from the flags, `usage` appended to the message for a missing flag. */
export function checkBriefOptions(args: Record<string, string>, usage: string): CheckedOptions {
  const missing = ["ledger", "targets", "period"].filter((k) => !args[k]);
  if (missing.length > 0) return refuse(`缺少参数 / missing: ${missing.map((k) => `--${k}`).join(" ")}\n\n${usage}`);
  const format = args.format ?? "json";
  if (format !== "json" && format !== "xlsx" && format !== "md")
    return refuse(`--format 只能是 json、xlsx 或 md / must be json, xlsx or md\n`);
  const basis = args.basis ?? "month";
  if (basis !== "month" && basis !== "day") return refuse(`--basis 只能是 month 或 day / must be month or day\n`);
  const mode = args.mode ?? "portable";
  if (mode !== "portable" && mode !== "values" && mode !== "live")
    return refuse(`--mode 只能是 portable、values 或 live\n`);
  const language: Language = args.language === "en-US" || args.language === "en" ? "en-US" : "zh-CN";
  const tolerance = args.tolerance !== undefined ? Number(args.tolerance) : undefined;
  if (tolerance !== undefined && !Number.isFinite(tolerance))
    return refuse(`--tolerance 应为数字 / must be a number\n`);
  const level = args.level !== undefined ? parseLevel(args.level) : undefined;
  if (level === null) {
    return refuse(
      `--level 只能是 省、市州、县区 或 园区 / must be 省, 市州, 县区 or 园区 (province, prefecture, county, zone)\n`,
    );
  }
  const top = args.top !== undefined ? Number(args.top) : undefined;
  if (top !== undefined && !(Number.isInteger(top) && top >= 0))
    return refuse(`--top 应为不小于 0 的整数 / must be a whole number ≥ 0\n`);
  const breakdowns = args.breakdown !== undefined ? breakdownList(args.breakdown) : undefined;
  if (typeof breakdowns === "string") return refuse(breakdowns);
  const { only, regionsFile, notes } = regionsOrOnly(args.regions, args.only);
  const options: BriefOptions = {
    ledger: args.ledger,
    targets: args.targets,
    funds: args.funds,
    figures: args.figures,
    period: args.period,
    asOf: args["as-of"],
    format,
    basis,
    mode,
    language,
    tolerance,
    level,
    top,
    breakdowns,
    only,
    regionsFile,
    within: args.within,
    showEmpty: args["show-empty"] === "1",
    zones: args["no-zones"] !== "1",
    out: args.out,
  };
  return { ok: true, options, notes };
}

/** --breakdown: kinds separated by commas (Chinese ones too) or spaces, "all" for every kind; else the message. */
function breakdownList(text: string): BreakdownKind[] | string {
  const list = text
    .split(/[,，、\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  const kinds: readonly string[] = BREAKDOWN_KINDS;
  if (list.includes("all")) return [...BREAKDOWN_KINDS];
  const bad = list.find((k) => !kinds.includes(k));
  if (bad !== undefined)
    return `--breakdown 只能是 ${BREAKDOWN_KINDS.join("、")} 或 all / unknown breakdown "${bad}"\n`;
  return list.filter((k): k is BreakdownKind => kinds.includes(k));
}

/**
 * --regions names the regions table; a list of names (甲,乙: no such file) is the former --regions, now --only, read
 * as --only with a note saying so.
 */
function regionsOrOnly(
  regions: string | undefined,
  onlyFlag: string | undefined,
): { only?: string; regionsFile?: string; notes: string[] } {
  if (regions === undefined || fs.existsSync(regions) || /[\\/]|\.(csv|xlsx|json|txt)$/i.test(regions))
    return { only: onlyFlag, regionsFile: regions, notes: [] };
  const only = onlyFlag ?? regions;
  return {
    only,
    notes: [
      `提示 / note: --regions 现在是地区表文件；地区名单请用 --only（本次按 --only ${only} 处理）/ --regions now names the regions table; for a list of regions use --only (read as --only this time)\n`,
    ],
  };
}

/** The --only list as names (separated by commas, Chinese ones too). */
export function onlyRegions(only: string | undefined): string[] | undefined {
  return only
    ? only
        .split(/[,，、]/)
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;
}
