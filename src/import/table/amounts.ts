/**
 * Exact arithmetic on a table's amounts: the log each amount column keeps for checking total rows, and the exact split
 * of a funds row into its out-of-province part and the rest. Exact so that every total is the same however the rows
 * are grouped or split.
 */
import { ExactSum } from "../../core/exact-sum";
import type { Cell } from "../values";

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

/** Decimal places a cell was written with (at most 10): how closely a total row is expected to match. */
export function countDecimals(v: Cell): number {
  const s = typeof v === "number" || typeof v === "string" ? String(v) : "";
  const m = /\.(\d+)/.exec(s);
  return m ? Math.min(m[1].length, 10) : 0;
}

/**
 * The amounts of one column in row order, summed exactly only when a total row asks (most files have none): a row
 * costs one store into a typed array instead of two exact additions. The grand sum is kept between total rows and
 * extended by the amounts since, and a subtotal sums its own group once, so any number of total rows costs one
 * exact addition per amount in all.
 */
export class AmountLog {
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
