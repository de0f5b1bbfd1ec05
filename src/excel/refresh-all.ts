/**
 * THE refresh of remembered sources. refreshSource re-reads one source, applies THE guard (refreshBlocker) and
 * refreshes its sheet; the task pane's Refresh (src/taskpane/backends-impl.ts), the ribbon's 刷新 (refreshAll, for
 * every source that needs no file dialog: URL, workbook table, sample data) and the library API all go through it.
 * A local file cannot be re-read by an add-in without the user picking it again, so refreshAll skips file sources
 * with a note (the task pane's Refresh panel asks for the file).
 *
 * The guard: a source that now has rows the importer rejected is NOT refreshed. A rejected row would otherwise look
 * like a record that left the source, and be archived as if deleted.
 */
import { AppError, Bilingual, bilingualMessage } from "../core/errors";
import { importTable, importUrl, loadSeeds } from "../import";
import type { ImportIssue, ImportResult } from "../import/types";
import { readWorkbookTable, readWorkbookTableOrNull } from "./read-table";
import { refreshDataset, WriteOptions, WriteSummary } from "./sheets";
import { canRefreshWithoutDialog, listSources, SourceDescriptor } from "./sources";
import { regionImportOptions } from "./workbook-hierarchy";
import { loadDivisions } from "../core/divisions";

export interface SourceLoaders {
  url(d: SourceDescriptor, signal?: AbortSignal, onProgress?: (fraction: number) => void): Promise<ImportResult>;
  table(d: SourceDescriptor, signal?: AbortSignal, onProgress?: (fraction: number) => void): Promise<ImportResult>;
  seeds(d: SourceDescriptor): Promise<ImportResult>;
}

export { readWorkbookTable, readWorkbookTableOrNull };

// Names are resolved through the workbook's regions (src/excel/workbook-hierarchy.ts), as at the first import: a
// refresh keeps the 地区路径 column the briefing's formulas read.
export const defaultLoaders: SourceLoaders = {
  url: async (d, signal, onProgress) =>
    importUrl(d.url ?? d.name, {
      fileName: d.url ?? d.name,
      kind: d.kind,
      mapping: d.mapping,
      signal,
      onProgress,
      ...(await regionImportOptions(d.kind)),
    }),
  async table(d, _signal, onProgress) {
    const { values, label, startRow } = await readWorkbookTable(d.table ?? d.name);
    onProgress?.(0.5);
    return importTable(values, {
      fileName: label,
      kind: d.kind,
      mapping: d.mapping,
      startRow,
      ...(await regionImportOptions(d.kind)),
    });
  },
  async seeds(d) {
    return loadSeeds({ divisions: await loadDivisions() })[d.kind];
  },
};

/** Re-read one source (not a file: a file source rejects with LOCAL_FILE, it never throws synchronously). */
export async function reread(
  d: SourceDescriptor,
  loaders: SourceLoaders = defaultLoaders,
  signal?: AbortSignal,
  onProgress?: (fraction: number) => void,
): Promise<ImportResult> {
  switch (d.type) {
    case "url":
      return loaders.url(d, signal, onProgress);
    case "table":
      return loaders.table(d, signal, onProgress);
    case "seeds":
      return loaders.seeds(d);
    default:
      throw new AppError(
        "LOCAL_FILE",
        `「${d.name}」是本地文件，请在任务窗格中重新选择文件后刷新。`,
        `"${d.name}" is a local file: choose it again in the task pane to refresh.`,
      );
  }
}

/** A source that may not be refreshed: its re-read has rows the importer rejected. */
export class SourceHasErrors extends AppError<"SOURCE_HAS_ERRORS"> {
  constructor(
    readonly source: SourceDescriptor,
    readonly errors: number,
    readonly issues: ImportIssue[],
  ) {
    const zh = `来源「${source.name}」中有 ${errors} 处错误，未刷新（否则出错的行会被当作“已删除”归档）。请先修正来源中的这些行，再刷新。`;
    const en = `The source "${source.name}" has ${errors} errors: not refreshed (rows with errors would be archived as if deleted). Fix those rows in the source first, then refresh.`;
    super("SOURCE_HAS_ERRORS", zh, en);
    this.name = "SourceHasErrors";
  }
}

/**
 * THE has-errors guard: the number of errors that forbid refreshing a source with this result (0: none). Counted
 * from the error issues (and the rejected rows, whichever is more), so a result built by hand is judged alike.
 */
export function refreshBlocker(result: ImportResult): number {
  const errors = result.issues.reduce((n, i) => n + (i.severity === "error" ? 1 : 0), 0);
  return Math.max(errors, result.summary.rejected);
}

export interface RefreshSourceOptions extends WriteOptions {
  loaders?: SourceLoaders;
}

/**
 * Refresh one remembered source (by id or descriptor): re-read it (the first half of the progress), refuse with
 * SourceHasErrors when refreshBlocker says so, else refresh its sheet (the second half). The one refresh path. Every
 * write option reaches the writer: `namespace` (where the source is looked up and written), `ticket` (a caller that
 * holds the write queue runs this inside its turn instead of waiting for itself), `signal`, `now`, `onProgress`.
 */
export async function refreshSource(
  source: string | SourceDescriptor,
  opts: RefreshSourceOptions = {},
): Promise<{ summary: WriteSummary; result: ImportResult }> {
  const { loaders, ...write } = opts;
  const d = typeof source === "string" ? (await listSources(write.namespace)).find((x) => x.id === source) : source;
  if (!d)
    throw new AppError("SOURCE_NOT_FOUND", `没有这个数据来源：${String(source)}`, `No such source: ${String(source)}`);
  const result = await reread(d, loaders, write.signal, (f) => write.onProgress?.(f / 2));
  const errors = refreshBlocker(result);
  if (errors > 0) throw new SourceHasErrors(d, errors, result.issues);
  const summary = await refreshDataset(d.id, result, {
    ...write,
    onProgress: (f) => write.onProgress?.(0.5 + f / 2),
  });
  return { summary, result };
}

export interface RefreshAllResult {
  refreshed: { source: SourceDescriptor; summary: WriteSummary }[];
  /** Not refreshed, and why: in Chinese and in English, never glued into one string (the notice picks one). */
  skipped: { source: SourceDescriptor; reason: Bilingual }[];
  /** Failed, with the error's text in both languages (bilingualMessage) and its code when it is an AppError. */
  failed: { source: SourceDescriptor; error: Bilingual; code?: string }[];
}

/** Why refreshAll leaves a source alone, in both languages; null when it refreshes it. */
function skipReason(d: SourceDescriptor): Bilingual | null {
  if (canRefreshWithoutDialog(d)) return null;
  return {
    zh: `「${d.name}」是本地文件，需在任务窗格中重新选择`,
    en: `"${d.name}" is a local file: choose it again in the task pane`,
  };
}

/**
 * Refresh every source that can refresh without a file dialog, one after another. The options are refreshSource's,
 * passed to each; onProgress runs 0..1 over all the sources (each source its equal share).
 */
export async function refreshAll(opts: RefreshSourceOptions = {}): Promise<RefreshAllResult> {
  const out: RefreshAllResult = { refreshed: [], skipped: [], failed: [] };
  const sources = await listSources(opts.namespace);
  const share = (i: number) => (f: number) => opts.onProgress?.((i + f) / sources.length);
  for (const [i, d] of sources.entries()) {
    if (opts.signal?.aborted) break;
    const reason = skipReason(d);
    if (reason) {
      out.skipped.push({ source: d, reason });
      share(i)(1);
      continue;
    }
    // A source that fails or is refused still counts as done in the progress (finally).
    try {
      const { summary } = await refreshSource(d, { ...opts, onProgress: share(i) });
      out.refreshed.push({ source: d, summary });
    } catch (e) {
      if (e instanceof SourceHasErrors) {
        out.skipped.push({
          source: d,
          reason: {
            zh: `「${d.name}」中有 ${e.errors} 处错误，未刷新（以免误归档）`,
            en: `"${d.name}" has ${e.errors} errors: not refreshed (rows would be archived by mistake)`,
          },
        });
        continue;
      }
      out.failed.push({ source: d, error: bilingualMessage(e), ...(e instanceof AppError ? { code: e.code } : {}) });
    } finally {
      share(i)(1);
    }
  }
  return out;
}
