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
import { CalendarDate, coerceDate, daysInMonth, fromExcelSerial, isValidDate, toExcelSerial } from "./dates";
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

/**
 * A number written as text, as Excel reads criteria: optional sign, thousands separators, decimals, exponent and a
 * trailing %; full-width digits are folded. Null when the text is not a number.
 */
export function numberFromText(text: string): number | null {
  const t = text.normalize("NFKC").trim().replace(/,/g, "");
  if (t === "" || /^[+-]?%?$/.test(t)) return null;
  const pct = t.endsWith("%");
  const body = pct ? t.slice(0, -1) : t;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(body)) return null;
  const n = Number(body);
  if (!Number.isFinite(n)) return null;
  return pct ? n / 100 : n;
}

/**
 * A ledger date: an Excel serial, ISO text ("2025-02-19", month precision "2025-02"), or the forms CSV exports and
 * Chinese ledgers carry ("2025/2/19", "2025.02.19", "2025年2月19日", "2025年2月"). Null when it is none of them.
 */
export function coerceLedgerDate(value: Cell): CalendarDate | null {
  if (typeof value === "number") return fromExcelSerial(value);
  if (typeof value !== "string") return null;
  const iso = coerceDate(value);
  if (iso) return iso;
  const text = value.normalize("NFKC").trim();
  let m = /^(\d{4})[/.年](\d{1,2})[/.月](\d{1,2})日?$/.exec(text);
  if (m) {
    const [y, mo, d] = [+m[1], +m[2], +m[3]];
    return isValidDate(y, mo, d) ? { year: y, month: mo, day: d } : null;
  }
  m = /^(\d{4})[/.年](\d{1,2})月?$/.exec(text);
  if (m) {
    const [y, mo] = [+m[1], +m[2]];
    return y >= 1900 && y <= 9999 && mo >= 1 && mo <= 12 ? { year: y, month: mo, day: daysInMonth(y, mo) } : null;
  }
  return null;
}

/** A period from a cell: a period code or Chinese form, or a year written as a number (2025). */
export function periodFromCell(value: Cell): Period | null {
  if (typeof value === "number") return Number.isInteger(value) && value >= 1900 && value <= 9999 ? parsePeriod(String(value)) : null;
  if (typeof value !== "string") return null;
  return parsePeriod(value);
}

export type Matcher = (v: Cell) => boolean;

/** Excel's wildcards: * any run, ? one character, ~ escapes the next * ? or ~. */
function wildcardRegExp(pattern: string): RegExp {
  let src = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "~" && i + 1 < pattern.length && "*?~".includes(pattern[i + 1])) {
      // ~~ is a literal ~ (no backslash: in a "u" RegExp "\~" is a syntax error), ~* and ~? the literal * and ?.
      const lit = pattern[++i];
      src += lit === "~" ? "~" : `\\${lit}`;
    } else if (ch === "*") src += "[\\s\\S]*";
    else if (ch === "?") src += "[\\s\\S]";
    else src += ch.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  }
  return new RegExp(`^${src}$`, "iu");
}

const fold = (s: string) => s.toLowerCase();

/** Serial of a date operand written as ISO (or ledger) text, for criteria such as ">=2025-01-01". */
function dateOperand(text: string): number | null {
  if (!/^\s*\d{4}[-/.年]/.test(text)) return null;
  const d = coerceLedgerDate(text);
  return d ? toExcelSerial(d) : null;
}

function blankOrZero(v: Cell): boolean {
  return isBlank(v) || v === 0;
}

/** The 1900-system serial of a cell holding a date (a serial of the workbook, or date text). */
function cellSerial(v: Cell, offset = 0, zeroIsBlank = false): number | null {
  if (typeof v === "number") return Number.isFinite(v) && !(zeroIsBlank && v === 0) ? v + offset : null;
  if (typeof v === "string") {
    const d = coerceLedgerDate(v);
    return d ? toExcelSerial(d) : null;
  }
  return null;
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
 * Deliberate differences from Excel: an operand that is a date ("2025-01-01", "2025/1/1") compares as a date against
 * serial numbers AND against ISO/ledger date text (ledgers imported from CSV often keep dates as text, and Excel
 * would silently match none of them); full-width digits in numeric operands are read as digits.
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

export function compileCriterion(criterion: Cell, options: CriterionOptions = {}): Matcher {
  const zeroIsBlank = options.zeroIsBlank === true;
  const offset = options.dateSerialOffset ?? 0;
  const blank = zeroIsBlank ? blankOrZero : isBlank;
  if (isBlank(criterion) || (zeroIsBlank && criterion === 0)) return blank;
  if (typeof criterion === "number") return equalsNumber(criterion);
  if (typeof criterion === "boolean") return equalsBoolean(criterion);
  if (typeof criterion !== "string") return () => false;
  const m = /^(<=|>=|<>|=|<|>)?([\s\S]*)$/.exec(criterion)!;
  const op = m[1] ?? "=";
  const operand = m[2];
  if (op === "=" || op === "<>") {
    const eq = equalityMatcher(operand, zeroIsBlank, offset);
    return op === "=" ? eq : (v) => !isErrorCell(v) && !eq(v);
  }
  const cmp = (x: number) => (op === "<" ? x < 0 : op === "<=" ? x <= 0 : op === ">" ? x > 0 : x >= 0);
  const date = dateOperand(operand);
  if (date !== null) {
    return (v) => {
      const s = cellSerial(v, offset, zeroIsBlank);
      return s !== null && cmp(Math.floor(s) - date);
    };
  }
  const n = numberFromText(operand);
  if (n !== null) {
    if (zeroIsBlank) return (v) => (typeof v === "number" ? cmp(v - n) : (v === null || v === undefined) && cmp(-n));
    return (v) => typeof v === "number" && cmp(v - n);
  }
  if (operand === "") return () => false;
  const o = fold(operand);
  return (v) => typeof v === "string" && v !== "" && cmp(fold(v) < o ? -1 : fold(v) > o ? 1 : 0);
}

function equalsNumber(n: number): Matcher {
  return (v) => (typeof v === "number" ? v === n : typeof v === "string" ? numberFromText(v) === n : false);
}

function equalsBoolean(b: boolean): Matcher {
  const text = b ? "true" : "false";
  return (v) => v === b || (typeof v === "string" && fold(v.trim()) === text);
}

function equalityMatcher(operand: string, zeroIsBlank: boolean, offset: number): Matcher {
  if (operand === "") return zeroIsBlank ? blankOrZero : isBlank;
  const date = dateOperand(operand);
  if (date !== null) {
    return (v) => {
      const s = cellSerial(v, offset, zeroIsBlank);
      return s !== null && Math.floor(s) === date;
    };
  }
  const n = numberFromText(operand);
  if (n !== null) {
    const eq = equalsNumber(n);
    return zeroIsBlank && n === 0 ? (v) => isBlank(v) || eq(v) : eq;
  }
  const upper = operand.trim().toUpperCase();
  if (upper === "TRUE" || upper === "FALSE") return equalsBoolean(upper === "TRUE");
  if (/[*?~]/.test(operand)) {
    const re = wildcardRegExp(operand);
    return (v) => typeof v === "string" && re.test(v);
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
  /** An error value in a period or criterion cell, or in a value of a matching row (as SUMIFS propagates it). */
  | { ok: false; reason: "error_value"; error: unknown };

export type AggregateOutcome =
  | { ok: true; cells: AggregateCell[][] }
  /** `values` or a criteria range is not the size of `dates` (index: -1 for values, else the pair). */
  | { ok: false; reason: "range_size"; index: number; expected: [number, number]; actual: [number, number] }
  /** The periods and the criteria cannot be paired into one result shape. */
  | { ok: false; reason: "result_shape"; shapes: [number, number][] };

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
function monthKeyOf(v: Cell, serialCache: Map<number, number>, offset: number): number {
  if (typeof v === "number") {
    if (!Number.isFinite(v) || v === 0) return -1; // 0: a blank date as Excel desktop passes it, never a date
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
  const d = coerceLedgerDate(v);
  return d ? d.year * 12 + d.month - 1 : -1;
}

/**
 * SUMIFS (values given) or COUNTIFS (values null) of the rows whose date falls in each period and whose criteria
 * ranges match. Blank or unreadable dates never match. The result has the broadcast shape of the periods and the
 * criteria (a single period and single criteria give 1×1).
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

  // Resolve each output cell: its period, and its combination of criteria (distinct criteria compiled once).
  const matchers: Matcher[][] = req.criteria.map(() => []);
  const matcherIndex: Map<string, number>[] = req.criteria.map(() => new Map());
  const comboIndex = new Map<string, number>();
  const combos: number[][] = [];
  type Slot = { period: Period; combo: number } | { fail: AggregateCell };
  const slots: Slot[][] = [];
  let minKey = Infinity;
  let maxKey = -Infinity;
  const readObject = req.readObject;
  const read = readObject ? (v: Cell, role: CellRole, pair: number): Cell => (v !== null && typeof v === "object" ? readObject(v, role, pair) : v) : (v: Cell) => v;
  for (let r = 0; r < outRows; r++) {
    const line: Slot[] = [];
    for (let c = 0; c < outCols; c++) {
      const pv = read(pick(req.periods, r, c), "period", 0);
      if (isErrorCell(pv)) { line.push({ fail: { ok: false, reason: "error_value", error: pv } }); continue; }
      const period = periodFromCell(pv);
      if (!period) { line.push({ fail: { ok: false, reason: "invalid_period", input: pv } }); continue; }
      const ks: number[] = [];
      let failed: AggregateCell | null = null;
      for (let j = 0; j < req.criteria.length; j++) {
        const cv = read(pick(req.criteria[j].criterion, r, c), "criterion", j);
        if (isErrorCell(cv)) { failed = { ok: false, reason: "error_value", error: cv }; break; }
        const key = `${typeof cv}:${isBlank(cv) ? "" : String(cv)}`; // one matcher per distinct criterion
        let k = matcherIndex[j].get(key);
        if (k === undefined) {
          k = matchers[j].length;
          matchers[j].push(compileCriterion(cv, { dateSerialOffset: req.dateSerialOffset, zeroIsBlank: req.zeroIsBlank }));
          matcherIndex[j].set(key, k);
        }
        ks.push(k);
      }
      if (failed) { line.push({ fail: failed }); continue; }
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

  const months = combos.length > 0 ? maxKey - minKey + 1 : 0;
  const sums = new Float64Array(combos.length * months);
  const comps = new Float64Array(combos.length * months); // Neumaier compensation
  const errors = new Map<number, unknown>();
  if (months > 0 && rows > 0) {
    const nPairs = req.criteria.length;
    const matched: Uint8Array[] = matchers.map((m) => new Uint8Array(m.length));
    const serialCache = new Map<number, number>();
    const offset = req.dateSerialOffset ?? 0;
    const values = req.values;
    const nCombos = combos.length;
    for (let r = 0; r < rows; r++) {
      const dateRow = req.dates[r];
      for (let c = 0; c < cols; c++) {
        const d = dateRow[c];
        const key = monthKeyOf(readObject && d !== null && typeof d === "object" ? readObject(d, "dates", 0) : d, serialCache, offset);
        if (key < minKey || key > maxKey) continue;
        const month = key - minKey;
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
          for (let j = 0; j < nPairs; j++) if (!matched[j][ks[j]]) { all = false; break; }
          if (!all) continue;
          const at = q * months + month;
          if (errorValue !== undefined) {
            if (!errors.has(at)) errors.set(at, errorValue);
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
      for (let m = period.fromMonth; m <= period.toMonth; m++) {
        const at = combo * months + (period.year * 12 + m - 1 - minKey);
        const error = errors.get(at);
        if (error !== undefined) return { ok: false, reason: "error_value", error };
        const x = sums[at] + comps[at];
        const t = sum + x;
        comp += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
        sum = t;
      }
      return { ok: true, value: sum + comp };
    }),
  );
  return { ok: true, cells };
}
