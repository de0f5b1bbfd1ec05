/**
 * The preview starts with the sample data loaded: loading, ready or failed. Once ready it marks the page
 * (data-preview-ready, and the time to interactive read by bench/taskpane.bench.ts).
 */
import * as React from "react";
import type { TaskPaneServices } from "../taskpane/services";
import { loadSamples } from "./preview-host";

export type Phase = { state: "loading" } | { state: "ready" } | { state: "failed"; error: string };

export function useSampleData(services: TaskPaneServices): Phase {
  const [phase, setPhase] = React.useState<Phase>({ state: "loading" });
  React.useEffect(() => {
    loadSamples(services)
      .then(() => setPhase({ state: "ready" }))
      .catch((err) => setPhase({ state: "failed", error: err instanceof Error ? err.message : String(err) }));
  }, [services]);

  React.useEffect(() => {
    if (phase.state !== "ready") return;
    // Time to interactive (ms since navigation), read by bench/taskpane.bench.ts: the pane is rendered and usable.
    document.body.dataset.previewReadyMs = String(Math.round(performance.now()));
    document.body.dataset.previewReady = "true";
  }, [phase]);
  return phase;
}
