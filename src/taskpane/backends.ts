/**
 * The real modules behind the task pane (import, workbook writer, refresh, briefing), adapted to `Backends`.
 * Shared by the add-in (office-services) and the offline preview, which differ only in the Excel they talk to.
 */
import type { Backends } from "./workbook-services";

const pending = (what: string) => async (): Promise<never> => {
  throw new Error(`${what}：尚未接入 / not wired yet`);
};

export function createBackends(): Backends {
  return {
    importBytes: pending("importBytes"),
    importUrl: pending("importUrl"),
    importTable: pending("importTable"),
    loadSeeds: pending("loadSeeds"),
    writeDataset: pending("writeDataset"),
    listSources: async () => [],
    refresh: pending("refresh"),
    undoLastRefresh: async () => null,
    briefingAvailability: async () => ({ regions: [], dataYears: [], targetYears: [] }),
    buildBriefing: pending("buildBriefing"),
  };
}
