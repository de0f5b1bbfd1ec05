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

/** Backends whose every method loads the real modules first (once), then calls the real method. */
export function createBackends(): Backends {
  let real: Backends | null = null;
  const get = async () => (real ??= (await load()).createBackendsNow());
  return {
    importBytes: async (...a) => (await get()).importBytes(...a),
    importUrl: async (...a) => (await get()).importUrl(...a),
    importTable: async (...a) => (await get()).importTable(...a),
    loadSeeds: async () => (await get()).loadSeeds(),
    writeDataset: async (...a) => (await get()).writeDataset(...a),
    listSources: async () => (await get()).listSources(),
    refresh: async (...a) => (await get()).refresh(...a),
    undoLastRefresh: async (...a) => (await get()).undoLastRefresh(...a),
    briefingAvailability: async () => (await get()).briefingAvailability(),
    buildBriefing: async (...a) => (await get()).buildBriefing(...a),
  };
}
