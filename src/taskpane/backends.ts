/**
 * The real modules behind the task pane (src/import, src/excel, src/briefing: backends-impl.ts), loaded on demand
 * in a chunk of their own: the pane renders with React and Fluent only, and the modules arrive with the first
 * action that needs them (or right after the first render, see preloadBackends). Shared by the add-in and the
 * offline preview.
 */
import type { Backends } from "./workbook-services";

type Impl = typeof import("./backends-impl");
let loading: Promise<Impl> | null = null;

function load(): Promise<Impl> {
  loading ??= import(/* webpackChunkName: "workbook" */ "./backends-impl");
  loading.catch(() => {
    loading = null; // a failed chunk load can be retried
  });
  return loading;
}

/** Start fetching the modules without waiting (the task pane calls it once it has rendered). */
export function preloadBackends(): void {
  void load().catch(() => undefined);
}

export function createBackends(): Backends {
  let real: Backends | null = null;
  const get = async () => (real ??= (await load()).createBackendsNow());
  const lazy =
    <K extends keyof Backends>(k: K) =>
    async (...args: Parameters<Backends[K]>) =>
      ((await get())[k] as (...a: Parameters<Backends[K]>) => ReturnType<Backends[K]>)(...args);
  return {
    importBytes: lazy("importBytes"),
    importUrl: lazy("importUrl"),
    importTable: lazy("importTable"),
    loadSeeds: lazy("loadSeeds"),
    writeDataset: lazy("writeDataset"),
    listSources: lazy("listSources"),
    refresh: lazy("refresh"),
    undoLastRefresh: lazy("undoLastRefresh"),
    briefingAvailability: lazy("briefingAvailability"),
    buildBriefing: lazy("buildBriefing"),
  } as unknown as Backends;
}
