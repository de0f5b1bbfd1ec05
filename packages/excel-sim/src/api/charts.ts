/**
 * Charts of the simulated Excel JavaScript API: the worksheet's collection (getItem, add) and a chart (name, type,
 * title, axis titles, position, delete).
 */
import { rectAddress } from "../formula";
import { SimError } from "../workbook";
import type { ChartModel, SheetModel } from "../workbook";
import { SimCollection, SimProxy } from "./proxy";
import { SimRange, rangeArg } from "./ranges";
import type { SimRequestContext } from "./request-context";

export class SimChartCollection extends SimCollection<SheetModel, ChartModel, SimChart> {
  readonly _cls = "ChartCollection";
  protected override get _props() {
    return { count: (s: SheetModel) => s.charts.length };
  }
  get count(): number {
    return this._get("count");
  }
  protected _list(s: SheetModel): ChartModel[] {
    return s.charts;
  }
  protected _wrap(chart: ChartModel): SimChart {
    return new SimChart(this.context, this, "_item", [chart.id], () => chart);
  }
  private _find(name: string): ChartModel | null {
    return this._req().charts.find((c) => c.name === name || c.id === name) ?? null;
  }
  getItem(name: string): SimChart {
    return new SimChart(this.context, this, "getItem", [name], () => this._find(name));
  }
  getItemOrNullObject(name: string): SimChart {
    return new SimChart(this.context, this, "getItemOrNullObject", [name], () => this._find(name), true);
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
    const addr = (x: string | SimRange | undefined) => (x === undefined ? undefined : rangeArg(x));
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
