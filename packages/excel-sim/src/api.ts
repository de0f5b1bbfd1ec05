/**
 * The proxy objects of the simulated Excel JavaScript API. As in Office.js, every object is a proxy: setting a
 * property or calling a method queues a command, `load()` queues a read, and nothing reaches the workbook until
 * `context.sync()`. Reading a property that was not loaded (and synced) throws PropertyNotLoaded; *OrNullObject
 * getters return proxies whose `isNullObject` is known after the next sync.
 *
 * Only the subset of the API the add-in uses is implemented, each member as documented for Excel (see
 * packages/excel-sim/README.md). No Node APIs: the offline preview runs this in a browser.
 */
import { MAX_COLS, MAX_ROWS, Rect, parseAddress, quoteSheet, rectAddress } from "./formula";
import {
  CellStyle,
  CellValue,
  ChartModel,
  FilterCriteriaModel,
  SheetModel,
  SimError,
  TableModel,
  Visibility,
  WorkbookModel,
  formatValue,
  moveCell,
  notModelled,
} from "./workbook";
import { mapRefs } from "./formula";

/** What the proxies need from the host (index.ts). */
export interface SimHostHooks {
  book: WorkbookModel;
  runSync(ctx: SimRequestContext): Promise<void>;
  recalcNow(): void;
  beforeRead(): void;
  countResponse(value: unknown): void;
  flags: { suspendCalc: boolean; suspendScreen: boolean };
}

interface Op {
  /** What is serialised into the request (its JSON size is the payload). */
  d: unknown;
  run: () => void;
}

const READ_CELL_LIMIT = 5_000_000;

export class SimRequestContext {
  _queue: Op[] = [];
  _nullables: SimProxy<any>[] = [];
  _nextId = 1;
  readonly workbook: SimWorkbook;
  readonly application: SimApplication;
  readonly trackedObjects = { add: (_o: unknown) => undefined, remove: (_o: unknown) => undefined };
  constructor(readonly _host: SimHostHooks) {
    this.workbook = new SimWorkbook(this, null, "workbook", [], () => _host.book);
    this.application = this.workbook.application;
  }
  get _book(): WorkbookModel {
    return this._host.book;
  }
  sync<T>(passThroughValue?: T): Promise<T> {
    return this._host.runSync(this).then(() => passThroughValue as T);
  }
  load(obj: SimProxy<any>, props?: unknown): void {
    obj.load(props as never);
  }
}

function notLoaded(name: string, cls: string): SimError {
  return new SimError(
    "PropertyNotLoaded",
    `The property '${name}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
    `${cls}.${name}`,
  );
}

type PropGetter<T> = (t: T, p: SimProxy<T>) => unknown;

/** Base of every proxy. `_resolveFn` finds the model object at sync time (null for a missing *OrNullObject). */
export abstract class SimProxy<T> {
  readonly _id: number;
  _values = new Map<string, unknown>();
  _target: T | null | undefined = undefined;
  _isNull: boolean | undefined = undefined;
  abstract readonly _cls: string;
  /** Scalar properties a load may read. */
  protected get _props(): Record<string, PropGetter<T>> {
    return {};
  }
  /** Navigation properties (proxies) a load path may go through, e.g. "format/fill/color". */
  protected get _navs(): Record<string, () => SimProxy<any>> {
    return {};
  }

  constructor(
    readonly context: SimRequestContext,
    parent: SimProxy<any> | null,
    method: string,
    args: unknown[],
    readonly _resolveFn: () => T | null,
    readonly _nullable = false,
  ) {
    this._id = context._nextId++;
    context._queue.push({ d: { n: this._id, p: parent?._id ?? 0, m: method, a: args }, run: () => undefined });
    if (_nullable) context._nullables.push(this as SimProxy<any>);
  }

  /** The model object; throws ItemNotFound for a missing object that is not an *OrNullObject. */
  _resolve(): T | null {
    if (this._target !== undefined) return this._target;
    const t = this._resolveFn();
    if (t === null && !this._nullable)
      throw new SimError("ItemNotFound", `The requested resource doesn't exist. (${this._cls})`, this._cls);
    this._target = t;
    return t;
  }

  _req(): T {
    const t = this._resolve();
    if (t === null) throw new SimError("InvalidOperation", `The object is a null object. (${this._cls})`, this._cls);
    return t;
  }

  private _navCache = new Map<string, unknown>();
  /** Navigation properties return the same proxy every time (as Office.js does), so loads on it are kept. */
  protected _nav<P>(name: string, make: () => P): P {
    if (!this._navCache.has(name)) this._navCache.set(name, make());
    return this._navCache.get(name) as P;
  }

  get isNullObject(): boolean {
    if (this._isNull === undefined) throw notLoaded("isNullObject", this._cls);
    return this._isNull;
  }

  protected _get<V>(name: string): V {
    if (!this._values.has(name)) {
      if (this._isNull) return null as V;
      throw notLoaded(name, this._cls);
    }
    return this._values.get(name) as V;
  }

  /** Queue a property write; the proxy remembers the value (as Office.js does). */
  protected _set(name: string, value: unknown, apply: (t: T) => void): void {
    this._values.set(name, value);
    this._op({ s: name, v: value }, () => {
      const t = this._resolve();
      if (t !== null) apply(t);
    });
  }

  protected _call(method: string, args: unknown[], apply: (t: T) => void): void {
    this._op({ c: method, a: args }, () => {
      const t = this._resolve();
      if (t !== null) apply(t);
    });
  }

  protected _op(d: Record<string, unknown>, run: () => void): void {
    this.context._queue.push({ d: { o: this._id, ...d }, run });
  }

  /** A method returning a value: a ClientResult whose `value` is available after sync. */
  protected _result<V>(method: string, args: unknown[], compute: (t: T) => V): { value: V } {
    let loaded = false;
    let val: V;
    const result = {
      get value(): V {
        if (!loaded) throw notLoaded("value", "ClientResult");
        return val;
      },
    };
    this._op({ c: method, a: args, r: true }, () => {
      this.context._host.beforeRead();
      const t = this._resolve();
      val = t === null ? (null as V) : compute(t);
      this.context._host.countResponse(val);
      loaded = true;
    });
    return result;
  }

  load(props?: string | string[] | { select?: string | string[]; [k: string]: unknown }): this {
    const paths = parseLoad(props);
    this._op({ l: paths ?? "*" }, () => {
      this.context._host.beforeRead();
      this._doLoad(paths);
    });
    return this;
  }

  _doLoad(paths: string[] | null): void {
    const t = this._resolve();
    this._isNull = t === null;
    if (t === null) return;
    const props = this._props;
    const navs = this._navs;
    const want = paths ?? Object.keys(props);
    // Paths through one navigation property load together (a collection's items are made once).
    const viaNav = new Map<string, string[] | null>();
    for (const path of want) {
      const [head, ...rest] = path.split("/");
      if (head in props) {
        const v = props[head](t, this);
        this.context._host.countResponse(v);
        this._values.set(head, v);
      } else if (head in navs) {
        const prev = viaNav.has(head) ? viaNav.get(head)! : [];
        viaNav.set(head, rest.length && prev !== null ? [...prev, rest.join("/")] : null);
      } else if (head === "items" && this instanceof SimCollection) {
        (this as unknown as SimCollection<unknown, SimProxy<any>>)._loadItems(rest.length ? [rest.join("/")] : null);
      } else if (this instanceof SimCollection) {
        (this as unknown as SimCollection<unknown, SimProxy<any>>)._loadItems([path]);
      } else {
        throw new SimError(
          "InvalidArgument",
          `The argument is invalid or missing or has an incorrect format. (unknown property ${head} of ${this._cls})`,
        );
      }
    }
    for (const [head, rest] of viaNav) navs[head]()._doLoad(rest);
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this._values);
  }
}

function parseLoad(props: unknown): string[] | null {
  if (props === undefined || props === null) return null;
  if (typeof props === "string")
    return props
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  if (Array.isArray(props)) return props.flatMap((p) => parseLoad(p) ?? []);
  if (typeof props === "object") {
    const o = props as Record<string, unknown>;
    if (o.select !== undefined) return parseLoad(o.select);
    // Object notation: { values: true, format: { fill: { color: true } } }
    const out: string[] = [];
    const walk = (obj: Record<string, unknown>, prefix: string) => {
      for (const [k, v] of Object.entries(obj)) {
        if (v === true) out.push(prefix + k);
        else if (v && typeof v === "object") walk(v as Record<string, unknown>, `${prefix}${k}/`);
      }
    };
    walk(o, "");
    return out;
  }
  return null;
}

/** Collections: `items` after load, getCount(). */
export abstract class SimCollection<T, P extends SimProxy<any>> extends SimProxy<T> {
  protected abstract _list(t: T): unknown[];
  protected abstract _wrap(item: unknown): P;
  get items(): P[] {
    return this._get<P[]>("items");
  }
  _loadItems(paths: string[] | null): void {
    const t = this._req();
    const items = this._list(t).map((m) => {
      const p = this._wrap(m);
      p._target = m as never;
      p._isNull = false;
      p._doLoad(paths);
      return p;
    });
    this._values.set("items", items);
  }
  override _doLoad(paths: string[] | null): void {
    if (paths === null) {
      this._loadItems(null);
      return;
    }
    // Own scalar properties (count…) load here; everything else is about the items, loaded together.
    const own = paths.filter((p) => p in this._props);
    const items = paths
      .filter((p) => !(p in this._props))
      .map((p) => (p === "items" ? "" : p.startsWith("items/") ? p.slice(6) : p));
    if (own.length) super._doLoad(own);
    if (items.length) this._loadItems(items.every((p) => p === "") ? null : items.filter((p) => p !== ""));
  }
  getCount(): { value: number } {
    return this._result("getCount", [], (t) => this._list(t).length);
  }
}

// =================================================================================================== workbook

export class SimWorkbook extends SimProxy<WorkbookModel> {
  readonly _cls = "Workbook";
  readonly worksheets = new SimWorksheetCollection(this.context, this, "worksheets", [], () => this.context._book);
  readonly tables = new SimTableCollection(this.context, this, "tables", [], () => ({
    book: this.context._book,
    sheet: null,
  }));
  readonly settings = new SimSettingCollection(this.context, this, "settings", [], () => this.context._book);
  readonly application = new SimApplication(this.context, this, "application", [], () => this.context._book);
  /** Workbook.functions (ExcelApi 1.2): worksheet functions evaluated by the host. Only DATE is modelled. */
  readonly functions = new SimFunctions(this.context, this, "functions", [], () => this.context._book);
  protected override get _props() {
    return { name: () => "Book1.xlsx" };
  }
  get name(): string {
    return this._get("name");
  }
}

export class SimFunctions extends SimProxy<WorkbookModel> {
  readonly _cls = "Functions";
  /**
   * Functions.date (ExcelApi 1.2), the worksheet DATE function: "year: Is a number from 1900 or 1904 (depending on
   * the workbook's date system) to 9999". The serial counts from 1900-01-01 = 1 (with Excel's 1900-02-29), or from
   * 1904-01-01 = 0 in the 1904 date system ("Date systems in Excel", support.microsoft.com).
   */
  date(year: number, month: number, day: number): SimFunctionResult {
    return new SimFunctionResult(this.context, this, "date", [year, month, day], () => {
      const b = this._req();
      const utc = Date.UTC(year, month - 1, day) / 86_400_000 + 25569;
      if (b.date1904) return year < 1904 ? { error: "#NUM!" } : { value: utc - 1462 };
      if (year < 1900) return { error: "#NUM!" };
      return { value: utc < 61 ? utc - 1 : utc };
    });
  }
}

export class SimFunctionResult extends SimProxy<{ value?: unknown; error?: string }> {
  readonly _cls = "FunctionResult";
  protected override get _props() {
    return { value: (r: { value?: unknown }) => r.value ?? null, error: (r: { error?: string }) => r.error ?? null };
  }
  get value(): unknown {
    return this._get("value");
  }
  get error(): string {
    return this._get("error");
  }
}

export class SimApplication extends SimProxy<WorkbookModel> {
  readonly _cls = "Application";
  protected override get _props() {
    return { calculationMode: (b: WorkbookModel) => b.calculationMode };
  }
  get calculationMode(): string {
    return this._get("calculationMode");
  }
  set calculationMode(v: string) {
    this._set("calculationMode", v, (b) => {
      if (!["Automatic", "AutomaticExceptTables", "Manual"].includes(v))
        throw new SimError("InvalidArgument", `Invalid calculation mode ${v}`);
      b.calculationMode = v;
    });
  }
  calculate(calculationType: string): void {
    this._call("calculate", [calculationType], () => this.context._host.recalcNow());
  }
  /** Formulas are not recalculated until the next sync ends (the sync that carries this call). */
  suspendApiCalculationUntilNextSync(): void {
    this._call("suspendApiCalculationUntilNextSync", [], () => {
      this.context._host.flags.suspendCalc = true;
    });
  }
  suspendScreenUpdatingUntilNextSync(): void {
    this._call("suspendScreenUpdatingUntilNextSync", [], () => {
      this.context._host.flags.suspendScreen = true;
    });
  }
}

// =================================================================================================== worksheets

export class SimWorksheetCollection extends SimCollection<WorkbookModel, SimWorksheet> {
  readonly _cls = "WorksheetCollection";
  protected _list(b: WorkbookModel): unknown[] {
    return b.sheets;
  }
  protected _wrap(s: unknown): SimWorksheet {
    const sheet = s as SheetModel;
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

function findSheet(b: WorkbookModel, key: string): SheetModel | null {
  return b.findSheet(key) ?? b.sheets.find((s) => s.id === key) ?? null;
}

function liveSheet(b: WorkbookModel, s: SheetModel): SheetModel {
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

// =================================================================================================== ranges

export interface RangeTarget {
  sheet: SheetModel;
  rect: Rect;
}

function cellsOf(rect: Rect): number {
  return (rect.r1 - rect.r0 + 1) * (rect.c1 - rect.c0 + 1);
}

function readGrid<V>(t: RangeTarget, read: (r: number, c: number) => V): V[][] {
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
function notNull(v: unknown, property: string): void {
  if (v === null || v === undefined)
    throw new SimError(
      "InvalidArgument",
      `The argument is invalid or missing or has an incorrect format. (${property} set to ${String(v)})`,
    );
}

/** Apply a 2-D array (or one value for every cell) to a range, as Range.values/formulas/numberFormat setters do. */
function writeGrid(t: RangeTarget, input: unknown, write: (r: number, c: number, v: unknown) => void): void {
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

function valueType(v: CellValue, isError: boolean): string {
  if (isError) return "Error";
  if (v === "") return "Empty";
  if (typeof v === "number") return "Double";
  if (typeof v === "boolean") return "Boolean";
  return "String";
}

const ERRORS = /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|ERROR!|SPILL!|CALC!|CYCLE!)$/;

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

interface AreasTarget {
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
export class SimRangeCollection extends SimCollection<AreasTarget, SimRange> {
  readonly _cls = "RangeCollection";
  protected _list(t: AreasTarget): unknown[] {
    return t.areas.map((rect) => ({ sheet: t.sheet, rect }));
  }
  protected _wrap(item: unknown): SimRange {
    const it = item as RangeTarget;
    return new SimRange(this.context, this, "_item", [rectAddress(it.rect)], () => it);
  }
}

export class SimRangeFormat extends SimProxy<RangeTarget> {
  readonly _cls = "RangeFormat";
  protected override get _props() {
    return {
      columnWidth: (t: RangeTarget) => uniform(t, (r, c) => t.sheet.colWidths.get(c) ?? DEFAULT_WIDTH, true),
      rowHeight: (t: RangeTarget) => uniform(t, (r) => t.sheet.rowHeights.get(r) ?? 15, false, true),
      horizontalAlignment: (t: RangeTarget) =>
        uniform(t, (r, c) => t.sheet.style(r, c).horizontalAlignment ?? "General"),
      wrapText: (t: RangeTarget) => uniform(t, (r, c) => t.sheet.style(r, c).wrapText ?? false),
    };
  }
  protected override get _navs() {
    return { font: () => this.font, fill: () => this.fill };
  }
  get columnWidth(): number {
    return this._get("columnWidth");
  }
  set columnWidth(v: number) {
    this._set("columnWidth", v, (t) => {
      this.context._book.assertUnprotected(t.sheet, "setting column widths");
      for (let c = t.rect.c0; c <= t.rect.c1; c++) t.sheet.colWidths.set(c, v);
    });
  }
  get rowHeight(): number {
    return this._get("rowHeight");
  }
  set rowHeight(v: number) {
    this._set("rowHeight", v, (t) => {
      for (let r = t.rect.r0; r <= Math.min(t.rect.r1, t.rect.r0 + 100_000); r++) t.sheet.rowHeights.set(r, v);
    });
  }
  get horizontalAlignment(): string {
    return this._get("horizontalAlignment");
  }
  set horizontalAlignment(v: string) {
    this._set("horizontalAlignment", v, (t) => styleRect(t, { horizontalAlignment: v }, this.context._book));
  }
  get wrapText(): boolean {
    return this._get("wrapText");
  }
  set wrapText(v: boolean) {
    this._set("wrapText", v, (t) => styleRect(t, { wrapText: v }, this.context._book));
  }
  get font(): SimStyleProxy {
    return this._nav(
      "font",
      () =>
        new SimStyleProxy(this.context, this, "font", [], () => this._req(), "RangeFont", {
          bold: "bold",
          italic: "italic",
          color: "fontColor",
        }),
    );
  }
  get fill(): SimStyleProxy {
    return this._nav(
      "fill",
      () => new SimStyleProxy(this.context, this, "fill", [], () => this._req(), "RangeFill", { color: "fill" }),
    );
  }
  /** Width from the longest displayed text of each column (about 7 points per character, CJK counted double). */
  autofitColumns(): void {
    this._call("autofitColumns", [], (t) => {
      const rMax = Math.min(t.rect.r1, Math.max(t.sheet.vals.length - 1, t.rect.r0));
      for (let c = t.rect.c0; c <= t.rect.c1; c++) {
        let chars = 0;
        for (let r = t.rect.r0; r <= rMax; r++) {
          const text = formatValue(t.sheet.value(r, c), t.sheet.numberFormat(r, c));
          let n = 0;
          for (const ch of text) n += ch.charCodeAt(0) > 0x2e80 ? 2 : 1;
          if (n > chars) chars = n;
        }
        t.sheet.colWidths.set(c, chars ? Math.min(255 * 7, Math.round(chars * 7 + 10)) : DEFAULT_WIDTH);
      }
    });
  }
  autofitRows(): void {
    this._call("autofitRows", [], () => undefined);
  }
}

const DEFAULT_WIDTH = 48;

function uniform<V>(t: RangeTarget, f: (r: number, c: number) => V, colsOnly = false, rowsOnly = false): V | null {
  let first: V | undefined;
  const rEnd = colsOnly ? t.rect.r0 : Math.min(t.rect.r1, t.rect.r0 + 10_000);
  const cEnd = rowsOnly ? t.rect.c0 : t.rect.c1;
  for (let r = t.rect.r0; r <= rEnd; r++) {
    for (let c = t.rect.c0; c <= cEnd; c++) {
      const v = f(r, c);
      if (first === undefined) first = v;
      else if (v !== first) return null;
    }
  }
  return first ?? null;
}

function styleRect(t: RangeTarget, patch: Partial<CellStyle>, b?: WorkbookModel): void {
  b?.assertUnprotected(t.sheet, "formatting cells");
  const rEnd = Math.min(t.rect.r1, t.rect.r0 + 1_100_000);
  for (let r = t.rect.r0; r <= rEnd; r++) for (let c = t.rect.c0; c <= t.rect.c1; c++) t.sheet.setStyle(r, c, patch);
}

/** RangeFont and RangeFill: properties stored as cell styles. Reading gives null when the cells differ. */
export class SimStyleProxy extends SimProxy<RangeTarget> {
  constructor(
    ctx: SimRequestContext,
    parent: SimProxy<any>,
    method: string,
    args: unknown[],
    resolve: () => RangeTarget,
    readonly _cls: string,
    private readonly _map: Record<string, keyof CellStyle>,
  ) {
    super(ctx, parent, method, args, resolve);
  }
  protected override get _props() {
    const out: Record<string, PropGetter<RangeTarget>> = {};
    for (const [prop, field] of Object.entries(this._map)) {
      out[prop] = (t) =>
        uniform(t, (r, c) => {
          const v = t.sheet.style(r, c)[field];
          if (v !== undefined) return v;
          return field === "fontColor" ? "#000000" : field === "fill" ? "#FFFFFF" : false;
        });
    }
    return out;
  }
  private _prop(name: string): unknown {
    return this._get(name);
  }
  private _setStyle(name: string, v: unknown): void {
    const field = this._map[name];
    this._set(name, v, (t) => {
      notNull(v, name);
      styleRect(
        t,
        { [field]: field === "fill" || field === "fontColor" ? normaliseColor(String(v)) : v },
        this.context._book,
      );
    });
  }
  get bold(): boolean {
    return this._prop("bold") as boolean;
  }
  set bold(v: boolean) {
    this._setStyle("bold", v);
  }
  get italic(): boolean {
    return this._prop("italic") as boolean;
  }
  set italic(v: boolean) {
    this._setStyle("italic", v);
  }
  get color(): string {
    return this._prop("color") as string;
  }
  set color(v: string) {
    this._setStyle("color", v);
  }
  clear(): void {
    this._call("clear", [], (t) => styleRect(t, { fill: undefined }));
  }
}

const NAMED_COLORS: Record<string, string> = {
  red: "#FF0000",
  green: "#008000",
  yellow: "#FFFF00",
  white: "#FFFFFF",
  black: "#000000",
  blue: "#0000FF",
  orange: "#FFA500",
  gray: "#808080",
};

function normaliseColor(v: string): string {
  const named = NAMED_COLORS[v.toLowerCase()];
  if (named) return named;
  if (/^#[0-9a-f]{6}$/i.test(v)) return v.toUpperCase();
  throw new SimError(
    "InvalidArgument",
    `The argument is invalid or missing or has an incorrect format. (color "${v}")`,
  );
}

// =================================================================================================== tables

interface TableScope {
  book: WorkbookModel;
  sheet: SheetModel | null;
  /** Range.getTables: only tables overlapping (or inside) this rectangle of `sheet`. */
  within?: Rect;
  fullyContained?: boolean;
}

export class SimTableCollection extends SimCollection<TableScope, SimTable> {
  readonly _cls = "TableCollection";
  protected _list(s: TableScope): unknown[] {
    return s.book.tables.filter((t) => {
      if (s.sheet && t.sheet !== s.sheet) return false;
      if (!s.within) return true;
      const w = s.within;
      if (s.fullyContained) return t.rect.r0 >= w.r0 && t.rect.r1 <= w.r1 && t.rect.c0 >= w.c0 && t.rect.c1 <= w.c1;
      return t.rect.r0 <= w.r1 && w.r0 <= t.rect.r1 && t.rect.c0 <= w.c1 && w.c0 <= t.rect.c1;
    });
  }
  protected _wrap(t: unknown): SimTable {
    const table = t as TableModel;
    return new SimTable(this.context, this, "_item", [table.id], () => table);
  }
  private _find(key: string): TableModel | null {
    const s = this._req();
    const t = s.book.findTable(key) ?? s.book.tables.find((x) => x.id === key);
    return t && (!s.sheet || t.sheet === s.sheet) ? t : null;
  }
  getItem(key: string): SimTable {
    return new SimTable(this.context, this, "getItem", [key], () => this._find(key));
  }
  getItemOrNullObject(key: string): SimTable {
    return new SimTable(this.context, this, "getItemOrNullObject", [key], () => this._find(key), true);
  }
  getItemAt(index: number): SimTable {
    return new SimTable(
      this.context,
      this,
      "getItemAt",
      [index],
      () => (this._list(this._req())[index] as TableModel) ?? null,
    );
  }
  /** Create a table over `address` ("Sheet!A1:D1" or a Range). Headers from the first row when hasHeaders. */
  add(address: string | SimRange, hasHeaders: boolean): SimTable {
    const table = new SimTable(
      this.context,
      this,
      "add",
      [typeof address === "string" ? address : address._id, hasHeaders],
      () => null,
    );
    this._call("add", [typeof address === "string" ? address : { range: address._id }, hasHeaders], (scope) => {
      const b = scope.book;
      let sheet: SheetModel | null | undefined;
      let rect: Rect | undefined;
      if (typeof address === "string") {
        const p = parseAddress(address);
        sheet = p?.sheet ? b.findSheet(p.sheet) : (scope.sheet ?? b.active);
        rect = p?.rect;
      } else {
        const t = address._req();
        sheet = t.sheet;
        rect = t.rect;
      }
      if (!sheet || !rect)
        throw new SimError(
          "InvalidArgument",
          `The argument is invalid or missing or has an incorrect format. (table address ${String(address)})`,
        );
      if (scope.sheet && sheet !== scope.sheet)
        throw new SimError("InvalidArgument", "The address is not on this worksheet.");
      b.assertUnprotected(sheet, "TableCollection.add");
      // A table always has at least one data row: a header-only range gets an empty one.
      if (hasHeaders && rect.r0 === rect.r1) rect = { ...rect, r1: rect.r0 + 1 };
      table._target = b.addTable(sheet, rect, hasHeaders);
    });
    return table;
  }
}

export class SimTable extends SimProxy<TableModel> {
  readonly _cls = "Table";
  protected override get _props() {
    return {
      name: (t: TableModel) => t.name,
      id: (t: TableModel) => t.id,
      showTotals: (t: TableModel) => t.showTotals,
      showHeaders: (t: TableModel) => t.hasHeaders,
      style: (t: TableModel) => t.style,
    };
  }
  protected override get _navs() {
    return {
      worksheet: () => this.worksheet,
      rows: () => this.rows,
      columns: () => this.columns,
      autoFilter: () => this.autoFilter,
    };
  }
  private _live(): TableModel {
    const t = this._req();
    if (!this.context._book.tables.includes(t))
      throw new SimError("ItemNotFound", "The requested resource doesn't exist. (the table was deleted)", "Table");
    return t;
  }
  get name(): string {
    return this._get("name");
  }
  set name(v: string) {
    this._set("name", v, (t) => {
      this.context._book.assertUnprotected(t.sheet, "renaming a table");
      this.context._book.validateTableName(v, t);
      const old = t.name;
      t.name = v;
      // Excel rewrites structured references when a table is renamed.
      const re = new RegExp(`(^|[^\\w.\\u3400-\\u9fff])${old.replace(/[.\\]/g, "\\$&")}\\[`, "gi");
      this.context._book.rewriteFormulas((f) => f.replace(re, `$1${v}[`));
    });
  }
  get id(): string {
    return this._get("id");
  }
  get showTotals(): boolean {
    return this._get("showTotals");
  }
  /**
   * Table.showTotals (ExcelApi 1.1): "This value can be set to show or remove the total row." The total row is the
   * row below the data; turning it on over a row that holds something is not documented (shift? overwrite?), so it
   * is refused. The new total row is left blank: what Excel writes into it by itself (a label, a SUBTOTAL) is not
   * documented for the API; tests write their own total formulas.
   */
  set showTotals(v: boolean) {
    this._set("showTotals", v, (t) => {
      if (v === t.showTotals) return;
      this.context._book.assertUnprotected(t.sheet, "Table.showTotals");
      if (v) {
        const below = t.rect.r1 + 1;
        for (let c = t.rect.c0; c <= t.rect.c1; c++) {
          if (t.sheet.value(below, c) !== "" || t.sheet.formula(below, c))
            throw notModelled(`showing the total row of "${t.name}" over a row that is not empty`);
        }
        t.showTotals = true;
        t.rect = { ...t.rect, r1: t.rect.r1 + 1 };
      } else {
        t.sheet.clear({ ...t.rect, r0: t.rect.r1 }, "All");
        t.showTotals = false;
        t.rect = { ...t.rect, r1: t.rect.r1 - 1 };
      }
      this.context._book.dirty = true;
    });
  }
  get showHeaders(): boolean {
    return this._get("showHeaders");
  }
  get style(): string {
    return this._get("style");
  }
  set style(v: string) {
    this._set("style", v, (t) => {
      t.style = v;
    });
  }
  get worksheet(): SimWorksheet {
    return this._nav(
      "worksheet",
      () => new SimWorksheet(this.context, this, "worksheet", [], () => this._live().sheet),
    );
  }
  get rows(): SimTableRowCollection {
    return this._nav("rows", () => new SimTableRowCollection(this.context, this, "rows", [], () => this._live()));
  }
  get columns(): SimTableColumnCollection {
    return this._nav(
      "columns",
      () => new SimTableColumnCollection(this.context, this, "columns", [], () => this._live()),
    );
  }
  /** The table's AutoFilter (ExcelApi 1.9): criteria per column, isDataFiltered. */
  get autoFilter(): SimAutoFilter {
    return this._nav("autoFilter", () => new SimAutoFilter(this.context, this, "autoFilter", [], () => this._live()));
  }
  /** Table.clearFilters (ExcelApi 1.2): "Clears all the filters currently applied on the table." */
  clearFilters(): void {
    this._call("clearFilters", [], (t) => {
      this._live();
      this.context._book.assertUnprotected(t.sheet, "Table.clearFilters");
      t.filters.clear();
      t.hiddenRows.clear();
    });
  }
  /** Table.reapplyFilters (ExcelApi 1.2): "Reapplies all the filters currently on the table." */
  reapplyFilters(): void {
    this._call("reapplyFilters", [], () => this.context._book.applyFilters(this._live()));
  }
  private _range(method: string, f: (t: TableModel) => Rect | null, nullable = false): SimRange {
    return new SimRange(
      this.context,
      this,
      method,
      [],
      () => {
        const t = this._live();
        const rect = f(t);
        if (!rect) {
          if (nullable) return null;
          throw new SimError("ItemNotFound", `The requested resource doesn't exist. (${method})`);
        }
        return { sheet: t.sheet, rect };
      },
      nullable,
    );
  }
  getRange(): SimRange {
    return this._range("getRange", (t) => t.rect);
  }
  getHeaderRowRange(): SimRange {
    return this._range("getHeaderRowRange", (t) => ({ ...t.rect, r1: t.rect.r0 }));
  }
  getDataBodyRange(): SimRange {
    return this._range("getDataBodyRange", (t) => bodyRect(t));
  }
  getTotalRowRange(): SimRange {
    return this._range("getTotalRowRange", (t) => (t.showTotals ? { ...t.rect, r0: t.rect.r1 } : null));
  }
  /** Delete the table and its cells. */
  delete(): void {
    this._call("delete", [], (t) => {
      const b = this.context._book;
      this._live();
      b.assertUnprotected(t.sheet, "Table.delete");
      t.sheet.clear(t.rect, "All");
      b.tables = b.tables.filter((x) => x !== t);
      b.dirty = true;
    });
  }
  /** Turn the table into a plain range: the cells stay, the table object goes. */
  convertToRange(): SimRange {
    const range = new SimRange(this.context, this, "convertToRange", [], () => null);
    this._call("convertToRange", [], (t) => {
      const b = this.context._book;
      this._live();
      b.assertUnprotected(t.sheet, "Table.convertToRange");
      range._target = { sheet: t.sheet, rect: t.rect };
      b.tables = b.tables.filter((x) => x !== t);
    });
    return range;
  }
  /**
   * Resize to a new range (ExcelApi 1.13). As documented, the header row must stay in place and the new range must
   * overlap the old one; new columns take their names from the header cells.
   */
  resize(newRange: SimRange | string): void {
    this._call("resize", [typeof newRange === "string" ? newRange : { range: newRange._id }], (t) => {
      const b = this.context._book;
      this._live();
      b.assertUnprotected(t.sheet, "Table.resize");
      let rect: Rect | undefined;
      let sheet = t.sheet;
      if (typeof newRange === "string") {
        const p = parseAddress(newRange);
        if (p?.sheet) sheet = b.findSheet(p.sheet) ?? sheet;
        rect = p?.rect;
      } else {
        const r = newRange._req();
        sheet = r.sheet;
        rect = r.rect;
      }
      if (
        !rect ||
        sheet !== t.sheet ||
        rect.r0 !== t.rect.r0 ||
        rect.c0 > t.rect.c1 ||
        rect.c1 < t.rect.c0 ||
        rect.r1 <= rect.r0
      ) {
        throw new SimError(
          "InvalidArgument",
          "The argument is invalid or missing or has an incorrect format. (the header row must stay in place and the new range must overlap the table)",
        );
      }
      // Documented: resizing keeps cell values ("resize a table without adding data to the table or changing cell
      // values", learn.microsoft.com excel-add-ins-tables). Not documented, so refused: where a shown total row goes,
      // hidden (filtered) rows, and growing over cells that hold something (user content, a spill).
      if (t.showTotals) throw notModelled(`Table.resize of "${t.name}" while its total row is shown`);
      if (t.filters.size) throw notModelled(`Table.resize of "${t.name}" while a filter is applied`);
      for (let r = rect.r0; r <= rect.r1; r++) {
        for (let c = rect.c0; c <= rect.c1; c++) {
          if (r >= t.rect.r0 && r <= t.rect.r1 && c >= t.rect.c0 && c <= t.rect.c1) continue;
          if (r > rect.r0 && (t.sheet.value(r, c) !== "" || t.sheet.formula(r, c)))
            throw notModelled(
              `Table.resize of "${t.name}" over cells that are not empty (${rectAddress({ r0: r, c0: c, r1: r, c1: c })})`,
            );
        }
        if (r > t.rect.r1 + 100_000) break;
      }
      for (const o of b.tables) {
        if (
          o !== t &&
          o.sheet === t.sheet &&
          o.rect.r0 <= rect.r1 &&
          rect.r0 <= o.rect.r1 &&
          o.rect.c0 <= rect.c1 &&
          rect.c0 <= o.rect.c1
        ) {
          throw new SimError("InvalidOperation", "A table can't overlap another table.");
        }
      }
      const cols: { id: number; name: string }[] = [];
      for (let c = rect.c0; c <= rect.c1; c++) {
        const existing = c >= t.rect.c0 && c <= t.rect.c1 ? t.columns[c - t.rect.c0] : undefined;
        cols.push(existing ?? { id: b.newColumnId(), name: "" });
      }
      t.columns = cols;
      t.rect = { ...rect };
      b.syncHeaders(t.sheet, rect);
      b.dirty = true;
    });
  }
}

function bodyRect(t: TableModel): Rect | null {
  const r0 = t.hasHeaders ? t.rect.r0 + 1 : t.rect.r0;
  const r1 = t.showTotals ? t.rect.r1 - 1 : t.rect.r1;
  return r1 >= r0 ? { ...t.rect, r0, r1 } : null;
}

/**
 * Shift the cells of columns c0..c1 from row `from` downwards by n rows (or up for n < 0); a table lying within
 * those columns moves along. A table that lies only partly in them cannot move with its cells (Excel refuses such
 * shifts in the UI; for the API it is not documented): refused.
 */
function shiftRows(b: WorkbookModel, s: SheetModel, c0: number, c1: number, from: number, n: number): void {
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
function besideBelow(s: SheetModel, c0: number, c1: number, from: number): string | null {
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

export class SimTableRowCollection extends SimCollection<TableModel, SimTableRow> {
  readonly _cls = "TableRowCollection";
  protected override get _props() {
    return { count: (t: TableModel) => this._list(t).length };
  }
  get count(): number {
    return this._get("count");
  }
  protected _list(t: TableModel): unknown[] {
    const body = bodyRect(t);
    if (!body) return [];
    return Array.from({ length: body.r1 - body.r0 + 1 }, (_, i) => ({ t, i }));
  }
  protected _wrap(item: unknown): SimTableRow {
    const it = item as { t: TableModel; i: number };
    return new SimTableRow(this.context, this, "_item", [it.i], () => it);
  }
  getItemAt(index: number): SimTableRow {
    return new SimTableRow(this.context, this, "getItemAt", [index], () => {
      const list = this._list(this._req());
      if (index < 0 || index >= list.length) throw new SimError("InvalidArgument", "Row index out of range");
      return list[index] as { t: TableModel; i: number };
    });
  }
  /**
   * TableRowCollection.add (ExcelApi 1.1; 1.4 for several rows): "If null or -1, the addition happens at the end. Any
   * rows below the inserted row are shifted downwards." The shift is modelled within the table's columns (as the UI's
   * Insert Table Rows does); a shown total row moves down with them. Refused: adding under a filter, and
   * alwaysInsert false ("added below the table": not described further).
   */
  add(index?: number | null, values?: unknown[][] | string | number | boolean, alwaysInsert?: boolean): SimTableRow {
    const n = Array.isArray(values) ? values.length : 1;
    this._call("add", [index ?? null, values ?? null], (t) => {
      const b = this.context._book;
      b.assertUnprotected(t.sheet, "TableRowCollection.add");
      if (t.filters.size) throw notModelled(`TableRowCollection.add on "${t.name}" while a filter is applied`);
      if (alwaysInsert === false) throw notModelled("TableRowCollection.add with alwaysInsert false");
      // The d.ts types `values` as a 2-D array or one boolean, string or number; it describes only "A 2D array of
      // unformatted values of the table row". What one value does (every cell? the first?) is not documented.
      if (values !== undefined && values !== null && !Array.isArray(values))
        throw notModelled("TableRowCollection.add with a single value instead of a 2-D array");
      const body = bodyRect(t);
      const bodyTop = t.rect.r0 + 1;
      const count = body ? body.r1 - body.r0 + 1 : 0;
      const at = index === null || index === undefined || index === -1 ? count : index;
      if (at < 0 || at > count) throw new SimError("InvalidArgument", "The index is out of range.");
      const width = t.rect.c1 - t.rect.c0 + 1;
      if (Array.isArray(values) && values.some((r) => !Array.isArray(r) || r.length !== width)) {
        throw new SimError(
          "InvalidArgument",
          "The number of rows or columns in the input array doesn't match the size or dimensions of the range.",
        );
      }
      const row0 = bodyTop + at;
      // "Any rows below the inserted row are shifted downwards": whole sheet rows, or the cells under the table's
      // columns (the UI's Insert Table Rows)? Not documented. Both readings agree when nothing lies beside the table
      // in the rows that move; otherwise refused.
      const beside = besideBelow(t.sheet, t.rect.c0, t.rect.c1, row0);
      if (beside)
        throw notModelled(
          `TableRowCollection.add on "${t.name}" with cells beside the table in the rows that would move (${beside})`,
        );
      shiftRows(b, t.sheet, t.rect.c0, t.rect.c1, row0, n);
      t.rect = { ...t.rect, r1: t.rect.r1 + n };
      // New rows take the number formats of the row above (Excel extends a table's formatting).
      for (let i = 0; i < n; i++) {
        for (let c = t.rect.c0; c <= t.rect.c1; c++) {
          if (row0 > bodyTop) t.sheet.setNumberFormat(row0 + i, c, t.sheet.numberFormat(row0 - 1, c));
          const v = Array.isArray(values) ? (values[i] as unknown[])[c - t.rect.c0] : null;
          b.writeInput(t.sheet, row0 + i, c, v);
        }
      }
      b.dirty = true;
    });
    return new SimTableRow(this.context, this, "add", [index ?? null], () => null, true);
  }
}

export class SimTableRow extends SimProxy<{ t: TableModel; i: number }> {
  readonly _cls = "TableRow";
  protected override get _props() {
    return {
      index: (x: { t: TableModel; i: number }) => x.i,
      values: (x: { t: TableModel; i: number }) =>
        readGrid({ sheet: x.t.sheet, rect: rowRect(x) }, (r, c) => x.t.sheet.value(r, c)),
    };
  }
  get index(): number {
    return this._get("index");
  }
  get values(): unknown[][] {
    return this._get("values");
  }
  set values(v: unknown[][]) {
    this._set("values", v, (x) => {
      writeGrid({ sheet: x.t.sheet, rect: rowRect(x) }, v, (r, c, val) =>
        this.context._book.writeInput(x.t.sheet, r, c, val),
      );
      this.context._book.dirty = true;
    });
  }
  getRange(): SimRange {
    return new SimRange(this.context, this, "getRange", [], () => {
      const x = this._req();
      return { sheet: x.t.sheet, rect: rowRect(x) };
    });
  }
  /** TableRow.delete (ExcelApi 1.1): "Deletes the row from the table." Cells below, in the table's columns, move up. */
  delete(): void {
    this._call("delete", [], (x) => {
      const b = this.context._book;
      if (x.t.filters.size) throw notModelled(`TableRow.delete on "${x.t.name}" while a filter is applied`);
      const r = rowRect(x).r0;
      const count = (bodyRect(x.t)?.r1 ?? 0) - (bodyRect(x.t)?.r0 ?? 0) + 1;
      if (count <= 1) {
        x.t.sheet.clear(rowRect(x), "Contents"); // a table keeps one (empty) data row
        return;
      }
      x.t.sheet.clear(rowRect(x), "All");
      shiftRows(b, x.t.sheet, x.t.rect.c0, x.t.rect.c1, r + 1, -1);
      x.t.rect = { ...x.t.rect, r1: x.t.rect.r1 - 1 };
      b.dirty = true;
    });
  }
}

function rowRect(x: { t: TableModel; i: number }): Rect {
  const r = x.t.rect.r0 + 1 + x.i;
  return { r0: r, r1: r, c0: x.t.rect.c0, c1: x.t.rect.c1 };
}

export class SimTableColumnCollection extends SimCollection<TableModel, SimTableColumn> {
  readonly _cls = "TableColumnCollection";
  protected override get _props() {
    return { count: (t: TableModel) => t.columns.length };
  }
  get count(): number {
    return this._get("count");
  }
  protected _list(t: TableModel): unknown[] {
    return t.columns.map((col) => ({ t, col }));
  }
  protected _wrap(item: unknown): SimTableColumn {
    const it = item as { t: TableModel; col: { id: number; name: string } };
    return new SimTableColumn(this.context, this, "_item", [it.col.id], () => it);
  }
  private _find(key: string | number): { t: TableModel; col: { id: number; name: string } } | null {
    const t = this._req();
    const col = t.columns.find((c) =>
      typeof key === "number"
        ? c.id === key
        : c.name.toLowerCase() === String(key).toLowerCase() || String(c.id) === key,
    );
    return col ? { t, col } : null;
  }
  getItem(key: string | number): SimTableColumn {
    return new SimTableColumn(this.context, this, "getItem", [key], () => this._find(key));
  }
  getItemOrNullObject(key: string | number): SimTableColumn {
    return new SimTableColumn(this.context, this, "getItemOrNullObject", [key], () => this._find(key), true);
  }
  getItemAt(index: number): SimTableColumn {
    return new SimTableColumn(this.context, this, "getItemAt", [index], () => {
      const t = this._req();
      return t.columns[index] ? { t, col: t.columns[index] } : null;
    });
  }
  /**
   * Add a column at `index` (default: at the right). `values` covers the whole column, header first; `name` sets
   * the header. Cells to the right, in the table's rows, move right.
   */
  add(index?: number | null, values?: unknown[][], name?: string): SimTableColumn {
    const result = new SimTableColumn(this.context, this, "add", [index ?? null], () => null);
    this._call("add", [index ?? null, values ?? null, name ?? null], (t) => {
      const b = this.context._book;
      const at = index === null || index === undefined ? t.columns.length : index;
      if (at < 0 || at > t.columns.length) throw new SimError("InvalidArgument", "The index is out of range.");
      const height = t.rect.r1 - t.rect.r0 + 1;
      if (values && (values.length !== height || values.some((r) => r.length !== 1))) {
        throw new SimError(
          "InvalidArgument",
          "The number of rows or columns in the input array doesn't match the size or dimensions of the range.",
        );
      }
      const c = t.rect.c0 + at;
      const s = t.sheet;
      b.assertUnprotected(s, "TableColumnCollection.add");
      if (t.filters.size) throw notModelled(`TableColumnCollection.add on "${t.name}" while a filter is applied`);
      // "Columns with a higher index will be shifted to the side" (d.ts). Appending at the end next to an empty column
      // takes it; what happens to cells that lie right of the table when appending is not documented: refused.
      let emptyNext = at === t.columns.length;
      for (let r = t.rect.r0; emptyNext && r <= t.rect.r1; r++)
        if (s.value(r, c) !== "" || s.formula(r, c)) emptyNext = false;
      if (at === t.columns.length && !emptyNext)
        throw notModelled(`TableColumnCollection.add at the end of "${t.name}" next to cells that are not empty`);
      for (let r = t.rect.r0; !emptyNext && r <= t.rect.r1; r++) {
        const rowLen = Math.max(s.vals[r]?.length ?? 0, s.nfs[r]?.length ?? 0, t.rect.c1 + 1);
        for (let cc = rowLen - 1; cc >= c; cc--) moveCell(s, r, cc, r, cc + 1);
      }
      const header = name ?? (values ? values[0][0] : null);
      if (
        header !== null &&
        header !== undefined &&
        String(header).trim() !== "" &&
        t.columns.some((x) => x.name.toLowerCase() === String(header).trim().toLowerCase())
      ) {
        throw notModelled(
          `TableColumnCollection.add on "${t.name}" with the name of an existing column ("${String(header)}")`,
        );
      }
      const col = { id: b.newColumnId(), name: "" };
      t.columns.splice(at, 0, col);
      t.rect = { ...t.rect, c1: t.rect.c1 + 1 };
      for (let r = 0; r < height; r++) {
        const v = values ? values[r][0] : r === 0 ? (name ?? null) : null;
        if (v !== null && v !== undefined) b.writeInput(s, t.rect.r0 + r, c, v);
      }
      if (name && values) b.writeInput(s, t.rect.r0, c, name);
      b.syncHeaders(s, t.rect);
      result._target = { t, col };
      b.dirty = true;
    });
    return result;
  }
}

type ColumnTarget = { t: TableModel; col: { id: number; name: string } };

export class SimTableColumn extends SimProxy<ColumnTarget> {
  readonly _cls = "TableColumn";
  protected override get _props() {
    return {
      name: (x: ColumnTarget) => x.col.name,
      id: (x: ColumnTarget) => x.col.id,
      index: (x: ColumnTarget) => x.t.columns.indexOf(x.col),
      values: (x: ColumnTarget) => readGrid({ sheet: x.t.sheet, rect: colRect(x) }, (r, c) => x.t.sheet.value(r, c)),
    };
  }
  get name(): string {
    return this._get("name");
  }
  set name(v: string) {
    this._set("name", v, (x) => {
      const c = x.t.rect.c0 + x.t.columns.indexOf(x.col);
      this.context._book.assertUnprotected(x.t.sheet, "renaming a table column");
      this.context._book.writeInput(x.t.sheet, x.t.rect.r0, c, v);
      this.context._book.syncHeaders(x.t.sheet, x.t.rect, true);
    });
  }
  get id(): number {
    return this._get("id");
  }
  get index(): number {
    return this._get("index");
  }
  get values(): unknown[][] {
    return this._get("values");
  }
  /** TableColumn.filter (ExcelApi 1.1): the column's filter. */
  get filter(): SimFilter {
    return this._nav("filter", () => new SimFilter(this.context, this, "filter", [], () => this._req()));
  }
  protected override get _navs() {
    return { filter: () => this.filter };
  }
  private _range(method: string, f: (x: ColumnTarget, rect: Rect) => Rect | null): SimRange {
    return new SimRange(this.context, this, method, [], () => {
      const x = this._req();
      const rect = f(x, colRect(x));
      if (!rect) throw new SimError("ItemNotFound", `The requested resource doesn't exist. (${method})`);
      return { sheet: x.t.sheet, rect };
    });
  }
  getRange(): SimRange {
    return this._range("getRange", (_x, r) => r);
  }
  getHeaderRowRange(): SimRange {
    return this._range("getHeaderRowRange", (_x, r) => ({ ...r, r1: r.r0 }));
  }
  getDataBodyRange(): SimRange {
    return this._range("getDataBodyRange", (x, r) => {
      const body = bodyRect(x.t);
      return body ? { ...r, r0: body.r0, r1: body.r1 } : null;
    });
  }
  delete(): void {
    this._call("delete", [], (x) => {
      const b = this.context._book;
      const t = x.t;
      if (t.columns.length === 1) throw new SimError("InvalidOperation", "A table must keep at least one column.");
      b.assertUnprotected(t.sheet, "TableColumn.delete");
      if (t.filters.size) throw notModelled(`TableColumn.delete on "${t.name}" while a filter is applied`);
      const c = t.rect.c0 + t.columns.indexOf(x.col);
      const s = t.sheet;
      // TableColumn.delete (ExcelApi 1.1): "Deletes the column from the table." Whether cells right of the table move
      // left is not documented: refused when there are any in the table's rows.
      for (let r = t.rect.r0; r <= t.rect.r1; r++) {
        const len = Math.max(s.vals[r]?.length ?? 0, t.rect.c1 + 1);
        for (let cc = t.rect.c1 + 1; cc < len; cc++)
          if (s.value(r, cc) !== "" || s.formula(r, cc))
            throw notModelled(`TableColumn.delete on "${t.name}" with cells right of the table`);
      }
      for (let r = t.rect.r0; r <= t.rect.r1; r++) {
        const rowLen = Math.max(s.vals[r]?.length ?? 0, s.nfs[r]?.length ?? 0, t.rect.c1 + 1);
        for (let cc = c; cc < rowLen; cc++) moveCell(s, r, cc + 1, r, cc);
      }
      t.columns = t.columns.filter((col) => col !== x.col);
      t.rect = { ...t.rect, c1: t.rect.c1 - 1 };
      b.dirty = true;
    });
  }
}

/**
 * A table column's filter (ExcelApi 1.2: Filter.apply, clear, criteria). Only filterOn "Values" is modelled (rows whose
 * displayed text is not among the values are hidden); other kinds are refused.
 */
export class SimFilter extends SimProxy<ColumnTarget> {
  readonly _cls = "Filter";
  protected override get _props() {
    return { criteria: (x: ColumnTarget) => criteriaOf(x.t, x.col.id) };
  }
  get criteria(): unknown {
    return this._get("criteria");
  }
  apply(criteria: FilterCriteriaModel): void {
    const copy = JSON.parse(JSON.stringify(criteria)) as FilterCriteriaModel;
    this._call("apply", [copy], (x) => {
      this.context._book.assertUnprotected(x.t.sheet, "Filter.apply");
      if (copy.filterOn !== "Values") throw notModelled(`a filter on ${copy.filterOn}`);
      x.t.filters.set(x.col.id, copy);
      this.context._book.applyFilters(x.t);
    });
  }
  clear(): void {
    this._call("clear", [], (x) => {
      this.context._book.assertUnprotected(x.t.sheet, "Filter.clear");
      x.t.filters.delete(x.col.id);
      this.context._book.applyFilters(x.t);
    });
  }
}

function criteriaOf(t: TableModel, id: number): FilterCriteriaModel | null {
  const c = t.filters.get(id);
  return c ? (JSON.parse(JSON.stringify(c)) as FilterCriteriaModel) : null;
}

/**
 * A table's AutoFilter (ExcelApi 1.9): `criteria` ("An array that holds all the filter criteria in the autofiltered
 * range", one entry per column; a column without a filter gives an entry without criteria), `isDataFiltered`,
 * `enabled`; clearCriteria and reapply.
 */
export class SimAutoFilter extends SimProxy<TableModel> {
  readonly _cls = "AutoFilter";
  protected override get _props() {
    return {
      enabled: () => true,
      isDataFiltered: (t: TableModel) => t.filters.size > 0,
      criteria: (t: TableModel) => t.columns.map((c) => criteriaOf(t, c.id) ?? { filterOn: "" }),
    };
  }
  get enabled(): boolean {
    return this._get("enabled");
  }
  get isDataFiltered(): boolean {
    return this._get("isDataFiltered");
  }
  get criteria(): FilterCriteriaModel[] {
    return this._get("criteria");
  }
  clearCriteria(): void {
    this._call("clearCriteria", [], (t) => {
      t.filters.clear();
      t.hiddenRows.clear();
    });
  }
  reapply(): void {
    this._call("reapply", [], (t) => this.context._book.applyFilters(t));
  }
}

function colRect(x: ColumnTarget): Rect {
  const c = x.t.rect.c0 + x.t.columns.indexOf(x.col);
  if (c < x.t.rect.c0)
    throw new SimError("ItemNotFound", "The requested resource doesn't exist. (the column was deleted)");
  return { ...x.t.rect, c0: c, c1: c };
}

// =================================================================================================== settings

export class SimSettingCollection extends SimCollection<WorkbookModel, SimSetting> {
  readonly _cls = "SettingCollection";
  protected _list(b: WorkbookModel): unknown[] {
    return [...b.settings.keys()];
  }
  protected _wrap(key: unknown): SimSetting {
    return new SimSetting(this.context, this, "_item", [key], () => key as string);
  }
  /** Add or replace a setting. The value is stored as JSON (Excel persists settings as JSON in the file). */
  add(key: string, value: unknown): SimSetting {
    const json = JSON.stringify(value);
    this._call("add", [key, value], (b) => {
      if (!key || key.length > 255)
        throw new SimError(
          "InvalidArgument",
          "The argument is invalid or missing or has an incorrect format. (setting key)",
        );
      if (json === undefined)
        throw new SimError(
          "InvalidArgument",
          "The argument is invalid or missing or has an incorrect format. (setting value)",
        );
      b.setSetting(key, json);
    });
    return new SimSetting(this.context, this, "add", [key], () => key);
  }
  getItem(key: string): SimSetting {
    return new SimSetting(this.context, this, "getItem", [key], () => (this._req().settings.has(key) ? key : null));
  }
  getItemOrNullObject(key: string): SimSetting {
    return new SimSetting(
      this.context,
      this,
      "getItemOrNullObject",
      [key],
      () => (this._req().settings.has(key) ? key : null),
      true,
    );
  }
}

export class SimSetting extends SimProxy<string> {
  readonly _cls = "Setting";
  protected override get _props() {
    const b = this.context._book;
    return {
      key: (k: string) => k,
      value: (k: string) => {
        const raw = b.settings.get(k);
        if (raw === undefined) throw new SimError("ItemNotFound", "The requested resource doesn't exist. (setting)");
        return JSON.parse(raw);
      },
    };
  }
  get key(): string {
    return this._get("key");
  }
  get value(): unknown {
    return this._get("value");
  }
  set value(v: unknown) {
    const json = JSON.stringify(v);
    this._set("value", v, (k) => {
      if (json === undefined)
        throw new SimError(
          "InvalidArgument",
          "The argument is invalid or missing or has an incorrect format. (setting value)",
        );
      this.context._book.setSetting(k, json);
    });
  }
  delete(): void {
    this._call("delete", [], (k) => {
      this.context._book.settings.delete(k);
    });
  }
}

// =================================================================================================== charts

export class SimChartCollection extends SimCollection<SheetModel, SimChart> {
  readonly _cls = "ChartCollection";
  protected override get _props() {
    return { count: (s: SheetModel) => s.charts.length };
  }
  get count(): number {
    return this._get("count");
  }
  protected _list(s: SheetModel): unknown[] {
    return s.charts;
  }
  protected _wrap(c: unknown): SimChart {
    const chart = c as ChartModel;
    return new SimChart(this.context, this, "_item", [chart.id], () => chart);
  }
  getItem(name: string): SimChart {
    return new SimChart(
      this.context,
      this,
      "getItem",
      [name],
      () => this._req().charts.find((c) => c.name === name || c.id === name) ?? null,
    );
  }
  getItemOrNullObject(name: string): SimChart {
    return new SimChart(
      this.context,
      this,
      "getItemOrNullObject",
      [name],
      () => this._req().charts.find((c) => c.name === name || c.id === name) ?? null,
      true,
    );
  }
  /** Add a chart of `type` over `sourceData` (a Range), series by "Auto" | "Columns" | "Rows". */
  add(type: string, sourceData: SimRange, seriesBy: string = "Auto"): SimChart {
    const chart = new SimChart(this.context, this, "add", [type], () => null);
    this._call("add", [type, { range: sourceData._id }, seriesBy], (s) => {
      this.context._book.assertUnprotected(s, "ChartCollection.add");
      const src = sourceData._req();
      if (!type) throw new SimError("InvalidArgument", "Chart type is required.");
      const n = s.charts.length + 1;
      const model: ChartModel = {
        id: `{chart-${s.id}-${n}}`,
        name: `Chart ${n}`,
        type,
        sourceSheet: src.sheet.name,
        source: rectAddress(src.rect),
        seriesBy,
        title: "",
        titleVisible: false,
        axisTitles: {},
      };
      s.charts.push(model);
      chart._target = model;
    });
    return chart;
  }
}

export class SimChart extends SimProxy<ChartModel> {
  readonly _cls = "Chart";
  protected override get _props() {
    return { name: (c: ChartModel) => c.name, id: (c: ChartModel) => c.id, chartType: (c: ChartModel) => c.type };
  }
  protected override get _navs() {
    return { title: () => this.title };
  }
  get name(): string {
    return this._get("name");
  }
  set name(v: string) {
    this._set("name", v, (c) => {
      c.name = v;
    });
  }
  get id(): string {
    return this._get("id");
  }
  get chartType(): string {
    return this._get("chartType");
  }
  set chartType(v: string) {
    this._set("chartType", v, (c) => {
      c.type = v;
    });
  }
  get title(): SimTextHolder {
    return this._nav(
      "title",
      () =>
        new SimTextHolder(
          this.context,
          this,
          "title",
          [],
          () => this._req(),
          "ChartTitle",
          (c) => c.title,
          (c, v) => {
            c.title = v;
            c.titleVisible = true;
          },
        ),
    );
  }
  get axes(): { categoryAxis: { title: SimTextHolder }; valueAxis: { title: SimTextHolder } } {
    const mk = (axis: "category" | "value") => ({
      title: new SimTextHolder(
        this.context,
        this,
        `axes.${axis}Axis.title`,
        [],
        () => this._req(),
        "ChartAxisTitle",
        (c) => c.axisTitles[axis] ?? "",
        (c, v) => {
          c.axisTitles[axis] = v;
        },
      ),
    });
    return this._nav("axes", () => ({ categoryAxis: mk("category"), valueAxis: mk("value") }));
  }
  setPosition(startCell: string | SimRange, endCell?: string | SimRange): void {
    const addr = (x: string | SimRange | undefined) =>
      x === undefined ? undefined : typeof x === "string" ? x : { range: x._id };
    this._call("setPosition", [addr(startCell), addr(endCell)], (c) => {
      const a = (x: string | SimRange | undefined) =>
        x === undefined ? undefined : typeof x === "string" ? x : rectAddress(x._req().rect);
      c.top = a(startCell);
      c.bottom = a(endCell);
    });
  }
  delete(): void {
    this._call("delete", [], (c) => {
      for (const s of this.context._book.sheets) s.charts = s.charts.filter((x) => x !== c);
    });
  }
}

export class SimTextHolder extends SimProxy<ChartModel> {
  constructor(
    ctx: SimRequestContext,
    parent: SimProxy<any>,
    method: string,
    args: unknown[],
    resolve: () => ChartModel,
    readonly _cls: string,
    private readonly _read: (c: ChartModel) => string,
    private readonly _write: (c: ChartModel, v: string) => void,
  ) {
    super(ctx, parent, method, args, resolve);
  }
  protected override get _props() {
    return { text: (c: ChartModel) => this._read(c) };
  }
  get text(): string {
    return this._get("text");
  }
  set text(v: string) {
    this._set("text", v, (c) => this._write(c, v));
  }
}
