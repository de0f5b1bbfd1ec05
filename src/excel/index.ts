/**
 * The add-in's Excel layer: dataset sheets (write, refresh by record key, undo), remembered sources, refresh of
 * every source from the ribbon, and the adapter the task pane's services use. Pure logic lives in merge.ts and
 * values.ts; the rest are thin Office.js calls.
 */
export { writeDataset, refreshDataset, undoLastRefresh, ARCHIVE, CHANGELOG, SYNC_BUDGET, WriteBlockedError, type WriteOptions, type WriteSummary, type UndoRecord } from "./sheets";
export { DEFAULT_NAMESPACE, namesOf, type WriterNamespace } from "./namespace";
export { listSources, canRefreshWithoutDialog, sourceLabel, type SourceDescriptor, type SourceType, SETTINGS_SOURCES, SETTINGS_UNDO } from "./sources";
export { refreshAll, reread, defaultLoaders, readWorkbookTable, type SourceLoaders, type RefreshAllResult } from "./refresh-all";
export { planMerge, KEY_FIELDS, type MergePlan, type ChangeEntry, type ExistingTable } from "./merge";
export { excelDatasetBackends } from "./backends";
