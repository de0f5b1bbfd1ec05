/**
 * What an undo sheet keeps besides the cell values it holds (copied there with copyType "Values"): the number formats
 * of every cell and the formulas of every formula cell (in any column: a formula the user typed into one of the
 * add-in's columns is put back too), as runs of equal consecutive cells per column, and the filters of the tables the
 * write touched. JSON-encoded into text cells beside the values: large material stays out of the workbook settings
 * (2 MB at most in all, OfficeDev/office-js#621). Pure: encoding, decoding and chunking into cells.
 */
export type Run = [start: number, length: number, value: string];

/** Filter criteria per column (null: no filter), as AutoFilter.criteria gives them. */
export type Filters = (Excel.FilterCriteria | null)[] | null;

export interface SnapshotMeta {
  v: 3;
  rows: number;
  cols: number;
  /** Per column, the runs of number formats over the body rows. */
  formats: Run[][];
  /** Per column index (as a string key), the runs of R1C1 formulas (cells without a formula are not in any run). */
  formulas: Record<string, Run[]>;
  /** The filters of the data table, the archive and the change log before the write. */
  filters: { data: Filters; archive: Filters; changeLog: Filters };
}

/** Runs of equal consecutive values; `undefined` cells are left out (they start no run). */
export function runsOf(values: readonly (string | undefined)[]): Run[] {
  const out: Run[] = [];
  for (let i = 0; i < values.length;) {
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
    return meta && meta.v === 3 && Array.isArray(meta.formats) ? meta : null;
  } catch {
    return null;
  }
}
