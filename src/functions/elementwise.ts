/**
 * Element-wise evaluation of custom functions over cells and ranges, with Excel-style broadcasting:
 * a single cell pairs with every cell of a range; a single row or column pairs along the other axis;
 * any other mismatch of shapes is #VALUE! with a message. The result has the shape of the largest argument,
 * so Excel spills it as a dynamic array.
 */
import { ErrorKind, FunctionError, functionError, isFunctionError } from "./errors";
import { broadcastShapes, numberFromText } from "../core/period-aggregate";
import { ArgLabel, readCell } from "./cells";

export type CellValue = number | string | boolean | null | undefined;
export type Grid = CellValue[][];
export type Result = number | string | FunctionError;

export interface Argument {
  /** Parameter name as in the function wizard (ASCII). */
  name: string;
  /** Chinese label used in messages, e.g. "目标". */
  zh: string;
  grid: Grid | CellValue;
}

/**
 * A number from a cell: numbers as they are; blank (null, undefined, "" or text of spaces only, which looks blank) is 0
 * as Excel passes a blank cell; numeric text is read by the one rule of src/core (numberFromText: full-width digits,
 * thousands separators in groups of three, a trailing %); anything else is null — booleans included: TRUE in an
 * amount or a target is almost always a slip, so it is a #VALUE! saying so rather than 1 as Excel's arithmetic would
 * make it (docs/functions.md).
 */
export function cellToNumber(value: CellValue): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (value === null || value === undefined) return 0;
  if (typeof value !== "string") return null;
  if (value.trim() === "") return 0;
  return numberFromText(value);
}

/** An argument read as rows of cells, or why it cannot be: {@link readGrid}. */
export type GridRead = { ok: true; grid: Grid } | { ok: false; rows: number; cols: number; error: FunctionError };

/**
 * An argument as rows of cells. Excel passes a cell as a value and a range as a rectangular any[][] (at least 1×1).
 * A direct caller (a test, another host) may also pass one value, a flat list (read as one row) or an empty list or
 * [[]] (read as one blank cell). Anything else — rows of different lengths, an empty row among others, rows mixed
 * with single values — is malformed: the function answers #VALUE! naming the argument and its row lengths instead of
 * guessing what was meant. `rows` × `cols` (the longest row) is the size of the answer. Never throws.
 */
export function readGrid(g: unknown, arg: ArgLabel): GridRead {
  if (!Array.isArray(g)) return { ok: true, grid: [[g as CellValue]] };
  if (g.length === 0) return { ok: true, grid: [[null]] };
  const arrays = g.filter((row) => Array.isArray(row)).length;
  if (arrays === 0) return { ok: true, grid: [g as CellValue[]] };
  const rows = g as unknown[][];
  if (arrays === g.length) {
    const width = rows[0].length;
    if (width > 0 && rows.every((row) => row.length === width)) return { ok: true, grid: rows as Grid };
    if (rows.every((row) => row.length === 0)) return { ok: true, grid: [[null]] };
  }
  const lengths = rows.map((row) => (Array.isArray(row) ? row.length : 1));
  const shown = lengths.length > 6 ? `${lengths.slice(0, 6).join("、")}…` : lengths.join("、");
  return {
    ok: false,
    rows: g.length,
    cols: Math.max(1, ...lengths),
    error: functionError("value", {
      zh: `参数“${arg.zh}”（${arg.name}）不是完整的矩形区域（各行长度为 ${shown}）：请选择一个连续的单元格区域。`,
      en: `Argument ${arg.name} is not a rectangular range (row lengths ${shown.replace(/、/g, ", ")}): select one block of cells.`,
    }),
  };
}

/** A grid of `rows` × `cols` cells all holding `value` (an error answering the whole call, in the shape asked for). */
export function filled<T>(rows: number, cols: number, value: T): T[][] {
  return Array.from({ length: rows }, () => new Array<T>(cols).fill(value));
}

/** Output shape for broadcasting, or null when the shapes cannot pair. */
export function broadcastShape(grids: Grid[]): [number, number] | null {
  return broadcastShapes(grids.map((g) => [g.length, g[0]?.length ?? 1]));
}

function pick(g: Grid, r: number, c: number): CellValue {
  const row = g.length === 1 ? g[0] : g[r];
  return (row.length === 1 ? row[0] : row[c]) ?? null;
}

/**
 * Apply `fn` to every aligned set of numeric arguments. Each cell is read by readCell (data types by their basic
 * value); non-numeric cells give #VALUE! naming the argument; error values passed in are propagated (as the same
 * error when Excel lets a function return it, src/functions/errors.ts).
 */
export function elementwise(
  args: Argument[],
  fn: (values: number[], raw: CellValue[]) => Result,
  options: { numeric?: boolean[] } = {},
): Result[][] {
  const grids: Grid[] = [];
  for (const a of args) {
    const read = readGrid(a.grid, a);
    if (!read.ok) return filled(read.rows, read.cols, read.error);
    grids.push(read.grid);
  }
  const shape = broadcastShape(grids);
  if (!shape) {
    const dims = grids.map((g, i) => `${args[i].zh} ${g.length}×${g[0]?.length ?? 1}`).join("，");
    const dimsEn = grids.map((g, i) => `${args[i].name} ${g.length}x${g[0]?.length ?? 1}`).join(", ");
    return [
      [
        functionError("value", {
          zh: `区域大小不一致（${dims}）：各参数应为相同大小的区域，或单个单元格。`,
          en: `Ranges differ in size (${dimsEn}): give ranges of the same size, or single cells.`,
        }),
      ],
    ];
  }
  const [rows, cols] = shape;
  const numeric = options.numeric ?? args.map(() => true);
  const out: Result[][] = new Array(rows);
  const values = new Array<number>(args.length);
  const raw = new Array<CellValue>(args.length);
  for (let r = 0; r < rows; r++) {
    const line: Result[] = new Array(cols);
    for (let c = 0; c < cols; c++) {
      let error: Result | null = null;
      for (let i = 0; i < args.length; i++) {
        const v = readCell(pick(grids[i], r, c), args[i]);
        if (isFunctionError(v)) {
          error = v;
          break;
        }
        raw[i] = v;
        if (!numeric[i]) continue;
        const n = cellToNumber(v);
        if (n === null) {
          error = notANumber(args[i], v);
          break;
        }
        values[i] = n;
      }
      line[c] = error ?? fn(values, raw);
    }
    out[r] = line;
  }
  return out;
}

export function notANumber(arg: Pick<Argument, "name" | "zh">, value: CellValue): FunctionError {
  const shown = String(value).slice(0, 30);
  return functionError("value", {
    zh: `参数“${arg.zh}”（${arg.name}）不是数字：“${shown}”。请填写数值，或留空表示 0。`,
    en: `Argument ${arg.name} is not a number: "${shown}". Enter a number, or leave it blank for 0.`,
  });
}

export function errorFor(kind: ErrorKind, zh: string, en: string): FunctionError {
  return functionError(kind, { zh, en });
}
