/**
 * SUMIFS / COUNTIFS that understand reporting periods: the single definition behind INVEST.PERIOD_SUM and
 * INVEST.PERIOD_COUNT (and anything else that totals a ledger by period).
 *
 * One pass over the rows: each row's date is reduced to a month, the criteria are tested once per row, and the
 * row is added to a (criteria combination × month) bucket. Each requested period then sums its months' buckets,
 * so asking for 4 quarters × 9 regions costs one pass, not 36.
 *
 * Criteria follow Excel's SUMIFS (see {@link compileCriterion}); the differences are deliberate and documented
 * there. Pure TypeScript: error values of the host (Excel's CustomFunctions.Error, HyperFormula's CellError, plain
 * {code} objects) are recognised as "any non-null object" and passed through untouched.
 */
import {
  CalendarDate,
  coerceDate,
  foldWidth,
  fromExcelSerial,
  MAX_YEAR,
  MIN_YEAR,
  parseDateText,
  toExcelSerial,
  workbookSerialDate,
} from "./dates";
import { fitsExcel } from "./metrics";
import { parsePeriod, Period } from "./period";

export type Cell = unknown;
export type CellGrid = readonly (readonly Cell[])[];

/** Any object in a cell is an error value of the host (strings, numbers, booleans and blanks are values). */
export function isErrorCell(v: Cell): boolean {
  return v !== null && typeof v === "object";
}

function isBlank(v: Cell): boolean {
  return v === null || v === undefined || v === "";
}

/** Numeric text: optional sign; digits, grouped by thousands only in groups of three (1,234,567); decimals; exponent. */
const NUMERIC_TEXT = /^[+-]?(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

/**
 * A number written as text — the ONE rule for numeric text in the functions (arguments, amounts, criteria): optional
 * sign, thousands separators in groups of three ("1,234.5"; "1,5" and "1,0,0" are not numbers), decimals, an exponent
 * and a trailing %; full-width digits and punctuation are folded (foldWidth: "１，０００", "１２％"). Null when the text is
 * not a number, or its value is not finite.
 */
export function numberFromText(text: string): number | null {
  if (typeof text !== "string" || text.length > 400) return null;
  const t = foldWidth(text).trim();
  const pct = t.endsWith("%");
  const body = pct ? t.slice(0, -1) : t;
  if (!NUMERIC_TEXT.test(body)) return null;
  const n = Number(body.replace(/,/g, ""));
  if (!Number.isFinite(n)) return null;
  return pct ? n / 100 : n;
}

/**
 * A ledger date: an Excel serial (1900 system) or date text — ISO "2025-02-19", month precision "2025-02" (the month's
 * last day), "2025/2/19", "2025.02.19", "2025年2月19日", "2025年2月", full width too. The single reader is
 * src/core/dates.ts (coerceDate); this name stays for the callers that read ledgers. Null when it is none of them.
 */
export function coerceLedgerDate(value: Cell): CalendarDate | null {
  return coerceDate(value);
}

/** A period from a cell: a period code or Chinese form, or a year written as a number (2025); years 1900–9999. */
export function periodFromCell(value: Cell): Period | null {
  if (typeof value === "number")
    return Number.isInteger(value) && value >= MIN_YEAR && value <= MAX_YEAR ? parsePeriod(String(value)) : null;
  if (typeof value !== "string") return null;
  return parsePeriod(value);
}

export type Matcher = (v: Cell) => boolean;

/* ───────────────────────── wildcards ───────────────────────── */

const LITERAL = 0;
const ONE = 1;
const ANY = 2;

/** Code points of a string, or the string itself when it has no surrogate pair (indexing it is then the same). */
function chars(s: string): ArrayLike<string> {
  return /[\uD800-\uDFFF]/.test(s) ? Array.from(s) : s;
}

/**
 * SUMIFS wildcards, matched without building a regular expression from the user's text: `*` any run, `?` one
 * character, and `~` escapes the character after it — `~*`, `~?`, `~~` are a literal * ? ~, and, as in Excel (and
 * HyperFormula), `~x` is a plain x; a trailing `~` is a literal tilde. Case-insensitive. The classic two-pointer
 * matcher with star backtracking: time O(pattern × text) whatever the pattern ("*a*a*a*b" cannot blow up).
 */
export function wildcardMatcher(pattern: string): (text: string) => boolean {
  const p = chars(pattern.toLowerCase());
  const kinds: number[] = [];
  const lits: string[] = [];
  for (let i = 0; i < p.length; i++) {
    const ch = p[i];
    if (ch === "~" && i + 1 < p.length) {
      kinds.push(LITERAL);
      lits.push(p[++i]);
    } else if (ch === "*") {
      if (kinds[kinds.length - 1] !== ANY) {
        kinds.push(ANY);
        lits.push("");
      } // ** is *
    } else if (ch === "?") {
      kinds.push(ONE);
      lits.push("");
    } else {
      kinds.push(LITERAL);
      lits.push(ch);
    }
  }
  const n = kinds.length;
  return (text: string) => {
    const s = chars(text.toLowerCase());
    let t = 0;
    let i = 0;
    let starT = -1;
    let starI = 0;
    while (i < s.length) {
      if (t < n && kinds[t] !== ANY && (kinds[t] === ONE || lits[t] === s[i])) {
        t++;
        i++;
      } else if (t < n && kinds[t] === ANY) {
        starT = t++;
        starI = i;
      } else if (starT >= 0) {
        t = starT + 1;
        i = ++starI;
      } else return false;
    }
    while (t < n && kinds[t] === ANY) t++;
    return t === n;
  };
}

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
  /** As {@link PeriodAggregateRequest.dateSerialOffset}: added to cell serials before comparing them with dates. */
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

export interface CriteriaPair {
  /** The range tested, the same size as the dates. */
  range: CellGrid;
  /** The criterion: one cell, or a range of criteria (one result per criterion, spilled). */
  criterion: CellGrid;
}

export interface PeriodAggregateRequest {
  /** Amounts to sum; omitted (null) to count rows. Same size as `dates`. */
  values: CellGrid | null;
  /** The date of each row. */
  dates: CellGrid;
  /** One period, or a range of periods (one result per period, spilled). */
  periods: CellGrid;
  criteria: CriteriaPair[];
  /**
   * Days to add to a date serial of the cells to get the 1900-system serial counted here: 1462 for a workbook in
   * the 1904 date system (its serial 0 is 1904-01-01), else 0 (the default).
   */
  dateSerialOffset?: number;
  /**
   * The host cannot tell a blank cell from 0 (Excel desktop passes blank cells to custom functions as 0), so in the
   * criteria ranges a 0 counts as blank and a blank as 0: see {@link CriterionOptions.zeroIsBlank}.
   */
  zeroIsBlank?: boolean;
  /**
   * Called with each object met in a cell (a host may pass richer values than numbers and text, such as Excel's data
   * types); returns the value to use instead. Objects left are error values. Reading them here, during the one pass,
   * costs nothing for the plain cells of a 100,000-row ledger.
   */
  readObject?: (value: object, role: CellRole, pair: number) => Cell;
}

/** Where a cell is: the sum range, the dates, a period, or a criteria range / criterion of pair `pair` (0-based). */
export type CellRole = "values" | "dates" | "period" | "criteria_range" | "criterion";

export type AggregateCell =
  | { ok: true; value: number }
  | { ok: false; reason: "invalid_period"; input: Cell }
  /** An error value in a period or criterion cell, or in a value of a matching row (as SUMIFS propagates it: when
   * several matching rows hold errors, the first in range order — row by row, left to right). */
  | { ok: false; reason: "error_value"; error: unknown }
  /** The total is beyond what Excel holds (src/core/metrics.ts fitsExcel). */
  | { ok: false; reason: "overflow" };

export type AggregateOutcome =
  | { ok: true; cells: AggregateCell[][] }
  /** `values` or a criteria range is not the size of `dates` (index: -1 for values, else the pair). */
  | { ok: false; reason: "range_size"; index: number; expected: [number, number]; actual: [number, number] }
  /** The periods and the criteria cannot be paired into one result shape. */
  | { ok: false; reason: "result_shape"; shapes: [number, number][] }
  /** More (criteria combination × month) totals than {@link MAX_BUCKETS}: the call must be split. */
  | { ok: false; reason: "too_large"; buckets: number; limit: number };

/**
 * At most this many running totals (distinct criteria combinations × distinct months of the periods asked for) in one
 * call: 2^22, two 8-byte numbers each, 64 MB. A column of 50,000 criteria against periods of any years is 50,000 ×
 * (12 × distinct years) — far below it for a few years; beyond it the call is refused (#VALUE! saying so) instead of
 * exhausting the memory of Excel's JavaScript runtime.
 */
export const MAX_BUCKETS = 2 ** 22;

const dims = (g: CellGrid): [number, number] => [g.length, g.length === 0 ? 0 : g[0].length];

function pick(g: CellGrid, r: number, c: number): Cell {
  const row = g.length === 1 ? g[0] : g[r];
  return row.length === 1 ? row[0] : row[c];
}

/** Broadcast shapes like Excel: each dimension is 1 or the common size. Null when they cannot pair. */
export function broadcastShapes(shapes: [number, number][]): [number, number] | null {
  let rows = 1;
  let cols = 1;
  for (const [r, c] of shapes) {
    if (r !== 1) {
      if (rows !== 1 && rows !== r) return null;
      rows = r;
    }
    if (c !== 1) {
      if (cols !== 1 && cols !== c) return null;
      cols = c;
    }
  }
  return [rows, cols];
}

/** A value in the sum range: numbers, and text that reads as a number; other text, logical values and blanks add nothing. */
function amount(v: Cell): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "string") return numberFromText(v);
  return null;
}

/** Month index of a ledger date (year × 12 + month − 1), or −1 when the cell is blank or not a date. */
function monthKeyOf(v: Cell, serialCache: Map<number, number>, textCache: Map<string, number>, offset: number): number {
  if (typeof v === "number") {
    // 0: a blank date as Excel desktop passes it, never a date; negative: before serial 0, no date in either system.
    if (!Number.isFinite(v) || v <= 0) return -1;
    const whole = Math.floor(v) + offset;
    let key = serialCache.get(whole);
    if (key === undefined) {
      const d = fromExcelSerial(whole);
      key = d ? d.year * 12 + d.month - 1 : -1;
      serialCache.set(whole, key);
    }
    return key;
  }
  if (typeof v !== "string" || v === "") return -1;
  let key = textCache.get(v); // ledgers repeat their date texts: parse each once per call
  if (key === undefined) {
    const d = coerceDate(v);
    key = d ? d.year * 12 + d.month - 1 : -1;
    if (textCache.size < 100_000) textCache.set(v, key);
  }
  return key;
}

/**
 * SUMIFS (values given) or COUNTIFS (values null) of the rows whose date falls in each period and whose criteria
 * ranges match. Blank or unreadable dates never match. The result has the broadcast shape of the periods and the
 * criteria (a single period and single criteria give 1×1).
 *
 * Memory: one running total per (distinct criteria combination × month some requested period covers) — periods
 * 1900 and 9999 in one call need 24 months, not the 97,200 between them — capped at {@link MAX_BUCKETS}.
 */
export function periodAggregate(req: PeriodAggregateRequest): AggregateOutcome {
  const [rows, cols] = dims(req.dates);
  const size: [number, number] = [rows, cols];
  if (req.values && (req.values.length !== rows || (rows > 0 && req.values[0].length !== cols))) {
    return { ok: false, reason: "range_size", index: -1, expected: size, actual: dims(req.values) };
  }
  for (let j = 0; j < req.criteria.length; j++) {
    const g = req.criteria[j].range;
    if (g.length !== rows || (rows > 0 && g[0].length !== cols)) {
      return { ok: false, reason: "range_size", index: j, expected: size, actual: dims(g) };
    }
  }
  const shapes = [dims(req.periods), ...req.criteria.map((p) => dims(p.criterion))];
  const shape = broadcastShapes(shapes);
  if (!shape) return { ok: false, reason: "result_shape", shapes };
  const [outRows, outCols] = shape;

  // Resolve each output cell: its period, and its combination of criteria (distinct criteria compiled once, after the
  // size check below, so that a call refused for its size costs no compiling).
  const distinct: Cell[][] = req.criteria.map(() => []);
  const matcherIndex: Map<string, number>[] = req.criteria.map(() => new Map());
  const comboIndex = new Map<string, number>();
  const combos: number[][] = [];
  const periodCache = new Map<string, Period | null>();
  type Slot = { period: Period; combo: number } | { fail: AggregateCell };
  const slots: Slot[][] = [];
  let minKey = Infinity;
  let maxKey = -Infinity;
  const readObject = req.readObject;
  const read = readObject
    ? (v: Cell, role: CellRole, pair: number): Cell =>
        v !== null && typeof v === "object" ? readObject(v, role, pair) : v
    : (v: Cell) => v;
  for (let r = 0; r < outRows; r++) {
    const line: Slot[] = [];
    for (let c = 0; c < outCols; c++) {
      const pv = read(pick(req.periods, r, c), "period", 0);
      if (isErrorCell(pv)) {
        line.push({ fail: { ok: false, reason: "error_value", error: pv } });
        continue;
      }
      const pkey = `${typeof pv}:${String(pv)}`; // one parse per distinct period (a column of criteria repeats it)
      let period = periodCache.get(pkey);
      if (period === undefined) {
        period = periodFromCell(pv);
        periodCache.set(pkey, period);
      }
      if (!period) {
        line.push({ fail: { ok: false, reason: "invalid_period", input: pv } });
        continue;
      }
      const ks: number[] = [];
      let failed: AggregateCell | null = null;
      for (let j = 0; j < req.criteria.length; j++) {
        const cv = read(pick(req.criteria[j].criterion, r, c), "criterion", j);
        if (isErrorCell(cv)) {
          failed = { ok: false, reason: "error_value", error: cv };
          break;
        }
        const key = `${typeof cv}:${isBlank(cv) ? "" : String(cv)}`; // one matcher per distinct criterion
        let k = matcherIndex[j].get(key);
        if (k === undefined) {
          k = distinct[j].length;
          distinct[j].push(cv);
          matcherIndex[j].set(key, k);
        }
        ks.push(k);
      }
      if (failed) {
        line.push({ fail: failed });
        continue;
      }
      const comboKey = ks.join(",");
      let combo = comboIndex.get(comboKey);
      if (combo === undefined) {
        combo = combos.length;
        combos.push(ks);
        comboIndex.set(comboKey, combo);
      }
      minKey = Math.min(minKey, period.year * 12 + period.fromMonth - 1);
      maxKey = Math.max(maxKey, period.year * 12 + period.toMonth - 1);
      line.push({ period, combo });
    }
    slots.push(line);
  }

  // Number the months the periods cover (column of the bucket table), over the span of keys they reach.
  const monthColumn = new Int32Array(combos.length > 0 ? maxKey - minKey + 1 : 0).fill(-1);
  let months = 0;
  for (const line of slots) {
    for (const slot of line) {
      if ("fail" in slot) continue;
      const base = slot.period.year * 12 - 1 - minKey;
      for (let m = slot.period.fromMonth; m <= slot.period.toMonth; m++)
        if (monthColumn[base + m] < 0) monthColumn[base + m] = months++;
    }
  }
  const buckets = combos.length * months;
  if (buckets > MAX_BUCKETS) return { ok: false, reason: "too_large", buckets, limit: MAX_BUCKETS };
  const options: CriterionOptions = { dateSerialOffset: req.dateSerialOffset, zeroIsBlank: req.zeroIsBlank };
  const matchers: Matcher[][] = distinct.map((cs) => cs.map((cv) => compileCriterion(cv, options)));

  const sums = new Float64Array(buckets);
  const comps = new Float64Array(buckets); // Neumaier compensation
  /** The first error (range order) of a matching value in each bucket, with its position to compare across months. */
  const errors = new Map<number, { at: number; error: unknown }>();
  if (months > 0 && rows > 0) {
    const nPairs = req.criteria.length;
    const matched: Uint8Array[] = matchers.map((m) => new Uint8Array(m.length));
    const serialCache = new Map<number, number>();
    const textCache = new Map<string, number>();
    const offset = req.dateSerialOffset ?? 0;
    const values = req.values;
    const nCombos = combos.length;
    for (let r = 0; r < rows; r++) {
      const dateRow = req.dates[r];
      for (let c = 0; c < cols; c++) {
        const d = dateRow[c];
        const key = monthKeyOf(
          readObject && d !== null && typeof d === "object" ? readObject(d, "dates", 0) : d,
          serialCache,
          textCache,
          offset,
        );
        if (key < minKey || key > maxKey) continue;
        const month = monthColumn[key - minKey];
        if (month < 0) continue;
        for (let j = 0; j < nPairs; j++) {
          const v = read(req.criteria[j].range[r][c], "criteria_range", j);
          const ms = matchers[j];
          const out = matched[j];
          for (let k = 0; k < ms.length; k++) out[k] = !isErrorCell(v) && ms[k](v) ? 1 : 0;
        }
        let add = 1;
        let errorValue: unknown = undefined;
        if (values) {
          const v = read(values[r][c], "values", 0);
          if (isErrorCell(v)) errorValue = v;
          else add = amount(v) ?? 0;
        }
        for (let q = 0; q < nCombos; q++) {
          const ks = combos[q];
          let all = true;
          for (let j = 0; j < nPairs; j++)
            if (!matched[j][ks[j]]) {
              all = false;
              break;
            }
          if (!all) continue;
          const at = q * months + month;
          if (errorValue !== undefined) {
            if (!errors.has(at)) errors.set(at, { at: r * cols + c, error: errorValue });
            continue;
          }
          const s = sums[at];
          const t = s + add;
          comps[at] += Math.abs(s) >= Math.abs(add) ? s - t + add : add - t + s;
          sums[at] = t;
        }
      }
    }
  }

  const cells: AggregateCell[][] = slots.map((line) =>
    line.map((slot): AggregateCell => {
      if ("fail" in slot) return slot.fail;
      const { period, combo } = slot;
      let sum = 0;
      let comp = 0;
      let first: { at: number; error: unknown } | undefined;
      for (let m = period.fromMonth; m <= period.toMonth; m++) {
        const at = combo * months + monthColumn[period.year * 12 + m - 1 - minKey];
        const error = errors.get(at);
        if (error !== undefined) {
          if (first === undefined || error.at < first.at) first = error;
          continue;
        }
        const x = sums[at] + comps[at];
        const t = sum + x;
        comp += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
        sum = t;
      }
      if (first !== undefined) return { ok: false, reason: "error_value", error: first.error };
      const value = sum + comp;
      return fitsExcel(value) ? { ok: true, value } : { ok: false, reason: "overflow" };
    }),
  );
  return { ok: true, cells };
}
