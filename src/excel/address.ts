/** A1 addresses for the sheet writer (pure). */

export interface Rect {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

import { columnLetters as colLetters } from "../core/a1";

export { colLetters };

export function a1(rect: Rect): string {
  const a = `${colLetters(rect.c0)}${rect.r0 + 1}`;
  const b = `${colLetters(rect.c1)}${rect.r1 + 1}`;
  return a === b ? a : `${a}:${b}`;
}

/** Parse "Sheet!A2:O10", "'My sheet'!A2" or "A2:O10" (sheet part dropped). */
export function parseA1(address: string): Rect {
  const bang = address.lastIndexOf("!");
  const local = (bang >= 0 ? address.slice(bang + 1) : address).replace(/\$/g, "").toUpperCase();
  const [p, q] = local.split(":");
  const cell = (x: string) => {
    const m = /^([A-Z]{1,3})(\d+)$/.exec(x);
    if (!m) throw new Error(`unexpected address ${address}`);
    let c = 0;
    for (const ch of m[1]) c = c * 26 + (ch.charCodeAt(0) - 64);
    return { r: Number(m[2]) - 1, c: c - 1 };
  };
  const a = cell(p);
  const b = cell(q ?? p);
  return { r0: a.r, c0: a.c, r1: b.r, c1: b.c };
}

export function rectRows(rect: Rect): number {
  return rect.r1 - rect.r0 + 1;
}

export function rectCols(rect: Rect): number {
  return rect.c1 - rect.c0 + 1;
}
