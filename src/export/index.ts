/**
 * Exports of the briefing: the xlsx workbook (exceljs; browser and Node). The LibreOffice recalculation helper
 * (./libreoffice.ts) is Node-only and imported directly by tests, benchmarks and the command line.
 */
export {
  briefingXlsx,
  briefingWorkbook,
  dateSerial,
  STATUS_COLOURS,
  writeBriefingXlsx,
  writeBriefingXlsxFile,
} from "./briefing-xlsx";
export type { BriefingXlsxOptions, SanitizedCell } from "./briefing-xlsx";
export { xmlSafeText } from "./briefing-xlsx";
