/**
 * One worksheet of the simulated workbook: cells stored by row arrays (values, number formats) so 100,000-row ledgers
 * stay small in memory, formulas and styles in sparse maps, plus column widths, panes, charts, merges and protection.
 */
import { MAX_COLS, rectsMeet } from "./formula";
import type { Rect } from "./formula";

export type CellValue = string | number | boolean;
export type Visibility = "Visible" | "Hidden" | "VeryHidden";

export interface CellStyle {
  bold?: boolean;
  italic?: boolean;
  fontColor?: string;
  fill?: string;
  horizontalAlignment?: string;
  wrapText?: boolean;
}

let nextId = 1;
const newId = (prefix: string) => `{${prefix}-${(nextId++).toString(16).padStart(8, "0")}}`;
/** The key of a cell in the sparse maps (formulas, styles). */
export const cellKey = (r: number, c: number) => r * MAX_COLS + c;

export interface ChartModel {
  id: string;
  name: string;
  type: string;
  sourceSheet: string;
  source: string;
  seriesBy: string;
  title: string;
  titleVisible: boolean;
  axisTitles: { category?: string; value?: string };
  top?: string;
  bottom?: string;
}

export class SheetModel {
  id = newId("sheet");
  visibility: Visibility = "Visible";
  vals: ((CellValue | undefined)[] | undefined)[] = [];
  nfs: ((string | undefined)[] | undefined)[] = [];
  fmls = new Map<number, string>();
  styles = new Map<number, CellStyle>();
  colWidths = new Map<number, number>();
  rowHeights = new Map<number, number>();
  freezeRows = 0;
  freezeCols = 0;
  charts: ChartModel[] = [];
  tabColor = "";
  /** Merged areas (Range.merge), each a rectangle. */
  merges: Rect[] = [];
  /** WorksheetProtection.protect was called (and not unprotect). */
  protected = false;
  constructor(public name: string) {}

  /** The merged areas that meet `rect`. */
  mergesIn(rect: Rect): Rect[] {
    return this.merges.filter((m) => rectsMeet(m, rect));
  }

  value(r: number, c: number): CellValue {
    const row = this.vals[r];
    const v = row ? row[c] : undefined;
    return v === undefined ? "" : v;
  }
  numberFormat(r: number, c: number): string {
    const row = this.nfs[r];
    return (row && row[c]) || "General";
  }
  /** Whether a cell holds a value or a formula (what Excel would have to move, overwrite or refuse). */
  holdsContent(r: number, c: number): boolean {
    return this.value(r, c) !== "" || this.formula(r, c) !== undefined;
  }
  formula(r: number, c: number): string | undefined {
    return this.fmls.get(cellKey(r, c));
  }
  setRaw(r: number, c: number, v: CellValue | undefined): void {
    let row = this.vals[r];
    if (!row) {
      if (v === undefined || v === "") return;
      row = this.vals[r] = [];
    }
    row[c] = v === "" ? undefined : v;
  }
  setFormula(r: number, c: number, f: string | undefined): void {
    if (f === undefined) this.fmls.delete(cellKey(r, c));
    else this.fmls.set(cellKey(r, c), f);
  }
  setNumberFormat(r: number, c: number, nf: string): void {
    let row = this.nfs[r];
    if (!row) {
      if (nf === "General") return;
      row = this.nfs[r] = [];
    }
    row[c] = nf === "General" ? undefined : nf;
  }
  style(r: number, c: number): CellStyle {
    return this.styles.get(cellKey(r, c)) ?? {};
  }
  setStyle(r: number, c: number, patch: Partial<CellStyle>): void {
    const k = cellKey(r, c);
    const next = { ...(this.styles.get(k) ?? {}), ...patch };
    for (const p of Object.keys(next) as (keyof CellStyle)[]) if (next[p] === undefined) delete next[p];
    if (Object.keys(next).length) this.styles.set(k, next);
    else this.styles.delete(k);
  }

  /** Used range: the smallest rectangle holding every value or formula (and formats unless valuesOnly). */
  usedRect(valuesOnly: boolean): Rect | null {
    let r0 = Infinity,
      c0 = Infinity,
      r1 = -1,
      c1 = -1;
    const take = (r: number, c: number) => {
      if (r < r0) r0 = r;
      if (r > r1) r1 = r;
      if (c < c0) c0 = c;
      if (c > c1) c1 = c;
    };
    this.vals.forEach((row, r) =>
      row?.forEach((v, c) => {
        if (v !== undefined) take(r, c);
      }),
    );
    for (const k of this.fmls.keys()) take(Math.floor(k / MAX_COLS), k % MAX_COLS);
    if (!valuesOnly) {
      this.nfs.forEach((row, r) =>
        row?.forEach((v, c) => {
          if (v !== undefined) take(r, c);
        }),
      );
      for (const k of this.styles.keys()) take(Math.floor(k / MAX_COLS), k % MAX_COLS);
    }
    return r1 < 0 ? null : { r0, c0, r1, c1 };
  }

  /** Remove contents and/or formats of a rectangle. */
  clear(rect: Rect, what: "All" | "Contents" | "Formats"): void {
    const contents = what !== "Formats";
    const formats = what !== "Contents";
    const rMax = Math.min(rect.r1, Math.max(this.vals.length, this.nfs.length) - 1);
    for (let r = rect.r0; r <= rMax; r++) {
      for (let c = rect.c0; c <= rect.c1; c++) {
        if (contents) this.setRaw(r, c, undefined);
        if (formats) this.setNumberFormat(r, c, "General");
        if (c > 512 && !this.vals[r] && !this.nfs[r]) break;
      }
    }
    const inRect = (k: number) => {
      const r = Math.floor(k / MAX_COLS),
        c = k % MAX_COLS;
      return r >= rect.r0 && r <= rect.r1 && c >= rect.c0 && c <= rect.c1;
    };
    if (contents) for (const k of [...this.fmls.keys()]) if (inRect(k)) this.fmls.delete(k);
    if (formats) for (const k of [...this.styles.keys()]) if (inRect(k)) this.styles.delete(k);
  }
}

/** Move one cell's content and number format; the source becomes empty. */
export function moveCell(s: SheetModel, r: number, c: number, r2: number, c2: number): void {
  s.setRaw(r2, c2, s.value(r, c));
  s.setFormula(r2, c2, s.formula(r, c));
  s.setNumberFormat(r2, c2, s.numberFormat(r, c));
  s.setRaw(r, c, undefined);
  s.setFormula(r, c, undefined);
  s.setNumberFormat(r, c, "General");
}
