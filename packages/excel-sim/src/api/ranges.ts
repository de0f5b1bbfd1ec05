/**
 * Range of the simulated Excel JavaScript API: its properties (values, formulas, number formats, text…), the ranges
 * derived from it, clear, copyFrom, merge, special cells, getTables and delete.
 */
import { MAX_COLS, MAX_ROWS, parseAddress, quoteSheet, rectAddress, rectsMeet } from "../formula";
import type { Rect } from "../formula";
import { SimError, formatValue, notModelled } from "../workbook";
import type { SheetModel, WorkbookModel } from "../workbook";
import { ERRORS, cellsOf, notNull, readGrid, valueType, writeGrid } from "./cell-grid";
import type { RangeTarget } from "./cell-grid";
import { SimProxy } from "./proxy";
import { SimRangeAreas, formulaAreas } from "./range-areas";
import { copyRange } from "./range-copy";
import { deleteCells } from "./range-delete";
import { SimRangeFormat } from "./range-format";
import { mergeCells } from "./range-merge";
import { SimTableCollection } from "./tables";
import { SimWorksheet, liveSheet } from "./worksheets";

export class SimRange extends SimProxy<RangeTarget> {
  readonly _cls = "Range";
  protected override get _props() {
    const b = this.context._book;
    return {
      address: (t: RangeTarget) => `${quoteSheet(t.sheet.name)}!${rectAddress(t.rect)}`,
      addressLocal: (t: RangeTarget) => `${quoteSheet(t.sheet.name)}!${rectAddress(t.rect)}`,
      values: (t: RangeTarget) => readGrid(t, (r, c) => t.sheet.value(r, c)),
      formulas: (t: RangeTarget) => readGrid(t, (r, c) => t.sheet.formula(r, c) ?? t.sheet.value(r, c)),
      formulasR1C1: (t: RangeTarget) => readGrid(t, (r, c) => b.formulaR1C1(t.sheet, r, c)),
      numberFormat: (t: RangeTarget) => readGrid(t, (r, c) => t.sheet.numberFormat(r, c)),
      text: (t: RangeTarget) =>
        readGrid(t, (r, c) => formatValue(t.sheet.value(r, c), t.sheet.numberFormat(r, c), b.date1904)),
      valueTypes: (t: RangeTarget) =>
        readGrid(t, (r, c) => {
          const v = t.sheet.value(r, c);
          return valueType(v, typeof v === "string" && !!t.sheet.formula(r, c) && ERRORS.test(v));
        }),
      rowCount: (t: RangeTarget) => t.rect.r1 - t.rect.r0 + 1,
      columnCount: (t: RangeTarget) => t.rect.c1 - t.rect.c0 + 1,
      rowIndex: (t: RangeTarget) => t.rect.r0,
      columnIndex: (t: RangeTarget) => t.rect.c0,
      cellCount: (t: RangeTarget) => cellsOf(t.rect),
      hasSpill: () => false,
    };
  }
  protected override get _navs() {
    return { format: () => this.format, worksheet: () => this.worksheet };
  }
  get address(): string {
    return this._get("address");
  }
  get addressLocal(): string {
    return this._get("addressLocal");
  }
  get rowCount(): number {
    return this._get("rowCount");
  }
  get columnCount(): number {
    return this._get("columnCount");
  }
  get rowIndex(): number {
    return this._get("rowIndex");
  }
  get columnIndex(): number {
    return this._get("columnIndex");
  }
  get cellCount(): number {
    return this._get("cellCount");
  }
  get text(): string[][] {
    return this._get("text");
  }
  get valueTypes(): string[][] {
    return this._get("valueTypes");
  }
  get values(): unknown[][] {
    return this._get("values");
  }
  set values(v: unknown[][]) {
    this._set("values", v, (t) =>
      this._write(t, v, (r, c, x) => this.context._book.writeInput(t.sheet, r, c, x), "values"),
    );
  }
  get formulas(): unknown[][] {
    return this._get("formulas");
  }
  set formulas(v: unknown[][]) {
    this._set("formulas", v, (t) =>
      this._write(t, v, (r, c, x) => this.context._book.writeInput(t.sheet, r, c, x), "formulas"),
    );
  }
  get formulasR1C1(): unknown[][] {
    return this._get("formulasR1C1");
  }
  set formulasR1C1(v: unknown[][]) {
    this._set("formulasR1C1", v, (t) =>
      this._write(t, v, (r, c, x) => this.context._book.writeFormulaR1C1(t.sheet, r, c, x), "formulasR1C1"),
    );
  }
  get numberFormat(): string[][] {
    return this._get("numberFormat");
  }
  set numberFormat(v: string[][]) {
    this._set("numberFormat", v, (t) => {
      liveSheet(this.context._book, t.sheet);
      notNull(v, "numberFormat");
      this.context._book.assertUnprotected(t.sheet, "setting number formats");
      this.context._book.assertNotFiltered(t.sheet, t.rect, "setting number formats");
      writeGrid(t, v, (r, c, x) => {
        if (x === null || x === undefined) return;
        t.sheet.setNumberFormat(r, c, String(x));
      });
      this.context._book.dirty = true;
    });
  }
  private _write(
    t: RangeTarget,
    v: unknown,
    write: (r: number, c: number, x: unknown) => void,
    property: string,
  ): void {
    liveSheet(this.context._book, t.sheet);
    notNull(v, property);
    this.context._book.assertUnprotected(t.sheet, "writing cells");
    this.context._book.assertNotFiltered(t.sheet, t.rect, "writing cells");
    writeGrid(t, v, write);
    this.context._book.syncHeaders(t.sheet, t.rect, true);
    this.context._book.dirty = true;
  }

  get format(): SimRangeFormat {
    return this._nav("format", () => new SimRangeFormat(this.context, this, "format", [], () => this._req()));
  }
  get worksheet(): SimWorksheet {
    return this._nav("worksheet", () => new SimWorksheet(this.context, this, "worksheet", [], () => this._req().sheet));
  }
  private _derive(method: string, args: unknown[], f: (t: RangeTarget) => Rect): SimRange {
    return new SimRange(this.context, this, method, args, () => {
      const t = this._req();
      const rect = f(t);
      if (
        rect.r0 < 0 ||
        rect.c0 < 0 ||
        rect.r1 >= MAX_ROWS ||
        rect.c1 >= MAX_COLS ||
        rect.r1 < rect.r0 ||
        rect.c1 < rect.c0
      ) {
        throw new SimError(
          "InvalidArgument",
          `The argument is invalid or missing or has an incorrect format. (${method})`,
        );
      }
      return { sheet: t.sheet, rect };
    });
  }
  getCell(row: number, column: number): SimRange {
    return this._derive("getCell", [row, column], (t) => ({
      r0: t.rect.r0 + row,
      c0: t.rect.c0 + column,
      r1: t.rect.r0 + row,
      c1: t.rect.c0 + column,
    }));
  }
  getResizedRange(deltaRows: number, deltaColumns: number): SimRange {
    return this._derive("getResizedRange", [deltaRows, deltaColumns], (t) => ({
      ...t.rect,
      r1: t.rect.r1 + deltaRows,
      c1: t.rect.c1 + deltaColumns,
    }));
  }
  getOffsetRange(rowOffset: number, columnOffset: number): SimRange {
    return this._derive("getOffsetRange", [rowOffset, columnOffset], (t) => ({
      r0: t.rect.r0 + rowOffset,
      r1: t.rect.r1 + rowOffset,
      c0: t.rect.c0 + columnOffset,
      c1: t.rect.c1 + columnOffset,
    }));
  }
  getRow(row: number): SimRange {
    return this._derive("getRow", [row], (t) => ({ ...t.rect, r0: t.rect.r0 + row, r1: t.rect.r0 + row }));
  }
  getColumn(column: number): SimRange {
    return this._derive("getColumn", [column], (t) => ({ ...t.rect, c0: t.rect.c0 + column, c1: t.rect.c0 + column }));
  }
  getLastRow(): SimRange {
    return this._derive("getLastRow", [], (t) => ({ ...t.rect, r0: t.rect.r1 }));
  }
  getEntireColumn(): SimRange {
    return this._derive("getEntireColumn", [], (t) => ({ ...t.rect, r0: 0, r1: MAX_ROWS - 1 }));
  }
  getEntireRow(): SimRange {
    return this._derive("getEntireRow", [], (t) => ({ ...t.rect, c0: 0, c1: MAX_COLS - 1 }));
  }
  clear(applyTo: "All" | "Contents" | "Formats" = "All"): void {
    this._call("clear", [applyTo], (t) => {
      liveSheet(this.context._book, t.sheet);
      this.context._book.assertUnprotected(t.sheet, "clearing cells");
      this.context._book.assertNotFiltered(t.sheet, t.rect, "clearing cells");
      if (applyTo !== "Formats") {
        // What a table's header cell becomes when cleared is not documented for the API (the UI names it Column1…).
        for (const tb of this.context._book.tables) {
          if (tb.sheet === t.sheet && rectsMeet(t.rect, { ...tb.rect, r1: tb.rect.r0 }))
            throw notModelled(`clearing header cells of the table "${tb.name}"`);
        }
      }
      t.sheet.clear(t.rect, applyTo);
      this.context._book.dirty = true;
    });
  }
  /** Range.copyFrom (ExcelApi 1.9), as the UI's copy and paste: modelled and refused in range-copy.ts. */
  copyFrom(
    source: SimRange | string,
    copyType: "All" | "Formulas" | "Values" | "Formats" = "All",
    skipBlanks = false,
    transpose = false,
  ): void {
    this._call("copyFrom", [rangeArg(source), copyType, skipBlanks, transpose], (t) => {
      if (transpose) throw notModelled("Range.copyFrom with transpose");
      const b = this.context._book;
      const from = rangeArgTarget(b, source, t.sheet);
      if (!from.sheet || !from.rect) throw new SimError("InvalidArgument", `Invalid source address ${String(source)}`);
      copyRange(b, { sheet: from.sheet, rect: from.rect }, t, copyType, skipBlanks);
    });
  }
  /** Used cells within this range (ExcelApi 1.4: "If there are no used cells within the range … a null object"). */
  getUsedRangeOrNullObject(valuesOnly = false): SimRange {
    return new SimRange(
      this.context,
      this,
      "getUsedRangeOrNullObject",
      [valuesOnly],
      () => {
        const t = this._req();
        const used = t.sheet.usedRect(valuesOnly);
        if (!used) return null;
        const rect = {
          r0: Math.max(used.r0, t.rect.r0),
          c0: Math.max(used.c0, t.rect.c0),
          r1: Math.min(used.r1, t.rect.r1),
          c1: Math.min(used.c1, t.rect.c1),
        };
        if (rect.r0 > rect.r1 || rect.c0 > rect.c1) return null;
        const within = usedCellsWithin(t.sheet, rect, valuesOnly);
        return within ? { sheet: t.sheet, rect: within } : null;
      },
      true,
    );
  }
  /**
   * Range.getMergedAreasOrNullObject (ExcelApi 1.13): "a `RangeAreas` object that represents the merged areas in this
   * range. Note that if the merged areas count in this range is more than 512, then this method will fail to return the
   * result." A null object when there are none. Merged areas that meet the range are returned whole.
   */
  getMergedAreasOrNullObject(): SimRangeAreas {
    return new SimRangeAreas(
      this.context,
      this,
      "getMergedAreasOrNullObject",
      [],
      () => {
        const t = this._req();
        const merges = t.sheet.mergesIn(t.rect);
        if (merges.length > 512)
          throw new SimError(
            "GeneralException",
            "There was an internal error while processing the request. (more than 512 merged areas)",
          );
        return merges.length ? { sheet: t.sheet, areas: merges.map((m) => ({ ...m })) } : null;
      },
      true,
    );
  }
  /** Range.merge (ExcelApi 1.2): modelled and refused in range-merge.ts. */
  merge(across = false): void {
    this._call("merge", [across], (t) => mergeCells(this.context._book, t, across));
  }
  /** Range.unmerge (ExcelApi 1.2): "Unmerge the range cells into separate cells." Every merged area that meets it. */
  unmerge(): void {
    this._call("unmerge", [], (t) => {
      liveSheet(this.context._book, t.sheet);
      this.context._book.assertUnprotected(t.sheet, "Range.unmerge");
      const hit = new Set(t.sheet.mergesIn(t.rect));
      t.sheet.merges = t.sheet.merges.filter((m) => !hit.has(m));
    });
  }
  /**
   * Range.getSpecialCellsOrNullObject (ExcelApi 1.9): "the `RangeAreas` object, comprising one or more ranges, that
   * represents all the cells that match the specified type and value. If no special cells are found, then this method
   * returns an object with its `isNullObject` property set to `true`." Modelled for cellType "Formulas" with every
   * value type (cellValueType omitted or "All"); others are refused. How Excel splits the cells into areas is not
   * documented: the simulator gives runs down each column, side by side runs of the same rows joined.
   */
  getSpecialCellsOrNullObject(cellType: string, cellValueType?: string): SimRangeAreas {
    return new SimRangeAreas(
      this.context,
      this,
      "getSpecialCellsOrNullObject",
      [cellType, cellValueType ?? null],
      () => {
        const t = this._req();
        if (cellType !== "Formulas" || (cellValueType !== undefined && cellValueType !== "All"))
          throw notModelled(`getSpecialCells of type ${cellType}${cellValueType ? `/${cellValueType}` : ""}`);
        const runs = formulaAreas(t.sheet, t.rect);
        return runs.length ? { sheet: t.sheet, areas: runs } : null;
      },
      true,
    );
  }
  /** Tables that overlap the range, or lie fully inside it (ExcelApi 1.9, Range.getTables). */
  getTables(fullyContained = false): SimTableCollection {
    return new SimTableCollection(this.context, this, "getTables", [fullyContained], () => {
      const t = this._req();
      return { book: this.context._book, sheet: t.sheet, within: t.rect, fullyContained };
    });
  }
  /** Range.delete (ExcelApi 1.1): modelled and refused in range-delete.ts. */
  delete(shift: "Up" | "Left"): void {
    this._call("delete", [shift], (t) => deleteCells(this.context._book, t, shift));
  }
  select(): void {
    this._call("select", [], (t) => this.context._book.activate(t.sheet));
  }
}

/** How a range argument (an address or a Range) is sent in a request: the address, or the range's object id. */
export function rangeArg(x: SimRange | string): string | { range: number } {
  return typeof x === "string" ? x : { range: x._id };
}

/**
 * The sheet and rectangle a range argument names at sync time: a Range's own, or an address parsed on its sheet
 * ("Sheet!A1:D1"), else on `fallback`. Either is undefined when the address is malformed or names no sheet.
 */
export function rangeArgTarget(
  book: WorkbookModel,
  x: SimRange | string,
  fallback: SheetModel | null,
): { sheet: SheetModel | null | undefined; rect: Rect | undefined } {
  if (typeof x !== "string") return x._req();
  const p = parseAddress(x);
  return { sheet: p?.sheet ? book.findSheet(p.sheet) : fallback, rect: p?.rect };
}

/** The smallest rectangle within `rect` of cells that hold a value, a formula or (unless valuesOnly) a format. */
function usedCellsWithin(sheet: SheetModel, rect: Rect, valuesOnly: boolean): Rect | null {
  let r0 = Infinity,
    c0 = Infinity,
    r1 = -1,
    c1 = -1;
  for (let r = rect.r0; r <= Math.min(rect.r1, sheet.vals.length + 1); r++) {
    for (let c = rect.c0; c <= rect.c1; c++) {
      const used = sheet.holdsContent(r, c) || (!valuesOnly && sheet.numberFormat(r, c) !== "General");
      if (!used) continue;
      r0 = Math.min(r0, r);
      r1 = Math.max(r1, r);
      c0 = Math.min(c0, c);
      c1 = Math.max(c1, c);
    }
  }
  return r1 < 0 ? null : { r0, c0, r1, c1 };
}
