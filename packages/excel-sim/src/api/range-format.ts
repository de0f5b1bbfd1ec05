/**
 * RangeFormat, RangeFont and RangeFill of the simulated Excel JavaScript API: widths, heights, alignment, wrapping,
 * bold/italic/colours stored as cell styles, and autofit.
 */
import { SimError, formatValue } from "../workbook";
import type { CellStyle, WorkbookModel } from "../workbook";
import { notNull } from "./cell-grid";
import type { RangeTarget } from "./cell-grid";
import { SimProxy } from "./proxy";
import type { PropGetter } from "./proxy";
import type { SimRequestContext } from "./request-context";

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
