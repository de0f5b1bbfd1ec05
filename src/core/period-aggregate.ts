/**
 * SUMIFS / COUNTIFS that understand reporting periods: the single definition behind INVEST.PERIOD_SUM and
 * INVEST.PERIOD_COUNT (and anything else that totals a ledger by period).
 *
 * One pass over the rows: each row's date is reduced to a month, the criteria are tested once per row, and the
 * row is added to a (criteria combination × month) bucket. Each requested period then sums its months' buckets,
 * so asking for 4 quarters × 9 regions costs one pass, not 36.
 *
 * Criteria follow Excel's SUMIFS (./criteria.ts compileCriterion); the differences are deliberate and documented
 * there. What a cell holds is read by ./cell-values.ts: error values of the host (Excel's CustomFunctions.Error,
 * HyperFormula's CellError, plain {code} objects) are "any non-null object" and passed through untouched.
 *
 * The steps, one function each: check the ranges' sizes; plan the results (each output cell's period and criteria
 * combination, planResults); number the months the periods cover (numberMonths); the one pass over the rows
 * (accumulate) into a table of running totals (BucketTable); each result sums its period's months (BucketTable.total).
 */
import { coerceDate, CalendarDate, fromExcelSerial, MAX_YEAR, MIN_YEAR } from "./dates";
import { Cell, CellGrid, isBlank, isErrorCell, numberFromText } from "./cell-values";
import { compileCriterion, CriterionOptions, Matcher } from "./criteria";
import { fitsExcel } from "./metrics";
import { parsePeriod, Period } from "./period";

// What this module exported before criteria, wildcards and cell values had modules of their own.
export { isErrorCell, numberFromText, type Cell, type CellGrid } from "./cell-values";
export { compileCriterion, type CriterionOptions, type Matcher } from "./criteria";
export { wildcardMatcher } from "./wildcard";

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

/**
 * The month key (year × 12 + month − 1) of a ledger date, or −1 when the cell is blank or not a date; `offset` turns a
 * serial of the workbook into the 1900 system. Each distinct serial and date text is read once per call.
 */
function ledgerMonthKeys(offset: number): (v: Cell) => number {
  const serials = new Map<number, number>();
  const texts = new Map<string, number>();
  return (v) => {
    if (typeof v === "number") {
      // 0: a blank date as Excel desktop passes it, never a date; negative: before serial 0, no date in either system.
      if (!Number.isFinite(v) || v <= 0) return -1;
      const whole = Math.floor(v) + offset;
      let key = serials.get(whole);
      if (key === undefined) {
        const d = fromExcelSerial(whole);
        key = d ? d.year * 12 + d.month - 1 : -1;
        serials.set(whole, key);
      }
      return key;
    }
    if (typeof v !== "string" || v === "") return -1;
    let key = texts.get(v); // ledgers repeat their date texts: parse each once per call
    if (key === undefined) {
      const d = coerceDate(v);
      key = d ? d.year * 12 + d.month - 1 : -1;
      if (texts.size < 100_000) texts.set(v, key);
    }
    return key;
  };
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
  const sizeError = checkRangeSizes(req);
  if (sizeError) return sizeError;
  const shapes = [dims(req.periods), ...req.criteria.map((p) => dims(p.criterion))];
  const shape = broadcastShapes(shapes);
  if (!shape) return { ok: false, reason: "result_shape", shapes };
  const read = cellReader(req.readObject);
  const plan = planResults(req, shape, read);
  const months = numberMonths(plan);
  const buckets = plan.combinations.combos.length * months.count;
  if (buckets > MAX_BUCKETS) return { ok: false, reason: "too_large", buckets, limit: MAX_BUCKETS };
  // Compiled only now: a call refused for its size costs no compiling.
  const options: CriterionOptions = { dateSerialOffset: req.dateSerialOffset, zeroIsBlank: req.zeroIsBlank };
  const matchers = plan.combinations.compile(options);
  const table = new BucketTable(plan.combinations.combos.length, months);
  if (months.count > 0 && req.dates.length > 0) accumulate(req, plan.combinations.combos, matchers, table, read);
  const cells = plan.slots.map((line) => line.map((slot) => ("fail" in slot ? slot.fail : table.total(slot))));
  return { ok: true, cells };
}

/** `values` and every criteria range must be the size of `dates`: the refusal naming the first that is not, or null. */
function checkRangeSizes(req: PeriodAggregateRequest): AggregateOutcome | null {
  const [rows, cols] = dims(req.dates);
  const size: [number, number] = [rows, cols];
  const fits = (g: CellGrid) => g.length === rows && (rows === 0 || g[0].length === cols);
  if (req.values && !fits(req.values)) {
    return { ok: false, reason: "range_size", index: -1, expected: size, actual: dims(req.values) };
  }
  for (let j = 0; j < req.criteria.length; j++) {
    const g = req.criteria[j].range;
    if (!fits(g)) return { ok: false, reason: "range_size", index: j, expected: size, actual: dims(g) };
  }
  return null;
}

/** Reads a cell: objects through the request's readObject (the host's rich values), everything else as it is. */
type CellReader = (v: Cell, role: CellRole, pair: number) => Cell;

function cellReader(readObject: PeriodAggregateRequest["readObject"]): CellReader {
  if (!readObject) return (v) => v;
  return (v, role, pair) => (v !== null && typeof v === "object" ? readObject(v, role, pair) : v);
}

/* ───────────────────────── planning the results ───────────────────────── */

/**
 * The distinct criteria of each pair (one matcher each, however often a column of criteria repeats them) and the
 * distinct combinations of them the results ask for (one running total per combination and month).
 */
class CriteriaCombinations {
  /** Per pair: its distinct criteria, in the order first met. */
  private readonly distinct: Cell[][];
  private readonly distinctIndex: Map<string, number>[];
  /** Per combination: the index of its criterion among each pair's distinct ones. */
  readonly combos: number[][] = [];
  private readonly comboIndex = new Map<string, number>();

  constructor(pairs: number) {
    this.distinct = Array.from({ length: pairs }, () => []);
    this.distinctIndex = Array.from({ length: pairs }, () => new Map());
  }

  /** The index of criterion `cv` among pair `pair`'s distinct criteria (added when new). */
  criterion(pair: number, cv: Cell): number {
    const key = `${typeof cv}:${isBlank(cv) ? "" : String(cv)}`;
    let k = this.distinctIndex[pair].get(key);
    if (k === undefined) {
      k = this.distinct[pair].length;
      this.distinct[pair].push(cv);
      this.distinctIndex[pair].set(key, k);
    }
    return k;
  }

  /** The index of a combination (one distinct criterion per pair), added when new. */
  combination(ks: number[]): number {
    const key = ks.join(",");
    let combo = this.comboIndex.get(key);
    if (combo === undefined) {
      combo = this.combos.length;
      this.combos.push(ks);
      this.comboIndex.set(key, combo);
    }
    return combo;
  }

  /** The matchers of each pair's distinct criteria, indexed as `combos` refers to them. */
  compile(options: CriterionOptions): Matcher[][] {
    return this.distinct.map((cs) => cs.map((cv) => compileCriterion(cv, options)));
  }
}

/** An output cell: its period and criteria combination, or the failure it already is (a bad period, an error value). */
type Slot = { period: Period; combo: number } | { fail: AggregateCell };

interface ResultPlan {
  slots: Slot[][];
  combinations: CriteriaCombinations;
  /** The month keys (year × 12 + month − 1) the periods reach, first and last; ±Infinity when no slot has a period. */
  minKey: number;
  maxKey: number;
}

/** Each output cell of the broadcast shape resolved to its period and criteria combination. */
function planResults(req: PeriodAggregateRequest, [outRows, outCols]: [number, number], read: CellReader): ResultPlan {
  const combinations = new CriteriaCombinations(req.criteria.length);
  const periodOf = cachedPeriodReader();
  const slots: Slot[][] = [];
  let minKey = Infinity;
  let maxKey = -Infinity;
  for (let r = 0; r < outRows; r++) {
    const line: Slot[] = [];
    for (let c = 0; c < outCols; c++) {
      const slot = resolveSlot(req, r, c, read, periodOf, combinations);
      if ("period" in slot) {
        minKey = Math.min(minKey, slot.period.year * 12 + slot.period.fromMonth - 1);
        maxKey = Math.max(maxKey, slot.period.year * 12 + slot.period.toMonth - 1);
      }
      line.push(slot);
    }
    slots.push(line);
  }
  return { slots, combinations, minKey, maxKey };
}

/** periodFromCell, parsing each distinct period once (a column of criteria repeats it). */
function cachedPeriodReader(): (v: Cell) => Period | null {
  const cache = new Map<string, Period | null>();
  return (v) => {
    const key = `${typeof v}:${String(v)}`;
    let period = cache.get(key);
    if (period === undefined) {
      period = periodFromCell(v);
      cache.set(key, period);
    }
    return period;
  };
}

/** Output cell (r, c): its period and combination, or the error value of its period or of one of its criteria. */
function resolveSlot(
  req: PeriodAggregateRequest,
  r: number,
  c: number,
  read: CellReader,
  periodOf: (v: Cell) => Period | null,
  combinations: CriteriaCombinations,
): Slot {
  const pv = read(pick(req.periods, r, c), "period", 0);
  if (isErrorCell(pv)) return { fail: { ok: false, reason: "error_value", error: pv } };
  const period = periodOf(pv);
  if (!period) return { fail: { ok: false, reason: "invalid_period", input: pv } };
  const ks: number[] = [];
  for (let j = 0; j < req.criteria.length; j++) {
    const cv = read(pick(req.criteria[j].criterion, r, c), "criterion", j);
    if (isErrorCell(cv)) return { fail: { ok: false, reason: "error_value", error: cv } };
    ks.push(combinations.criterion(j, cv));
  }
  return { period, combo: combinations.combination(ks) };
}

/** The months the periods cover, numbered as columns of the bucket table. */
interface MonthColumns {
  /** For each month key from minKey to maxKey, its column, or −1 when no period covers it. */
  column: Int32Array;
  /** How many months are numbered. */
  count: number;
  minKey: number;
  maxKey: number;
}

/** Number the months the periods cover, over the span of keys they reach. */
function numberMonths({ slots, combinations, minKey, maxKey }: ResultPlan): MonthColumns {
  const column = new Int32Array(combinations.combos.length > 0 ? maxKey - minKey + 1 : 0).fill(-1);
  let count = 0;
  for (const line of slots) {
    for (const slot of line) {
      if ("fail" in slot) continue;
      const base = slot.period.year * 12 - 1 - minKey;
      for (let m = slot.period.fromMonth; m <= slot.period.toMonth; m++)
        if (column[base + m] < 0) column[base + m] = count++;
    }
  }
  return { column, count, minKey, maxKey };
}

/* ───────────────────────── the one pass ───────────────────────── */

/**
 * The running totals, one per (criteria combination × month), summed with Neumaier compensation, and the first error
 * value (range order) of a matching row in each, with its position to compare across months.
 */
class BucketTable {
  private readonly sums: Float64Array;
  private readonly comps: Float64Array;
  private readonly errors = new Map<number, { at: number; error: unknown }>();

  constructor(
    combos: number,
    readonly months: MonthColumns,
  ) {
    this.sums = new Float64Array(combos * months.count);
    this.comps = new Float64Array(combos * months.count);
  }

  /** The bucket of a combination and a month column. */
  bucket(combo: number, month: number): number {
    return combo * this.months.count + month;
  }

  add(bucket: number, x: number): void {
    const s = this.sums[bucket];
    const t = s + x;
    this.comps[bucket] += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
    this.sums[bucket] = t;
  }

  /** An error value in a matching row at `position` (row × columns + column): the bucket keeps the first. */
  error(bucket: number, position: number, error: unknown): void {
    if (!this.errors.has(bucket)) this.errors.set(bucket, { at: position, error });
  }

  /** The result of an output cell: its period's months summed, the first error among them, or overflow. */
  total({ period, combo }: { period: Period; combo: number }): AggregateCell {
    let sum = 0;
    let comp = 0;
    let first: { at: number; error: unknown } | undefined;
    for (let m = period.fromMonth; m <= period.toMonth; m++) {
      const at = this.bucket(combo, this.months.column[period.year * 12 + m - 1 - this.months.minKey]);
      const error = this.errors.get(at);
      if (error !== undefined) {
        if (first === undefined || error.at < first.at) first = error;
        continue;
      }
      const x = this.sums[at] + this.comps[at];
      const t = sum + x;
      comp += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
      sum = t;
    }
    if (first !== undefined) return { ok: false, reason: "error_value", error: first.error };
    const value = sum + comp;
    return fitsExcel(value) ? { ok: true, value } : { ok: false, reason: "overflow" };
  }
}

/**
 * The one pass over the rows: each row whose date falls in a month some period covers is tested against every
 * distinct criterion once, then added to the bucket of each combination it matches (its amount, or 1 to count).
 */
function accumulate(
  req: PeriodAggregateRequest,
  combos: readonly number[][],
  matchers: Matcher[][],
  table: BucketTable,
  read: CellReader,
): void {
  const [rows, cols] = dims(req.dates);
  const { column, minKey, maxKey } = table.months;
  const matched: Uint8Array[] = matchers.map((m) => new Uint8Array(m.length));
  const monthKey = ledgerMonthKeys(req.dateSerialOffset ?? 0);
  for (let r = 0; r < rows; r++) {
    const dateRow = req.dates[r];
    for (let c = 0; c < cols; c++) {
      const key = monthKey(read(dateRow[c], "dates", 0));
      if (key < minKey || key > maxKey) continue;
      const month = column[key - minKey];
      if (month < 0) continue;
      matchCriteria(req.criteria, r, c, matchers, matched, read);
      // Counting adds 1; summing adds the amount (0 for what is not one), or notes the error value the row holds.
      const v = req.values ? read(req.values[r][c], "values", 0) : 1;
      const isError = isErrorCell(v);
      const add = isError ? 0 : req.values ? (amount(v) ?? 0) : 1;
      for (let q = 0; q < combos.length; q++) {
        if (!matchesAll(combos[q], matched)) continue;
        const at = table.bucket(q, month);
        if (isError) table.error(at, r * cols + c, v);
        else table.add(at, add);
      }
    }
  }
}

/** Test the row's cell of each criteria range against every distinct criterion of its pair, into `matched`. */
function matchCriteria(
  criteria: readonly CriteriaPair[],
  r: number,
  c: number,
  matchers: Matcher[][],
  matched: Uint8Array[],
  read: CellReader,
): void {
  for (let j = 0; j < criteria.length; j++) {
    const v = read(criteria[j].range[r][c], "criteria_range", j);
    const ms = matchers[j];
    const out = matched[j];
    for (let k = 0; k < ms.length; k++) out[k] = !isErrorCell(v) && ms[k](v) ? 1 : 0;
  }
}

/** Whether the row matched the criterion of every pair in a combination. */
function matchesAll(ks: readonly number[], matched: Uint8Array[]): boolean {
  for (let j = 0; j < ks.length; j++) if (!matched[j][ks[j]]) return false;
  return true;
}
