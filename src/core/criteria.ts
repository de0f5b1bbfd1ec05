/**
 * One SUMIFS criterion compiled into a predicate over cells (compileCriterion): numbers, text with wildcards,
 * comparison operators, logical values, blanks, and dates written the ways ledgers write them. The rules, and where
 * they differ from Excel on purpose, are in the comment on {@link CriterionOptions}.
 */
import { coerceDate, parseDateText, toExcelSerial, workbookSerialDate } from "./dates";
import { Cell, isBlank, isErrorCell, numberFromText } from "./cell-values";
import { wildcardMatcher } from "./wildcard";

export type Matcher = (v: Cell) => boolean;

const fold = (s: string) => s.toLowerCase();

/* ───────────────────────── dates in criteria ───────────────────────── */

/**
 * The days a date operand spans, as 1900-system serials [first, last]: one day for "2025-03-15", the whole month for
 * "2025-03" / "2025年3月" (so ">=2025-01" is from January 1, "<2025-02" before February 1, "=2025-01" within January).
 * Text that reads as a number ("2025.5", "45717") is a number, never a date. Null when the operand is not a date.
 */
function dateOperand(text: string): [number, number] | null {
  if (numberFromText(text) !== null) return null;
  const d = parseDateText(text);
  if (!d) return null;
  const first = toExcelSerial(d.date);
  if (!d.monthOnly) return [first, first];
  return [first, toExcelSerial(coerceDate(text)!)];
}

/** Could this text be a date? Date text starts with a digit (full width too): skips the parse for region names. */
const MAY_BE_DATE = /^\s*[0-9\uFF10-\uFF19]/;

/**
 * The day a text cell names, as a 1900-system serial: date text (month precision: the month's last day, as in the dates
 * argument), but not numeric text (a number, as in the operand). Null for any other text.
 */
function textDay(v: string): number | null {
  if (!MAY_BE_DATE.test(v) || numberFromText(v) !== null) return null;
  const d = coerceDate(v);
  return d ? toExcelSerial(d) : null;
}

/**
 * The day a cell holds, as a 1900-system serial: a number that is a date serial of the workbook (its whole day;
 * `offset` turns it into the 1900 system; 0 is blank when `zeroIsBlank`), or date text ({@link textDay}).
 */
function cellDay(v: Cell, offset: number, zeroIsBlank: boolean): number | null {
  if (typeof v === "number") {
    if (zeroIsBlank && v === 0) return null;
    const d = workbookSerialDate(v, offset);
    return d ? Math.floor(v) + offset : null;
  }
  return typeof v === "string" ? textDay(v) : null;
}

function blankOrZero(v: Cell): boolean {
  return isBlank(v) || v === 0;
}

/**
 * Compile one SUMIFS criterion into a predicate over cells.
 *
 * As in Excel: a number or numeric text matches equal numbers (and text that reads as that number); text matches
 * text case-insensitively with wildcards * ? and ~; operators = <> < <= > >= prefix a number, date or text; "<>x"
 * also matches blanks; "=" or "" matches blanks only, "<>" non-blanks only; TRUE/FALSE match logical values; error
 * cells never match. Ordering operators with a number compare numbers only; with text, compare text only (code-point
 * order, case-insensitive).
 *
 * Dates (deliberate differences from Excel, decided here once; docs/functions.md "PERIOD_SUM / PERIOD_COUNT in detail"):
 * - an operand written as a date ("2025-01-01", "2025/1/1", "2025年1月1日") compares as a date, by whole days, with
 *   date serials of the workbook AND with date text (ledgers imported from CSV often keep dates as text, and Excel
 *   would silently match none of them); a time of day in a cell does not count ("=2025-03-15" matches 15 March 18:00);
 * - an operand written to the month ("2025-01", "2025年1月") stands for the whole month: "=" within it, ">=" from its
 *   first day, "<" before its first day, ">" after its last day, "<=" up to its last day;
 * - a numeric operand (45717, "=45717", ">="&DATE(2025,3,1), a date cell as the criterion) compares numbers as Excel
 *   does, and date text in the range by its serial in the workbook's date system: the same criterion counts the same
 *   rows whether the ledger holds dates or date text;
 * - text that reads as a number ("2025.5") is a number, in the operand and in the cells, never a date;
 * - full-width digits in operands are read as digits.
 */
export interface CriterionOptions {
  /** As PeriodAggregateRequest.dateSerialOffset (./period-aggregate.ts): added to cell serials before comparing them with dates. */
  dateSerialOffset?: number;
  /**
   * Treat a blank cell and 0 as the same value, in the criterion and in the cells tested. Excel desktop passes blank
   * cells to custom functions as 0 (OfficeDev/office-js#4702, #1951, #5262) while Excel on the web passes null, so a
   * custom function can only behave the same everywhere by not telling them apart: "", "=", 0, "=0" and a blank
   * criterion match blank cells and cells holding 0; "<>" and "<>0" match neither; a blank counts as 0 in numeric
   * comparisons ("<5", ">=0"); 0 is never a date.
   */
  zeroIsBlank?: boolean;
}

type Compare = (x: number) => boolean;
const COMPARE: ReadonlyMap<string, Compare> = new Map<string, Compare>([
  ["<", (x) => x < 0],
  ["<=", (x) => x <= 0],
  [">", (x) => x > 0],
  [">=", (x) => x >= 0],
]);

export function compileCriterion(criterion: Cell, options: CriterionOptions = {}): Matcher {
  const zeroIsBlank = options.zeroIsBlank === true;
  const offset = options.dateSerialOffset ?? 0;
  const blank = zeroIsBlank ? blankOrZero : isBlank;
  if (isBlank(criterion) || (zeroIsBlank && criterion === 0)) return blank;
  if (typeof criterion === "number") return Number.isFinite(criterion) ? equalsNumber(criterion, offset) : () => false;
  if (typeof criterion === "boolean") return equalsBoolean(criterion);
  if (typeof criterion !== "string") return () => false;
  const m = /^(<=|>=|<>|=|<|>)?([\s\S]*)$/.exec(criterion)!;
  const op = m[1] ?? "=";
  const operand = m[2];
  if (op === "=" || op === "<>") {
    const eq = equalityMatcher(operand, zeroIsBlank, offset);
    return op === "=" ? eq : (v) => !isErrorCell(v) && !eq(v);
  }
  const cmp = COMPARE.get(op)!;
  const n = numberFromText(operand);
  if (n !== null) {
    return (v) => {
      if (typeof v === "number") return cmp(v - n);
      if (typeof v === "string") {
        const d = textDay(v);
        return d !== null && cmp(d - offset - n);
      }
      return zeroIsBlank && (v === null || v === undefined) && cmp(-n);
    };
  }
  const span = dateOperand(operand);
  if (span !== null) {
    // < and >= meet the span's first day, <= and > its last (one day for a full date).
    const bound = op === "<" || op === ">=" ? span[0] : span[1];
    return (v) => {
      const d = cellDay(v, offset, zeroIsBlank);
      return d !== null && cmp(d - bound);
    };
  }
  if (operand === "") return () => false;
  const o = fold(operand);
  return (v) => typeof v === "string" && v !== "" && cmp(fold(v) < o ? -1 : fold(v) > o ? 1 : 0);
}

/** Equal to the number `n`: numbers, numeric text, and date text whose serial in the workbook's system is `n`. */
function equalsNumber(n: number, offset: number): Matcher {
  return (v) => {
    if (typeof v === "number") return v === n;
    if (typeof v !== "string") return false;
    if (numberFromText(v) === n) return true;
    const d = textDay(v);
    return d !== null && d - offset === n;
  };
}

function equalsBoolean(b: boolean): Matcher {
  const text = b ? "true" : "false";
  return (v) => v === b || (typeof v === "string" && fold(v.trim()) === text);
}

function equalityMatcher(operand: string, zeroIsBlank: boolean, offset: number): Matcher {
  if (operand === "") return zeroIsBlank ? blankOrZero : isBlank;
  const n = numberFromText(operand);
  if (n !== null) {
    const eq = equalsNumber(n, offset);
    return zeroIsBlank && n === 0 ? (v) => isBlank(v) || eq(v) : eq;
  }
  const span = dateOperand(operand);
  if (span !== null) {
    const [first, last] = span;
    return (v) => {
      const d = cellDay(v, offset, zeroIsBlank);
      return d !== null && d >= first && d <= last;
    };
  }
  const upper = operand.trim().toUpperCase();
  if (upper === "TRUE" || upper === "FALSE") return equalsBoolean(upper === "TRUE");
  if (/[*?~]/.test(operand)) {
    const match = wildcardMatcher(operand);
    return (v) => typeof v === "string" && match(v);
  }
  const o = fold(operand);
  return (v) => typeof v === "string" && fold(v) === o;
}
