/**
 * Import: investment records from files, URLs and workbook tables into the canonical model (src/core/model.ts),
 * with every problem reported by file, row and column in Chinese and English. See docs/import.md.
 */
export { importBytes, importTable, importUrl, detectFormat } from "./bytes";
export { loadSeeds, type SeedResults } from "./seeds";
export { seedsFromTexts, type SeedTexts } from "./seed-texts";
export { ImportError, isImportError, type ImportErrorCode, type ImportErrorDetails } from "./errors";
export {
  InMemoryMappingStore,
  LocalStorageMappingStore,
  mappingSourceKey,
  withRememberedMapping,
  type StorageLike,
} from "./mapping";
export { importCsvText, detectEncoding, sniffCsv } from "./csv";
export { checkUrl, DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS } from "./url";
export { loadExcelJs } from "./xlsx";
export { KIND_FIELDS, normalizeHeader, detectUnit, type FieldDef } from "./fields";
export { toValidationJson, formatReport, type ValidationJson } from "./report";
export type * from "./types";
