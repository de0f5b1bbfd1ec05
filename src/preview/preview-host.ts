/**
 * The preview's workbook: the simulated Excel host installed as the global `Excel`, the real task pane services over
 * it, and counters that tell the workbook view to redraw (after every Excel.run) and to follow the sheet the add-in
 * activates. Also the sample data, loaded the way the 数据 panel loads it.
 */
import * as React from "react";
import { createSimulatedExcel, SimulatedExcel } from "../../packages/excel-sim/src";
import { quoteSheet } from "../core/a1";
import { createBackends } from "../taskpane/backends";
import { createWorkbookServices } from "../taskpane/workbook-services";
import type { TaskPaneServices } from "../taskpane/services";
import { Selection, colName } from "./WorkbookView";

/** The simulated host, installed, with Excel.run wrapped so the workbook view redraws after every batch. */
function installHost(metadata: { functions: unknown[] } | undefined, onRun: () => void): SimulatedExcel {
  const sim = createSimulatedExcel({ functionsMetadata: metadata }).install();
  const g = globalThis as { Excel?: typeof Excel };
  const original = sim.Excel.run.bind(sim.Excel) as (...a: unknown[]) => Promise<unknown>;
  g.Excel = {
    ...sim.Excel,
    run: (async (...args: unknown[]) => {
      try {
        return await original(...args);
      } finally {
        onRun();
      }
    }) as typeof Excel.run,
  } as typeof Excel;
  return sim;
}

export interface PreviewHost {
  sim: SimulatedExcel;
  services: TaskPaneServices;
  /** Bumped after every Excel.run: the workbook view redraws. */
  version: number;
  /** Bumped when the add-in activates another sheet: the workbook view shows it. */
  activations: number;
}

/** The host for `metadata`; formulas go into the cell selected in the grid (`selection`), else the active sheet's A1. */
export function usePreviewHost(
  metadata: { functions: unknown[] } | undefined,
  selection: React.RefObject<Selection | null>,
): PreviewHost {
  const [version, setVersion] = React.useState(0);
  const [activations, setActivations] = React.useState(0);
  const host = React.useMemo(() => {
    let lastActive: unknown = null;
    const sim = installHost(metadata, () => {
      setVersion((v) => v + 1);
      // A sheet activated by the add-in (a rewritten sheet is a new object even under the same name).
      if (sim.model.active !== lastActive) {
        lastActive = sim.model.active;
        setActivations((a) => a + 1);
      }
    });
    const services = createWorkbookServices({
      host: "preview",
      backends: createBackends(),
      activeCell: async () => {
        const sel = selection.current;
        const sheet = sel?.sheet ?? sim.workbook.activeSheet() ?? sim.workbook.sheetNames()[0];
        return `${quoteSheet(sheet, true)}!${sel ? `${colName(sel.c)}${sel.r + 1}` : "A1"}`;
      },
    });
    return { sim, services };
  }, [metadata, selection]);
  return { ...host, version, activations };
}

/** Load the sample data the way the 数据 panel does: read, then write each dataset. */
export async function loadSamples(services: TaskPaneServices): Promise<void> {
  const results = await services.read({ type: "sample" }, {});
  for (const r of results) await services.write(r, { type: "sample" }, {});
  // Open on the ledger, as a user would after loading it.
  await Excel.run(async (ctx) => {
    ctx.workbook.worksheets.getItem("台账").activate();
    await ctx.sync();
  });
}
