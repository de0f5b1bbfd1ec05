/**
 * The `Excel` namespace the simulated host installs: Excel.run (one request context per batch, what is still queued
 * sent when the batch resolves), Excel.RequestContext, OfficeExtension.ErrorCodes and the enums the add-in reads.
 */
import { SimRequestContext } from "./api/request-context";
import type { SimHostHooks } from "./api/request-context";
import { hasQueuedCommands } from "./sync-runner";
import { SimError } from "./workbook";

/** OfficeExtension.ErrorCodes (and Excel.ErrorCodes): the codes a SimError carries. */
export const ErrorCodes: Record<string, string> = {
  accessDenied: "AccessDenied",
  generalException: "GeneralException",
  invalidArgument: "InvalidArgument",
  invalidOperation: "InvalidOperation",
  itemAlreadyExists: "ItemAlreadyExists",
  itemNotFound: "ItemNotFound",
  notImplemented: "NotImplemented",
  rangeExceedsLimit: "RangeExceedsLimit",
  requestAborted: "RequestAborted",
  responsePayloadSizeLimitExceeded: "ResponsePayloadSizeLimitExceeded",
  requestPayloadSizeLimitExceeded: "RequestPayloadSizeLimitExceeded",
  propertyNotLoaded: "PropertyNotLoaded",
};

/** The enums of the Excel namespace the add-in uses, with Office.js's values. */
const EXCEL_ENUMS = {
  SheetVisibility: { visible: "Visible", hidden: "Hidden", veryHidden: "VeryHidden" },
  CalculationMode: { automatic: "Automatic", automaticExceptTables: "AutomaticExceptTables", manual: "Manual" },
  CalculationType: { recalculate: "Recalculate", full: "Full", fullRebuild: "FullRebuild" },
  RangeCopyType: { all: "All", formulas: "Formulas", values: "Values", formats: "Formats" },
  ClearApplyTo: { all: "All", formats: "Formats", contents: "Contents" },
  DeleteShiftDirection: { up: "Up", left: "Left" },
  SpecialCellType: {
    conditionalFormats: "ConditionalFormats",
    dataValidations: "DataValidations",
    blanks: "Blanks",
    constants: "Constants",
    formulas: "Formulas",
    sameConditionalFormat: "SameConditionalFormat",
    sameDataValidation: "SameDataValidation",
    visible: "Visible",
  },
  InsertShiftDirection: { down: "Down", right: "Right" },
  FilterOn: {
    values: "Values",
    custom: "Custom",
    topItems: "TopItems",
    bottomItems: "BottomItems",
    topPercent: "TopPercent",
    bottomPercent: "BottomPercent",
    cellColor: "CellColor",
    fontColor: "FontColor",
    dynamic: "Dynamic",
    icon: "Icon",
  },
  ChartSeriesBy: { auto: "Auto", columns: "Columns", rows: "Rows" },
  ChartType: {
    columnClustered: "ColumnClustered",
    barClustered: "BarClustered",
    line: "Line",
    pie: "Pie",
    lineMarkers: "LineMarkers",
  },
};

export function createExcelNamespace(host: SimHostHooks) {
  return {
    async run<T>(batchOrOptions: unknown, maybeBatch?: unknown): Promise<T> {
      const batch = (typeof batchOrOptions === "function" ? batchOrOptions : maybeBatch) as (
        ctx: SimRequestContext,
      ) => Promise<T>;
      if (typeof batch !== "function") throw new SimError("InvalidArgument", "Excel.run needs a batch function.");
      const ctx = new SimRequestContext(host);
      const result = await batch(ctx);
      // Commands still queued when the batch resolves are sent, as Excel.run does.
      if (hasQueuedCommands(ctx)) await ctx.sync();
      return result;
    },
    RequestContext: SimRequestContext,
    ErrorCodes,
    ...EXCEL_ENUMS,
  };
}
