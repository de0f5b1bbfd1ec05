/**
 * The one row engine behind every source: rows of cells go in (CSV records, xlsx rows, Range.values, JSON objects
 * turned into rows), canonical records and issues come out.
 *
 * - Finds the header row below title rows and blank rows (and a "单位：万元" line, which sets the default unit).
 * - Chooses the kind from the headers when asked ("auto") and maps headers to fields (aliases, units in brackets,
 *   the user's mapping).
 * - Validates each data row; a bad optional cell is a warning and the field stays null, a missing required value
 *   rejects the row. Every data row is accepted or reported; nothing is merged or invented.
 * - Excludes 合计/小计/总计 rows and checks their amounts against the rows above.
 * - Reports duplicate keys on the later rows, naming the first.
 */
import {
  deriveProjectId,
  METRIC_INFO,
  type FundsEntry,
  type Metric,
  type ProjectRecord,
  type ReportedFigure,
  type Target,
} from "../core/model";
import { ymdFromIso } from "../core/dates";
import { ExactSum } from "../core/exact-sum";
import { setOwn } from "../core/own";
import { MAX_CRITERION_CHARS, regionKey, regionProblem, type RegionProblem } from "../core/regions";
import { buildHierarchy, type RegionIssue, type RegionRow } from "../core/region-hierarchy";
import { parseLevel, type RegionLevel } from "../core/region-levels";
import { applyRegionResolution, duplicatesAfterResolution, type KeyedRow } from "./regions";
import { ImportError, quoteValue } from "./errors";
import {
  ALIAS_INDEX,
  detectUnit,
  fieldDef,
  KIND_FIELDS,
  KIND_LABELS,
  KINDS,
  normalizeHeader,
  resolveFieldName,
  UNIT_DIVISOR,
  type FieldDef,
  type FieldType,
  type MoneyUnit,
  type Unit,
} from "./fields";
import { KeyIndex } from "./key-index";
import type {
  ColumnMapping,
  DatasetKind,
  ImportExtra,
  ImportIssue,
  ImportOptions,
  ImportResult,
  IssueCode,
} from "./types";
import * as values from "./values";
import type { Cell } from "./values";

// Bound once: the row loop calls these millions of times.
const {
  cellText,
  errorValue,
  isBlank,
  fastAmount,
  fastStage,
  formulaWithoutValue,
  isIsoDay,
  parseAmount,
  parseBoolean,
  parseCount,
  parseDate,
  parseInvestorType,
  parseMetric,
  parseMonth,
  parseStage,
  parseStatus,
  parseText,
  parseUnit,
  parseYear,
  plainCell,
} = values;

/** A replacement character, NUL or any surrogate: the cheap test before the per-cell check of TableEngine.checkText. */
// eslint-disable-next-line no-control-regex -- a NUL in text is a sign of a binary or mis-decoded file
export const SUSPICIOUS_TEXT = /[\uFFFD\u0000\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATE_ALL = new RegExp(LONE_SURROGATE.source, "g");

/** Data rows (and skipped rows) one import takes: what an Excel sheet holds; more is refused before memory runs out. */
export const MAX_DATA_ROWS = 1_048_576;

/** Excel's limit on the characters of one cell (specifications and limits): longer text cannot be loaded. */
export const MAX_CELL_CHARS = 32767;

/** Rows looked at for a header before giving up. */
const MAX_SEEK_ROWS = 50;

/**
 * A total label standing alone in its cell (after NFKC and without spaces): 合计, 小计, 总计, 共计, 累计合计, 总合计,
 * 全部合计, 本页合计, Total, Subtotal, Grand total, Sum, with at most a colon and a bracketed qualifier ("合计（万元）",
 * "小计：", "Total (10k CNY)"). A name that merely contains such a word (合计收入分成项目, SUM光伏, Total2) is not one.
 */
const TOTAL_LABEL =
  /^(总合计|全部合计|本页合计|累计合计|合计|小计|总计|共计|total|subtotal|grandtotal|sum)[:：]?(?:\([^()]*\))?[:：]?$/i;
/**
 * A total label naming its scope or its count, as WPS and hand-made ledgers write them: 西宁市小计, 全市合计,
 * 合计：2个项目, 小计（3项）. The scope must be a place or a page (ending in 市 县 区 州 省 盟 旗 镇 乡, or 全市,
 * 本页…) or a region the file already used, so that 光伏合计 stays a name; after the label only a colon or a bracket
 * may follow, so 合计收入分成项目 stays a name too.
 */
const SCOPED_TOTAL =
  /^(.{1,12}?)?(总合计|全部合计|本页合计|累计合计|合计|小计|总计|共计)(?:[:：].{0,30}|\([^()]{0,30}\))?$/;
/**
 * Ledger and funds regions that would read as the briefing's total row (TOTAL_REGION, 合计) or another Chinese total
 * label: rejected (region_total_label). "Total" is left alone: the briefing never names its total row so.
 */
const RESERVED_REGION = /^(总合计|全部合计|本页合计|累计合计|合计|小计|总计|共计)[:：]?(?:\([^()]*\))?[:：]?$/;
const SCOPE_WORD =
  /^(?:[全本](?:市|省|州|县|区|盟|旗|页|表|年|季度?|月)|.{1,10}(?:市|县|区|州|省|盟|旗|镇|乡|园区|开发区|新区))$/;
/** Cheap test before TOTAL_LABEL: the cell could be a label at all. */
const TOTAL_HINT = /计|^[\s\u3000]*[tsgｔｓｇ]/i;

/**
 * TOTAL_HINT.test(c), answered without the expression for nearly every cell (a million-row ledger asks it several
 * times a row): it can match only where "计" occurs, or where the cell starts with t, s or g (either case, either
 * width) or with whitespace. test/import/total-hint.test.ts checks it against the expression.
 */
export function mayBeTotalLabel(c: string): boolean {
  if (c.indexOf("计") >= 0) return true;
  const c0 = c.charCodeAt(0);
  if (c0 === 116 || c0 === 84 || c0 === 115 || c0 === 83 || c0 === 103 || c0 === 71) return true;
  if (c0 === 0xff54 || c0 === 0xff34 || c0 === 0xff53 || c0 === 0xff33 || c0 === 0xff47 || c0 === 0xff27) return true;
  return isJsWhitespace(c0) && TOTAL_HINT.test(c);
}

/** What \s matches in a regular expression (WhiteSpace and LineTerminator). */
function isJsWhitespace(c: number): boolean {
  return (
    (c >= 9 && c <= 13) ||
    c === 32 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}
/** Fields that a total row leaves blank (unless the label itself stands there): ids, names, dates, year, metric. */
const TOTAL_BLANK_FIELDS: Record<DatasetKind, string[]> = {
  ledger: ["id", "name", "signed_date", "started_date"],
  funds: ["project", "project_name", "date"],
  targets: ["year", "metric"],
  figures: ["year", "metric"],
  regions: ["parent", "level", "code"],
};
const NOTE_RE =
  /^(?:注[:：\s]|注$|备注[:：]|说明[:：]|填表人|填报人|制表|审核人|审核[:：]|负责人[:：]|联系人|联系电话|数据来源[:：]|资料来源[:：]|来源[:：]|单位[:：]|填报单位|填表日期|填报日期|note[:\s])/i;
/** 单位：万元, 单位 : 万元, （单位（万元））, 金额单位为万元 (after NFKC). */
const UNIT_LINE_RE = /单位\s*(?:[:：]|为|是)?\s*[(（]?\s*([^\s,，;；)）(（]+)/;

interface ColumnPlan {
  index: number;
  title: string;
  /** Field of the kind, or null (ignored / unknown / duplicate: kept as an extra when it has a title). */
  field: string | null;
  type: FieldType | null;
  def?: FieldDef;
  unit: Unit | null;
  /** Kept with the row in `extras`. */
  extra: boolean;
  /** Index in amountCols (totals), or -1. */
  amountIdx: number;
  /** JSON: another key for a field already given by an earlier key; used when that one is blank. */
  alternate?: boolean;
  /** A ledger date column: the record field holding the date as a YYYYMMDD number (signed_ymd, started_ymd). */
  ymdField?: string;
}

/** What the source reader found wrong with a whole row (a JSON key given twice, a stray quote): the row is rejected. */
export interface RowProblem {
  column: string | null;
  zh: string;
  en: string;
}

interface ParsedRow {
  [field: string]: unknown;
}

export interface EngineOptions extends ImportOptions {
  /** Label used in issues (file name, "file!sheet", URL). */
  fileLabel: string;
  /** The text encoding a CSV/JSON file was decoded with, named in messages about characters it could not decode. */
  encodingLabel?: string;
  /** The first row given is the header (JSON keys): no search for a header row. */
  headerFirst?: boolean;
}

const NEEDS_FOLD = /[\s\uFF01-\uFF5E\u3000\u00A0]/;
const HAS_LOWER = /[a-z]/;

/**
 * Key for duplicate detection: NFKC, no whitespace, upper case ("qh-2025-001" repeats "QH-2025-001"). Ids are
 * usually upper case already, so the common key is the id string itself (no copy).
 */
function normKey(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // Printable ASCII without lower case is already its own key (the common "QH-2025-001").
    if (c <= 0x20 || c >= 0x7f || (c >= 97 && c <= 122)) return foldKey(s);
  }
  return s;
}

function foldKey(s: string): string {
  if (NEEDS_FOLD.test(s)) s = s.normalize("NFKC").replace(/\s+/g, "");
  return HAS_LOWER.test(s) ? s.toUpperCase() : s;
}

function countDecimals(v: Cell): number {
  const s = typeof v === "number" || typeof v === "string" ? String(v) : "";
  const m = /\.(\d+)/.exec(s);
  return m ? Math.min(m[1].length, 10) : 0;
}

/** Score how well a header row fits each kind; used both to find the header row and to pick the kind. */
export function recognise(
  cells: string[],
  mapping: ColumnMapping | undefined,
): { count: number; byKind: Record<DatasetKind, number> } {
  const byKind = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<DatasetKind, number>;
  const fieldsSeen = Object.fromEntries(KINDS.map((k) => [k, new Set<string>()])) as Record<DatasetKind, Set<string>>;
  const mapKeys = mappingKeys(mapping);
  let count = 0;
  for (const raw of cells) {
    if (!raw) continue;
    const { key } = normalizeHeader(raw);
    if (!key) continue;
    let hit = false;
    const mapped = mapKeys.get(key);
    for (const kind of KINDS) {
      let field = ALIAS_INDEX[kind].get(key) ?? null;
      if (mapped !== undefined) field = mapped === null ? null : resolveFieldName(kind, mapped);
      if (mapped !== undefined) hit = true;
      if (field) {
        hit = true;
        fieldsSeen[kind].add(field);
      }
    }
    if (hit) count++;
  }
  for (const kind of KINDS) {
    const seen = fieldsSeen[kind];
    const required = requiredFields(kind);
    let score = 0;
    for (const r of required) if (r.some((f) => seen.has(f))) score += 10;
    for (const f of seen) if (fieldDef(kind, f)?.type !== "ignore") score += 1;
    byKind[kind] = score;
  }
  return { count, byKind };
}

/** Required fields per kind; an inner array means "one of". */
function requiredFields(kind: DatasetKind): string[][] {
  switch (kind) {
    case "ledger":
      return [["name"], ["region"]];
    case "funds":
      return [["project", "project_name"], ["date"], ["amount"]];
    case "targets":
      return [["year"], ["region"], ["metric"], ["value"]];
    case "figures":
      return [["year"], ["region"], ["metric"], ["value"]];
    case "regions":
      return [["name"], ["parent"]];
  }
}

function mappingKeys(mapping: ColumnMapping | undefined): Map<string, string | null> {
  const m = new Map<string, string | null>();
  if (!mapping) return m;
  for (const [k, v] of Object.entries(mapping)) {
    const key = normalizeHeader(k).key;
    if (key) m.set(key, v);
    m.set(`raw:${k.trim()}`, v);
  }
  return m;
}

/** Whether a + b is exactly `total` as real numbers (Knuth's TwoSum: the rounded sum is total and its error is 0). */
function addsUpExactly(a: number, b: number, total: number): boolean {
  const s = a + b;
  const bb = s - a;
  return s === total && a - (s - bb) + (b - bb) === 0;
}

/**
 * A funds row split into its out-of-province part and the rest, as two numbers whose exact sum is the row's amount
 * (so every total, summed exactly, is the same whether the row is split or not). The short decimal (0.3 − 0.1 = 0.2)
 * is kept when it adds up exactly; otherwise the rest is amount − outside rounded once, and `outside` is re-derived
 * from it, which Sterbenz's lemma makes exact (a change of at most one unit in the last place of the amount).
 */
export function splitExactly(amount: number, outside: number): { outside: number; inside: number } {
  const short = Number((amount - outside).toPrecision(15));
  if (addsUpExactly(outside, short, amount)) return { outside, inside: short };
  if (outside * 2 >= amount) return { outside, inside: amount - outside };
  const inside = amount - outside;
  return { outside: amount - inside, inside };
}

export class TableEngine {
  private readonly opts: EngineOptions;
  private readonly file: string;
  private seeking = true;
  private seekCount = 0;
  private titleUnit: Unit | null = null;
  private headerRow = 0;
  /** The widest row seen while looking for the header: the likeliest header, offered for a column mapping. */
  private candidate: { texts: string[]; row: number; width: number } | null = null;

  kind: DatasetKind = "ledger";
  private plan: ColumnPlan[] = [];
  private headers: string[] = [];
  private mapping: ColumnMapping = {};
  private probe: number[] = [];
  private unitCol = -1;
  private amountCols: ColumnPlan[] = [];
  /** The amounts of each amount column, in row order: what total rows are checked against (AmountLog). */
  private amountLogs: AmountLog[] = [];
  /** Columns a total row leaves blank (TOTAL_BLANK_FIELDS present in this file). */
  private totalBlank: number[] = [];
  private deriveIds = false;
  private unexpectedCols = new Set<number>();
  private hasUntitled = false;
  /** Column whose cell is compared with its title to spot a repeated header row (-1: none). */
  private repeatProbe = -1;
  private colTitle: Record<string, string | null> = {};

  private readonly issues: ImportIssue[] = [];
  private readonly records: ProjectRecord[] = [];
  private readonly funds: FundsEntry[] = [];
  private readonly targets: Target[] = [];
  private readonly figures: ReportedFigure[] = [];
  private readonly regionRows: RegionRow[] = [];
  /** Source row of each regions-table row (messages of the whole-table checks name it). */
  private readonly regionRowNumbers: number[] = [];
  private readonly extras: ImportExtra[] = [];
  /** What is kept of each accepted row (ImportOptions.keep): everything, nothing, or the listed ledger fields. */
  private readonly keepAll: boolean;
  private readonly keepNone: boolean;
  private readonly keepFields: readonly string[] | null;
  /** Accepted records, funds entries, targets and figures, kept or not. */
  private readonly counts: Record<DatasetKind, number> = { ledger: 0, funds: 0, targets: 0, figures: 0, regions: 0 };
  /** With ImportOptions.hierarchy: rows per distinct region name, and the first row that carries it. */
  private readonly regionWeights = new Map<string, number>();
  private readonly regionFirstRow = new Map<string, number>();
  private readonly seen = new Map<string, number>();
  /** Targets and figures accepted, keyed for the duplicate check once names are resolved (./regions.ts). */
  private readonly keyed: KeyedRow[] = [];
  /** Region key → the file's first spelling; cell text → what region() made of it. */
  private readonly regionSpellings = new Map<string, string>();
  private readonly regionCache = new Map<
    string,
    { value: string; problem: RegionProblem | null; told: boolean; totalLabel: boolean }
  >();
  /** Ledger ids (explicit or derived) → first row. */
  private readonly ids = new KeyIndex();
  private rows = 0;
  private accepted = 0;
  private rejected = 0;
  private skipped = 0;
  private rowErrors = 0;
  /** Issues before the header's own (a second header line re-plans the columns and says them again). */
  private headerIssues = 0;
  private continuationChecked = false;

  constructor(opts: EngineOptions) {
    this.opts = opts;
    this.file = opts.fileLabel;
    const keep = opts.keep ?? "all";
    this.keepAll = keep === "all";
    this.keepNone = keep === "none";
    this.keepFields = Array.isArray(keep) ? keep : null;
  }

  /** True once the header row was found. */
  get started(): boolean {
    return !this.seeking;
  }

  private issue(
    row: number,
    column: string | null,
    severity: "error" | "warning",
    zh: string,
    en: string,
    code?: IssueCode,
  ): void {
    const issue: ImportIssue = { file: this.file, row, column, message: zh, message_en: en, severity };
    if (code) issue.code = code;
    this.issues.push(issue);
    if (severity === "error") this.rowErrors++;
  }

  /** An issue found by the source reader (a CSV quoting problem…). */
  note(row: number, column: string | null, severity: "error" | "warning", zh: string, en: string): void {
    this.issue(row, column, severity, zh, en);
  }

  /** A data row the reader could not turn into cells (a JSON element that is not an object): counted and rejected. */
  rejectRow(row: number, zh: string, en: string, column: string | null = null): void {
    this.rows++;
    this.rejected++;
    this.issue(row, column, "error", zh, en);
  }

  /**
   * Feed one source row. `row` is the 1-based row number the user sees. `clean`: the caller knows the row holds no
   * replacement character, NUL or surrogate (a CSV chunk without any), so the per-cell check can be skipped.
   */
  push(cells: readonly Cell[], row: number, clean = false, problem?: RowProblem): void {
    if (this.seeking) {
      this.seek(cells, row);
      return;
    }
    if (problem) {
      this.rejectRow(row, problem.zh, problem.en, problem.column);
      return;
    }
    if (this.rejectOverlong(cells, row)) return;
    this.data(clean ? cells : this.checkText(cells, row), row);
  }

  /**
   * A cell longer than an Excel cell holds, in a column that is imported, rejects its row before anything else reads
   * the text: an xlsx can make 20,000 cells reference one 40,000-character shared string (a 0.3 MB file), and every
   * check, fold and hash would then run over 800M characters.
   */
  private rejectOverlong(cells: readonly Cell[], row: number): boolean {
    let found = false;
    const n = Math.min(cells.length, this.plan.length);
    for (let i = 0; i < n; i++) {
      const c = cells[i];
      if (typeof c !== "string" || c.length <= MAX_CELL_CHARS) continue;
      const col = this.plan[i];
      if (!col.title || col.type === "ignore" || (col.field === null && !col.extra)) continue;
      if (!found) {
        found = true;
        this.rows++;
        this.rejected++;
      }
      this.tooLong(row, col.title, c.length);
    }
    if (found) this.rowErrors = 0;
    return found;
  }

  /**
   * Characters a file should not hold: U+FFFD (a byte the decoder could not read, or a replacement already in the
   * file), NUL, and lone surrogates (half of a character: JSON escapes, damaged UTF-16). The row is kept; NULs are
   * removed and lone surrogates become U+FFFD (neither can be written to a sheet or to XML); one warning names the
   * row, its columns and what was found.
   */
  private checkText(cells: readonly Cell[], row: number): readonly Cell[] {
    let out: Cell[] | null = null;
    let columns: string[] | null = null;
    let fffd = false;
    let nul = false;
    let lone = false;
    for (let i = 0; i < cells.length; i++) {
      const c = cells[i];
      if (typeof c !== "string" || !SUSPICIOUS_TEXT.test(c)) continue;
      const hasFffd = c.includes("\uFFFD");
      const hasNul = c.includes("\u0000");
      const hasLone = LONE_SURROGATE.test(c);
      if (!hasFffd && !hasNul && !hasLone) continue; // well-formed pairs only (CJK extension B…)
      fffd ||= hasFffd;
      nul ||= hasNul;
      lone ||= hasLone;
      // A key column (id, region) with an undecodable character rejects the row in data(): no warning here too.
      if (!((hasFffd || hasLone) && this.isKeyColumn(i)))
        (columns ??= []).push(this.plan[i]?.title || `${columnLetter(i)}`);
      if (hasNul || hasLone)
        // eslint-disable-next-line no-control-regex -- NUL characters are removed from cells
        (out ??= cells.slice())[i] = c.replace(/\u0000/g, "").replace(LONE_SURROGATE_ALL, "\uFFFD");
    }
    if (columns) {
      const what = [
        fffd ? "无法识别的字符（�）" : "",
        nul ? "空字符（NUL，已删除）" : "",
        lone ? "不成对的代理字符（已换成 �）" : "",
      ]
        .filter(Boolean)
        .join("、");
      const whatEn = [
        fffd ? "characters that could not be decoded (�)" : "",
        nul ? "NUL characters (removed)" : "",
        lone ? "lone surrogates (replaced by �)" : "",
      ]
        .filter(Boolean)
        .join(", ");
      const enc = this.opts.encodingLabel;
      this.issue(
        row,
        columns[0],
        "warning",
        `第 ${row} 行的「${columns.join("」「")}」含有${what}${enc ? `（文件按 ${enc} 读取）` : ""}，其余内容照常导入。请核对这一行的原文；如果文件的编码不对，请另存为 UTF-8 后重新导入。`,
        `Row ${row}, ${columns.map((c) => `"${c}"`).join(", ")}: ${whatEn}${enc ? ` (the file was read as ${enc})` : ""}; the rest was imported. Check the row in the source; if the file's encoding is wrong, save it as UTF-8 and import again.`,
        "encoding",
      );
    }
    return out ?? cells;
  }

  private seek(cells: readonly Cell[], row: number): void {
    const texts = cells.map((c) => cellText(plainCell(c)).trim());
    const nonBlank = texts.filter((t) => t !== "");
    if (this.opts.headerFirst) {
      this.startHeader(texts, row);
      return;
    }
    if (nonBlank.length === 0) return;
    this.seekCount++;
    if (!this.candidate || nonBlank.length > this.candidate.width)
      this.candidate = { texts, row, width: nonBlank.length };
    const rec = recognise(texts, this.opts.mapping);
    if (rec.count >= 2) {
      this.startHeader(texts, row);
      return;
    }
    for (const t of nonBlank) {
      const m = UNIT_LINE_RE.exec(t.normalize("NFKC"));
      if (m) {
        const u = detectUnit(m[1]);
        if (u) this.titleUnit = u;
      }
    }
    if (this.seekCount >= MAX_SEEK_ROWS) this.noHeader();
  }

  private noHeader(): never {
    const sample = this.candidate?.texts ?? [];
    const kind = this.opts.kind && this.opts.kind !== "auto" ? this.opts.kind : "ledger";
    const expected = KIND_FIELDS[kind]
      .filter((f) => f.type !== "ignore" && f.type !== "extra")
      .slice(0, 6)
      .map((f) => f.label)
      .join("、");
    throw new ImportError(
      "NO_HEADER",
      `「${this.file}」中找不到表头行（前 ${MAX_SEEK_ROWS} 行里没有可识别的列名，例如 ${expected}）。请确认这是一张台账表格，表头写在数据上方；如果列名不同，请在列映射中指定。`,
      `No header row found in "${this.file}" (no recognisable column titles in the first ${MAX_SEEK_ROWS} rows, e.g. ${KIND_FIELDS[
        kind
      ]
        .slice(0, 4)
        .map((f) => f.label_en)
        .join(
          ", ",
        )}). Make sure it is a table with its header above the data; if the titles differ, set a column mapping.`,
      { headers: sample.slice(0, 200), headerRow: this.candidate?.row },
    );
  }

  private startHeader(titles: string[], row: number): void {
    this.seeking = false;
    this.headerIssues = this.issues.length;
    this.headerRow = row;
    this.headers = titles.slice();
    while (this.headers.length > 0 && this.headers[this.headers.length - 1] === "") this.headers.pop();
    const opts = this.opts;
    const rec = recognise(this.headers, opts.mapping);
    if (opts.kind && opts.kind !== "auto") this.kind = opts.kind;
    else {
      let best: DatasetKind = "ledger";
      for (const k of KINDS) if (rec.byKind[k] > rec.byKind[best]) best = k;
      this.kind = best;
    }
    const kind = this.kind;
    const mapKeys = mappingKeys(opts.mapping);
    const used = new Map<string, ColumnPlan>();
    const unknown: ColumnPlan[] = [];
    for (let i = 0; i < this.headers.length; i++) {
      const title = this.headers[i];
      const plan: ColumnPlan = { index: i, title, field: null, type: null, unit: null, extra: false, amountIdx: -1 };
      this.plan.push(plan);
      if (!title) continue;
      const { key, unit } = normalizeHeader(title);
      plan.unit = unit;
      let field: string | null = null;
      const userRaw = mapKeys.get(`raw:${title}`);
      const user = userRaw !== undefined ? userRaw : mapKeys.get(key);
      if (user !== undefined) {
        if (user === null || user === "") {
          setOwn(this.mapping, title, null);
          plan.extra = true;
          continue;
        }
        field = resolveFieldName(kind, user);
        if (!field) {
          this.issue(
            row,
            title,
            "warning",
            `列映射把「${title}」指定为「${user}」，但${KIND_LABELS[kind].zh}没有这个字段，该列未导入。可用字段：${KIND_FIELDS[kind].map((f) => f.field).join("、")}。`,
            `The column mapping assigns "${title}" to "${user}", which is not a field of the ${KIND_LABELS[kind].en}; the column was not imported. Fields: ${KIND_FIELDS[kind].map((f) => f.field).join(", ")}.`,
          );
          setOwn(this.mapping, title, null);
          plan.extra = true;
          continue;
        }
      } else {
        field = ALIAS_INDEX[kind].get(key) ?? null;
      }
      if (!field) {
        unknown.push(plan);
        setOwn(this.mapping, title, null);
        plan.extra = true;
        continue;
      }
      const prior = used.get(field);
      if (prior && opts.headerFirst) {
        // JSON objects may name a field differently from one object to the next ("项目名称" here, "name" there).
        const def = fieldDef(kind, field)!;
        Object.assign(plan, { field, def, type: def.type, extra: def.type === "extra", alternate: true });
        setOwn(this.mapping, title, def.type === "ignore" ? null : field);
        continue;
      }
      if (prior) {
        this.issue(
          row,
          title,
          "warning",
          `「${title}」与「${prior.title}」都对应${fieldDef(kind, field)?.label ?? field}，只导入「${prior.title}」；「${title}」的内容保留为附加列。如需改用这一列，请在列映射中指定。`,
          `"${title}" and "${prior.title}" both mean ${fieldDef(kind, field)?.label_en ?? field}; only "${prior.title}" is imported and "${title}" is kept as an extra column. Use the column mapping to choose.`,
        );
        setOwn(this.mapping, title, null);
        plan.extra = true;
        continue;
      }
      const def = fieldDef(kind, field)!;
      used.set(field, plan);
      plan.field = field;
      plan.def = def;
      plan.type = def.type;
      plan.extra = def.type === "extra";
      if (kind === "ledger" && def.type === "date") plan.ymdField = YMD_FIELDS[field];
      setOwn(this.mapping, title, def.type === "ignore" ? null : field);
      if (def.type === "unit") this.unitCol = i;
      if (def.type === "amount") {
        plan.amountIdx = this.amountCols.length;
        this.amountCols.push(plan);
      }
      if (unit === "个" && def.type === "amount") {
        this.issue(
          row,
          title,
          "warning",
          `「${title}」是金额列，但表头写的单位是“个”，按亿元读取。请把单位改为亿元、万元或元。`,
          `"${title}" is an amount but its header says the unit is a count; read as 亿元 (100m CNY). Write 亿元, 万元 or 元 instead.`,
        );
        plan.unit = null;
      }
    }
    if (unknown.length > 0) {
      for (const p of unknown) {
        this.issue(
          row,
          p.title,
          "warning",
          `未识别的列「${p.title}」：内容保留为附加列，不导入${KIND_LABELS[kind].zh}。如果它对应某个字段，请在列映射中指定。`,
          `Unrecognised column "${p.title}": kept as an extra column, not imported into the ${KIND_LABELS[kind].en}. If it means one of the fields, set it in the column mapping.`,
        );
      }
    }
    const fundsTotal = used.get("funds_total");
    if (kind === "ledger" && fundsTotal) {
      this.issue(
        row,
        fundsTotal.title,
        "warning",
        `台账中的「${fundsTotal.title}」是累计数，没有到位日期，不能计入到位资金；内容保留为附加列。到位资金请按“项目、日期、金额”导入到位资金明细。`,
        `"${fundsTotal.title}" in a ledger is a running total with no date, so it cannot count as funds in place; it is kept as an extra column. Import funds in place as a funds table (project, date, amount).`,
      );
    }
    const missing = requiredFields(kind).filter((alts) => !alts.some((f) => used.has(f)));
    if (missing.length > 0) {
      const names = missing.map((alts) => alts.map((f) => fieldDef(kind, f)?.label ?? f).join("或"));
      const namesEn = missing.map((alts) => alts.map((f) => fieldDef(kind, f)?.label_en ?? f).join(" or "));
      throw new ImportError(
        "MISSING_COLUMNS",
        `「${this.file}」第 ${row} 行是表头，但缺少必需的列：${names.join("、")}（按${KIND_LABELS[kind].zh}读取）。请添加这些列，或在列映射中指定哪一列对应它们。`,
        `The header in row ${row} of "${this.file}" lacks required columns: ${namesEn.join(", ")} (read as a ${KIND_LABELS[kind].en}). Add them, or map existing columns to them.`,
        { headers: this.headers, missing: missing.map((a) => a.join("|")), headerRow: row },
      );
    }
    this.deriveIds = kind === "ledger" && !used.has("id");
    this.hasUntitled = this.plan.some((c) => !c.title);
    this.repeatProbe = this.plan.find((c) => c.field !== null && c.type !== "ignore" && c.title)?.index ?? -1;
    for (const [f, p] of used) this.colTitle[f] = p.title;
    // Label cells: where a total label may stand (the first columns, names, ids, regions, 序号, year, metric).
    const probe = new Set<number>([0, 1, 2]);
    for (const f of ["name", "region", "id", "project", "project_name", "seq", "year", "metric"]) {
      const p = used.get(f);
      if (p) probe.add(p.index);
    }
    this.probe = [...probe].filter((i) => i < this.plan.length);
    // In targets and reported figures, 所属地区 = 合计 with a year and a metric is data (the goal or published total of
    // the whole jurisdiction): the structure tells it from a total row, whose year and metric are blank.
    this.totalBlank = TOTAL_BLANK_FIELDS[kind]
      .map((f) => used.get(f)?.index)
      .filter((i): i is number => i !== undefined);
    this.amountLogs = this.amountCols.map(() => new AmountLog());
  }

  private data(cells: readonly Cell[], row: number): void {
    // Only "none", "one" or "more" non-blank cells matter (blank rows, note rows): stop at the second.
    let nonBlank = 0;
    let firstNonBlank = -1;
    for (let i = 0; i < cells.length && nonBlank < 2; i++) {
      if (!isBlank(cells[i])) {
        nonBlank++;
        if (firstNonBlank < 0) firstNonBlank = i;
      }
    }
    if (nonBlank === 0) return;
    // The first row under the header may be its second line: sub-titles under a merged group title, or the units.
    if (!this.continuationChecked) {
      this.continuationChecked = true;
      if (this.headerContinued(cells, row)) return;
    }
    if (this.rows + this.skipped >= MAX_DATA_ROWS) {
      throw new ImportError(
        "TOO_LARGE",
        `「${this.file}」的数据超过 ${MAX_DATA_ROWS} 行（一张 Excel 工作表最多能放的行数），第 ${row} 行起未读取。请把文件按年份或地区拆分后分别导入。`,
        `"${this.file}" has more than ${MAX_DATA_ROWS} data rows (what one Excel sheet holds); reading stopped at row ${row}. Split the file (by year or region) and import the parts.`,
      );
    }
    // A total or subtotal row, recognised by its structure (see isTotalRow): skipped, checked, reported.
    for (const i of this.probe) {
      const c = cells[i];
      if (typeof c === "string" && c.length < 48 && mayBeTotalLabel(c)) {
        const label = this.totalLabel(c);
        if (label && this.isTotalRow(cells, i)) {
          this.skipped++;
          this.totalRow(cells, row, label, i);
          return;
        }
      }
    }
    // The header repeated further down (paged exports print it on every page): not a project called "项目名称".
    const k = this.repeatProbe;
    const probeCell = k >= 0 ? cells[k] : null;
    if (
      typeof probeCell === "string" &&
      (probeCell === this.headers[k] ||
        (probeCell.length > this.headers[k].length && probeCell.trim() === this.headers[k])) &&
      this.isHeaderAgain(cells)
    ) {
      this.skipped++;
      this.issue(
        row,
        null,
        "warning",
        `第 ${row} 行重复了表头，已跳过。`,
        `Row ${row} repeats the header; skipped.`,
        "header_repeated",
      );
      return;
    }
    if (nonBlank === 1 && this.plan.length > 2) {
      const c = plainCell(cells[firstNonBlank]);
      if (typeof c === "string" && NOTE_RE.test(c.trim().normalize("NFKC"))) {
        this.skipped++;
        this.issue(
          row,
          this.plan[firstNonBlank]?.title || null,
          "warning",
          `第 ${row} 行是说明文字（${quoteValue(c.trim())}），不是数据，已跳过。`,
          `Row ${row} is a note (${quoteValue(c.trim())}), not data; skipped.`,
          "note_row",
        );
        return;
      }
    }
    this.rows++;
    this.rowErrors = 0;
    const parsed = this.parseRow(cells, row);
    if (this.rowErrors > 0 || parsed === null) {
      this.rejected++;
      return;
    }
    this.accepted++;
  }

  /**
   * A second header line right under the header: every non-blank cell is a column title (签约日期 under a group title
   * 签约情况) or a unit (万元, （万元）, 单位：万元). Titles are merged into the header (the columns are planned again),
   * units set the unit of their column; the row is skipped with a warning saying what it changed.
   */
  private headerContinued(cells: readonly Cell[], row: number): boolean {
    const titles = new Map<number, string>();
    const units = new Map<number, Unit>();
    for (let i = 0; i < cells.length; i++) {
      const t = cellText(plainCell(cells[i])).trim();
      if (!t) continue;
      const unitText = t
        .normalize("NFKC")
        .replace(/\s+/g, "")
        .replace(/^[(（[【]?(?:金额)?(?:单位)?[:：]?/, "")
        .replace(/[)）\]】]$/, "");
      if (/^(?:千万元|百万元|亿元|万元|千元|元|个|项|家)$/.test(unitText)) {
        units.set(i, detectUnit(unitText)!);
        continue;
      }
      const { key } = normalizeHeader(t);
      if (
        key &&
        ALIAS_INDEX[this.kind].get(key) &&
        (i >= this.headers.length || !this.plan[i]?.field || this.plan[i].extra)
      ) {
        titles.set(i, t);
        continue;
      }
      return false;
    }
    if (titles.size === 0 && units.size === 0) return false;
    const saidZh: string[] = [];
    const saidEn: string[] = [];
    if (titles.size > 0) {
      const merged = this.headers.slice();
      for (const [i, t] of titles) {
        while (merged.length <= i) merged.push("");
        merged[i] = t;
      }
      // Plan again from the merged titles, forgetting what the first line alone said.
      this.issues.length = this.headerIssues;
      this.plan = [];
      this.mapping = {};
      this.unitCol = -1;
      this.amountCols = [];
      this.colTitle = {};
      this.startHeader(merged, this.headerRow);
      saidZh.push(`列名 ${[...titles.values()].map((t) => `「${t}」`).join("")} 已并入第 ${this.headerRow} 行的表头`);
      saidEn.push(
        `the titles ${[...titles.values()].map((t) => `"${t}"`).join(", ")} were merged into the header of row ${this.headerRow}`,
      );
    }
    for (const [i, unit] of units) {
      const col = this.plan[i];
      if (!col || !col.title) continue;
      if (col.unit && col.unit !== unit) {
        saidZh.push(`「${col.title}」的表头已写明单位 ${col.unit}，本行的“${unit}”未采用，请核对`);
        saidEn.push(
          `"${col.title}" already states its unit (${col.unit}) in the header; "${unit}" in this row was not used, check which is right`,
        );
        continue;
      }
      col.unit = unit;
      saidZh.push(`「${col.title}」按 ${unit} 读取`);
      saidEn.push(`"${col.title}" is read in ${unit}`);
    }
    this.skipped++;
    this.issue(
      row,
      null,
      "warning",
      `第 ${row} 行是表头的第二行（列名或单位），不是数据，已跳过：${saidZh.join("；")}。`,
      `Row ${row} is the header's second line (titles or units), not data; skipped: ${saidEn.join("; ")}.`,
      "header_continued",
    );
    return true;
  }

  /** The total label a cell holds (合计, 小计…, also with a scope or a count: 西宁市小计, 合计：2个项目), or null. */
  private totalLabel(c: string): string | null {
    const t = c.normalize("NFKC").replace(/[\s\u3000]+/g, "");
    const m = TOTAL_LABEL.exec(t);
    if (m) return m[1];
    const s = SCOPED_TOTAL.exec(t);
    if (!s) return null;
    const scope = s[1];
    if (scope && !SCOPE_WORD.test(scope) && !this.regionSpellings.has(regionKey(scope))) return null;
    return s[2];
  }

  /** At least half of the titled columns (and two) hold their own title. */
  private isHeaderAgain(cells: readonly Cell[]): boolean {
    let same = 0;
    let titled = 0;
    for (const c of this.plan) {
      if (!c.title) continue;
      titled++;
      const v = cells[c.index];
      if (typeof v === "string" && v.trim() === c.title) same++;
    }
    return same >= 2 && same * 2 >= titled;
  }

  /**
   * The structure of a total row: the label stands alone in its cell, and the row carries no project id, name, date
   * (ledger, funds) or year and metric (targets, figures) besides the label itself. A project called "Total" with an
   * id or a date is data; so is a 合计 target with its year and metric.
   */
  private isTotalRow(cells: readonly Cell[], labelIndex: number): boolean {
    for (const i of this.totalBlank) if (i !== labelIndex && !isBlank(cells[i])) return false;
    return true;
  }

  /** Report a skipped total row: its row, its label, and for every amount whether it matches the rows above. */
  private totalRow(cells: readonly Cell[], row: number, label: string, labelIndex: number): void {
    const sub = /^(小计|subtotal)$/i.test(label);
    const what = sub ? { zh: "小计", en: "subtotal" } : { zh: "合计", en: "total" };
    const checksZh: string[] = [];
    const checksEn: string[] = [];
    let mismatches = 0;
    for (let k = 0; k < this.amountCols.length; k++) {
      const col = this.amountCols[k];
      const raw = plainCell(cells[col.index]);
      if (isBlank(raw)) continue;
      const unit = this.moneyUnit(col, cells);
      const r = parseAmount(raw, unit);
      const sum = sub ? this.amountLogs[k].groupSum() : this.amountLogs[k].grandSum();
      if (!r || !r.ok) {
        checksZh.push(`「${col.title}」为 ${quoteValue(raw)}，不是金额，无法核对`);
        checksEn.push(`"${col.title}" is ${quoteValue(raw)}, not an amount, so it cannot be checked`);
        mismatches++;
        continue;
      }
      const divisor = UNIT_DIVISOR[unit];
      const tol = (0.5 * Math.pow(10, -countDecimals(raw))) / divisor + 1e-12 * Math.max(1, Math.abs(r.value));
      const diff = r.value - sum;
      const f = (x: number) => String(Number((x * divisor).toPrecision(12)));
      if (Math.abs(diff) > tol) {
        mismatches++;
        checksZh.push(
          `「${col.title}」为 ${f(r.value)}${unit}，但${sub ? "上一小计以来" : "上方各"}明细行之和为 ${f(sum)}${unit}（相差 ${f(diff)}${unit}），不一致，请核对`,
        );
        checksEn.push(
          `"${col.title}" is ${f(r.value)} ${unit} but the rows ${sub ? "since the last subtotal" : "above"} add up to ${f(sum)} ${unit} (difference ${f(diff)} ${unit}): they do not match, check them`,
        );
      } else {
        checksZh.push(`「${col.title}」${f(r.value)}${unit} 与明细行之和一致`);
        checksEn.push(`"${col.title}" ${f(r.value)} ${unit} matches the sum of the rows`);
      }
    }
    if (checksZh.length === 0) {
      checksZh.push("没有可核对的金额");
      checksEn.push("it has no amount to check");
    }
    this.issue(
      row,
      this.plan[labelIndex]?.title || null,
      "warning",
      `第 ${row} 行是${what.zh}行（「${label}」），不作为数据导入；${checksZh.join("；")}。如果这一行其实是项目，请填写项目编号或日期。`,
      `Row ${row} is a ${what.en} row ("${label}") and is not imported as data; ${checksEn.join("; ")}. If it is in fact a project, fill in its ID or a date.`,
      mismatches > 0 ? "total_mismatch" : "total_row",
    );
    if (sub) for (const log of this.amountLogs) log.newGroup();
  }

  private moneyUnit(col: ColumnPlan, cells: readonly Cell[]): MoneyUnit {
    if (this.unitCol >= 0) {
      const u = parseUnit(plainCell(cells[this.unitCol]));
      if (u && u !== "invalid" && u !== "个") return u;
    }
    if (col.unit && col.unit !== "个") return col.unit;
    if (this.titleUnit && this.titleUnit !== "个") return this.titleUnit;
    return "亿元";
  }

  private parseRow(cells: readonly Cell[], row: number): true | null {
    // A ledger row is parsed straight into its record (one object per row, one shape for all).
    const v: ParsedRow = this.kind === "ledger" ? (newLedgerRecord() as unknown as ParsedRow) : {};
    const kind = this.kind;
    let extra: Record<string, string> | null = null;
    let rowUnit: Unit | null = null;
    let valueCol: ColumnPlan | null = null;
    if (this.unitCol >= 0) {
      const raw = plainCell(cells[this.unitCol]);
      const u = parseUnit(raw);
      const col = this.plan[this.unitCol];
      if (u === "invalid") {
        this.issue(
          row,
          col.title,
          "warning",
          `「${col.title}」的值 ${quoteValue(raw)} 不是可识别的单位，按表头单位（默认亿元）读取。请填写亿元、万元、元或个。`,
          `"${col.title}" value ${quoteValue(raw)} is not a known unit; the header's unit (default 亿元) is used. Write 亿元, 万元, 元 or 个.`,
        );
      } else rowUnit = u;
    }
    for (let p = 0; p < this.plan.length; p++) {
      const col = this.plan[p];
      const raw0 = cells[col.index];
      if (col.field === null || col.extra || col.type === "ignore") {
        if (col.extra && col.title && !isBlank(raw0)) {
          const uncached = formulaWithoutValue(raw0);
          if (uncached !== null) {
            // Kept columns keep what the cell shows; a formula never calculated shows nothing anyone has seen.
            this.issue(
              row,
              col.title,
              "warning",
              `「${col.title}」是公式 ${quoteValue(uncached, 80)}，但文件里没有它的计算结果（文件不是由 Excel 保存的），这一格未保留，其余内容照常导入。请在 Excel 中打开该文件、保存后重新导入。`,
              `"${col.title}" holds the formula ${quoteValue(uncached, 80)} but the file has no calculated value for it (it was not saved by Excel); the cell was not kept, the rest of the row was imported. Open the file in Excel, save it and import again.`,
              "formula_without_value",
            );
          } else setOwn((extra ??= {}), col.title, cellText(plainCell(raw0)));
        }
        continue; // 序号 and other ignored columns: nothing in them matters, not even a formula
      }
      if (col.alternate && (isBlank(raw0) || v[col.field] != null)) {
        if (!isBlank(raw0)) this.alternateDiffers(cells, p, row);
        continue;
      }
      const uncached = formulaWithoutValue(raw0);
      if (uncached !== null) {
        this.issue(
          row,
          col.title,
          "error",
          `「${col.title}」是公式 ${quoteValue(uncached, 80)}，但文件里没有它的计算结果（文件不是由 Excel 保存的），本行未导入。请在 Excel 中打开该文件、保存后重新导入，或把公式换成数值。`,
          `"${col.title}" holds the formula ${quoteValue(uncached, 80)} but the file has no calculated value for it (it was not saved by Excel); row rejected. Open the file in Excel and save it, or replace the formula with its value, and import again.`,
          "formula_without_value",
        );
        continue;
      }
      const raw = plainCell(raw0);
      const def = col.def!;
      const error = errorValue(raw0);
      if (error !== null) {
        this.badCell(row, col, def, error, "error_value", "cell_error");
        continue;
      }
      switch (col.type) {
        case "id":
        case "text": {
          const t = parseText(raw);
          if (t !== null && t.includes("\uFFFD") && this.isKeyColumn(col.index)) {
            this.undecodableKey(row, col.title, t);
            continue;
          }
          v[col.field] =
            t !== null && (col.field === "region" || (col.field === "name" && kind === "regions"))
              ? this.region(t, row, col.title)
              : t;
          if (t !== null && t.length > MAX_CELL_CHARS) this.tooLong(row, col.title, t.length);
          break;
        }
        case "level": {
          const t = parseText(raw);
          if (t === null) v[col.field] = null;
          else {
            const level = parseLevel(t);
            if (level) v[col.field] = level;
            else this.badCell(row, col, def, raw, "level");
          }
          break;
        }
        case "order": {
          const t = parseText(raw);
          if (t === null) v[col.field] = null;
          else {
            const n = Number(t.normalize("NFKC").replace(/,/g, ""));
            if (Number.isFinite(n) && t.trim() !== "") v[col.field] = n;
            else this.badCell(row, col, def, raw, "order");
          }
          break;
        }
        case "date": {
          if (isIsoDay(raw)) {
            v[col.field] = raw;
            if (col.ymdField) v[col.ymdField] = ymdFromIso(raw);
            break;
          }
          const r = parseDate(raw);
          if (r === null) v[col.field] = null;
          else if (r.ok) {
            v[col.field] = r.value;
            if (col.ymdField) v[col.ymdField] = ymdFromIso(r.value);
            if (r.note === "serial_text") {
              this.issue(
                row,
                col.title,
                "warning",
                `「${col.title}」的值 ${quoteValue(raw)} 按 Excel 日期序号读作 ${r.value}。如果不对，请写成 2025-02-19 这样的日期。`,
                `"${col.title}" value ${quoteValue(raw)} was read as an Excel date serial: ${r.value}. If that is wrong, write the date like 2025-02-19.`,
              );
            }
          } else if (r.reason === "phantom") this.badCell(row, col, def, raw, "phantom_date", "date_1900_02_29");
          else if (r.reason === "trailing") this.badCell(row, col, def, raw, "date_trailing", "date_trailing_text");
          else this.badCell(row, col, def, raw, "date");
          break;
        }
        case "amount": {
          const unit = rowUnit && rowUnit !== "个" ? rowUnit : this.moneyUnit(col, cells);
          const fast = fastAmount(raw, unit);
          if (fast === fast) {
            v[col.field] = fast;
            if (col.amountIdx >= 0) {
              this.amountLogs[col.amountIdx].push(fast);
            }
            break;
          }
          const r = parseAmount(raw, unit);
          if (r === null) v[col.field] = null;
          else if (r.ok) {
            v[col.field] = r.value;
            const k = col.amountIdx;
            if (k >= 0) {
              this.amountLogs[k].push(r.value);
            }
            if (r.approximate) {
              this.issue(
                row,
                col.title,
                "warning",
                `「${col.title}」的值 ${quoteValue(raw)} 是约数，按 ${r.value} 亿元导入。`,
                `"${col.title}" value ${quoteValue(raw)} is approximate; imported as ${r.value} (100m CNY).`,
              );
            }
          } else this.badCell(row, col, def, raw, r.reason === "negative" ? "negative" : "amount");
          break;
        }
        case "metric_value":
          if (!valueCol || isBlank(cells[valueCol.index])) valueCol = col;
          break;
        case "year": {
          const r = parseYear(raw);
          if (r === null) v[col.field] = null;
          else if (r.ok) v[col.field] = r.value;
          else this.badCell(row, col, def, raw, "year");
          break;
        }
        case "month": {
          const r = parseMonth(raw);
          if (r === null) v[col.field] = null;
          else if (r.ok) v[col.field] = r.value;
          else this.badCell(row, col, def, raw, "month");
          break;
        }
        case "metric": {
          const r = parseMetric(raw);
          if (r === null) v[col.field] = null;
          else if (r.ok) v[col.field] = r.value;
          else this.badCell(row, col, def, raw, "metric");
          break;
        }
        case "stage": {
          const fast = fastStage(raw);
          if (fast) {
            v[col.field] = fast;
            break;
          }
          const r = parseStage(raw);
          if (r === null) v[col.field] = null;
          else if (r.ok) v[col.field] = r.value;
          else this.badCell(row, col, def, raw, "stage");
          break;
        }
        case "investor_type": {
          const r = parseInvestorType(raw);
          if (r === null) v[col.field] = null;
          else if (r.ok) v[col.field] = r.value;
          else this.badCell(row, col, def, raw, "investor_type");
          break;
        }
        case "boolean": {
          // 省外资金 is a yes/no flag, or (with a money unit in the title, or a number that is not 0/1) the
          // out-of-province part of the row's amount: "其中：省外资金（万元）".
          const moneyCol = col.unit !== null && col.unit !== "个";
          if (!moneyCol) {
            const r = parseBoolean(raw);
            if (r === null) {
              v[col.field] = null;
              break;
            }
            if (r.ok) {
              v[col.field] = r.value;
              break;
            }
          }
          const amountCol = this.plan.find((c) => c.field === "amount");
          const a = parseAmount(
            raw,
            moneyCol || !amountCol ? this.moneyUnit(col, cells) : this.moneyUnit(amountCol, cells),
          );
          if (a === null) v[col.field] = null;
          else if (a.ok) v.out_of_province_amount = a.value;
          else
            this.badCell(row, col, def, raw, moneyCol ? (a.reason === "negative" ? "negative" : "amount") : "boolean");
          break;
        }
        case "status": {
          const r = parseStatus(raw);
          if (r === null) v[col.field] = null;
          else if (r.ok) v[col.field] = r.value;
          else this.badCell(row, col, def, raw, "status");
          break;
        }
        default:
          break;
      }
    }
    if (this.plan.length < cells.length || this.hasUntitled) this.unexpected(cells, row);

    if (valueCol) this.metricValue(v, valueCol, cells, row, rowUnit);

    const out = this.assemble(v, row);
    if (out && extra && this.rowErrors === 0 && this.keepAll)
      this.extras.push({ kind, index: out.index, row, values: extra });
    return out ? true : null;
  }

  /**
   * JSON: a field given under two keys in one object ("项目名称" and "name"). The first is used; when the other says
   * something else, the row is rejected rather than one of the two values dropped without a word.
   */
  private alternateDiffers(cells: readonly Cell[], p: number, row: number): void {
    const col = this.plan[p];
    const text = cellText(plainCell(cells[col.index])).trim();
    for (let q = 0; q < p; q++) {
      const first = this.plan[q];
      if (first.field !== col.field || isBlank(cells[first.index])) continue;
      const firstText = cellText(plainCell(cells[first.index])).trim();
      if (firstText === text) return;
      this.issue(
        row,
        col.title,
        "error",
        `「${first.title}」和「${col.title}」都是${col.def?.label ?? col.field}，但值不同（${quoteValue(firstText)} 与 ${quoteValue(text)}），本项未导入。请只保留一个键，或改正其中一个值。`,
        `"${first.title}" and "${col.title}" both give ${col.def?.label_en ?? col.field} but differ (${quoteValue(firstText)} and ${quoteValue(text)}); item rejected. Keep one key, or correct one of the values.`,
      );
      return;
    }
  }

  /**
   * Cells under a column with no title: never dropped silently, reported once per column, but in one issue per row
   * that first shows data there, the columns given as ranges (a row of 100,000 stray delimiters is one issue, not
   * 100,000: memory must not grow with the delimiters).
   */
  private unexpected(cells: readonly Cell[], row: number): void {
    let fresh: number[] | null = null;
    for (let i = 0; i < cells.length; i++) {
      if ((i < this.plan.length && this.plan[i].title) || this.unexpectedCols.has(i) || isBlank(cells[i])) continue;
      this.unexpectedCols.add(i);
      (fresh ??= []).push(i);
    }
    if (!fresh) return;
    const runs: [number, number][] = [];
    for (const i of fresh) {
      const last = runs[runs.length - 1];
      if (last && last[1] === i - 1) last[1] = i;
      else runs.push([i, i]);
    }
    const SHOWN = 10;
    const spell = (lang: "zh" | "en") =>
      runs
        .slice(0, SHOWN)
        .map(([a, b]) =>
          a === b
            ? lang === "zh"
              ? `第 ${a + 1} 列（${columnLetter(a)} 列）`
              : `column ${a + 1} (${columnLetter(a)})`
            : lang === "zh"
              ? `第 ${a + 1}–${b + 1} 列（${columnLetter(a)}–${columnLetter(b)} 列）`
              : `columns ${a + 1}–${b + 1} (${columnLetter(a)}–${columnLetter(b)})`,
        )
        .join(lang === "zh" ? "、" : ", ");
    const more = runs.length > SHOWN ? runs.slice(SHOWN).reduce((n, [a, b]) => n + b - a + 1, 0) : 0;
    const example = quoteValue(cellText(plainCell(cells[fresh[0]])));
    const n = fresh.length;
    this.issue(
      row,
      null,
      "warning",
      `${spell("zh")}${more ? ` 及另外 ${more} 列` : ""}没有列名，但从第 ${row} 行起有内容（如 ${example}）；${n > 1 ? `这 ${n} 列` : "这一列"}未导入。请给它们加上列名，或删去多余的分隔符。`,
      `${spell("en").replace(/^c/, "C")}${more ? ` and ${more} more columns` : ""} ${n > 1 ? "have" : "has"} no title but ${n > 1 ? "hold" : "holds"} data from row ${row} (e.g. ${example}); not imported. Give ${n > 1 ? "them titles" : "it a title"}, or remove the stray delimiters.`,
    );
  }

  private metricValue(v: ParsedRow, col: ColumnPlan, cells: readonly Cell[], row: number, rowUnit: Unit | null): void {
    const raw = plainCell(cells[col.index]);
    const def = col.def!;
    const metric = v.metric as Metric | null | undefined;
    if (isBlank(raw)) {
      v.value = null;
      return;
    }
    if (!metric) {
      v.value = null;
      return; // the metric's own error rejects the row
    }
    const unit = rowUnit ?? col.unit ?? this.titleUnit;
    if (METRIC_INFO[metric].unit === "count") {
      if (unit && unit !== "个") {
        this.issue(
          row,
          col.title,
          "error",
          `指标“${METRIC_INFO[metric].zh}”是个数，但单位是“${unit}”，本行未导入。请把单位改为“个”，或改正指标。`,
          `Metric "${METRIC_INFO[metric].en}" is a count but the unit is "${unit}"; row rejected. Make the unit 个, or correct the metric.`,
        );
        return;
      }
      const r = parseCount(raw);
      if (r && r.ok) v.value = r.value;
      else this.badCell(row, col, def, raw, r && r.reason === "negative" ? "negative" : "count");
      return;
    }
    if (unit === "个") {
      this.issue(
        row,
        col.title,
        "error",
        `指标“${METRIC_INFO[metric].zh}”是金额，但单位是“个”，本行未导入。请把单位改为亿元、万元或元。`,
        `Metric "${METRIC_INFO[metric].en}" is an amount but the unit is a count; row rejected. Make the unit 亿元, 万元 or 元.`,
      );
      return;
    }
    const r = parseAmount(raw, (unit as MoneyUnit | null) ?? "亿元");
    if (r && r.ok) {
      v.value = r.value;
      if (r.approximate) {
        this.issue(
          row,
          col.title,
          "warning",
          `「${col.title}」的值 ${quoteValue(raw)} 是约数，按 ${r.value} 亿元导入。`,
          `"${col.title}" value ${quoteValue(raw)} is approximate; imported as ${r.value} (100m CNY).`,
        );
      }
    } else this.badCell(row, col, def, raw, r && !r.ok && r.reason === "negative" ? "negative" : "amount");
  }

  /** A cell that cannot be read: an error when the field is required (row rejected), else a warning (left blank). */
  private badCell(row: number, col: ColumnPlan, def: FieldDef, raw: Cell, what: BadKind, code?: IssueCode): void {
    const required = this.isRequired(def.field);
    const [zhWhat, enWhat, zhHow, enHow] = BAD_TEXT[what];
    const q = quoteValue(cellText(raw) || raw);
    if (required) {
      this.issue(
        row,
        col.title,
        "error",
        `「${col.title}」的值 ${q} ${zhWhat}，本行未导入。${zhHow}`,
        `"${col.title}" value ${q} ${enWhat}; row rejected. ${enHow}`,
        code,
      );
    } else {
      const asNo = what === "boolean";
      this.issue(
        row,
        col.title,
        "warning",
        `「${col.title}」的值 ${q} ${zhWhat}，${asNo ? "按“否”处理" : "已留空"}，其余内容照常导入。${zhHow}`,
        `"${col.title}" value ${q} ${enWhat}; ${asNo ? "treated as no" : "left blank"}, the rest of the row was imported. ${enHow}`,
        code,
      );
    }
  }

  /**
   * A region name as the file's data will hold it (src/core/regions.ts is the rule): full-width forms folded (NFKC),
   * case variants unified to the first spelling of the file, each new spelling said once with a warning; a name a
   * SUMIFS criterion cannot match exactly (it reads as a number, date, boolean or error, or is too long) rejects the
   * row. Cached per distinct cell text: a ledger has few regions and many rows.
   */
  private region(text: string, row: number, column: string): string {
    let r = this.regionCache.get(text);
    if (r === undefined) {
      const folded = text.normalize("NFKC");
      const problem = regionProblem(folded);
      const key = regionKey(folded);
      const first = this.regionSpellings.get(key);
      if (first === undefined && !problem) this.regionSpellings.set(key, folded);
      r = {
        value: problem ? text : (first ?? folded),
        problem,
        told: false,
        totalLabel: RESERVED_REGION.test(folded.replace(/[\s\u3000]+/g, "")),
      };
      this.regionCache.set(text, r);
    }
    if (r.totalLabel && (this.kind === "ledger" || this.kind === "funds")) {
      this.issue(
        row,
        column,
        "error",
        `地区名称 ${quoteValue(text)} 是合计行的标签；成绩单用“合计”表示全辖区，这个地区会与合计行混在一起（并取走全辖区的目标），本行未导入。请写成项目所在地区的正式名称（如“西宁市”）；如果这一行本是合计行，请删除它。`,
        `Region ${quoteValue(text)} is a total label; the briefing uses 合计 for the whole jurisdiction, so this region would be mixed up with the total row (and take the jurisdiction's target); row rejected. Write the project's actual region; if the row is a total row, delete it.`,
        "region_total_label",
      );
      return text;
    }
    if (r.problem) {
      const why =
        r.problem === "too_long"
          ? [`超过 ${MAX_CRITERION_CHARS} 个字符`, `is longer than the ${MAX_CRITERION_CHARS} characters`]
          : r.problem === "operator"
            ? ["含有比较符号（< > = |）", "holds a comparison operator (< > = |)"]
            : r.problem === "control"
              ? ["含有换行或控制字符", "holds a line break or a control character"]
              : r.problem === "separator"
                ? ["含有地区路径的分隔符 ›", "holds the region path separator ›"]
                : [
                    "看起来像数字、日期、时间、逻辑值或错误值",
                    "looks like a number, date, time, boolean or error value",
                  ];
      this.issue(
        row,
        column,
        "error",
        `地区名称 ${quoteValue(text)} ${why[0]}，Excel 的 SUMIFS/COUNTIFS 按地区汇总时无法准确匹配它（会当作数值或比较条件，或超出条件长度），成绩单公式与数字会不一致，本行未导入。请写成地区的正式名称（如“西宁市”）。`,
        `Region ${quoteValue(text)} ${why[1]}: Excel's SUMIFS/COUNTIFS cannot match it exactly when summing by region (it reads it as a value or a comparison, or the criterion is too long), so the briefing's formulas would disagree with its numbers; row rejected. Use the region's proper name.`,
        "region_ambiguous",
      );
      return text;
    }
    if (this.opts.hierarchy) {
      const w = this.regionWeights.get(r.value);
      if (w === undefined) {
        this.regionWeights.set(r.value, 1);
        this.regionFirstRow.set(r.value, row);
      } else this.regionWeights.set(r.value, w + 1);
    }
    if (r.value !== text && !r.told) {
      r.told = true;
      this.issue(
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

  /** Whether column i holds what rows are grouped or matched by: the project id, the region (a regions file's name). */
  private isKeyColumn(i: number): boolean {
    const f = this.plan[i]?.field;
    return f === "id" || f === "project" || f === "region" || (f === "name" && this.kind === "regions");
  }

  /**
   * An id or region holding U+FFFD: grouping or matching by it is meaningless (西宁 and 海东 in GBK inside a UTF-8 file
   * both decode to "����"; kept, they would be one region), so the row is rejected, saying which column.
   */
  private undecodableKey(row: number, column: string, text: string): void {
    const enc = this.opts.encodingLabel;
    this.issue(
      row,
      column,
      "error",
      `「${column}」${quoteValue(text)} 含有无法识别的字符（�）${enc ? `（文件按 ${enc} 读取）` : ""}，无法据此区分${column}，本行未导入。请核对原文并改正这一格；如果整个文件的编码不对，请另存为 UTF-8 后重新导入。`,
      `"${column}" ${quoteValue(text)} holds characters that could not be decoded (�)${enc ? ` (the file was read as ${enc})` : ""}, so rows cannot be told apart by it; row rejected. Correct the cell from the original; if the whole file's encoding is wrong, save it as UTF-8 and import again.`,
      "encoding",
    );
  }

  /** Text longer than an Excel cell holds: the load would fail, so the row is rejected here, saying where. */
  private tooLong(row: number, column: string, length: number): void {
    this.issue(
      row,
      column,
      "error",
      `「${column}」有 ${length} 个字符，超过 Excel 单元格最多能存的 ${MAX_CELL_CHARS} 个字符，本行未导入。请缩短这一格（长的说明可另存为文件，在此写文件名）后重新导入。`,
      `"${column}" holds ${length} characters, more than the ${MAX_CELL_CHARS} an Excel cell can hold; row rejected. Shorten it (keep long notes in a file and name the file here) and import again.`,
      "cell_too_long",
    );
  }

  private isRequired(field: string): boolean {
    // A month that is present but wrong rejects a figure: the figure cannot be placed in time.
    if (field === "through_month") return true;
    return requiredFields(this.kind).some((alts) => alts.length === 1 && alts[0] === field);
  }

  private missing(row: number, field: string): void {
    const def = fieldDef(this.kind, field)!;
    this.issue(
      row,
      this.colTitle[field] ?? def.label,
      "error",
      `缺少${def.label}，本行未导入。请填写${def.label}后重新导入。`,
      `${def.label_en} is missing; row rejected. Fill it in and import again.`,
    );
  }

  /** Remember a key; a repeat is reported on this row naming the first (messages built only then). */
  private duplicate(
    row: number,
    key: string,
    column: string | null,
    messages: (first: number) => [string, string],
    severity: "error" | "warning" = "error",
  ): boolean {
    const first = this.seen.get(key);
    if (first === undefined) {
      this.seen.set(key, row);
      return false;
    }
    const [zh, en] = messages(first);
    this.issue(row, column, severity, zh, en);
    return true;
  }

  private composeSource(v: ParsedRow): string | null {
    const parts: string[] = [];
    if (v.source) parts.push(v.source as string);
    const file = v.source_file as string | null | undefined;
    const quote = v.quote as string | null | undefined;
    if (file && quote) parts.push(`${file}：「${quote}」`);
    else if (file) parts.push(file);
    else if (quote) parts.push(`「${quote}」`);
    if (v.basis) {
      const col = this.plan.find((c) => c.field === "basis");
      parts.push(`${col?.title || "推算依据"}：${v.basis as string}`);
    }
    return parts.length > 0 ? parts.join("；") : null;
  }

  /** The composed 来源 of a target or figure, rejected like a cell when it would not fit in one. */
  private sourceOf(v: ParsedRow, row: number): string | null {
    const source = this.composeSource(v);
    if (source !== null && source.length > MAX_CELL_CHARS)
      this.tooLong(row, this.colTitle.source ?? this.colTitle.quote ?? "来源", source.length);
    return source;
  }

  private assemble(v: ParsedRow, row: number): { index: number } | null {
    switch (this.kind) {
      case "ledger":
        return this.assembleLedger(v, row);
      case "funds":
        return this.assembleFunds(v, row);
      case "targets":
        return this.assembleTarget(v, row);
      case "figures":
        return this.assembleFigure(v, row);
      case "regions":
        return this.assembleRegion(v, row);
    }
  }

  /** A row of the regions table; the checks that need the whole table (parents, cycles, aliases) run in finish(). */
  private assembleRegion(v: ParsedRow, row: number): { index: number } | null {
    const name = v.name as string | null;
    if (!name) {
      if (!this.rowHasErrorFor("name", row)) this.missing(row, "name");
      return null;
    }
    if (this.rowErrors > 0) return null;
    const aliases =
      typeof v.aliases === "string"
        ? [
            ...new Set(
              v.aliases
                .split(/[、;；,，\n]+/)
                .map((a) => a.normalize("NFKC").trim())
                .filter((a) => a !== ""),
            ),
          ]
        : [];
    const parent = typeof v.parent === "string" ? v.parent.normalize("NFKC").trim() : null;
    const r: RegionRow = {
      name,
      parent: parent || null,
      level: (v.level as RegionLevel | null | undefined) ?? null,
      aliases,
      order: (v.order as number | null | undefined) ?? null,
      code: (v.code as string | null | undefined) ?? null,
      source: this.sourceOf(v, row),
    };
    if (this.rowErrors > 0) return null;
    this.regionRows.push(r);
    this.regionRowNumbers.push(row);
    this.counts.regions++;
    return { index: this.regionRows.length - 1 };
  }

  /**
   * The regions table as a whole (src/core/region-hierarchy.ts buildHierarchy): names used twice, aliases pointing at
   * two regions, unknown or ambiguous parents, cycles, depth. Rows with errors are taken out and counted as rejected.
   */
  private validateRegions(): void {
    const rows = this.regionRows;
    if (rows.length === 0) return;
    // Without the built-in divisions (divisions undefined) a parent outside the table is not checked: it may be one.
    const { issues, rejected } = buildHierarchy(this.opts.divisions ?? null, rows, (i) => this.regionRowNumbers[i], {
      allowUnknownParents: this.opts.divisions === undefined,
    });
    const codeOf: Record<RegionIssue["code"], IssueCode> = {
      duplicate_name: "region_duplicate",
      same_region: "region_duplicate",
      alias_conflict: "region_alias_conflict",
      unknown_parent: "region_parent",
      ambiguous_parent: "region_parent",
      self_parent: "region_parent",
      parent_rejected: "region_parent",
      cycle: "region_cycle",
      too_deep: "region_depth",
      path_too_long: "region_depth",
      level_order: "region_level",
    };
    for (const i of issues) {
      this.issue(
        this.regionRowNumbers[i.index],
        this.colTitle[i.field] ?? fieldDef("regions", i.field)?.label ?? null,
        i.severity,
        i.message,
        i.message_en,
        codeOf[i.code],
      );
    }
    if (rejected.size === 0) return;
    const keep: number[] = [];
    rows.forEach((_, k) => {
      if (!rejected.has(k)) keep.push(k);
    });
    const newIndex = new Map(keep.map((k, j) => [k, j]));
    const kept = keep.map((k) => rows[k]);
    const keptRows = keep.map((k) => this.regionRowNumbers[k]);
    rows.length = 0;
    rows.push(...kept);
    this.regionRowNumbers.length = 0;
    this.regionRowNumbers.push(...keptRows);
    this.accepted -= rejected.size;
    this.rejected += rejected.size;
    const extras = this.extras
      .filter((e) => e.kind !== "regions" || newIndex.has(e.index))
      .map((e) => (e.kind === "regions" ? { ...e, index: newIndex.get(e.index)! } : e));
    this.extras.length = 0;
    this.extras.push(...extras);
  }

  private assembleLedger(v: ParsedRow, row: number): { index: number } | null {
    const name = v.name as string | null;
    const region = v.region as string | null;
    // Said once: a name or region whose cell was already reported (an error value, a bad region) is not "missing" too.
    if (!name && !this.rowHasErrorFor("name", row)) this.missing(row, "name");
    if (!region && !this.rowHasErrorFor("region", row)) this.missing(row, "region");
    if (!name || !region) return null;
    const signed = (v.signed_date as string | null) ?? null;
    let id = v.id as string | null;
    const idTitle = this.colTitle.id ?? null;
    let derived = false;
    if (!id) {
      id = deriveProjectId(name, region, signed);
      derived = true;
      if (!this.deriveIds) {
        this.issue(
          row,
          idTitle,
          "warning",
          `项目编号为空，已按“项目名称 + 所属地区 + 签约日期”生成编号 ${id}。如需固定编号，请填写项目编号。`,
          `Project ID is blank; generated ${id} from name + region + signed date. Fill in an ID to fix it.`,
        );
      }
    }
    // The hot path of a million-row ledger: no closure, one Map lookup and one insert.
    const first = this.ids.firstOrAdd(derived ? id : normKey(id), row);
    if (first >= 0) {
      if (derived) {
        this.issue(
          row,
          this.colTitle.name ?? null,
          "error",
          `项目名称、所属地区和签约日期都与第 ${first} 行相同（自动编号 ${id}），本行未导入。如果是同一项目，请删除重复行；如果是不同项目，请填写项目编号加以区分。`,
          `Same name, region and signed date as row ${first} (generated ID ${id}); row rejected. Delete the duplicate, or give the projects distinct IDs.`,
        );
      } else {
        this.issue(
          row,
          idTitle,
          "error",
          `项目编号 ${quoteValue(id)} 与第 ${first} 行重复，本行未导入。请改正编号，或删除重复的行。`,
          `Project ID ${quoteValue(id)} duplicates row ${first}; row rejected. Correct the ID or delete the duplicate row.`,
        );
      }
      return null;
    }
    if (this.rowErrors > 0) return null;
    const rec = v as unknown as ProjectRecord;
    rec.id = id;
    rec.signed_date = signed;
    this.counts.ledger++;
    if (this.keepAll) this.records.push(ownStrings(rec));
    else if (this.keepFields) this.records.push(project(rec, this.keepFields));
    return { index: this.counts.ledger - 1 };
  }

  private assembleFunds(v: ParsedRow, row: number): { index: number } | null {
    const project = (v.project as string | null) || (v.project_name as string | null);
    if (!project) {
      const col = this.plan.find((c) => c.field === "project" || c.field === "project_name");
      this.issue(
        row,
        col?.title ?? "项目编号或名称",
        "error",
        "缺少项目编号或项目名称，本行未导入。请填写这笔资金属于哪个项目。",
        "Project ID or name is missing; row rejected. Fill in which project the money belongs to.",
      );
    }
    if (v.date == null && !this.rowHasErrorFor("date", row)) this.missing(row, "date");
    if (v.amount == null && !this.rowHasErrorFor("amount", row)) this.missing(row, "amount");
    const amount = v.amount as number;
    const oop = v.out_of_province_amount as number | undefined;
    let split = 0;
    let flag = (v.out_of_province as boolean | null) ?? false;
    if (oop !== undefined && v.amount != null) {
      const eps = 1e-9 * Math.max(1, amount);
      const oopTitle = this.colTitle.out_of_province ?? null;
      if (oop > amount + eps) {
        this.issue(
          row,
          oopTitle,
          "error",
          `「${oopTitle}」${oop} 亿元大于到位金额 ${amount} 亿元，本行未导入。省外资金是到位金额中的一部分，请改正其中一个数。`,
          `"${oopTitle}" ${oop} (100m CNY) exceeds the amount ${amount}; row rejected. Out-of-province funds are part of the amount; correct one of them.`,
        );
      } else if (oop >= amount - eps) flag = true;
      else if (oop <= 0) flag = false;
      else split = oop;
    }
    if (this.rowErrors > 0 || !project) return null;
    const parts = split > 0 ? splitExactly(amount, split) : null;
    const entry: FundsEntry = {
      project,
      region: (v.region as string | null) ?? null,
      date: v.date as string,
      amount: parts ? parts.outside : amount,
      out_of_province: split > 0 ? true : flag,
      source: (v.source as string | null) ?? null,
    };
    this.duplicate(
      row,
      `f:${normKey(project)}|${entry.date}|${entry.amount}|${entry.out_of_province}`,
      null,
      (first) => [
        `与第 ${first} 行的项目、日期、金额完全相同，可能重复录入；两行都已导入，合计时会算两次。如果确是重复，请删除一行。`,
        `Same project, date and amount as row ${first}: possibly entered twice. Both rows were imported and will both count; delete one if it is a duplicate.`,
      ],
      "warning",
    );
    const index = this.counts.funds;
    this.counts.funds += split > 0 ? 2 : 1;
    if (this.keepNone) return { index };
    this.funds.push(entry);
    // Part from other provinces, part not: two entries that add up to the row's amount.
    if (parts) this.funds.push({ ...entry, amount: parts.inside, out_of_province: false });
    return { index };
  }

  /** Whether a required field already produced an error in this row (so "missing" is not said twice). */
  private rowHasErrorFor(field: string, row: number): boolean {
    const title = this.colTitle[field];
    if (!title || this.rowErrors === 0) return false;
    for (let k = this.issues.length - 1; k >= 0 && this.issues[k].row === row; k--) {
      const i = this.issues[k];
      if (i.severity === "error" && i.column === title) return true;
    }
    return false;
  }

  private requireAll(v: ParsedRow, row: number, fields: string[]): boolean {
    let ok = true;
    for (const f of fields) {
      if (v[f] === null || v[f] === undefined) {
        const said = this.rowHasErrorFor(f, row) || (f === "value" && this.rowHasErrorFor("metric", row));
        if (!said) this.missing(row, f);
        ok = false;
      }
    }
    return ok && this.rowErrors === 0;
  }

  private assembleTarget(v: ParsedRow, row: number): { index: number } | null {
    if (!this.requireAll(v, row, ["year", "region", "metric", "value"])) return null;
    const t: Target = {
      year: v.year as number,
      region: v.region as string,
      metric: v.metric as Metric,
      value: v.value as number,
      source: this.sourceOf(v, row),
    };
    if (this.rowErrors > 0) return null;
    if (
      this.duplicate(row, `t:${t.year}|${regionKey(t.region)}|${t.metric}`, this.colTitle.metric ?? null, (first) => [
        `${t.year} 年「${t.region}」的“${METRIC_INFO[t.metric].zh}”目标已在第 ${first} 行给出，本行未导入。一个地区、一个指标每年只能有一个目标，请删除或改正其中一行。`,
        `The ${t.year} target for "${t.region}" / ${METRIC_INFO[t.metric].en} is already given in row ${first}; row rejected. Keep one target per region, metric and year.`,
      ])
    )
      return null;
    if (this.opts.hierarchy)
      this.keyed.push({
        row,
        index: this.counts.targets,
        kind: "targets",
        region: t.region,
        before: `t:${t.year}|`,
        after: `|${t.metric}`,
        year: t.year,
        metric: t.metric,
      });
    this.counts.targets++;
    if (!this.keepNone) this.targets.push(t);
    return { index: this.counts.targets - 1 };
  }

  private assembleFigure(v: ParsedRow, row: number): { index: number } | null {
    if (!this.requireAll(v, row, ["year", "region", "metric", "value"])) return null;
    const scope = (v.scope as string | null) ?? null;
    let month = v.through_month as number | null | undefined;
    if (month == null) {
      const colTitle = this.colTitle.through_month;
      if (colTitle && this.rowHasErrorFor("through_month", row)) return null;
      if (!scope) {
        const def = fieldDef("figures", "through_month")!;
        this.issue(
          row,
          colTitle ?? def.label,
          "error",
          "缺少截至月份，本行未导入。年内累计数要写明截至几月（一季度为 3，全年为 12）；只有口径不为空的专项数（如某次活动、历届累计）可以不填。",
          "Through-month is missing; row rejected. A year-to-date figure needs the month it runs to (Q1 = 3, full year = 12); only scoped figures (an event, a cumulative total) may leave it blank.",
        );
        return null;
      }
      month = 0; // not a year-to-date figure: see docs/import.md (截至月份留空 → 0)
    }
    const fig: ReportedFigure = {
      year: v.year as number,
      through_month: month,
      region: v.region as string,
      metric: v.metric as Metric,
      value: v.value as number,
      scope,
      source: this.sourceOf(v, row),
    };
    if (this.rowErrors > 0) return null;
    if (v.status) fig.status = v.status as "采用" | "备选";
    const status = fig.status ?? "采用";
    const key = `g:${fig.year}|${fig.through_month}|${regionKey(fig.region)}|${fig.metric}|${normKey(scope ?? "")}|${status}${status === "备选" ? `|${fig.value}` : ""}`;
    if (
      this.duplicate(row, key, this.colTitle.metric ?? null, (first) => [
        `与第 ${first} 行是同一地区、同一时期、同一指标和口径的${status}数，本行未导入。同一口径只能有一个“采用”的数；另一个数请把状态标为“备选”。`,
        `Same region, period, metric and scope as row ${first} (both ${status === "采用" ? "adopted" : "alternative"}); row rejected. Keep one adopted figure per scope and mark the other 备选.`,
      ])
    )
      return null;
    if (this.opts.hierarchy) {
      const before = `g:${fig.year}|${fig.through_month}|`; // the key above, split around the region
      this.keyed.push({
        row,
        index: this.counts.figures,
        kind: "figures",
        region: fig.region,
        before,
        after: key.slice(before.length + regionKey(fig.region).length),
        year: fig.year,
        metric: fig.metric,
        month: fig.through_month,
      });
    }
    this.counts.figures++;
    if (!this.keepNone) this.figures.push(fig);
    return { index: this.counts.figures - 1 };
  }

  /**
   * Targets and figures that name one region two ways (西宁 and 西宁市) are duplicates too: the later row is taken
   * out and counted as rejected, with an error at its row (duplicatesAfterResolution, ./regions.ts).
   */
  private rejectResolvedDuplicates(rename: ReadonlyMap<string, string>, column: string): void {
    const { rejected, issues } = duplicatesAfterResolution(this.keyed, rename, column, this.file);
    if (rejected.length === 0) return;
    for (const i of issues) this.issues.push(i);
    for (const kind of ["targets", "figures"] as const) {
      const gone = new Set(rejected.filter((r) => r.kind === kind).map((r) => r.index));
      if (gone.size === 0) continue;
      const list: unknown[] = this[kind];
      if (!this.keepNone) {
        const kept = list.filter((_, i) => !gone.has(i));
        list.length = 0;
        list.push(...kept);
      }
      // Extras (columns of the user's) follow their rows to the new indexes.
      const shift = (index: number) => {
        let n = 0;
        for (const g of gone) if (g < index) n++;
        return index - n;
      };
      const extras = this.extras
        .filter((e) => e.kind !== kind || !gone.has(e.index))
        .map((e) => (e.kind === kind ? { ...e, index: shift(e.index) } : e));
      this.extras.length = 0;
      this.extras.push(...extras);
      this.counts[kind] -= gone.size;
    }
    this.accepted -= rejected.length;
    this.rejected += rejected.length;
  }

  /** Close the table: the result, or an ImportError when no header was ever found. */
  finish(): ImportResult {
    if (this.seeking) {
      if (this.seekCount === 0) {
        throw new ImportError("EMPTY", `「${this.file}」是空的，没有任何内容。`, `"${this.file}" is empty.`);
      }
      this.noHeader();
    }
    if (this.kind === "regions") this.validateRegions();
    else if (this.opts.hierarchy) {
      // Names resolved to canonical regions; ledger records and funds entries get their 地区路径 (./regions.ts).
      const data = { records: this.records, funds: this.funds, targets: this.targets, figures: this.figures };
      const column = this.colTitle.region ?? "所属地区";
      const { issues, rename } = applyRegionResolution(
        this.opts.hierarchy,
        this.regionWeights,
        this.regionFirstRow,
        data,
        column,
        this.file,
      );
      for (const i of issues) this.issues.push(i);
      this.rejectResolvedDuplicates(rename, column);
    }
    const result: ImportResult = {
      kind: this.kind,
      records: this.records,
      funds: this.funds,
      targets: this.targets,
      figures: this.figures,
      regions: this.regionRows,
      issues: this.issues,
      summary: { rows: this.rows, accepted: this.accepted, rejected: this.rejected, skipped: this.skipped },
      mapping: this.mapping,
      headers: this.headers,
      counts: { ...this.counts },
    };
    if (this.extras.length > 0) result.extras = this.extras;
    return result;
  }
}

type BadKind =
  | "error_value"
  | "date_trailing"
  | "date"
  | "phantom_date"
  | "amount"
  | "negative"
  | "count"
  | "year"
  | "month"
  | "metric"
  | "stage"
  | "investor_type"
  | "boolean"
  | "status"
  | "level"
  | "order";

const BAD_TEXT: Record<BadKind, [string, string, string, string]> = {
  error_value: [
    "是 Excel 的错误值，不是数据",
    "is an Excel error value, not data",
    "请在 Excel 中改正产生错误的公式（或填写实际的值）后重新导入。",
    "Correct the formula that gives the error in Excel (or enter the actual value) and import again.",
  ],
  date_trailing: [
    "在日期后面还有其他文字，不能确定是哪一天",
    "has other text after the date, so which day it means is not certain",
    "请只写一个日期，如 2025-03-31；说明文字请写在备注里。",
    "Write one date only, e.g. 2025-03-31; put remarks in 备注 (notes).",
  ],
  date: [
    "不是可识别的日期",
    "is not a date",
    "请写成 2025-02-19、2025/2/19、2025年2月19日，或只写月份 2025年2月。",
    "Write it like 2025-02-19, 2025/2/19, 2025年2月19日, or the month only: 2025年2月.",
  ],
  phantom_date: [
    "是 Excel 日期序号 60，即并不存在的 1900年2月29日（Excel 沿用 Lotus 1-2-3 的闰年错误，把 1900 年当作闰年）",
    "is Excel date serial 60, the nonexistent 29 February 1900 (Excel keeps Lotus 1-2-3's leap-year bug and counts 1900 as a leap year)",
    "请改成真实的日期。",
    "Enter a real date.",
  ],
  amount: [
    "不是金额",
    "is not an amount",
    "请填写数字，如 3500、3500万元 或 0.35亿元（列名中可注明单位，如“签约金额（万元）”）。",
    "Enter a number such as 3500, 3500万元 or 0.35亿元 (the column title may give the unit, e.g. 签约金额（万元）).",
  ],
  negative: [
    "是负数，金额不能为负",
    "is negative; amounts cannot be negative",
    "请填写实际金额；如要冲减，请改正原记录。",
    "Enter the actual amount; to reverse an entry, correct the original row.",
  ],
  count: ["不是个数", "is not a count", "请填写不小于 0 的整数，如 23 或 23个。", "Enter a whole number ≥ 0, e.g. 23."],
  year: ["不是年份", "is not a year", "请填写四位年份，如 2025。", "Enter a four-digit year, e.g. 2025."],
  month: [
    "不是月份",
    "is not a month",
    "请填写 1-12 的数字，如 3（一季度）、6（上半年）、12（全年）。",
    "Enter 1-12, e.g. 3 (Q1), 6 (H1), 12 (full year).",
  ],
  metric: [
    "不是可识别的指标",
    "is not a known metric",
    "可用：签约项目数、签约金额、到位资金、省外到位资金、开工项目数。",
    "Use one of: 签约项目数, 签约金额, 到位资金, 省外到位资金, 开工项目数.",
  ],
  stage: [
    "不是可识别的项目阶段",
    "is not a known stage",
    "可用：在谈、签约、开工、投产（也可写 洽谈、已签约、已开工、竣工投产 等）。",
    "Use 在谈 (negotiating), 签约 (signed), 开工 (started) or 投产 (in production), or a synonym such as 洽谈, 已签约, 已开工, 竣工投产.",
  ],
  investor_type: [
    "不是可识别的企业类型",
    "is not a known investor type",
    "可用：世界500强、中国500强、央企、民营500强、上市公司、其他。",
    "Use 世界500强, 中国500强, 央企, 民营500强, 上市公司 or 其他.",
  ],
  boolean: [
    "不是“是/否”",
    "is not yes/no",
    "请填写 是 或 否（也可写 Y/N、省外/省内）。",
    "Write 是 or 否 (or Y/N, 省外/省内).",
  ],
  status: [
    "不是可识别的状态",
    "is not a known status",
    "请填写 采用 或 备选。",
    "Write 采用 (adopted) or 备选 (alternative).",
  ],
  level: [
    "不是可识别的级别",
    "is not a known level",
    "可用：省、市州、县区、园区（也可写 市、州、县、区、开发区）。",
    "Use 省 (province), 市州 (prefecture), 县区 (county) or 园区 (zone or park).",
  ],
  order: ["不是数字", "is not a number", "排序请填写数字，如 1、2、3。", "Write a number such as 1, 2, 3."],
};

/**
 * The amounts of one column in row order, summed exactly only when a total row asks (most files have none): a row
 * costs one store into a typed array instead of two exact additions. The grand sum is kept between total rows and
 * extended by the amounts since, and a subtotal sums its own group once, so any number of total rows costs one
 * exact addition per amount in all.
 */
class AmountLog {
  private values = new Float64Array(1024);
  private length = 0;
  private readonly grand = new ExactSum();
  private grandUpTo = 0;
  private groupStart = 0;

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }

  /** Exact sum of every amount so far. */
  grandSum(): number {
    while (this.grandUpTo < this.length) this.grand.add(this.values[this.grandUpTo++]);
    return this.grand.value();
  }

  /** Exact sum of the amounts since the last subtotal. */
  groupSum(): number {
    const sum = new ExactSum();
    for (let i = this.groupStart; i < this.length; i++) sum.add(this.values[i]);
    return sum.value();
  }

  /** A subtotal closes the group: the next starts after it. */
  newGroup(): void {
    this.groupStart = this.length;
  }
}

/** An empty ledger record with every field present, in the model's order (one hidden class for all rows). */
function newLedgerRecord(): ProjectRecord {
  return {
    id: "",
    name: "",
    region: "",
    park: null,
    industry: null,
    investor: null,
    investor_type: null,
    investor_origin: null,
    stage: null,
    signed_date: null,
    started_date: null,
    signed_amount: null,
    planned_investment: null,
    notes: null,
    source: null,
    signed_ymd: null,
    started_ymd: null,
  };
}

/** The record field holding each ledger date as a number. */
const YMD_FIELDS: Record<string, string> = { signed_date: "signed_ymd", started_date: "started_ymd" };

/**
 * V8 keeps a substring of 13 characters or more as a view into the string it was cut from (a "sliced string"), and
 * papaparse cuts cells out of the 128 KiB chunk of text it parses: one project name kept from a chunk keeps the whole
 * chunk alive, so a million kept records held the whole file's text (about 190 bytes a record on bench/ledger-data.ts).
 * A kept long string is copied on its own; a shorter one is a copy already.
 */
function ownString(x: unknown): unknown {
  // Concatenation then slice flattens into a string of its own length + 1: the chunk is no longer referenced.
  return typeof x === "string" && x.length >= 13 ? (" " + x).slice(1) : x;
}

/** The ledger record fields that hold text of the file (the others are numbers, null or shared constants). */
const LEDGER_TEXT_FIELDS = [
  "id",
  "name",
  "park",
  "industry",
  "investor",
  "investor_origin",
  "notes",
  "source",
] as const;

/** The record with its long strings copied out of the parsed text (see ownString). */
function ownStrings(rec: ProjectRecord): ProjectRecord {
  const r = rec as unknown as Record<string, unknown>;
  for (let i = 0; i < LEDGER_TEXT_FIELDS.length; i++) {
    const f = LEDGER_TEXT_FIELDS[i];
    const x = r[f];
    if (typeof x === "string" && x.length >= 13) r[f] = ownString(x);
  }
  return rec;
}

/** A record with only `fields` (ImportOptions.keep), built in one order so that all share one shape. */
function project(rec: ProjectRecord, fields: readonly string[]): ProjectRecord {
  const src = rec as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (let i = 0; i < fields.length; i++) out[fields[i]] = ownString(src[fields[i]]);
  return out as unknown as ProjectRecord;
}

export { columnLetters as columnLetter } from "../core/a1";
import { columnLetters as columnLetter } from "../core/a1";

/** An empty result (an empty JSON array, a header-only file handled elsewhere). */
export function emptyResult(kind: DatasetKind): ImportResult {
  return {
    kind,
    records: [],
    funds: [],
    targets: [],
    figures: [],
    regions: [],
    issues: [],
    summary: { rows: 0, accepted: 0, rejected: 0, skipped: 0 },
    mapping: {},
    headers: [],
    counts: { ledger: 0, funds: 0, targets: 0, figures: 0, regions: 0 },
  };
}

/** How many records (entries, targets, figures) of a kind a result accepted, kept or not. */
export function resultCount(r: ImportResult, kind: DatasetKind): number {
  if (r.counts) return r.counts[kind];
  return kind === "regions"
    ? (r.regions?.length ?? 0)
    : kind === "ledger"
      ? r.records.length
      : kind === "funds"
        ? r.funds.length
        : kind === "targets"
          ? r.targets.length
          : r.figures.length;
}

/** Merge results of several tables (a JSON bundle): arrays and issues concatenated, summaries added. */
export function mergeResults(parts: ImportResult[]): ImportResult {
  if (parts.length === 1) return parts[0];
  const out = emptyResult(parts[0]?.kind ?? "ledger");
  for (const p of parts) {
    const base = { ...out.counts! };
    out.records.push(...p.records);
    out.funds.push(...p.funds);
    out.targets.push(...p.targets);
    out.figures.push(...p.figures);
    (out.regions ??= []).push(...(p.regions ?? []));
    out.issues.push(...p.issues);
    out.summary.rows += p.summary.rows;
    out.summary.accepted += p.summary.accepted;
    out.summary.rejected += p.summary.rejected;
    out.summary.skipped = (out.summary.skipped ?? 0) + (p.summary.skipped ?? 0);
    for (const k of KINDS) out.counts![k] += resultCount(p, k);
    for (const [k, val] of Object.entries(p.mapping))
      if (!Object.prototype.hasOwnProperty.call(out.mapping, k)) setOwn(out.mapping, k, val);
    for (const h of p.headers) if (!out.headers.includes(h)) out.headers.push(h);
    if (p.extras) {
      out.extras ??= [];
      for (const e of p.extras) out.extras.push({ ...e, index: e.index + base[e.kind] });
    }
  }
  return out;
}
