/**
 * Reading and writing a range's cells as 2-D arrays, with Excel's limits: the read cell limit, `null` as a whole value,
 * and dimensions that must match the range. Shared by ranges, table rows and table columns.
 */
import type { Rect } from "../formula";
import { SimError } from "../workbook";
import type { CellValue, SheetModel } from "../workbook";

export const READ_CELL_LIMIT = 5_000_000;

export interface RangeTarget {
  sheet: SheetModel;
  rect: Rect;
}

export function cellsOf(rect: Rect): number {
  return (rect.r1 - rect.r0 + 1) * (rect.c1 - rect.c0 + 1);
}

export function readGrid<V>(t: RangeTarget, read: (r: number, c: number) => V): V[][] {
  if (cellsOf(t.rect) > READ_CELL_LIMIT) {
    throw new SimError(
      "RangeExceedsLimit",
      `The cell count in the range has exceeded the maximum supported number (${READ_CELL_LIMIT}).`,
    );
  }
  const out: V[][] = [];
  for (let r = t.rect.r0; r <= t.rect.r1; r++) {
    const row: V[] = new Array(t.rect.c1 - t.rect.c0 + 1);
    for (let c = t.rect.c0; c <= t.rect.c1; c++) row[c - t.rect.c0] = read(r, c);
    out.push(row);
  }
  return out;
}

/**
 * excel-add-ins-blank-null-values.md: "`null` isn't a valid input for a single property. For example, the following
 * code snippet isn't valid, as the `values` property of the range cannot be set to `null`." (null inside a 2-D array
 * leaves that cell unchanged.)
 */
export function notNull(v: unknown, property: string): void {
  if (v === null || v === undefined)
    throw new SimError(
      "InvalidArgument",
      `The argument is invalid or missing or has an incorrect format. (${property} set to ${String(v)})`,
    );
}

/** Apply a 2-D array (or one value for every cell) to a range, as Range.values/formulas/numberFormat setters do. */
export function writeGrid(t: RangeTarget, input: unknown, write: (r: number, c: number, v: unknown) => void): void {
  const h = t.rect.r1 - t.rect.r0 + 1;
  const w = t.rect.c1 - t.rect.c0 + 1;
  if (!Array.isArray(input)) {
    if (h * w > READ_CELL_LIMIT)
      throw new SimError("RangeExceedsLimit", "The cell count in the range has exceeded the maximum supported number.");
    for (let r = 0; r < h; r++) for (let c = 0; c < w; c++) write(t.rect.r0 + r, t.rect.c0 + c, input);
    return;
  }
  if (input.length !== h || input.some((row) => !Array.isArray(row) || row.length !== w)) {
    throw new SimError(
      "InvalidArgument",
      `The number of rows or columns in the input array doesn't match the size or dimensions of the range. (range ${h}×${w})`,
    );
  }
  for (let r = 0; r < h; r++) {
    const row = input[r] as unknown[];
    for (let c = 0; c < w; c++) write(t.rect.r0 + r, t.rect.c0 + c, row[c]);
  }
}

export function valueType(v: CellValue, isError: boolean): string {
  if (isError) return "Error";
  if (v === "") return "Empty";
  if (typeof v === "number") return "Double";
  if (typeof v === "boolean") return "Boolean";
  return "String";
}

export const ERRORS = /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|ERROR!|SPILL!|CALC!|CYCLE!)$/;
