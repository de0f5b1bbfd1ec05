/**
 * Cell parsers. Each takes what a source gives (CSV text, JSON values, exceljs values, Range.values) and returns
 * a value in the canonical form or a failure reason; none throws. Messages are built by the caller (table.ts).
 * One module per kind of cell, in src/import/cells/: cell.ts (flattening, blank, text shown), text.ts (text
 * fields), numbers.ts (amounts, counts), dates.ts (dates, years, months), words.ts (synonym tables).
 */
export {
  cellText,
  errorValue,
  formulaWithoutValue,
  isBlank,
  PHANTOM_1900_02_29,
  PhantomDate,
  plainCell,
  safeString,
  type Cell,
} from "./cells/cell";
export { parseText } from "./cells/text";
export {
  fastAmount,
  parseAmount,
  parseCount,
  stripThousands,
  type AmountResult,
  type CountResult,
} from "./cells/numbers";
export { isIsoDay, parseDate, parseMonth, parseYear, type DateResult } from "./cells/dates";
export {
  fastStage,
  parseBoolean,
  parseInvestorType,
  parseMetric,
  parseStage,
  parseStatus,
  parseUnit,
} from "./cells/words";
export { INVESTOR_TYPES, STAGES } from "../core/model";
export { daysInMonth } from "../core/dates";
