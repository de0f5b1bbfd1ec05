/**
 * Workbook, Workbook.functions and Application of the simulated Excel JavaScript API: the root proxy the request
 * context hands out, the DATE worksheet function, and calculation mode / suspension.
 */
import { SimError } from "../workbook";
import type { WorkbookModel } from "../workbook";
import { SimProxy } from "./proxy";
import { SimSettingCollection } from "./settings";
import { SimTableCollection } from "./tables";
import { SimWorksheetCollection } from "./worksheets";

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
