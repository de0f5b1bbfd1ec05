/** Levenshtein distance between two names, for the hierarchy's "did you mean" (./region-hierarchy-model.ts suggest). */

/** Levenshtein distance (two rows; names are short). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const x = [...a],
    y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++)
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[y.length];
}
