/**
 * Worksheets of the simulated Excel JavaScript API: the collection (getItem, add, active, first), a worksheet (name,
 * position, visibility, ranges, used range), its protection and its freeze panes.
 */
import { MAX_COLS, MAX_ROWS, parseAddress } from "../formula";
import { SimError, notModelled } from "../workbook";
import type { SheetModel, Visibility, WorkbookModel } from "../workbook";
import { SimChartCollection } from "./charts";
import { SimCollection, SimProxy } from "./proxy";
import { SimRange } from "./ranges";
import { SimTableCollection } from "./tables";

export class SimWorksheetCollection extends SimCollection<WorkbookModel, SheetModel, SimWorksheet> {
  readonly _cls = "WorksheetCollection";
  protected _list(b: WorkbookModel): SheetModel[] {
    return b.sheets;
  }
  protected _wrap(sheet: SheetModel): SimWorksheet {
    return new SimWorksheet(this.context, this, "_item", [sheet.id], () => sheet);
  }
  getItem(key: string): SimWorksheet {
    return new SimWorksheet(this.context, this, "getItem", [key], () => findSheet(this.context._book, key));
  }
  getItemOrNullObject(key: string): SimWorksheet {
    return new SimWorksheet(
      this.context,
      this,
      "getItemOrNullObject",
      [key],
      () => findSheet(this.context._book, key),
      true,
    );
  }
  add(name?: string): SimWorksheet {
    const sheet = new SimWorksheet(this.context, this, "add", [name ?? null], () => null);
    this._call("add", [name ?? null], (b) => {
      sheet._target = b.addSheet(name);
    });
    return sheet;
  }
  getActiveWorksheet(): SimWorksheet {
    return new SimWorksheet(this.context, this, "getActiveWorksheet", [], () => this.context._book.active);
  }
  getFirst(visibleOnly = false): SimWorksheet {
    return new SimWorksheet(
      this.context,
      this,
      "getFirst",
      [visibleOnly],
      () => this.context._book.sheets.find((s) => !visibleOnly || s.visibility === "Visible") ?? null,
    );
  }
}

export function findSheet(b: WorkbookModel, key: string): SheetModel | null {
  return b.findSheet(key) ?? b.sheets.find((s) => s.id === key) ?? null;
}

export function liveSheet(b: WorkbookModel, s: SheetModel): SheetModel {
  if (!b.sheets.includes(s))
    throw new SimError(
      "ItemNotFound",
      "The requested resource doesn't exist. (the worksheet was deleted)",
      "Worksheet",
    );
  return s;
}

export class SimWorksheet extends SimProxy<SheetModel> {
  readonly _cls = "Worksheet";
  protected override get _props() {
    const b = this.context._book;
    return {
      name: (s: SheetModel) => s.name,
      id: (s: SheetModel) => s.id,
      position: (s: SheetModel) => b.sheets.indexOf(s),
      visibility: (s: SheetModel) => s.visibility,
      tabColor: (s: SheetModel) => s.tabColor,
    };
  }
  get name(): string {
    return this._get("name");
  }
  set name(v: string) {
    this._set("name", v, (s) => this.context._book.renameSheet(liveSheet(this.context._book, s), v));
  }
  get id(): string {
    return this._get("id");
  }
  get position(): number {
    return this._get("position");
  }
  set position(v: number) {
    this._set("position", v, (s) => this.context._book.setPosition(liveSheet(this.context._book, s), v));
  }
  get visibility(): Visibility {
    return this._get("visibility");
  }
  set visibility(v: Visibility) {
    this._set("visibility", v, (s) => this.context._book.setVisibility(liveSheet(this.context._book, s), v));
  }
  get tabColor(): string {
    return this._get("tabColor");
  }
  set tabColor(v: string) {
    this._set("tabColor", v, (s) => {
      s.tabColor = v;
    });
  }

  get tables(): SimTableCollection {
    return this._nav(
      "tables",
      () =>
        new SimTableCollection(this.context, this, "tables", [], () => ({
          book: this.context._book,
          sheet: this._req(),
        })),
    );
  }
  get charts(): SimChartCollection {
    return this._nav("charts", () => new SimChartCollection(this.context, this, "charts", [], () => this._req()));
  }
  get freezePanes(): SimFreezePanes {
    return this._nav("freezePanes", () => new SimFreezePanes(this.context, this, "freezePanes", [], () => this._req()));
  }
  get protection(): SimWorksheetProtection {
    return this._nav(
      "protection",
      () =>
        new SimWorksheetProtection(this.context, this, "protection", [], () =>
          liveSheet(this.context._book, this._req()),
        ),
    );
  }
  protected override get _navs() {
    return { protection: () => this.protection };
  }
  getRange(address?: string): SimRange {
    return new SimRange(this.context, this, "getRange", [address ?? null], () => {
      const s = liveSheet(this.context._book, this._req());
      if (address === undefined || address === "")
        return { sheet: s, rect: { r0: 0, c0: 0, r1: MAX_ROWS - 1, c1: MAX_COLS - 1 } };
      const p = parseAddress(address);
      if (p && (!p.sheet || p.sheet.toLowerCase() === s.name.toLowerCase())) return { sheet: s, rect: p.rect };
      // A table name or a defined name resolves too.
      const t = this.context._book.findTable(address);
      if (t && t.sheet === s) return { sheet: s, rect: t.rect };
      throw new SimError(
        "InvalidArgument",
        `The argument is invalid or missing or has an incorrect format. (address "${address}")`,
      );
    });
  }
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): SimRange {
    return new SimRange(this.context, this, "getRangeByIndexes", [startRow, startColumn, rowCount, columnCount], () => {
      const s = liveSheet(this.context._book, this._req());
      if (
        startRow < 0 ||
        startColumn < 0 ||
        rowCount < 1 ||
        columnCount < 1 ||
        startRow + rowCount > MAX_ROWS ||
        startColumn + columnCount > MAX_COLS
      ) {
        throw new SimError(
          "InvalidArgument",
          "The argument is invalid or missing or has an incorrect format. (range indexes)",
        );
      }
      return {
        sheet: s,
        rect: { r0: startRow, c0: startColumn, r1: startRow + rowCount - 1, c1: startColumn + columnCount - 1 },
      };
    });
  }
  getCell(row: number, column: number): SimRange {
    return this.getRangeByIndexes(row, column, 1, 1);
  }
  /** The used range; a blank sheet gives its top-left cell (as documented). */
  getUsedRange(valuesOnly = false): SimRange {
    return new SimRange(this.context, this, "getUsedRange", [valuesOnly], () => {
      const s = liveSheet(this.context._book, this._req());
      return { sheet: s, rect: s.usedRect(valuesOnly) ?? { r0: 0, c0: 0, r1: 0, c1: 0 } };
    });
  }
  getUsedRangeOrNullObject(valuesOnly = false): SimRange {
    return new SimRange(
      this.context,
      this,
      "getUsedRangeOrNullObject",
      [valuesOnly],
      () => {
        const s = liveSheet(this.context._book, this._req());
        const rect = s.usedRect(valuesOnly);
        return rect ? { sheet: s, rect } : null;
      },
      true,
    );
  }
  activate(): void {
    this._call("activate", [], (s) => this.context._book.activate(liveSheet(this.context._book, s)));
  }
  delete(): void {
    this._call("delete", [], (s) => this.context._book.deleteSheet(liveSheet(this.context._book, s)));
  }
}

/**
 * WorksheetFreezePanes (ExcelApi 1.7): "Freeze the top row or rows of the worksheet in place." Panes belong to the
 * sheet's window view; what freezing does on a sheet that is not visible (Hidden, VeryHidden) is not documented, nor
 * on a protected sheet: refused.
 */
function freezable(b: WorkbookModel, s: SheetModel): SheetModel {
  if (s.visibility !== "Visible") throw notModelled(`freeze panes on the ${s.visibility} sheet "${s.name}"`);
  b.assertUnprotected(s, "freeze panes");
  return s;
}

/**
 * WorksheetProtection (ExcelApi 1.2): `protected` ("Specifies if the worksheet is protected"), protect ("Protects a
 * worksheet. Fails if the worksheet has already been protected."), unprotect. Writes to a protected sheet are refused
 * by the model (WorkbookModel.assertUnprotected): what Excel does with them through the API is not documented.
 */
export class SimWorksheetProtection extends SimProxy<SheetModel> {
  readonly _cls = "WorksheetProtection";
  protected override get _props() {
    return { protected: (s: SheetModel) => s.protected };
  }
  get protected(): boolean {
    return this._get("protected");
  }
  protect(options?: unknown, password?: string): void {
    this._call("protect", [options ?? null, password ?? null], (s) => {
      if (s.protected)
        throw new SimError(
          "InvalidOperation",
          "This operation is not permitted for the current object. (the worksheet is already protected)",
        );
      s.protected = true;
    });
  }
  unprotect(password?: string): void {
    this._call("unprotect", [password ?? null], (s) => {
      s.protected = false;
    });
  }
}

export class SimFreezePanes extends SimProxy<SheetModel> {
  readonly _cls = "WorksheetFreezePanes";
  freezeRows(count = 1): void {
    this._call("freezeRows", [count], (s) => {
      freezable(this.context._book, s);
      s.freezeRows = count;
      s.freezeCols = 0;
    });
  }
  freezeColumns(count = 1): void {
    this._call("freezeColumns", [count], (s) => {
      freezable(this.context._book, s);
      s.freezeCols = count;
      s.freezeRows = 0;
    });
  }
  freezeAt(range: SimRange | string): void {
    this._call("freezeAt", [typeof range === "string" ? range : range._id], (s) => {
      freezable(this.context._book, s);
      const rect = typeof range === "string" ? parseAddress(range)?.rect : range._req().rect;
      if (!rect) throw new SimError("InvalidArgument", "Invalid freeze range");
      s.freezeRows = rect.r1 + 1;
      s.freezeCols = rect.c1 + 1;
    });
  }
  unfreeze(): void {
    this._call("unfreeze", [], (s) => {
      freezable(this.context._book, s);
      s.freezeRows = 0;
      s.freezeCols = 0;
    });
  }
  getLocationOrNullObject(): SimRange {
    return new SimRange(
      this.context,
      this,
      "getLocationOrNullObject",
      [],
      () => {
        const s = this._req();
        if (!s.freezeRows && !s.freezeCols) return null;
        return {
          sheet: s,
          rect: { r0: 0, c0: 0, r1: Math.max(0, s.freezeRows - 1), c1: s.freezeCols ? s.freezeCols - 1 : MAX_COLS - 1 },
        };
      },
      true,
    );
  }
}
