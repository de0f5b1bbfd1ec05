/**
 * Number presentation shared by the briefing text, the CLI and the task pane, so that a percentage
 * reads the same everywhere ("102.14%").
 */

/** Round half away from zero at `digits` decimals, on the decimal representation (1.005 → 1.01). */
export function roundHalfUp(value: number, digits: number): number {
  if (!Number.isFinite(value)) return value;
  const sign = value < 0 ? -1 : 1;
  const shifted = Number(`${Math.abs(value)}e${digits}`);
  // toPrecision(15) removes binary noise such as 87.49999999999999 before rounding.
  const rounded = Math.round(Number(shifted.toPrecision(15)));
  return sign * Number(`${rounded}e-${digits}`);
}

/** A fraction as a percentage text: 1.0214285 → "102.14%". Trailing zeros are kept only when asked. */
export function formatPercent(fraction: number, digits = 2, keepZeros = false): string {
  const pct = roundHalfUp(fraction * 100, digits);
  return `${keepZeros ? pct.toFixed(digits) : String(pct)}%`;
}

/** An amount in 亿元 with at most `digits` decimals, no trailing zeros: 245 → "245", 36.9 → "36.9". */
export function formatAmount(value: number, digits = 2): string {
  return String(roundHalfUp(value, digits));
}
