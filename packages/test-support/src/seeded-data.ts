/**
 * Seeded random data, shared by the synthetic briefing input (synthetic-briefing.ts, tests) and the benchmark ledger
 * (bench/ledger-data.ts): the same generator and the same picks on every machine, so generated data is reproducible.
 */

/** Mulberry32: a small, fast, seeded generator (the same sequence on every machine). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One element of `list`, drawn with one call of `r`. */
export function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)];
}

/** Two digits: 3 → "03". */
export const pad2 = (n: number): string => String(n).padStart(2, "0");

/**
 * An ISO date ("2025-03-15"), or a month ("2025-03") without `day`. Array.join gives flat strings, as a parser does
 * (template literals would give V8 cons-strings, which hold memory differently).
 */
export function isoDate(y: number, m: number, day?: number): string {
  return day === undefined ? [y, pad2(m)].join("-") : [y, pad2(m), pad2(day)].join("-");
}
