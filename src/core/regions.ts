/**
 * THE rule for when two region names are the same region, shared by the importer (duplicate targets and figures,
 * folding spellings within a file), the briefing builder (grouping across ledger, funds, targets and figures) and
 * the sheet formulas (SUMIFS/COUNTIFS criteria), so the workbook and the JSON can never count a region differently.
 *
 * Excel's SUMIFS/COUNTIFS compare text case-insensitively (Microsoft's function reference: criteria "are not case
 * sensitive"), treat * ? ~ as wildcards and a leading < > = as an operator, and read a criterion that looks like a
 * number, date, time, boolean or error as that value (so "0012" also matches 12, and text "12"). Hence:
 * - regionKey folds case and width (NFKC): names that differ only so are one region everywhere. The importer folds
 *   width in the data itself (Excel's folding of full-width forms is not documented; after the import none remain),
 *   and unifies case variants of a file to its first spelling, with a warning;
 * - regionCriterion builds a criterion that matches the name exactly (up to case): ~ before every wildcard;
 * - regionProblem names what no criterion can match exactly in every engine: a name Excel reads as a number, date,
 *   time, boolean or error; a name holding a comparison operator (< > =: Excel reads one at the start as the
 *   criterion's operator; HyperFormula refuses "=<>" and "==x" as incorrect criteria and misreads "西<>宁" and "西宁>"
 *   even inside, and neither case is documented; HyperFormula also takes | for "or"), or a line break or control
 *   character (HyperFormula matches no cell);
 *   a name whose criterion exceeds the 255 characters Excel's criteria allow; a name holding the path separator ›
 *   (below). The importer rejects such rows.
 * - regionPathText is the text of the 地区路径 column the data sheets carry (each canonical name from the top-level
 *   region down, each followed by ›: "青海省›西宁市›西宁开发区›"), so that ONE criterion matches a region and all its
 *   descendants: "青海省›西宁市›*" (pathCriterion), exactly, since no name holds the separator; and "青海省›西宁市›" alone
 *   matches the records of 西宁市 itself. See src/core/region-hierarchy.ts for the hierarchy.
 */

/** The comparison key of a region name: NFKC (full width → half width), lower case; every space counts, as in Excel. */
export function regionKey(name: string): string {
  return name.normalize("NFKC").toLowerCase();
}

/** Longest criterion Excel's SUMIFS/COUNTIFS match correctly ("=" and ~ escapes included). */
export const MAX_CRITERION_CHARS = 255;

const WILDCARD = /[~*?]/;
/** A comparison operator anywhere, full width included (NFKC folds ＜ ＞ ＝); and |, which HyperFormula reads as "or". */
const OPERATOR = /[<>=|]/;
const CONTROL = /[\p{Cc}\u0085\u2028\u2029]/u;

/** The criterion text that matches exactly this name (up to case) in SUMIFS/COUNTIFS: ~ before * ? ~. */
export function criterionText(name: string): string {
  return WILDCARD.test(name) ? name.replace(/[~*?]/g, (c) => `~${c}`) : name;
}

/**
 * A formula expression for the criterion of the region in `cellRef`: the cell itself when the name holds no wildcard
 * (the usual case, short formulas), else SUBSTITUTE(…) putting ~ before each * ? ~ of the cell's text.
 */
export function regionCriterion(cellRef: string, name: string): string {
  if (!WILDCARD.test(name)) return cellRef;
  return `SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(${cellRef},"~","~~"),"*","~*"),"?","~?")`;
}

const ERROR_LITERAL =
  /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|PYTHON!|EXTERNAL!)$/i;
const MONTH_WORDS =
  /jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?|am|pm/gi;
/** What numbers, dates, times, currency and percentages are written with, besides digits. */
const NUMERIC_VOCABULARY = /[\s.,:/\-+()%$¥€£年月日号时分秒点eE]/gu;

export type RegionProblem = "value_like" | "operator" | "control" | "too_long" | "separator";

/**
 * Separates the names of a 地区路径 (region path). A name may not hold it (regionProblem), which is what makes a path
 * prefix match exactly one subtree. U+203A: printable in every font Excel uses, unchanged by NFKC, never typed in a
 * place name, and no operator or wildcard in any engine.
 */
export const REGION_PATH_SEPARATOR = "\u203A";

/** The 地区路径 text of a region: its canonical names from the top down, each followed by the separator. */
export function regionPathText(names: readonly string[]): string {
  return names.length === 0 ? "" : names.join(REGION_PATH_SEPARATOR) + REGION_PATH_SEPARATOR;
}

/**
 * The criterion text (for SUMIFS/COUNTIFS over the 地区路径 column) matching a region's records: with `subtree`, the
 * region and everything beneath it (path + "*"); without, the region's own records only. Wildcards in names escaped.
 */
export function pathCriterion(pathText: string, subtree: boolean): string {
  return criterionText(pathText) + (subtree ? "*" : "");
}

/** Why a region name cannot be matched exactly by a criterion, or null when it can. */
export function regionProblem(name: string): RegionProblem | null {
  const t = name.normalize("NFKC").trim();
  if (OPERATOR.test(t)) return "operator";
  if (t.includes(REGION_PATH_SEPARATOR)) return "separator";
  if (CONTROL.test(name)) return "control";
  if (/^(true|false)$/i.test(t) || ERROR_LITERAL.test(t)) return "value_like";
  if (/\p{N}/u.test(t)) {
    // Nothing but digits and the words and signs numbers, dates and times are written with: Excel may read a value.
    const rest = t.replace(MONTH_WORDS, "").replace(NUMERIC_VOCABULARY, "").replace(/\p{N}/gu, "");
    if (rest === "") return "value_like";
  }
  if (criterionText(name).length > MAX_CRITERION_CHARS) return "too_long";
  return null;
}
