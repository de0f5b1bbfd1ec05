/**
 * Exact summation: the correctly rounded value of the exact mathematical sum of the numbers added, whatever their
 * order (Shewchuk's adaptive-precision partials, as Python's math.fsum). Totals therefore never change in their last
 * digits when rows are reordered, and the same records give the same total from a CSV or from its JSON.
 *
 * Why not integers of the smallest unit: amounts are held in 亿元 and arrive from 元 with fen (1.23元 = 1.23e-8 亿元),
 * 万元 with decimals, or any number a JSON holds; no fixed scale covers them all without overflowing 2^53 for large
 * totals. The partials below are exact for any finite doubles, and cost one or two extra additions per value in the
 * common case (the list of partials stays one to three long for money).
 */
export class ExactSum {
  /** Non-overlapping partial sums, increasing in magnitude, in p[0..n): their exact sum is the sum of all added. */
  private p = new Float64Array(4);
  private n = 0;
  /** Infinities and NaN do not enter the partials: they decide the result on their own (as in plain addition). */
  private special = 0;
  private hasSpecial = false;

  add(value: number): this {
    let x = value;
    if (!Number.isFinite(x)) {
      this.special += x;
      this.hasSpecial = true;
      return this;
    }
    const p = this.p;
    const n = this.n;
    let i = 0;
    for (let j = 0; j < n; j++) {
      let y = p[j];
      if (Math.abs(x) < Math.abs(y)) {
        const t = x;
        x = y;
        y = t;
      }
      const hi = x + y;
      if (!Number.isFinite(hi)) {
        // Overflow of finite values: the exact sum is beyond a double, as plain addition would say.
        this.special += hi;
        this.hasSpecial = true;
        return this;
      }
      const lo = y - (hi - x);
      if (lo !== 0) p[i++] = lo;
      x = hi;
    }
    if (i === p.length) {
      const grown = new Float64Array(p.length * 2);
      grown.set(p);
      this.p = grown;
    }
    this.p[i] = x;
    this.n = i + 1;
    return this;
  }

  /** Add everything another sum holds, exactly (its partials; a region's total from its parts'). */
  addAll(other: ExactSum): this {
    for (let j = 0; j < other.n; j++) this.add(other.p[j]);
    if (other.hasSpecial) {
      this.special += other.special;
      this.hasSpecial = true;
    }
    return this;
  }

  /** The exact sum, rounded once to the nearest double (ties to even), as math.fsum does. */
  value(): number {
    if (this.hasSpecial) return this.special;
    const p = this.p;
    let n = this.n;
    if (n === 0) return 0;
    let hi = p[--n];
    let lo = 0;
    while (n > 0) {
      const x = hi;
      const y = p[--n];
      hi = x + y;
      const yr = hi - x;
      lo = y - yr;
      if (lo !== 0) break;
    }
    // Round half to even across the remaining partials: adjust when the rest pushes past the halfway point.
    if (n > 0 && ((lo < 0 && p[n - 1] < 0) || (lo > 0 && p[n - 1] > 0))) {
      const y = lo * 2;
      const x = hi + y;
      const yr = x - hi;
      if (y === yr) hi = x;
    }
    return hi;
  }
}

/** The exact, order-independent sum of some numbers (see ExactSum). */
export function exactSum(values: Iterable<number>): number {
  const s = new ExactSum();
  for (const v of values) s.add(v);
  return s.value();
}
