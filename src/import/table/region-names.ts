/**
 * Region names as the file's data will hold them (src/core/regions.ts is the rule): full-width forms folded (NFKC),
 * case variants unified to the first spelling of the file, each new spelling said once with a warning; a name a
 * SUMIFS criterion cannot match exactly (it reads as a number, date, boolean or error, or is too long), or one that
 * reads as the briefing's total row, rejects the row. Also counts the rows per name for the region resolution.
 */
import { MAX_CRITERION_CHARS, regionKey, regionProblem, type RegionProblem } from "../../core/regions";
import { quoteValue } from "../errors";
import type { DatasetKind, IssueCode } from "../types";
import { RESERVED_REGION } from "./row-labels";

type Say = (
  row: number,
  column: string,
  severity: "error" | "warning",
  zh: string,
  en: string,
  code: IssueCode,
) => void;

/** What one distinct cell text made as a region name. */
interface RegionName {
  value: string;
  problem: RegionProblem | null;
  /** The folded spelling was said already. */
  told: boolean;
  totalLabel: boolean;
}

export class RegionNames {
  /** Region key → the file's first spelling. */
  private readonly spellings = new Map<string, string>();
  /** Cell text → what it made: a ledger has few regions and many rows. */
  private readonly cache = new Map<string, RegionName>();
  /** With ImportOptions.hierarchy: rows per distinct region name, and the first row that carries it. */
  readonly weights = new Map<string, number>();
  readonly firstRow = new Map<string, number>();

  constructor(
    private readonly say: Say,
    private readonly counting: boolean,
  ) {}

  /** Whether the file already used a region of this key (a scope of a total label: 西宁市小计). */
  has(name: string): boolean {
    return this.spellings.has(regionKey(name));
  }

  /** The name the cell `text` stands for; a problem is said as an error (the row is rejected) and `text` returned. */
  resolve(text: string, row: number, column: string, kind: DatasetKind): string {
    const r = this.cache.get(text) ?? this.read(text);
    if (r.totalLabel && (kind === "ledger" || kind === "funds")) {
      this.sayTotalLabel(text, row, column);
      return text;
    }
    if (r.problem) {
      this.sayAmbiguous(text, r.problem, row, column);
      return text;
    }
    if (this.counting) this.count(r.value, row);
    if (r.value !== text && !r.told) {
      r.told = true;
      this.say(
        row,
        column,
        "warning",
        `地区名称 ${quoteValue(text)} 按 ${quoteValue(r.value)} 导入（只差全角/半角或大小写；Excel 按地区汇总时不区分这些，视为同一地区），本文件中同样写法的其他行也一样处理。`,
        `Region ${quoteValue(text)} was imported as ${quoteValue(r.value)} (they differ only in width or case, which Excel's sums by region do not tell apart: one region); later rows of this file spelt the same way too.`,
        "region_folded",
      );
    }
    return r.value;
  }

  /** A cell text seen for the first time: folded, checked, its first spelling remembered. */
  private read(text: string): RegionName {
    const folded = text.normalize("NFKC");
    const problem = regionProblem(folded);
    const key = regionKey(folded);
    const first = this.spellings.get(key);
    if (first === undefined && !problem) this.spellings.set(key, folded);
    const r: RegionName = {
      value: problem ? text : (first ?? folded),
      problem,
      told: false,
      totalLabel: RESERVED_REGION.test(folded.replace(/[\s\u3000]+/g, "")),
    };
    this.cache.set(text, r);
    return r;
  }

  private count(name: string, row: number): void {
    const w = this.weights.get(name);
    if (w === undefined) {
      this.weights.set(name, 1);
      this.firstRow.set(name, row);
    } else this.weights.set(name, w + 1);
  }

  private sayTotalLabel(text: string, row: number, column: string): void {
    this.say(
      row,
      column,
      "error",
      `地区名称 ${quoteValue(text)} 是合计行的标签；成绩单用“合计”表示全辖区，这个地区会与合计行混在一起（并取走全辖区的目标），本行未导入。请写成项目所在地区的正式名称（如“西宁市”）；如果这一行本是合计行，请删除它。`,
      `Region ${quoteValue(text)} is a total label; the briefing uses 合计 for the whole jurisdiction, so this region would be mixed up with the total row (and take the jurisdiction's target); row rejected. Write the project's actual region; if the row is a total row, delete it.`,
      "region_total_label",
    );
  }

  private sayAmbiguous(text: string, problem: RegionProblem, row: number, column: string): void {
    const why = PROBLEM_TEXT[problem];
    this.say(
      row,
      column,
      "error",
      `地区名称 ${quoteValue(text)} ${why[0]}，Excel 的 SUMIFS/COUNTIFS 按地区汇总时无法准确匹配它（会当作数值或比较条件，或超出条件长度），成绩单公式与数字会不一致，本行未导入。请写成地区的正式名称（如“西宁市”）。`,
      `Region ${quoteValue(text)} ${why[1]}: Excel's SUMIFS/COUNTIFS cannot match it exactly when summing by region (it reads it as a value or a comparison, or the criterion is too long), so the briefing's formulas would disagree with its numbers; row rejected. Use the region's proper name.`,
      "region_ambiguous",
    );
  }
}

/** Why a region name cannot be a SUMIFS criterion, [zh, en]. */
const PROBLEM_TEXT: Record<RegionProblem, [string, string]> = {
  too_long: [`超过 ${MAX_CRITERION_CHARS} 个字符`, `is longer than the ${MAX_CRITERION_CHARS} characters`],
  operator: ["含有比较符号（< > = |）", "holds a comparison operator (< > = |)"],
  control: ["含有换行或控制字符", "holds a line break or a control character"],
  separator: ["含有地区路径的分隔符 ›", "holds the region path separator ›"],
  value_like: ["看起来像数字、日期、时间、逻辑值或错误值", "looks like a number, date, time, boolean or error value"],
};
