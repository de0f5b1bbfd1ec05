/**
 * Range.copyFrom's cell work: values, formulas (relative references moved) and/or formats, cell by cell, the source
 * repeated when the destination is a whole multiple of it. The rules about tables are checked by the proxy (api/).
 */
import { shiftFormula } from "./formula";
import type { Rect } from "./formula";
import { cellKey } from "./sheet-model";
import type { CellStyle, CellValue, SheetModel } from "./sheet-model";

/** Range.copyFrom: values, formulas (relative references moved) and/or formats, cell by cell. */
export function copyCells(
  src: SheetModel,
  from: Rect,
  dst: SheetModel,
  to: Rect,
  type: string,
  skipBlanks: boolean,
): void {
  const h = from.r1 - from.r0 + 1;
  const w = from.c1 - from.c0 + 1;
  // The destination is the source's size, repeated when the destination is a whole multiple of it.
  const th = to.r1 - to.r0 + 1;
  const tw = to.c1 - to.c0 + 1;
  const reps = { r: th % h === 0 ? th / h : 1, c: tw % w === 0 ? tw / w : 1 };
  // Read everything first: source and destination may overlap.
  const cells: { v: CellValue; f?: string; nf: string; st?: CellStyle }[][] = [];
  for (let r = 0; r < h; r++) {
    const row: { v: CellValue; f?: string; nf: string; st?: CellStyle }[] = [];
    for (let c = 0; c < w; c++) {
      const st = src.styles.get(cellKey(from.r0 + r, from.c0 + c));
      row.push({
        v: src.value(from.r0 + r, from.c0 + c),
        f: src.formula(from.r0 + r, from.c0 + c),
        nf: src.numberFormat(from.r0 + r, from.c0 + c),
        st,
      });
    }
    cells.push(row);
  }
  const values = type === "All" || type === "Values" || type === "Formulas";
  const formats = type === "All" || type === "Formats";
  for (let rr = 0; rr < reps.r; rr++) {
    for (let cr = 0; cr < reps.c; cr++) {
      for (let r = 0; r < h; r++) {
        for (let c = 0; c < w; c++) {
          const cell = cells[r][c];
          const tr = to.r0 + rr * h + r;
          const tc = to.c0 + cr * w + c;
          if (skipBlanks && cell.v === "" && !cell.f) continue;
          if (values) {
            if (cell.f && type !== "Values") {
              dst.setFormula(tr, tc, shiftFormula(cell.f, tr - (from.r0 + r), tc - (from.c0 + c)));
              dst.setRaw(tr, tc, cell.v);
            } else {
              dst.setFormula(tr, tc, undefined);
              dst.setRaw(tr, tc, cell.v);
            }
          }
          if (formats) {
            dst.setNumberFormat(tr, tc, cell.nf);
            const k = cellKey(tr, tc);
            if (cell.st) dst.styles.set(k, { ...cell.st });
            else dst.styles.delete(k);
          }
        }
      }
    }
  }
}
