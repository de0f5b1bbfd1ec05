/**
 * RangeAreas and RangeCollection of the simulated Excel JavaScript API: several rectangles of one sheet, as returned
 * by getMergedAreasOrNullObject and getSpecialCellsOrNullObject.
 */
import { MAX_COLS, quoteSheet, rectAddress } from "../formula";
import type { Rect } from "../formula";
import type { SheetModel } from "../workbook";
import { cellsOf } from "./cell-grid";
import type { RangeTarget } from "./cell-grid";
import { SimCollection, SimProxy } from "./proxy";
import { SimRange } from "./ranges";

export interface AreasTarget {
  sheet: SheetModel;
  areas: Rect[];
}

/**
 * RangeAreas (ExcelApi 1.9): "a collection of one or more rectangular ranges in the same worksheet". `address`: "the
 * `RangeAreas` reference in A1-style. Address will contain the worksheet name for each rectangular block of cells";
 * `areas`: "a collection of rectangular ranges that make up this `RangeAreas` object".
 */
export class SimRangeAreas extends SimProxy<AreasTarget> {
  readonly _cls = "RangeAreas";
  protected override get _props() {
    return {
      address: (t: AreasTarget) => t.areas.map((a) => `${quoteSheet(t.sheet.name)}!${rectAddress(a)}`).join(", "),
      areaCount: (t: AreasTarget) => t.areas.length,
      cellCount: (t: AreasTarget) => t.areas.reduce((n, a) => n + cellsOf(a), 0),
    };
  }
  protected override get _navs() {
    return { areas: () => this.areas };
  }
  get address(): string {
    return this._get("address");
  }
  get areaCount(): number {
    return this._get("areaCount");
  }
  get cellCount(): number {
    return this._get("cellCount");
  }
  get areas(): SimRangeCollection {
    return this._nav("areas", () => new SimRangeCollection(this.context, this, "areas", [], () => this._req()));
  }
}

/** RangeCollection (ExcelApi 1.9): the rectangular ranges of a RangeAreas. */
export class SimRangeCollection extends SimCollection<AreasTarget, RangeTarget, SimRange> {
  readonly _cls = "RangeCollection";
  protected _list(t: AreasTarget): RangeTarget[] {
    return t.areas.map((rect) => ({ sheet: t.sheet, rect }));
  }
  protected _wrap(it: RangeTarget): SimRange {
    return new SimRange(this.context, this, "_item", [rectAddress(it.rect)], () => it);
  }
}

/**
 * The cells of `rect` that hold formulas, as rectangles: runs down each column, side by side runs of the same rows
 * joined (how Excel splits them into areas is not documented).
 */
export function formulaAreas(sheet: SheetModel, rect: Rect): Rect[] {
  const runs: Rect[] = [];
  const byCol = new Map<number, number[]>();
  for (const k of sheet.fmls.keys()) {
    const r = Math.floor(k / MAX_COLS),
      c = k % MAX_COLS;
    if (r < rect.r0 || r > rect.r1 || c < rect.c0 || c > rect.c1) continue;
    let list = byCol.get(c);
    if (!list) byCol.set(c, (list = []));
    list.push(r);
  }
  for (const c of [...byCol.keys()].sort((a, b) => a - b)) {
    const rows = byCol.get(c)!.sort((a, b) => a - b);
    for (let i = 0; i < rows.length;) {
      let j = i;
      while (j + 1 < rows.length && rows[j + 1] === rows[j] + 1) j++;
      const prev = runs.find((x) => x.c1 === c - 1 && x.r0 === rows[i] && x.r1 === rows[j]);
      if (prev) prev.c1 = c;
      else runs.push({ r0: rows[i], r1: rows[j], c0: c, c1: c });
      i = j + 1;
    }
  }
  return runs;
}
