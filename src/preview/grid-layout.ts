/**
 * How Excel lays a row of displayed cell texts into columns, so that a screenshot of the preview can be trusted:
 * - text is never cut short while the cells to its right are empty: it runs on over them (and their gridlines),
 *   and is clipped at the first cell that holds something, or at the last column;
 * - a number never shows part of its digits: in a column of default width it widens the column (Excel autofits a
 *   column of default width when a number is entered), in a column whose width was set it shows #### across the cell.
 * Left-aligned text only (the add-in writes no right-aligned or centred text that overflows).
 * Pure: the caller passes the measure of a text in pixels (canvas in the browser, an estimate elsewhere).
 */

/** A displayed number: digits with separators, a sign, a percent, an exponent, a currency sign, or (1,234). */
const NUMBER = /^(?:[-+]?[¥$€]?\d[\d,]*(?:\.\d*)?(?:[eE][-+]?\d+)?%?|\(\d[\d,]*(?:\.\d*)?\)|[-+]?\.\d+%?)$/;

export function isDisplayedNumber(text: string): boolean {
  return NUMBER.test(text.trim());
}

export interface CellBox {
  /** What the cell shows: the text, or #### when a number does not fit a column of set width. */
  shown: string;
  numeric: boolean;
  /** Columns to the right the text runs over (0: it fits its own cell, or there is nothing to run over). */
  overflow: number;
  /** Width in px the text may use (its own cell plus the cells it runs over), padding excluded. */
  room: number;
  /** True when this empty cell is covered by the text of a cell to its left (no gridline at its left edge). */
  covered: boolean;
}

export interface GridLayout {
  widths: number[];
  cells: CellBox[][];
}

/**
 * @param rows displayed texts, row by row ("" for an empty cell)
 * @param widths column widths in px
 * @param fixed per column: true when the workbook set the width (numbers that do not fit show ####)
 * @param measure width in px of a text as drawn in the cell at (r, c) (bold cells measure wider)
 * @param padding horizontal padding of a cell in px (both sides together)
 */
export function layoutGrid(
  rows: string[][],
  widths: number[],
  fixed: boolean[],
  measure: (text: string, r: number, c: number) => number,
  padding = 8,
): GridLayout {
  const w = [...widths];
  // Numbers first: widening a column changes where text overflows.
  rows.forEach((row, r) =>
    row.forEach((text, c) => {
      if (c >= w.length || text === "" || !isDisplayedNumber(text) || fixed[c]) return;
      const need = Math.ceil(measure(text, r, c)) + padding;
      if (need > w[c]) w[c] = need;
    }),
  );
  const cells = rows.map((row, r) => {
    const out: CellBox[] = row.map((text) => ({ shown: text, numeric: false, overflow: 0, room: 0, covered: false }));
    row.forEach((text, c) => {
      if (c >= w.length) return;
      const box = out[c];
      box.room = Math.max(0, w[c] - padding);
      if (text === "") return;
      const need = measure(text, r, c);
      if (isDisplayedNumber(text)) {
        box.numeric = true;
        if (need > box.room) {
          const hash = Math.max(1, measure("#", r, c));
          box.shown = "#".repeat(Math.max(1, Math.floor(box.room / hash)));
        }
        return;
      }
      let room = box.room;
      let k = c + 1;
      while (need > room && k < w.length && (row[k] ?? "") === "") {
        room += w[k];
        if (out[k]) out[k].covered = true;
        k++;
      }
      box.overflow = k - c - 1;
      box.room = room;
    });
    return out;
  });
  return { widths: w, cells };
}

/** A text's width in px when no canvas is at hand: CJK and full-width characters a full em, others about half. */
export function estimateWidth(text: string, fontPx = 12): number {
  let w = 0;
  for (const ch of text)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch)
      ? fontPx
      : fontPx * 0.55;
  return w;
}
