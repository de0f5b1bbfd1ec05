/**
 * Reading and writing a block of body cells in pieces that stay within Excel's 5 MB per request and response.
 *
 * Reading: values (and number formats when asked) chunk by chunk, each chunk sized from the last one's response, and
 * the chunk's formula cells found with Range.getSpecialCellsOrNullObject("Formulas") (ExcelApi 1.9, "the RangeAreas
 * object … that represents all the cells that match the specified type"), whose areas give the formulas' R1C1 text:
 * one query finds a formula the user typed into any column, without reading every cell's formula.
 *
 * Writing: number formats and formulas by column, each as the cheapest of one value for the column, runs of equal
 * cells, or one array, through a RequestBudget.
 */
import { OP_BYTES, READ_BUDGET, RequestBudget } from "./request-budget";
import { runsOf, type Run } from "./undo-snapshot";
import { Cell, rowBytes, utf8Bytes } from "./values";

export interface BodyRead {
  values: Cell[][];
  formats: string[][] | null;
  /** Formula cells by row, then column (0-based within the block): their R1C1 text, "" when it was not read. */
  formulas: Map<number, Map<number, string>>;
}

export interface BodyBlock {
  /** First body row (0-based sheet row), first column, size. */
  top: number;
  left: number;
  rows: number;
  cols: number;
}

/** Whether the cell at (r, c) of a read block holds a formula. */
export function isFormulaAt(read: BodyRead, r: number, c: number): boolean {
  return read.formulas.get(r)?.has(c) ?? false;
}

/**
 * Read a block of cells in chunks. `formats`: also number formats; `formulaText`: the R1C1 text of formula cells (else
 * only where they are).
 */
export async function readBody(
  ctx: Excel.RequestContext,
  ws: Excel.Worksheet,
  at: BodyBlock,
  opts: {
    formats: boolean;
    formulaText: boolean;
    checkAbort?: () => void;
    progress?: (done: number) => void;
    withFirst?: () => void;
  },
): Promise<BodyRead> {
  const out: BodyRead = { values: [], formats: opts.formats ? [] : null, formulas: new Map() };
  let perChunk = Math.max(1, Math.floor(60_000 / Math.max(1, at.cols)));
  for (let start = 0; start < at.rows;) {
    opts.checkAbort?.();
    const n = Math.min(perChunk, at.rows - start);
    const range = ws.getRangeByIndexes(at.top + start, at.left, n, at.cols);
    // eslint-disable-next-line office-addins/no-empty-load -- the argument is an expression naming the properties, not an empty load
    range.load(opts.formats ? "values, numberFormat" : "values");
    const found = range.getSpecialCellsOrNullObject(Excel.SpecialCellType.formulas);
    if (start === 0) opts.withFirst?.();
    await ctx.sync();
    // The response's size, from every k-th row (enough to size the next chunk).
    const every = Math.max(1, Math.floor(n / 256));
    let sampled = 0;
    for (let i = 0; i < n; i++) {
      // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read -- load() names its properties through an expression; ctx.sync() above has run
      const row = range.values[i] as Cell[];
      out.values.push(row);
      if (i % every === 0) sampled += rowBytes(row);
      if (out.formats) {
        // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read -- load() names its properties through an expression; ctx.sync() above has run
        const nf = range.numberFormat[i] as string[];
        out.formats.push(nf);
        if (i % every === 0) sampled += rowBytes(nf);
      }
    }
    let bytes = (sampled * n) / Math.ceil(n / every);
    // eslint-disable-next-line office-addins/call-sync-before-read -- the rule knows only a context named `context`; ctx.sync() above has run
    if (!found.isNullObject) {
      // eslint-disable-next-line office-addins/no-empty-load -- the argument is an expression naming the properties, not an empty load
      found.areas.load(
        opts.formulaText
          ? "items/rowIndex, items/columnIndex, items/rowCount, items/columnCount, items/formulasR1C1"
          : "items/rowIndex, items/columnIndex, items/rowCount, items/columnCount",
      );
      await ctx.sync();
      // eslint-disable-next-line office-addins/call-sync-before-read -- the rule knows only a context named `context`; ctx.sync() above has run
      for (const area of found.areas.items) {
        bytes += 80;
        for (let r = 0; r < area.rowCount; r++) {
          for (let c = 0; c < area.columnCount; c++) {
            // Clipped to the chunk: the areas describe this range's cells only, whatever Excel returns around them.
            const br = area.rowIndex + r - at.top;
            const bc = area.columnIndex + c - at.left;
            if (br < start || br >= start + n || bc < 0 || bc >= at.cols) continue;
            const text = opts.formulaText ? String(area.formulasR1C1[r][c]) : "";
            bytes += text.length;
            let row = out.formulas.get(br);
            if (!row) out.formulas.set(br, (row = new Map()));
            row.set(bc, text);
          }
        }
      }
    }
    start += n;
    opts.progress?.(start);
    // Aim the next chunk at READ_BUDGET of response, as measured on this one.
    perChunk = Math.max(1, Math.floor((READ_BUDGET / Math.max(1, bytes)) * n));
  }
  return out;
}

/**
 * Write one column's values of a kind (number formats or R1C1 formulas) for rows [0, values.length) of a column
 * starting at (top, col): `undefined` cells are left alone. Sends one value for a column of equal cells, else runs
 * or an array, whichever is smaller, split so no command exceeds the budget.
 */
export async function writeColumn(
  ws: Excel.Worksheet,
  top: number,
  col: number,
  values: readonly (string | undefined)[],
  kind: "numberFormat" | "formulasR1C1",
  budget: RequestBudget,
): Promise<void> {
  const runs = runsOf(values);
  if (!runs.length) return;
  const n = values.length;
  const set = (r: Excel.Range, v: string | (string | null)[][]) => {
    // eslint-disable-next-line no-restricted-syntax -- @types/office-js types numberFormat and formulasR1C1 as any[][] only, yet Excel takes one value for every cell of the range (the form sent for a run)
    const input = v as never;
    if (kind === "numberFormat") r.numberFormat = input;
    else r.formulasR1C1 = input;
  };
  const runCost = runs.reduce((s, [, , v]) => s + 2 * OP_BYTES + utf8Bytes(v) + 4, 0);
  const whole = runs.length === 1 && runs[0][0] === 0 && runs[0][1] === n;
  const sizes = new Map<string, number>();
  const cellBytes = (v: string | undefined) => {
    if (v === undefined) return 7;
    let b = sizes.get(v);
    if (b === undefined) sizes.set(v, (b = utf8Bytes(JSON.stringify(v)) + 3));
    return b;
  };
  const arrayCost = values.reduce((s, v) => s + cellBytes(v), 2 * OP_BYTES);
  if (whole || runCost <= arrayCost) {
    for (const [start, len, v] of runs) {
      await budget.spend(utf8Bytes(v) + 4, 2);
      set(ws.getRangeByIndexes(top + start, col, len, 1), v);
    }
    return;
  }
  // One array, in pieces below the budget; null leaves a cell unchanged ("Use null in 2-D arrays to leave specific
  // cells unchanged while updating others", excel-add-ins-blank-null-values.md).
  for (let s = 0; s < n;) {
    let bytes = 0;
    let e = s;
    while (e < n && (e === s || bytes + cellBytes(values[e]) < budget.pieceLimit / 2)) bytes += cellBytes(values[e++]);
    await budget.spend(bytes, 2);
    set(
      ws.getRangeByIndexes(top + s, col, e - s, 1),
      values.slice(s, e).map((v) => [v ?? null]),
    );
    s = e;
  }
}

/** The values of runs as one column of `n` cells (undefined outside every run). */
export function fromRuns(runs: readonly Run[], n: number): (string | undefined)[] {
  const out: (string | undefined)[] = new Array(n).fill(undefined);
  for (const [start, len, v] of runs) for (let i = start; i < start + len && i < n; i++) out[i] = v;
  return out;
}
