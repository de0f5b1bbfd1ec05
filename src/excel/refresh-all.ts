/**
 * Refresh every remembered source that can be re-read without a file dialog (URL, workbook table, sample data):
 * what the ribbon's 刷新 button runs. A local file cannot be re-read by an add-in without the user picking it
 * again, so file sources are skipped with a note (the task pane's Refresh panel asks for the file).
 *
 * A source that now has rows with errors is NOT refreshed: a row rejected by validation would otherwise look
 * like a record that left the source and be archived.
 */
import { importTable, importUrl, loadSeeds } from "../import";
import type { ImportResult } from "../import/types";
import { readWorkbookTable, readWorkbookTableOrNull } from "./read-table";
import { refreshDataset, WriteOptions, WriteSummary } from "./sheets";
import { canRefreshWithoutDialog, listSources, SourceDescriptor } from "./sources";

export interface SourceLoaders {
  url(d: SourceDescriptor, signal?: AbortSignal): Promise<ImportResult>;
  table(d: SourceDescriptor, signal?: AbortSignal): Promise<ImportResult>;
  seeds(d: SourceDescriptor): Promise<ImportResult>;
}

function excel(): typeof Excel {
  const x = (globalThis as { Excel?: typeof Excel }).Excel;
  if (!x || typeof x.run !== "function") throw new Error("Excel 不可用 / Excel is not available");
  return x;
}

export { readWorkbookTable, readWorkbookTableOrNull };

export const defaultLoaders: SourceLoaders = {
  url: (d, signal) => importUrl(d.url ?? d.name, { fileName: d.url ?? d.name, kind: d.kind, mapping: d.mapping, signal }),
  async table(d) {
    const { values, label, startRow } = await readWorkbookTable(d.table ?? d.name);
    return importTable(values, { fileName: label, kind: d.kind, mapping: d.mapping, startRow });
  },
  async seeds(d) {
    return loadSeeds()[d.kind];
  },
};

/** Re-read one source (not a file). */
export function reread(d: SourceDescriptor, loaders: SourceLoaders = defaultLoaders, signal?: AbortSignal): Promise<ImportResult> {
  switch (d.type) {
    case "url": return loaders.url(d, signal);
    case "table": return loaders.table(d, signal);
    case "seeds": return loaders.seeds(d);
    default: throw new Error(`「${d.name}」是本地文件，请在任务窗格中重新选择文件后刷新。 / "${d.name}" is a local file: choose it again in the task pane to refresh.`);
  }
}

export interface RefreshAllResult {
  refreshed: { source: SourceDescriptor; summary: WriteSummary }[];
  /** Not refreshed, and why (Chinese / English). */
  skipped: { source: SourceDescriptor; reason: string }[];
  failed: { source: SourceDescriptor; error: string }[];
}

/** Refresh every source that can refresh without a file dialog, one after another. */
export async function refreshAll(opts: WriteOptions & { loaders?: SourceLoaders } = {}): Promise<RefreshAllResult> {
  const out: RefreshAllResult = { refreshed: [], skipped: [], failed: [] };
  const sources = await listSources();
  for (const d of sources) {
    if (opts.signal?.aborted) break;
    if (!canRefreshWithoutDialog(d)) {
      out.skipped.push({ source: d, reason: `本地文件需重新选择 / a local file must be chosen again: ${d.name}` });
      continue;
    }
    try {
      const result = await reread(d, opts.loaders, opts.signal);
      const errors = result.issues.filter((i) => i.severity === "error").length;
      if (errors > 0) {
        out.skipped.push({ source: d, reason: `来源中有 ${errors} 处错误，未刷新（以免误归档） / the source has ${errors} errors: not refreshed (rows would be archived by mistake)` });
        continue;
      }
      out.refreshed.push({ source: d, summary: await refreshDataset(d.id, result, { signal: opts.signal, now: opts.now }) });
    } catch (e) {
      out.failed.push({ source: d, error: e instanceof Error ? e.message : String(e) });
    }
  }
  return out;
}
