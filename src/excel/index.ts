/**
 * The add-in's Excel layer: dataset sheets (write, refresh by record key, undo), remembered sources, and the one
 * refresh path (refreshSource, with its has-errors guard) that the task pane, the ribbon (refreshAll) and callers of
 * this API share. Pure logic lives in merge.ts and values.ts; the rest are thin Office.js calls.
 */
export {
  writeDataset,
  refreshDataset,
  undoLastRefresh,
  ARCHIVE,
  CHANGELOG,
  SYNC_BUDGET,
  WriteBlockedError,
  type WriteOptions,
  type WriteSummary,
  type UndoRecord,
} from "./sheets";
export { DEFAULT_NAMESPACE, namesOf, type WriterNamespace } from "./namespace";
export {
  listSources,
  canRefreshWithoutDialog,
  sourceLabel,
  type SourceDescriptor,
  type SourceType,
  SETTINGS_SOURCES,
  SETTINGS_UNDO,
} from "./sources";
export {
  refreshAll,
  refreshSource,
  refreshBlocker,
  SourceHasErrors,
  reread,
  defaultLoaders,
  readWorkbookTable,
  type SourceLoaders,
  type RefreshAllResult,
  type RefreshSourceOptions,
} from "./refresh-all";
export { planMerge, KEY_FIELDS, type MergePlan, type ChangeEntry, type ExistingTable } from "./merge";
