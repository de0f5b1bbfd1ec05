/**
 * The dataset part of the task pane's Backends (src/taskpane/workbook-services.ts) over this module:
 * writeDataset, listSources, refresh, undoLastRefresh, with the task pane's types.
 */
import type { ImportResult } from "../import/types";
import type { LoadedSource, RefreshReport, SourceSpec, UndoReport, WriteOptions as PaneWriteOptions, WriteReport } from "../taskpane/services";
import { defaultLoaders, reread, SourceLoaders } from "./refresh-all";
import { refreshDataset, undoLastRefresh, writeDataset } from "./sheets";
import { canRefreshWithoutDialog, listSources, sourceLabel, SourceDescriptor } from "./sources";

type Described = Omit<SourceDescriptor, "id" | "kind" | "lastRefresh">;

/** A task-pane SourceSpec as the descriptor remembered in the workbook. */
export function describe(source: SourceSpec): Described {
  switch (source.type) {
    case "file": return { type: "file", name: source.name };
    case "url": return { type: "url", name: source.url, url: source.url };
    case "table": return { type: "table", name: source.name, table: source.name };
    case "sample": return { type: "seeds", name: "示例数据" };
  }
}

export function excelDatasetBackends(loaders: SourceLoaders = defaultLoaders) {
  return {
    async writeDataset(result: ImportResult, source: SourceSpec, options: PaneWriteOptions): Promise<WriteReport> {
      const s = await writeDataset(result.kind, result, describe(source), options);
      return { kind: s.kind, sheet: s.sheet, rows: s.rows };
    },
    async listSources(): Promise<LoadedSource[]> {
      return (await listSources()).map((d) => ({
        id: d.id, kind: d.kind, label: sourceLabel(d), rows: d.rows ?? 0, lastRefreshed: d.lastRefresh, refreshable: canRefreshWithoutDialog(d),
      }));
    },
    async refresh(id: string, options: PaneWriteOptions): Promise<RefreshReport> {
      const d = (await listSources()).find((x) => x.id === id);
      if (!d) throw new Error(`没有这个数据来源：${id} / No such source: ${id}`);
      const result = await reread(d, loaders, options.signal);
      const errors = result.issues.filter((i) => i.severity === "error");
      if (errors.length) {
        throw new Error(`来源中有 ${errors.length} 处错误，未刷新（以免误归档），请先修正来源。 / The source has ${errors.length} errors: not refreshed (rows would be archived by mistake); fix the source first.`);
      }
      const s = await refreshDataset(id, result, options);
      return { added: s.added, updated: s.updated, removed: s.archived, unchanged: s.unchanged, issues: result.issues, at: new Date().toISOString() };
    },
    async undoLastRefresh(): Promise<UndoReport | null> {
      const u = await undoLastRefresh();
      return u ? { description: u.description } : null;
    },
  };
}
