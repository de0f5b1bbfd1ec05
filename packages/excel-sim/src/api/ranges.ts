/**
 * Range of the simulated Excel JavaScript API: its properties (values, formulas, number formats, text…), the ranges
 * derived from it, clear, copyFrom, merge, special cells, getTables and delete.
 */
import { MAX_COLS, MAX_ROWS, mapRefs, parseAddress, quoteSheet, rectAddress } from "../formula";
import type { Rect } from "../formula";
import { SimError, formatValue, notModelled } from "../workbook";
import { ERRORS, cellsOf, notNull, readGrid, valueType, writeGrid } from "./cell-grid";
import type { RangeTarget } from "./cell-grid";
import { SimProxy } from "./proxy";
import { SimRangeAreas } from "./range-areas";
import { SimRangeFormat } from "./range-format";
import { shiftRows } from "./table-geometry";
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
          if (
            tb.sheet === t.sheet &&
            t.rect.r0 <= tb.rect.r0 &&
            tb.rect.r0 <= t.rect.r1 &&
            t.rect.c0 <= tb.rect.c1 &&
            tb.rect.c0 <= t.rect.c1
          ) {
            throw notModelled(`clearing header cells of the table "${tb.name}"`);
          }
        }
      }
      t.sheet.clear(t.rect, applyTo);
      this.context._book.dirty = true;
    });
  }
  /**
   * Copy cells (values, formulas with relative references moved, formats) from another range, in the host.
   * Range.copyFrom (ExcelApi 1.9) "replicates the Copy and Paste actions of the Excel UI" (learn.microsoft.com,
   * excel-add-ins-ranges-cut-copy-paste); a destination that is an exact multiple of the source repeats it (the d.ts
   * note). Refused, because the UI's paste rules for them are not documented for the API: a source that contains a
   * whole table (the UI pastes a new table), a destination that overlaps a table without lying inside it (the UI may
   * grow the table), and structured references pasted outside the table they belong to.
   */
  copyFrom(
    source: SimRange | string,
    copyType: "All" | "Formulas" | "Values" | "Formats" = "All",
    skipBlanks = false,
    transpose = false,
  ): void {
    const src = typeof source === "string" ? source : { range: source._id };
    this._call("copyFrom", [src, copyType, skipBlanks, transpose], (t) => {
      if (transpose) throw notModelled("Range.copyFrom with transpose");
      const b = this.context._book;
      let from: RangeTarget;
      if (typeof source === "string") {
        const p = parseAddress(source);
        const sheet = p?.sheet ? b.findSheet(p.sheet) : t.sheet;
        if (!p || !sheet) throw new SimError("InvalidArgument", `Invalid source address ${source}`);
        from = { sheet, rect: p.rect };
      } else from = source._req();
      liveSheet(b, from.sheet);
      liveSheet(b, t.sheet);
      const h = from.rect.r1 - from.rect.r0 + 1;
      const w = from.rect.c1 - from.rect.c0 + 1;
      const th = t.rect.r1 - t.rect.r0 + 1;
      const tw = t.rect.c1 - t.rect.c0 + 1;
      const to: Rect = {
        r0: t.rect.r0,
        c0: t.rect.c0,
        r1: t.rect.r0 + (th % h === 0 ? th : h) - 1,
        c1: t.rect.c0 + (tw % w === 0 ? tw : w) - 1,
      };
      const inside = (a: Rect, o: Rect) => a.r0 >= o.r0 && a.r1 <= o.r1 && a.c0 >= o.c0 && a.c1 <= o.c1;
      const meets = (a: Rect, o: Rect) => a.r0 <= o.r1 && o.r0 <= a.r1 && a.c0 <= o.c1 && o.c0 <= a.c1;
      for (const tb of b.tables) {
        if (tb.sheet === from.sheet && inside(tb.rect, from.rect))
          throw notModelled(
            `Range.copyFrom of a range containing the whole table "${tb.name}" (the UI pastes a new table)`,
          );
        if (tb.sheet === t.sheet && meets(to, tb.rect) && !inside(to, tb.rect))
          throw notModelled(`Range.copyFrom into a range that overlaps the table "${tb.name}" without lying inside it`);
      }
      if (copyType === "All" || copyType === "Formulas") {
        for (let r = from.rect.r0; r <= from.rect.r1; r++) {
          for (let c = from.rect.c0; c <= from.rect.c1; c++) {
            const f = from.sheet.formula(r, c);
            if (!f || !f.includes("[")) continue;
            let structured = false;
            mapRefs(f, {
              structured: () => {
                structured = true;
                return "";
              },
            });
            const home = b.tableAt(from.sheet, r, c);
            const dest = b.tableAt(t.sheet, to.r0 + (r - from.rect.r0), to.c0 + (c - from.rect.c0));
            if (structured && (!home || home !== dest))
              throw notModelled("Range.copyFrom of a structured reference to outside its table");
          }
        }
      }
      b.assertUnprotected(t.sheet, "Range.copyFrom");
      b.assertNotFiltered(t.sheet, to, "Range.copyFrom");
      b.copy(from.sheet, from.rect, t.sheet, to, copyType, skipBlanks);
      b.syncHeaders(t.sheet, to, true);
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
        // Shrink to the cells that really hold something.
        let r0 = Infinity,
          c0 = Infinity,
          r1 = -1,
          c1 = -1;
        for (let r = rect.r0; r <= Math.min(rect.r1, t.sheet.vals.length + 1); r++) {
          for (let c = rect.c0; c <= rect.c1; c++) {
            const used1 =
              t.sheet.value(r, c) !== "" ||
              t.sheet.formula(r, c) !== undefined ||
              (!valuesOnly && t.sheet.numberFormat(r, c) !== "General");
            if (!used1) continue;
            r0 = Math.min(r0, r);
            r1 = Math.max(r1, r);
            c0 = Math.min(c0, c);
            c1 = Math.max(c1, c);
          }
        }
        return r1 < 0 ? null : { sheet: t.sheet, rect: { r0, c0, r1, c1 } };
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
  /**
   * Range.merge (ExcelApi 1.2): "Merge the range cells into one region in the worksheet"; `across`: "merge cells in
   * each row of the specified range as separate merged cells". Refused, as not documented for the API: merging cells
   * other than the top-left one that hold something (the UI keeps only the top-left value, after a prompt), merging
   * over an existing merged area, and merging cells of a table (the UI does not allow it).
   */
  merge(across = false): void {
    this._call("merge", [across], (t) => {
      const b = this.context._book;
      liveSheet(b, t.sheet);
      b.assertUnprotected(t.sheet, "Range.merge");
      const regions: Rect[] = across
        ? Array.from({ length: t.rect.r1 - t.rect.r0 + 1 }, (_, i) => ({
            ...t.rect,
            r0: t.rect.r0 + i,
            r1: t.rect.r0 + i,
          }))
        : [{ ...t.rect }];
      for (const m of regions) {
        if (m.r0 === m.r1 && m.c0 === m.c1) continue;
        if (t.sheet.mergesIn(m).length) throw notModelled("Range.merge over cells that are already merged");
        if (
          b.tables.some(
            (x) =>
              x.sheet === t.sheet && x.rect.r0 <= m.r1 && m.r0 <= x.rect.r1 && x.rect.c0 <= m.c1 && m.c0 <= x.rect.c1,
          )
        )
          throw notModelled("Range.merge of cells of a table");
        for (let r = m.r0; r <= m.r1; r++) {
          for (let c = m.c0; c <= m.c1; c++) {
            if ((r !== m.r0 || c !== m.c0) && (t.sheet.value(r, c) !== "" || t.sheet.formula(r, c)))
              throw notModelled("Range.merge of cells other than the top-left one that hold something");
          }
        }
      }
      for (const m of regions) if (m.r0 !== m.r1 || m.c0 !== m.c1) t.sheet.merges.push(m);
      b.dirty = true;
    });
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
        const runs: Rect[] = [];
        const byCol = new Map<number, number[]>();
        for (const k of t.sheet.fmls.keys()) {
          const r = Math.floor(k / MAX_COLS),
            c = k % MAX_COLS;
          if (r < t.rect.r0 || r > t.rect.r1 || c < t.rect.c0 || c > t.rect.c1) continue;
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
  /**
   * Range.delete (ExcelApi 1.1): "removes cells from the worksheet and shifts surrounding cells to fill the gap"
   * (learn.microsoft.com excel-add-ins-ranges-clear-delete). Modelled: shifting up, where the range takes whole data
   * rows of the tables it meets (as the UI's delete of table rows does: the table shrinks, a total row moves up).
   * Refused: shifting left, part of a table's width, header or total rows, every data row, a filtered table.
   */
  delete(shift: "Up" | "Left"): void {
    this._call("delete", [shift], (t) => {
      const b = this.context._book;
      liveSheet(b, t.sheet);
      if (shift !== "Up") throw notModelled(`Range.delete shifting ${shift}`);
      b.assertUnprotected(t.sheet, "Range.delete");
      const n = t.rect.r1 - t.rect.r0 + 1;
      const hosts = b.tables.filter(
        (x) =>
          x.sheet === t.sheet &&
          x.rect.r0 <= t.rect.r1 &&
          t.rect.r0 <= x.rect.r1 &&
          x.rect.c0 <= t.rect.c1 &&
          t.rect.c0 <= x.rect.c1,
      );
      for (const x of hosts) {
        const bodyTop = x.rect.r0 + 1;
        const bodyBottom = x.showTotals ? x.rect.r1 - 1 : x.rect.r1;
        if (x.filters.size) throw notModelled(`Range.delete in the rows of "${x.name}" while a filter is applied`);
        if (t.rect.c0 > x.rect.c0 || t.rect.c1 < x.rect.c1 || t.rect.r0 < bodyTop || t.rect.r1 > bodyBottom) {
          throw notModelled(`Range.delete of cells that are not whole data rows of the table "${x.name}"`);
        }
        if (n >= bodyBottom - bodyTop + 1) throw notModelled(`Range.delete of every data row of the table "${x.name}"`);
      }
      t.sheet.clear(t.rect, "All");
      shiftRows(b, t.sheet, t.rect.c0, t.rect.c1, t.rect.r1 + 1, -n);
      for (const x of hosts) x.rect = { ...x.rect, r1: x.rect.r1 - n };
      b.dirty = true;
    });
  }
  select(): void {
    this._call("select", [], (t) => this.context._book.activate(t.sheet));
  }
}
