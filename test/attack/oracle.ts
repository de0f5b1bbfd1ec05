/**
 * An independent model of the PERIOD_SUM / PERIOD_COUNT promises (docs/functions.md "PERIOD_SUM / PERIOD_COUNT in detail" and
 * "Blank cells"), written from docs/functions.md and Microsoft's SUMIFS rules, not from src/core: row by row, no buckets,
 * wildcards by recursion instead of regular expressions. Only the cell and criterion kinds the attack generators
 * produce are modelled.
 */
export type Cell = unknown;

const isError = (v: Cell) => v !== null && typeof v === "object";
/** A blank cell: Excel on the web passes null, desktop 0; "" (a formula's empty text) counts as blank for "" / "<>". */
const blank = (v: Cell) => v === null || v === undefined || v === "" || v === 0;

/** Numeric text as docs/functions.md reads it (ASCII digits suffice for the generators). */
function textNumber(s: string): number | null {
  const t = s.trim().replace(/,/g, "");
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?%?$/i.test(t)) return null;
  const pct = t.endsWith("%");
  const n = Number(pct ? t.slice(0, -1) : t);
  return Number.isFinite(n) ? (pct ? n / 100 : n) : null;
}

/** SUMIFS wildcards: * any run, ? one character, ~ escapes * ? ~. Case-insensitive. */
export function wildcardMatch(pattern: string, text: string): boolean {
  const p = [...pattern.toLowerCase()];
  const s = [...text.toLowerCase()];
  const tokens: { kind: "lit" | "any" | "one"; ch?: string }[] = [];
  for (let i = 0; i < p.length; i++) {
    if (p[i] === "~" && i + 1 < p.length && "*?~".includes(p[i + 1])) tokens.push({ kind: "lit", ch: p[++i] });
    else if (p[i] === "*") tokens.push({ kind: "any" });
    else if (p[i] === "?") tokens.push({ kind: "one" });
    else tokens.push({ kind: "lit", ch: p[i] });
  }
  const memo = new Map<string, boolean>();
  const go = (ti: number, si: number): boolean => {
    const key = `${ti},${si}`;
    if (memo.has(key)) return memo.get(key)!;
    let r: boolean;
    if (ti === tokens.length) r = si === s.length;
    else {
      const t = tokens[ti];
      if (t.kind === "any") r = go(ti + 1, si) || (si < s.length && go(ti, si + 1));
      else if (si >= s.length) r = false;
      else if (t.kind === "one") r = go(ti + 1, si + 1);
      else r = t.ch === s[si] && go(ti + 1, si + 1);
    }
    memo.set(key, r);
    return r;
  };
  return go(0, 0);
}

/** Does cell `v` meet `criterion`? */
export function meets(criterion: Cell, v: Cell): boolean {
  if (isError(v)) return false; // "error cells never match"
  if (criterion === null || criterion === undefined || criterion === "" || criterion === 0) return blank(v);
  if (typeof criterion === "number") {
    return (typeof v === "number" && v === criterion) || (typeof v === "string" && textNumber(v) === criterion);
  }
  if (typeof criterion === "boolean") return v === criterion;
  const s = String(criterion);
  const m = /^(<=|>=|<>|=|<|>)?(.*)$/s.exec(s)!;
  const op = m[1] ?? "=";
  const operand = m[2];
  if (op === "<>") return !meets(operand === "" ? "" : "=" + operand, v);
  if (op === "=") {
    if (operand === "") return blank(v);
    const n = textNumber(operand);
    if (n !== null) return n === 0 ? blank(v) || (typeof v === "string" && textNumber(v) === 0) : meets(n, v);
    if (/^(true|false)$/i.test(operand.trim())) return v === (operand.trim().toLowerCase() === "true");
    return typeof v === "string" && wildcardMatch(operand, v);
  }
  const cmp = (d: number) => (op === "<" ? d < 0 : op === "<=" ? d <= 0 : op === ">" ? d > 0 : d >= 0);
  const n = textNumber(operand);
  if (n !== null) {
    if (typeof v === "number") return cmp(v - n);
    if (v === null || v === undefined) return cmp(0 - n); // a blank counts as 0 in numeric comparisons
    return false;
  }
  if (operand === "") return false;
  if (typeof v !== "string" || v === "") return false;
  const a = v.toLowerCase();
  const b = operand.toLowerCase();
  return cmp(a < b ? -1 : a > b ? 1 : 0);
}

export interface LedgerRow {
  value: Cell;
  /** [year, month] of the row's date, or null when the date is blank or not a date. */
  month: [number, number] | null;
  criteria: Cell[];
}

/** SUMIFS by period: the total (or count), or the errors of the matching values (SUMIFS propagates one of them). */
export function periodTotal(
  rows: LedgerRow[],
  period: { year: number; from: number; to: number },
  criteria: Cell[],
  count: boolean,
): { value: number } | { errors: string[] } {
  let sum = 0;
  const errors: string[] = [];
  for (const r of rows) {
    if (!r.month || r.month[0] !== period.year || r.month[1] < period.from || r.month[1] > period.to) continue;
    if (!criteria.every((c, j) => meets(c, r.criteria[j]))) continue;
    if (count) {
      sum += 1;
      continue;
    }
    const v = r.value;
    if (isError(v)) {
      errors.push((v as { code: string }).code);
      continue;
    }
    if (typeof v === "number") sum += v;
    else if (typeof v === "string") sum += textNumber(v) ?? 0;
  }
  return errors.length ? { errors } : { value: sum };
}
