/**
 * The part of a sheet the grid draws: at least A1:H20, the used range and the selected cell (Excel's grid has no
 * end: L3 typed in the name box of a sheet used up to H20 is drawn, selected), at most MAX_ROWS × MAX_COLS. With the
 * cells' text and style and the column widths laid out (grid-layout.ts).
 */
import type { SimWorkbookInspector } from "../../../packages/excel-sim/src";
import { columnLetters as colName } from "../../core/a1";
import { GridLayout, layoutGrid } from "../grid-layout";
import { measureText } from "./measure-text";

/** Rows and columns drawn at most (the preview shows, it does not page through 100k rows). */
export const MAX_ROWS = 200;
export const MAX_COLS = 26;
/** Cell padding, left and right together (the cell style's 4px each side). */
const CELL_PADDING = 8;

export type CellStyle = ReturnType<SimWorkbookInspector["cell"]>["style"];

export interface SheetWindow {
  cols: number;
  /** The cells' text as Excel shows it, row by row. */
  text: string[][];
  styleOf: (r: number, c: number) => Partial<CellStyle>;
  layout: GridLayout;
}

/** "H20" → { r: 19, c: 7 } (0-based), or null when the text is not a cell address. */
export function parseCell(text: string): { r: number; c: number } | null {
  const m = /^\s*([A-Za-z]{1,3})(\d{1,7})\s*$/.exec(text);
  if (!m) return null;
  let c = 0;
  for (const ch of m[1].toUpperCase()) c = c * 26 + (ch.charCodeAt(0) - 64);
  return { r: Number(m[2]) - 1, c: c - 1 };
}

/** Rows and columns to draw: the used range (or A1:H20) grown to reach the selected cell. */
function extent(inspector: SimWorkbookInspector, sheet: string, sel: { r: number; c: number } | null) {
  const used = inspector.usedAddress(sheet);
  const end = used ? parseCell(used.split(":").pop() ?? "") : null;
  let rows = Math.max(end ? Math.min(end.r + 1, MAX_ROWS) : 0, 20);
  let cols = Math.max(end ? Math.min(end.c + 1, MAX_COLS) : 0, 8);
  if (sel) {
    rows = Math.max(rows, Math.min(sel.r + 1, MAX_ROWS));
    cols = Math.max(cols, Math.min(sel.c + 1, MAX_COLS));
  }
  return { rows, cols };
}

export function sheetWindow(
  inspector: SimWorkbookInspector,
  sheet: string,
  sel: { r: number; c: number } | null,
): SheetWindow {
  const { rows, cols } = extent(inspector, sheet, sel);
  // Excel column widths are in points (Range.format.columnWidth); 64 px is Excel's default column.
  const setWidths = Array.from({ length: cols }, (_, c) => inspector.columnWidth(sheet, c));
  const text = inspector.text(sheet, `A1:${colName(cols - 1)}${rows}`);
  const styleOf = (r: number, c: number) =>
    text[r]?.[c] !== "" ? inspector.cell(sheet, `${colName(c)}${r + 1}`).style : {};
  const layout = layoutGrid(
    text,
    setWidths.map((w) => (w ? Math.max(24, Math.round((w * 4) / 3)) : 64)),
    setWidths.map((w) => !!w),
    (t, r, c) => measureText(t, !!styleOf(r, c).bold),
    CELL_PADDING,
  );
  return { cols, text, styleOf, layout };
}
