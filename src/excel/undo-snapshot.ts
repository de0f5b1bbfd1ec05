/**
 * What an undo sheet keeps besides the cell values it holds (copied there with copyType "Values"): the number
 * formats of every cell and the formulas of the user's formula columns, as runs of equal consecutive cells per column,
 * JSON-encoded into text cells beside the values. Pure: encoding, decoding and chunking into cells.
 */
export type Run = [start: number, length: number, value: string];

export interface SnapshotMeta {
  v: 2;
  rows: number;
  cols: number;
  /** Per column, the runs of number formats over the body rows. */
  formats: Run[][];
  /** Per column index (as a string key), the runs of R1C1 formulas (cells without a formula are not in any run). */
  formulas: Record<string, Run[]>;
}

/** Runs of equal consecutive values; `undefined` cells are left out (they start no run). */
export function runsOf(values: readonly (string | undefined)[]): Run[] {
  const out: Run[] = [];
  for (let i = 0; i < values.length; ) {
    const v = values[i];
    let j = i + 1;
    while (j < values.length && values[j] === v) j++;
    if (v !== undefined) out.push([i, j - i, v]);
    i = j;
  }
  return out;
}

/** Excel keeps at most 32,767 characters in a cell; stay well below. */
export const CHUNK = 30_000;

export function encodeMeta(meta: SnapshotMeta): string[] {
  const json = JSON.stringify(meta);
  const out: string[] = [];
  for (let i = 0; i < json.length; i += CHUNK) out.push(json.slice(i, i + CHUNK));
  return out.length ? out : ["{}"];
}

export function decodeMeta(chunks: readonly unknown[]): SnapshotMeta | null {
  try {
    const meta = JSON.parse(chunks.map((c) => String(c ?? "")).join("")) as SnapshotMeta;
    return meta && meta.v === 2 && Array.isArray(meta.formats) ? meta : null;
  } catch {
    return null;
  }
}
