/**
 * Where a table's parts lie on its sheet, and shifting the cells under a table's columns when rows are inserted or
 * deleted (TableRowCollection.add, TableRow.delete, Range.delete).
 */
import { MAX_COLS, rectAddress } from "../formula";
import type { Rect } from "../formula";
import { SimError, moveCell, notModelled } from "../workbook";
import type { SheetModel, TableModel, WorkbookModel } from "../workbook";

export function bodyRect(t: TableModel): Rect | null {
  const r0 = t.hasHeaders ? t.rect.r0 + 1 : t.rect.r0;
  const r1 = t.showTotals ? t.rect.r1 - 1 : t.rect.r1;
  return r1 >= r0 ? { ...t.rect, r0, r1 } : null;
}

/**
 * Shift the cells of columns c0..c1 from row `from` downwards by n rows (or up for n < 0); a table lying within
 * those columns moves along. A table that lies only partly in them cannot move with its cells (Excel refuses such
 * shifts in the UI; for the API it is not documented): refused.
 */
export function shiftRows(b: WorkbookModel, s: SheetModel, c0: number, c1: number, from: number, n: number): void {
  b.assertNoMergesInShift(s, c0, c1, n > 0 ? from : from + n);
  for (const t of b.tables) {
    if (
      t.sheet === s &&
      t.rect.r1 >= from &&
      t.rect.c0 <= c1 &&
      t.rect.c1 >= c0 &&
      (t.rect.c0 < c0 || t.rect.c1 > c1) &&
      t.rect.r0 >= from
    ) {
      throw notModelled(`shifting cells of columns that cut the table "${t.name}"`);
    }
  }
  const last = Math.max(s.vals.length, s.nfs.length) - 1;
  const move = (r: number, r2: number) => {
    for (let c = c0; c <= c1; c++) moveCell(s, r, c, r2, c);
  };
  if (n > 0) for (let r = last; r >= from; r--) move(r, r + n);
  else for (let r = from; r <= last; r++) move(r, r + n);
  for (const t of b.tables) {
    if (t.sheet === s && t.rect.r0 >= from && t.rect.c0 >= c0 && t.rect.c1 <= c1)
      t.rect = { ...t.rect, r0: t.rect.r0 + n, r1: t.rect.r1 + n };
  }
}

/** The first cell outside columns c0..c1, at or below row `from`, that holds a value, formula, format or merge. */
export function besideBelow(s: SheetModel, c0: number, c1: number, from: number): string | null {
  const last = Math.max(s.vals.length, s.nfs.length) - 1;
  for (let r = from; r <= last; r++) {
    const width = Math.max(s.vals[r]?.length ?? 0, s.nfs[r]?.length ?? 0);
    for (let c = 0; c < width; c++) {
      if (c >= c0 && c <= c1) continue;
      if (s.value(r, c) !== "" || s.numberFormat(r, c) !== "General")
        return rectAddress({ r0: r, c0: c, r1: r, c1: c });
    }
  }
  for (const k of s.fmls.keys()) {
    const r = Math.floor(k / MAX_COLS),
      c = k % MAX_COLS;
    if (r >= from && (c < c0 || c > c1)) return rectAddress({ r0: r, c0: c, r1: r, c1: c });
  }
  const m = s.merges.find((x) => x.r1 >= from && (x.c0 < c0 || x.c1 > c1));
  return m ? rectAddress(m) : null;
}

/** A table column as the proxies address it: the table and its column entry. */
export type ColumnTarget = { t: TableModel; col: { id: number; name: string } };
/** A table row as the proxies address it: the table and the row's index within the data body. */
export type RowTarget = { t: TableModel; i: number };

export function rowRect(x: RowTarget): Rect {
  const r = x.t.rect.r0 + 1 + x.i;
  return { r0: r, r1: r, c0: x.t.rect.c0, c1: x.t.rect.c1 };
}

export function colRect(x: ColumnTarget): Rect {
  const c = x.t.rect.c0 + x.t.columns.indexOf(x.col);
  if (c < x.t.rect.c0)
    throw new SimError("ItemNotFound", "The requested resource doesn't exist. (the column was deleted)");
  return { ...x.t.rect, c0: c, c1: c };
}
