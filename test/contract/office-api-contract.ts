/**
 * THE contract between src/ and Office.js: one entry per Office API member that src/ uses (found by the type checker,
 * test/contract/office-api-members.ts), with
 *  - set: the requirement set it needs ("ExcelApi 1.13"; "Common" for the Common API, which needs none);
 *  - doc: the documented behaviour the code relies on, quoted from the member's doc comment in @types/office-js
 *    (checked verbatim by test/contract/office-api.test.ts);
 *  - pinnedBy: "file › test title" of the test that pins that behaviour (in the simulated host where it is modelled);
 *  - note: where the doc comment alone does not say it (the learn.microsoft.com page, or why the d.ts set differs).
 * A new API call without an entry here fails the suite; so does an entry nothing uses any more.
 */
export interface ContractEntry {
  set: string;
  doc: string;
  note?: string;
  pinnedBy: string;
}

export const OFFICE_API_CONTRACT: Record<string, ContractEntry> = {
  "CustomFunctions.Error": {
    set: "CustomFunctionsRuntime 1.2",
    doc: "Use this class to handle errors and write custom error messages.",
    pinnedBy:
      "test/functions/invest-functions.test.ts › ranges broadcast; zero or blank target is #DIV/0!; text is #VALUE! naming the argument",
  },
  "Excel.Application.suspendApiCalculationUntilNextSync": {
    set: "ExcelApi 1.6",
    doc: "Suspends calculation until the next `context.sync()` is called.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › suspendApiCalculationUntilNextSync defers recalculation to the end of that sync",
  },
  "Excel.Application.suspendScreenUpdatingUntilNextSync": {
    set: "ExcelApi 1.9",
    doc: "Suspends screen updating until the next `context.sync()` is called.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › suspendApiCalculationUntilNextSync defers recalculation to the end of that sync",
  },
  "Excel.AutoFilter.criteria": {
    set: "ExcelApi 1.9",
    doc: "An array that holds all the filter criteria in the autofiltered range.",
    pinnedBy:
      "packages/excel-sim/test/documented.test.ts › a Values filter hides rows; writes, row inserts and deletes under it are refused; clearFilters and apply again",
  },
  "Excel.AutoFilter.isDataFiltered": {
    set: "ExcelApi 1.9",
    doc: "Specifies if the AutoFilter has filter criteria.",
    pinnedBy:
      "packages/excel-sim/test/documented.test.ts › a Values filter hides rows; writes, row inserts and deletes under it are refused; clearFilters and apply again",
  },
  "Excel.AutoFilter.load": {
    set: "ExcelApi 1.1",
    doc: "Queues up a command to load the specified properties of the object.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › load after a write in the same batch sees the written values; load with an object and navigation paths",
  },
  "Excel.Chart.axes": {
    set: "ExcelApi 1.1",
    doc: "Represents chart axes.",
    pinnedBy: "packages/excel-sim/test/simulator.test.ts › charts record type, source and titles",
  },
  "Excel.Chart.delete": {
    set: "ExcelApi 1.1",
    doc: "Deletes the chart object.",
    pinnedBy:
      "packages/excel-sim/test/documented.test.ts › ChartCollection items after load; Chart.delete removes that chart only",
  },
  "Excel.Chart.name": {
    set: "ExcelApi 1.1",
    doc: "Specifies the name of a chart object.",
    pinnedBy: "packages/excel-sim/test/simulator.test.ts › charts record type, source and titles",
  },
  "Excel.Chart.setPosition": {
    set: "ExcelApi 1.1",
    doc: "Positions the chart relative to cells on the worksheet.",
    pinnedBy: "packages/excel-sim/test/simulator.test.ts › charts record type, source and titles",
  },
  "Excel.Chart.title": {
    set: "ExcelApi 1.1",
    doc: "Represents the title of the specified chart, including the text, visibility, position, and formatting of the title.",
    pinnedBy: "packages/excel-sim/test/simulator.test.ts › charts record type, source and titles",
  },
  "Excel.ChartAxes.valueAxis": {
    set: "ExcelApi 1.1",
    doc: "Represents the value axis in an axis.",
    pinnedBy: "packages/excel-sim/test/simulator.test.ts › charts record type, source and titles",
  },
  "Excel.ChartAxis.title": {
    set: "ExcelApi 1.1",
    doc: "Represents the axis title.",
    pinnedBy: "packages/excel-sim/test/simulator.test.ts › charts record type, source and titles",
  },
  "Excel.ChartAxisTitle.text": {
    set: "ExcelApi 1.1",
    doc: "Specifies the axis title.",
    pinnedBy: "packages/excel-sim/test/simulator.test.ts › charts record type, source and titles",
  },
  "Excel.ChartCollection.add": {
    set: "ExcelApi 1.1",
    doc: "Creates a new chart.",
    pinnedBy: "packages/excel-sim/test/simulator.test.ts › charts record type, source and titles",
  },
  "Excel.ChartCollection.items": {
    set: "ExcelApi 1.1",
    doc: "Gets the loaded child items in this collection.",
    pinnedBy:
      "packages/excel-sim/test/documented.test.ts › ChartCollection items after load; Chart.delete removes that chart only",
  },
  "Excel.ChartCollection.load": {
    set: "ExcelApi 1.1",
    doc: "Queues up a command to load the specified properties of the object.",
    pinnedBy:
      "packages/excel-sim/test/documented.test.ts › ChartCollection items after load; Chart.delete removes that chart only",
  },
  "Excel.ChartSeriesBy.columns": {
    set: "ExcelApi 1.1",
    doc: "",
    pinnedBy: "packages/excel-sim/test/simulator.test.ts › charts record type, source and titles",
  },
  "Excel.ChartTitle.text": {
    set: "ExcelApi 1.1",
    doc: "Specifies the chart's title text.",
    pinnedBy: "packages/excel-sim/test/simulator.test.ts › charts record type, source and titles",
  },
  "Excel.ChartType.columnClustered": {
    set: "ExcelApi 1.1",
    doc: "",
    pinnedBy: "packages/excel-sim/test/simulator.test.ts › charts record type, source and titles",
  },
  "Excel.ConditionalFormat.textComparison": {
    set: "ExcelApi 1.6",
    doc: "Returns the specific text conditional format properties if the current conditional format is a text type.",
    pinnedBy:
      "test/briefing/sim.test.ts › synthetic ledger: live and portable formulas agree with the JSON; charts and status colours are written",
  },
  "Excel.ConditionalFormatCollection.add": {
    set: "ExcelApi 1.6",
    doc: "Adds a new conditional format to the collection at the first/top priority.",
    pinnedBy:
      "test/briefing/sim.test.ts › synthetic ledger: live and portable formulas agree with the JSON; charts and status colours are written",
  },
  "Excel.ConditionalFormatType.containsText": {
    set: "ExcelApi 1.6",
    doc: "",
    pinnedBy:
      "test/briefing/sim.test.ts › synthetic ledger: live and portable formulas agree with the JSON; charts and status colours are written",
  },
  "Excel.ConditionalRangeFill.color": {
    set: "ExcelApi 1.6",
    doc: 'HTML color code representing the color of the fill, in the form #RRGGBB (e.g., "FFA500") or as a named HTML color (e.g., "orange").',
    pinnedBy:
      "test/briefing/sim.test.ts › synthetic ledger: live and portable formulas agree with the JSON; charts and status colours are written",
  },
  "Excel.ConditionalRangeFont.color": {
    set: "ExcelApi 1.6",
    doc: "HTML color code representation of the text color (e.g., #FF0000 represents Red).",
    pinnedBy:
      "test/briefing/sim.test.ts › synthetic ledger: live and portable formulas agree with the JSON; charts and status colours are written",
  },
  "Excel.ConditionalRangeFormat.fill": {
    set: "ExcelApi 1.6",
    doc: "Returns the fill object defined on the overall conditional format range.",
    pinnedBy:
      "test/briefing/sim.test.ts › synthetic ledger: live and portable formulas agree with the JSON; charts and status colours are written",
  },
  "Excel.ConditionalRangeFormat.font": {
    set: "ExcelApi 1.6",
    doc: "Returns the font object defined on the overall conditional format range.",
    pinnedBy:
      "test/briefing/sim.test.ts › synthetic ledger: live and portable formulas agree with the JSON; charts and status colours are written",
  },
  "Excel.ConditionalTextOperator.contains": {
    set: "ExcelApi 1.6",
    doc: "",
    pinnedBy:
      "test/briefing/sim.test.ts › synthetic ledger: live and portable formulas agree with the JSON; charts and status colours are written",
  },
  "Excel.Filter.apply": {
    set: "ExcelApi 1.2",
    doc: "Apply the given filter criteria on the given column.",
    pinnedBy:
      "packages/excel-sim/test/documented.test.ts › a Values filter hides rows; writes, row inserts and deletes under it are refused; clearFilters and apply again",
  },
  "Excel.FilterCriteria.color": {
    set: "ExcelApi 1.2",
    doc: "The HTML color string used to filter cells. Used with `cellColor` and `fontColor` filtering.",
    pinnedBy:
      "packages/excel-sim/test/documented.test.ts › a Values filter hides rows; writes, row inserts and deletes under it are refused; clearFilters and apply again",
  },
  "Excel.FilterCriteria.criterion1": {
    set: "ExcelApi 1.2",
    doc: "The first criterion used to filter data. Used as an operator in the case of `custom` filtering.",
    pinnedBy:
      "packages/excel-sim/test/documented.test.ts › a Values filter hides rows; writes, row inserts and deletes under it are refused; clearFilters and apply again",
  },
  "Excel.FilterCriteria.dynamicCriteria": {
    set: "ExcelApi 1.2",
    doc: "The dynamic criteria from the `Excel.DynamicFilterCriteria` set to apply on this column. Used with `dynamic` filtering.",
    pinnedBy:
      "packages/excel-sim/test/documented.test.ts › a Values filter hides rows; writes, row inserts and deletes under it are refused; clearFilters and apply again",
  },
  "Excel.FilterCriteria.icon": {
    set: "ExcelApi 1.2",
    doc: "The icon used to filter cells. Used with `icon` filtering.",
    pinnedBy:
      "packages/excel-sim/test/documented.test.ts › a Values filter hides rows; writes, row inserts and deletes under it are refused; clearFilters and apply again",
  },
  "Excel.FilterCriteria.values": {
    set: "ExcelApi 1.2",
    doc: "The set of values to be used as part of `values` filtering.",
    pinnedBy:
      "packages/excel-sim/test/documented.test.ts › a Values filter hides rows; writes, row inserts and deletes under it are refused; clearFilters and apply again",
  },
  "Excel.FilterCriteria.filterOn": {
    set: "ExcelApi 1.2",
    doc: "The property used by the filter to determine whether the values should stay visible.",
    pinnedBy:
      "packages/excel-sim/test/documented.test.ts › a Values filter hides rows; writes, row inserts and deletes under it are refused; clearFilters and apply again",
  },
  "Excel.FunctionResult.load": {
    set: "ExcelApi 1.1",
    doc: "Queues up a command to load the specified properties of the object.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › load after a write in the same batch sees the written values; load with an object and navigation paths",
  },
  "Excel.FunctionResult.value": {
    set: "ExcelApi 1.2",
    doc: "The value of function evaluation.",
    pinnedBy:
      "packages/excel-sim/test/documented.test.ts › Functions.date answers by the workbook's date system; ISO text and date formats follow it",
  },
  "Excel.Functions.date": {
    set: "ExcelApi 1.2",
    doc: "Is a number from 1900 or 1904 (depending on the workbook's date system) to 9999.",
    pinnedBy:
      "packages/excel-sim/test/documented.test.ts › Functions.date answers by the workbook's date system; ISO text and date formats follow it",
  },
  "Excel.Range.address": {
    set: "ExcelApi 1.1",
    doc: "Specifies the range reference in A1-style.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › load after a write in the same batch sees the written values; load with an object and navigation paths",
  },
  "Excel.Range.clear": {
    set: "ExcelApi 1.1",
    doc: "Clear range values and formatting, such as fill and border.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › load after a write in the same batch sees the written values; load with an object and navigation paths",
  },
  "Excel.Range.columnCount": {
    set: "ExcelApi 1.1",
    doc: "Specifies the total number of columns in the range.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › load after a write in the same batch sees the written values; load with an object and navigation paths",
  },
  "Excel.Range.columnIndex": {
    set: "ExcelApi 1.1",
    doc: "Specifies the column number of the first cell in the range.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › load after a write in the same batch sees the written values; load with an object and navigation paths",
  },
  "Excel.Range.conditionalFormats": {
    set: "ExcelApi 1.6",
    doc: "The collection of `ConditionalFormats` that intersect the range.",
    pinnedBy:
      "test/briefing/sim.test.ts › synthetic ledger: live and portable formulas agree with the JSON; charts and status colours are written",
  },
  "Excel.Range.copyFrom": {
    set: "ExcelApi 1.9",
    doc: "Like the copy functionality in the Excel UI, if the destination range is an exact multiple greater than the source range in either rows or columns, then the source content is replicated multiple times.",
    pinnedBy:
      "packages/excel-sim/test/documented.test.ts › values copy of cells inside a table; copying a whole table, or pasting across a table's edge, is refused",
  },
  "Excel.Range.delete": {
    set: "ExcelApi 1.1",
    doc: "Deletes the cells associated with the range.",
    pinnedBy:
      "packages/excel-sim/test/documented.test.ts › Range.delete up over whole data rows shrinks the table and moves the cells below up",
  },
  "Excel.Range.format": {
    set: "ExcelApi 1.1",
    doc: "Returns a format object, encapsulating the range's font, fill, borders, alignment, and other properties.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › formats, freeze panes, autofit, copyFrom moves relative references, R1C1",
  },
  "Excel.Range.formulas": {
    set: "ExcelApi 1.1",
    doc: "Represents the formula in A1-style notation.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › strings beginning with = become formulas; + and - followed by non-numbers too; numbers in text become numbers",
  },
  "Excel.Range.formulasR1C1": {
    set: "ExcelApi 1.2",
    doc: "Represents the formula in R1C1-style notation.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › formats, freeze panes, autofit, copyFrom moves relative references, R1C1",
  },
  "Excel.Range.getMergedAreasOrNullObject": {
    set: "ExcelApi 1.13",
    doc: "Note that if the merged areas count in this range is more than 512, then this method will fail to return the result.",
    pinnedBy:
      "packages/excel-sim/test/documented.test.ts › Range.getUsedRangeOrNullObject, getTables and getMergedAreasOrNullObject answer for the range",
  },
  "Excel.Range.getSpecialCellsOrNullObject": {
    set: "ExcelApi 1.9",
    doc: "If no special cells are found, then this method returns an object with its `isNullObject` property set to `true`.",
    pinnedBy:
      "packages/excel-sim/test/documented.test.ts › Range.getSpecialCellsOrNullObject(Formulas) gives the formula cells as RangeAreas, or a null object",
  },
  "Excel.Range.getTables": {
    set: "ExcelApi 1.9",
    doc: "Gets a scoped collection of tables that overlap with the range.",
    pinnedBy:
      "packages/excel-sim/test/documented.test.ts › Range.getUsedRangeOrNullObject, getTables and getMergedAreasOrNullObject answer for the range",
  },
  "Excel.Range.getUsedRangeOrNullObject": {
    set: "ExcelApi 1.4",
    doc: "If there are no used cells within the range, then this method returns an object with its `isNullObject` property set to `true`.",
    pinnedBy:
      "packages/excel-sim/test/documented.test.ts › Range.getUsedRangeOrNullObject, getTables and getMergedAreasOrNullObject answer for the range",
  },
  "Excel.Range.load": {
    set: "ExcelApi 1.1",
    doc: "Queues up a command to load the specified properties of the object.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › load after a write in the same batch sees the written values; load with an object and navigation paths",
  },
  "Excel.Range.numberFormat": {
    set: "ExcelApi 1.1",
    doc: "Represents Excel's number format code for the given range.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › formats, freeze panes, autofit, copyFrom moves relative references, R1C1",
  },
  "Excel.Range.rowCount": {
    set: "ExcelApi 1.1",
    doc: "Returns the total number of rows in the range.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › load after a write in the same batch sees the written values; load with an object and navigation paths",
  },
  "Excel.Range.rowIndex": {
    set: "ExcelApi 1.1",
    doc: "Returns the row number of the first cell in the range.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › load after a write in the same batch sees the written values; load with an object and navigation paths",
  },
  "Excel.Range.values": {
    set: "ExcelApi 1.1",
    doc: "Represents the raw values of the specified range.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › strings beginning with = become formulas; + and - followed by non-numbers too; numbers in text become numbers",
  },
  "Excel.RangeAreas.address": {
    set: "ExcelApi 1.9",
    doc: "Returns the `RangeAreas` reference in A1-style.",
    pinnedBy:
      "packages/excel-sim/test/documented.test.ts › Range.getUsedRangeOrNullObject, getTables and getMergedAreasOrNullObject answer for the range",
  },
  "Excel.RangeAreas.areas": {
    set: "ExcelApi 1.9",
    doc: "Returns a collection of rectangular ranges that comprise this `RangeAreas` object.",
    pinnedBy:
      "packages/excel-sim/test/documented.test.ts › Range.getSpecialCellsOrNullObject(Formulas) gives the formula cells as RangeAreas, or a null object",
  },
  "Excel.RangeAreas.load": {
    set: "ExcelApi 1.1",
    doc: "Queues up a command to load the specified properties of the object.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › load after a write in the same batch sees the written values; load with an object and navigation paths",
  },
  "Excel.RangeCollection.items": {
    set: "ExcelApi 1.9",
    doc: "Gets the loaded child items in this collection.",
    pinnedBy:
      "packages/excel-sim/test/documented.test.ts › Range.getSpecialCellsOrNullObject(Formulas) gives the formula cells as RangeAreas, or a null object",
  },
  "Excel.RangeCollection.load": {
    set: "ExcelApi 1.1",
    doc: "Queues up a command to load the specified properties of the object.",
    pinnedBy:
      "packages/excel-sim/test/documented.test.ts › Range.getSpecialCellsOrNullObject(Formulas) gives the formula cells as RangeAreas, or a null object",
  },
  "Excel.RangeFill.color": {
    set: "ExcelApi 1.1",
    doc: 'HTML color code representing the color of the background, in the form #RRGGBB (e.g., "FFA500"), or as a named HTML color (e.g., "orange")',
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › formats, freeze panes, autofit, copyFrom moves relative references, R1C1",
  },
  "Excel.RangeFont.bold": {
    set: "ExcelApi 1.1",
    doc: "Represents the bold status of the font.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › formats, freeze panes, autofit, copyFrom moves relative references, R1C1",
  },
  "Excel.RangeFont.color": {
    set: "ExcelApi 1.1",
    doc: "HTML color code representation of the text color (e.g., #FF0000 represents Red).",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › formats, freeze panes, autofit, copyFrom moves relative references, R1C1",
  },
  "Excel.RangeFont.italic": {
    set: "ExcelApi 1.1",
    doc: "Specifies the italic status of the font.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › formats, freeze panes, autofit, copyFrom moves relative references, R1C1",
  },
  "Excel.RangeFormat.columnWidth": {
    set: "ExcelApi 1.2",
    doc: "Specifies the width of all columns within the range.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › formats, freeze panes, autofit, copyFrom moves relative references, R1C1",
  },
  "Excel.RangeFormat.fill": {
    set: "ExcelApi 1.1",
    doc: "Returns the fill object defined on the overall range.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › formats, freeze panes, autofit, copyFrom moves relative references, R1C1",
  },
  "Excel.RangeFormat.font": {
    set: "ExcelApi 1.1",
    doc: "Returns the font object defined on the overall range.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › formats, freeze panes, autofit, copyFrom moves relative references, R1C1",
  },
  "Excel.RangeFormat.wrapText": {
    set: "ExcelApi 1.1",
    doc: "Specifies if Excel wraps the text in the object.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › formats, freeze panes, autofit, copyFrom moves relative references, R1C1",
  },
  "Excel.RequestContext.workbook": {
    set: "ExcelApi 1.1",
    doc: "",
    note: "The workbook of a RequestContext (Excel.run passes one).",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › a property set is not in the workbook until sync; reading an unloaded property throws PropertyNotLoaded",
  },
  "Excel.SpecialCellType.formulas": {
    set: "ExcelApi 1.9",
    doc: "Cells containing formulas.",
    pinnedBy:
      "packages/excel-sim/test/documented.test.ts › Range.getSpecialCellsOrNullObject(Formulas) gives the formula cells as RangeAreas, or a null object",
  },
  "Excel.Table.id": {
    set: "ExcelApi 1.1",
    doc: "The value of the identifier remains the same even when the table is renamed.",
    pinnedBy:
      "packages/excel-sim/test/documented.test.ts › Table.id and Worksheet.id stay the same when the table or sheet is renamed; tables.getItem finds a table by its id",
  },
  "Excel.Worksheet.id": {
    set: "ExcelApi 1.1",
    doc: "The value of the identifier remains the same even when the worksheet is renamed or moved.",
    pinnedBy:
      "packages/excel-sim/test/documented.test.ts › Table.id and Worksheet.id stay the same when the table or sheet is renamed; tables.getItem finds a table by its id",
  },
  "Excel.Worksheet.protection": {
    set: "ExcelApi 1.2",
    doc: "Returns the sheet protection object for a worksheet.",
    pinnedBy:
      "packages/excel-sim/test/documented.test.ts › a protected sheet reports protected; writes to it are refused (not documented); protect twice fails",
  },
  "Excel.WorksheetProtection.protected": {
    set: "ExcelApi 1.2",
    doc: "Specifies if the worksheet is protected.",
    pinnedBy:
      "packages/excel-sim/test/documented.test.ts › a protected sheet reports protected; writes to it are refused (not documented); protect twice fails",
  },
  "Excel.run": {
    set: "ExcelApi 1.1",
    doc: "Executes a batch script that performs actions on the Excel object model, using a new RequestContext.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › Excel.run sends commands still queued when the batch resolves",
  },
  "Excel.Setting.delete": {
    set: "ExcelApi 1.4",
    doc: "Deletes the setting.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › settings are stored as JSON and read back; getItemOrNullObject",
  },
  "Excel.Setting.key": {
    set: "ExcelApi 1.4",
    doc: "The key that represents the ID of the setting.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › settings are stored as JSON and read back; getItemOrNullObject",
  },
  "Excel.Setting.load": {
    set: "ExcelApi 1.1",
    doc: "Queues up a command to load the specified properties of the object.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › load after a write in the same batch sees the written values; load with an object and navigation paths",
  },
  "Excel.Setting.value": {
    set: "ExcelApi 1.4",
    doc: "Represents the value stored for this setting.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › settings are stored as JSON and read back; getItemOrNullObject",
  },
  "Excel.SettingCollection.add": {
    set: "ExcelApi 1.4",
    doc: "Sets or adds the specified setting to the workbook.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › settings are stored as JSON and read back; getItemOrNullObject",
  },
  "Excel.SettingCollection.getItem": {
    set: "ExcelApi 1.4",
    doc: "Gets a setting entry via the key.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › settings are stored as JSON and read back; getItemOrNullObject",
  },
  "Excel.SettingCollection.getItemOrNullObject": {
    set: "ExcelApi 1.4",
    doc: "Gets a setting entry via the key.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › getItemOrNullObject: isNullObject known after sync; getItem of a missing sheet fails the sync with ItemNotFound",
  },
  "Excel.SettingCollection.items": {
    set: "ExcelApi 1.1",
    doc: "Gets the loaded child items in this collection.",
    pinnedBy: "packages/excel-sim/test/simulator.test.ts › collections: items after load, getCount as a ClientResult",
  },
  "Excel.SettingCollection.load": {
    set: "ExcelApi 1.1",
    doc: "Queues up a command to load the specified properties of the object.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › load after a write in the same batch sees the written values; load with an object and navigation paths",
  },
  "Excel.Table.autoFilter": {
    set: "ExcelApi 1.9",
    doc: "Represents the `AutoFilter` object of the table.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › add with headers, structured references in formulas, rows.add, columns, resize, header edits rename columns",
  },
  "Excel.Table.clearFilters": {
    set: "ExcelApi 1.2",
    doc: "Clears all the filters currently applied on the table.",
    pinnedBy:
      "packages/excel-sim/test/documented.test.ts › a Values filter hides rows; writes, row inserts and deletes under it are refused; clearFilters and apply again",
  },
  "Excel.Table.columns": {
    set: "ExcelApi 1.1",
    doc: "Represents a collection of all the columns in the table.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › add with headers, structured references in formulas, rows.add, columns, resize, header edits rename columns",
  },
  "Excel.Table.convertToRange": {
    set: "ExcelApi 1.2",
    doc: "Converts the table into a normal range of cells. All data is preserved.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › add with headers, structured references in formulas, rows.add, columns, resize, header edits rename columns",
  },
  "Excel.Table.getDataBodyRange": {
    set: "ExcelApi 1.1",
    doc: "Gets the range object associated with the data body of the table.",
    pinnedBy:
      "packages/excel-sim/test/documented.test.ts › getRange includes a shown total row, getDataBodyRange does not; rows.add inserts before it and moves it down",
  },
  "Excel.Table.getHeaderRowRange": {
    set: "ExcelApi 1.1",
    doc: "Gets the range object associated with the header row of the table.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › add with headers, structured references in formulas, rows.add, columns, resize, header edits rename columns",
  },
  "Excel.Table.getRange": {
    set: "ExcelApi 1.1",
    doc: "Gets the range object associated with the entire table.",
    pinnedBy:
      "packages/excel-sim/test/documented.test.ts › getRange includes a shown total row, getDataBodyRange does not; rows.add inserts before it and moves it down",
  },
  "Excel.Table.getTotalRowRange": {
    set: "ExcelApi 1.1",
    doc: "Gets the range object associated with the totals row of the table.",
    pinnedBy:
      "packages/excel-sim/test/documented.test.ts › getRange includes a shown total row, getDataBodyRange does not; rows.add inserts before it and moves it down",
  },
  "Excel.Table.load": {
    set: "ExcelApi 1.1",
    doc: "Queues up a command to load the specified properties of the object.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › load after a write in the same batch sees the written values; load with an object and navigation paths",
  },
  "Excel.Table.name": {
    set: "ExcelApi 1.1",
    doc: "Name of the table. The set name of the table must follow the guidelines specified in the {@link https://support.microsoft.com/office/fbf49a4f-82a3-43eb-8ba2-44d21233b114 | Rename an Excel table} article.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › add with headers, structured references in formulas, rows.add, columns, resize, header edits rename columns",
  },
  "Excel.Table.rows": {
    set: "ExcelApi 1.1",
    doc: "Represents a collection of all the rows in the table.",
    pinnedBy:
      "packages/excel-sim/test/documented.test.ts › getRange includes a shown total row, getDataBodyRange does not; rows.add inserts before it and moves it down",
  },
  "Excel.Table.showTotals": {
    set: "ExcelApi 1.1",
    doc: "Specifies if the total row is visible. This value can be set to show or remove the total row.",
    pinnedBy:
      "packages/excel-sim/test/documented.test.ts › getRange includes a shown total row, getDataBodyRange does not; rows.add inserts before it and moves it down",
  },
  "Excel.Table.worksheet": {
    set: "ExcelApi 1.2",
    doc: "The worksheet containing the current table.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › add with headers, structured references in formulas, rows.add, columns, resize, header edits rename columns",
  },
  "Excel.TableCollection.add": {
    set: "ExcelApi 1.1",
    doc: "Creates a new table. The range object or source address determines the worksheet under which the table will be added.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › add with headers, structured references in formulas, rows.add, columns, resize, header edits rename columns",
  },
  "Excel.TableCollection.getItem": {
    set: "ExcelApi 1.1",
    doc: "Gets a table by name or ID.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › add with headers, structured references in formulas, rows.add, columns, resize, header edits rename columns",
  },
  "Excel.TableCollection.getItemOrNullObject": {
    set: "ExcelApi 1.4",
    doc: "Gets a table by name or ID.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › getItemOrNullObject: isNullObject known after sync; getItem of a missing sheet fails the sync with ItemNotFound",
  },
  "Excel.TableCollection.items": {
    set: "ExcelApi 1.1",
    doc: "Gets the loaded child items in this collection.",
    pinnedBy: "packages/excel-sim/test/simulator.test.ts › collections: items after load, getCount as a ClientResult",
  },
  "Excel.TableCollection.load": {
    set: "ExcelApi 1.1",
    doc: "Queues up a command to load the specified properties of the object.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › load after a write in the same batch sees the written values; load with an object and navigation paths",
  },
  "Excel.TableColumn.delete": {
    set: "ExcelApi 1.1",
    doc: "Deletes the column from the table.",
    pinnedBy:
      "packages/excel-sim/test/documented.test.ts › columns.add at the end next to cells that hold something is refused; TableColumn.delete with cells on the right too",
  },
  "Excel.TableColumn.filter": {
    set: "ExcelApi 1.2",
    doc: "Retrieves the filter applied to the column.",
    pinnedBy:
      "packages/excel-sim/test/documented.test.ts › a Values filter hides rows; writes, row inserts and deletes under it are refused; clearFilters and apply again",
  },
  "Excel.TableColumn.getDataBodyRange": {
    set: "ExcelApi 1.1",
    doc: "Gets the range object associated with the data body of the column.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › add with headers, structured references in formulas, rows.add, columns, resize, header edits rename columns",
  },
  "Excel.TableColumn.getRange": {
    set: "ExcelApi 1.1",
    doc: "Gets the range object associated with the entire column.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › add with headers, structured references in formulas, rows.add, columns, resize, header edits rename columns",
  },
  "Excel.TableColumnCollection.add": {
    set: "ExcelApi 1.4",
    doc: "If null or -1, the addition happens at the end. Columns with a higher index will be shifted to the side.",
    pinnedBy:
      "packages/excel-sim/test/documented.test.ts › columns.add at the end next to cells that hold something is refused; TableColumn.delete with cells on the right too",
  },
  "Excel.TableColumnCollection.getItem": {
    set: "ExcelApi 1.1",
    doc: "Gets a column object by name or ID.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › add with headers, structured references in formulas, rows.add, columns, resize, header edits rename columns",
  },
  "Excel.TableColumnCollection.getItemAt": {
    set: "ExcelApi 1.1",
    doc: "Gets a column based on its position in the collection.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › add with headers, structured references in formulas, rows.add, columns, resize, header edits rename columns",
  },
  "Excel.TableRowCollection.add": {
    set: "ExcelApi 1.4",
    doc: "If null or -1, the addition happens at the end. Any rows below the inserted row are shifted downwards.",
    pinnedBy:
      "packages/excel-sim/test/documented.test.ts › getRange includes a shown total row, getDataBodyRange does not; rows.add inserts before it and moves it down",
  },
  "Excel.TableScopedCollection.items": {
    set: "ExcelApi 1.1",
    doc: "Gets the loaded child items in this collection.",
    pinnedBy: "packages/excel-sim/test/simulator.test.ts › collections: items after load, getCount as a ClientResult",
  },
  "Excel.TableScopedCollection.load": {
    set: "ExcelApi 1.1",
    doc: "Queues up a command to load the specified properties of the object.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › load after a write in the same batch sees the written values; load with an object and navigation paths",
  },
  "Excel.TextConditionalFormat.format": {
    set: "ExcelApi 1.6",
    doc: "Returns a format object, encapsulating the conditional format's font, fill, borders, and other properties.",
    pinnedBy:
      "test/briefing/sim.test.ts › synthetic ledger: live and portable formulas agree with the JSON; charts and status colours are written",
  },
  "Excel.TextConditionalFormat.rule": {
    set: "ExcelApi 1.6",
    doc: "The rule of the conditional format.",
    pinnedBy:
      "test/briefing/sim.test.ts › synthetic ledger: live and portable formulas agree with the JSON; charts and status colours are written",
  },
  "Excel.Workbook.application": {
    set: "ExcelApi 1.1",
    doc: "Represents the Excel application instance that contains this workbook.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › suspendApiCalculationUntilNextSync defers recalculation to the end of that sync",
  },
  "Excel.Workbook.functions": {
    set: "ExcelApi 1.2",
    doc: "Represents a collection of worksheet functions that can be used for computation.",
    pinnedBy:
      "packages/excel-sim/test/documented.test.ts › Functions.date answers by the workbook's date system; ISO text and date formats follow it",
  },
  "Excel.Workbook.getActiveCell": {
    set: "ExcelApi 1.7",
    doc: "Gets the currently active cell from the workbook.",
    pinnedBy:
      "test/taskpane/workbook-services.test.ts › a workbook table can be listed and read; issues go to a sheet; formulas into the chosen cell; settings persist",
  },
  "Excel.Workbook.settings": {
    set: "ExcelApi 1.4",
    doc: "Represents a collection of settings associated with the workbook.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › settings are stored as JSON and read back; getItemOrNullObject",
  },
  "Excel.Workbook.tables": {
    set: "ExcelApi 1.1",
    doc: "Represents a collection of tables associated with the workbook.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › load after a write in the same batch sees the written values; load with an object and navigation paths",
  },
  "Excel.Workbook.worksheets": {
    set: "ExcelApi 1.1",
    doc: "Represents a collection of worksheets associated with the workbook.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › sheet rules: unique names, invalid characters, the last visible sheet cannot be hidden or deleted",
  },
  "Excel.Worksheet.activate": {
    set: "ExcelApi 1.1",
    doc: "Activate the worksheet in the Excel UI.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › sheet rules: unique names, invalid characters, the last visible sheet cannot be hidden or deleted",
  },
  "Excel.Worksheet.charts": {
    set: "ExcelApi 1.1",
    doc: "Returns a collection of charts that are part of the worksheet.",
    pinnedBy: "packages/excel-sim/test/simulator.test.ts › charts record type, source and titles",
  },
  "Excel.Worksheet.delete": {
    set: "ExcelApi 1.1",
    doc: 'if the worksheet\'s visibility is set to "VeryHidden", the delete operation will fail with an `InvalidOperation` exception. You should first change its visibility to hidden or visible before deleting it.',
    pinnedBy:
      "packages/excel-sim/test/documented.test.ts › Worksheet.delete of a VeryHidden sheet fails with InvalidOperation; made Hidden first, it is deleted",
  },
  "Excel.Worksheet.freezePanes": {
    set: "ExcelApi 1.7",
    doc: "Gets an object that can be used to manipulate frozen panes on the worksheet.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › formats, freeze panes, autofit, copyFrom moves relative references, R1C1",
  },
  "Excel.Worksheet.getCell": {
    set: "ExcelApi 1.1",
    doc: "Gets the `Range` object containing the single cell based on row and column numbers.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › load after a write in the same batch sees the written values; load with an object and navigation paths",
  },
  "Excel.Worksheet.getRange": {
    set: "ExcelApi 1.1",
    doc: "Gets the `Range` object, representing a single rectangular block of cells, specified by the address or name.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › load after a write in the same batch sees the written values; load with an object and navigation paths",
  },
  "Excel.Worksheet.getRangeByIndexes": {
    set: "ExcelApi 1.7",
    doc: "Gets the `Range` object beginning at a particular row index and column index, and spanning a certain number of rows and columns.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › load after a write in the same batch sees the written values; load with an object and navigation paths",
  },
  "Excel.Worksheet.getUsedRangeOrNullObject": {
    set: "ExcelApi 1.4",
    doc: "The used range is the smallest range that encompasses any cells that have a value or formatting assigned to them.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › getItemOrNullObject: isNullObject known after sync; getItem of a missing sheet fails the sync with ItemNotFound",
  },
  "Excel.Worksheet.load": {
    set: "ExcelApi 1.1",
    doc: "Queues up a command to load the specified properties of the object.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › load after a write in the same batch sees the written values; load with an object and navigation paths",
  },
  "Excel.Worksheet.name": {
    set: "ExcelApi 1.1",
    doc: "The display name of the worksheet.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › sheet rules: unique names, invalid characters, the last visible sheet cannot be hidden or deleted",
  },
  "Excel.Worksheet.tables": {
    set: "ExcelApi 1.1",
    doc: "Collection of tables that are part of the worksheet.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › load after a write in the same batch sees the written values; load with an object and navigation paths",
  },
  "Excel.Worksheet.visibility": {
    set: "ExcelApi 1.2",
    doc: "The visibility of the worksheet.",
    pinnedBy:
      "packages/excel-sim/test/documented.test.ts › Worksheet.delete of a VeryHidden sheet fails with InvalidOperation; made Hidden first, it is deleted",
  },
  "Excel.WorksheetCollection.add": {
    set: "ExcelApi 1.1",
    doc: "Adds a new worksheet to the workbook.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › sheet rules: unique names, invalid characters, the last visible sheet cannot be hidden or deleted",
  },
  "Excel.WorksheetCollection.getActiveWorksheet": {
    set: "ExcelApi 1.1",
    doc: "Gets the currently active worksheet in the workbook.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › sheet rules: unique names, invalid characters, the last visible sheet cannot be hidden or deleted",
  },
  "Excel.WorksheetCollection.getItem": {
    set: "ExcelApi 1.1",
    doc: "Gets a worksheet object using its name or ID.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › sheet rules: unique names, invalid characters, the last visible sheet cannot be hidden or deleted",
  },
  "Excel.WorksheetCollection.getItemOrNullObject": {
    set: "ExcelApi 1.4",
    doc: "Gets a worksheet object using its name or ID.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › getItemOrNullObject: isNullObject known after sync; getItem of a missing sheet fails the sync with ItemNotFound",
  },
  "Excel.WorksheetCollection.items": {
    set: "ExcelApi 1.1",
    doc: "Gets the loaded child items in this collection.",
    pinnedBy: "packages/excel-sim/test/simulator.test.ts › collections: items after load, getCount as a ClientResult",
  },
  "Excel.WorksheetCollection.load": {
    set: "ExcelApi 1.1",
    doc: "Queues up a command to load the specified properties of the object.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › load after a write in the same batch sees the written values; load with an object and navigation paths",
  },
  "Excel.WorksheetFreezePanes.freezeRows": {
    set: "ExcelApi 1.7",
    doc: "Freeze the top row or rows of the worksheet in place.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › formats, freeze panes, autofit, copyFrom moves relative references, R1C1",
  },
  "Excel.WorksheetFreezePanes.unfreeze": {
    set: "ExcelApi 1.7",
    doc: "Removes all frozen panes in the worksheet.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › formats, freeze panes, autofit, copyFrom moves relative references, R1C1",
  },
  "Office.actions": {
    set: "SharedRuntime 1.1",
    doc: "",
    note: "Provides a method for associating action names with functions that carry out an action.",
    pinnedBy:
      "test/excel/commands.test.ts › registerCommands associates refreshAll and runSelfTest; the handler completes the event even when refresh fails",
  },
  "Office.Actions.associate": {
    set: "SharedRuntime 1.1",
    doc: "Associates the ID or name of an action with a function.",
    note: "Function commands of a shared runtime register through Office.actions (learn.microsoft.com, develop/configure-your-add-in-to-use-a-shared-runtime).",
    pinnedBy:
      "test/excel/commands.test.ts › registerCommands associates refreshAll and runSelfTest; the handler completes the event even when refresh fails",
  },
  "Office.addin": {
    set: "SharedRuntime 1.1",
    doc: "",
    note: "Represents the add-in (Office.addin.showAsTaskpane).",
    pinnedBy:
      "test/excel/commands.test.ts › a refresh publishes its result (both languages) for the task pane and opens the pane; a failure too",
  },
  "Office.Addin.showAsTaskpane": {
    set: "SharedRuntime 1.1",
    doc: "Shows the task pane associated with the add-in.",
    pinnedBy:
      "test/excel/commands.test.ts › a refresh publishes its result (both languages) for the task pane and opens the pane; a failure too",
  },
  "Office.AddinCommands.Event.completed": {
    set: "AddinCommands 1.1",
    doc: "Indicates that the add-in has completed processing and will automatically be closed.",
    note: "The d.ts lists Mailbox 1.3 (Outlook); for Excel an ExecuteFunction command must call event.completed() (learn.microsoft.com, design/add-in-commands), part of the ribbon commands the manifest declares.",
    pinnedBy:
      "test/excel/commands.test.ts › a refresh publishes its result (both languages) for the task pane and opens the pane; a failure too",
  },
  "Office.context": {
    set: "Common",
    doc: "",
    note: "The runtime environment of the add-in (requirements, diagnostics, displayLanguage).",
    pinnedBy:
      "test/excel/self-test.test.ts › every step passes in the simulated host and nothing of the user's is touched",
  },
  "Office.Context.diagnostics": {
    set: "Common",
    doc: "Gets information about the environment in which the add-in is running.",
    pinnedBy:
      "test/excel/self-test.test.ts › every step passes in the simulated host and nothing of the user's is touched",
  },
  "Office.Context.displayLanguage": {
    set: "Common",
    doc: "Gets the locale (language) specified by the user for the UI of the Office application.",
    pinnedBy:
      "test/excel/self-test.test.ts › every step passes in the simulated host and nothing of the user's is touched",
  },
  "Office.Context.requirements": {
    set: "Common",
    doc: "Provides a method for determining what requirement sets are supported on the current Office application and platform.",
    pinnedBy:
      "test/excel/self-test.test.ts › every step passes in the simulated host and nothing of the user's is touched",
  },
  "Office.ContextInformation.host": {
    set: "Common",
    doc: "Gets the Office application in which the add-in is running.",
    pinnedBy:
      "test/excel/self-test.test.ts › every step passes in the simulated host and nothing of the user's is touched",
  },
  "Office.ContextInformation.platform": {
    set: "Common",
    doc: "Gets the platform on which the add-in is running.",
    pinnedBy:
      "test/excel/self-test.test.ts › every step passes in the simulated host and nothing of the user's is touched",
  },
  "Office.ContextInformation.version": {
    set: "Common",
    doc: "Gets the version of Office on which the add-in is running.",
    pinnedBy:
      "test/excel/self-test.test.ts › every step passes in the simulated host and nothing of the user's is touched",
  },
  "Office.onReady": {
    set: "Common",
    doc: "Ensures that the Office JavaScript APIs are ready to be called by the add-in.",
    pinnedBy:
      "test/excel/commands.test.ts › registerCommands associates refreshAll and runSelfTest; the handler completes the event even when refresh fails",
  },
  "Office.onReady(info).host": {
    set: "Common",
    doc: "",
    note: "The HostType Office.onReady resolves with.",
    pinnedBy:
      "test/excel/commands.test.ts › registerCommands associates refreshAll and runSelfTest; the handler completes the event even when refresh fails",
  },
  "Office.RequirementSetSupport.isSetSupported": {
    set: "Common",
    doc: "Check if the specified requirement set is supported by the Office application.",
    pinnedBy:
      "test/excel/self-test.test.ts › every step passes in the simulated host and nothing of the user's is touched",
  },
  "OfficeExtension.ClientObject.isNullObject": {
    set: "ExcelApi 1.4",
    doc: "Returns a boolean value for whether the corresponding object is a null object.",
    note: "Read only after a sync of an *OrNullObject getter (ExcelApi 1.4).",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › getItemOrNullObject: isNullObject known after sync; getItem of a missing sheet fails the sync with ItemNotFound",
  },
  "OfficeExtension.ClientRequestContext.sync": {
    set: "ExcelApi 1.1",
    doc: "Synchronizes the state between JavaScript proxy objects and the Office document, by executing instructions queued on the request context and retrieving properties of loaded Office objects for use in your code.",
    pinnedBy:
      "packages/excel-sim/test/simulator.test.ts › a property set is not in the workbook until sync; reading an unloaded property throws PropertyNotLoaded",
  },
};
