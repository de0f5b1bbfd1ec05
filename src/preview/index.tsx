/**
 * Offline preview (dev only: webpack adds this entry in development mode): the REAL task pane — same App, same
 * services, same import / workbook / briefing modules — over the simulated Excel host (packages/excel-sim), installed as the
 * global `Excel` before anything renders, beside a rendering of the simulated workbook. It starts with the sample
 * data loaded through the same code path as the 数据 panel's 载入 button. HyperFormula (GPL-3) computes the
 * formulas, INVEST.* included, registered from the functions.json the build generates; it never reaches the
 * production bundle.
 */
import "./globals"; // first: CustomFunctions must exist before the functions module is evaluated
import * as React from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, MessageBar, MessageBarBody, Spinner, webLightTheme } from "@fluentui/react-components";
import { App } from "../taskpane/App";
import type { TaskPaneServices } from "../taskpane/services";
import { Selection, WorkbookView } from "./WorkbookView";
import { usePreviewStyles } from "./preview-styles";
import { usePreviewHost } from "./preview-host";
import { Phase, useSampleData } from "./useSampleData";
import { usePageLanguage } from "./usePageLanguage";
import { PreviewBanner } from "./PreviewBanner";

/** The pane while the sample data loads, if it failed, or once it is loaded. */
function PaneContent({ phase, services }: { phase: Phase; services: TaskPaneServices }) {
  const s = usePreviewStyles();
  if (phase.state === "loading")
    return <Spinner className={s.loading} label="正在载入示例数据… / Loading the sample data…" />;
  if (phase.state === "failed")
    return (
      <MessageBar intent="error">
        <MessageBarBody>示例数据载入失败 / Sample data failed to load: {phase.error}</MessageBarBody>
      </MessageBar>
    );
  return <App services={services} officeLanguage={null} />;
}

function Preview({ metadata, metadataError }: { metadata?: { functions: unknown[] }; metadataError?: string }) {
  const s = usePreviewStyles();
  const [selection, setSelection] = React.useState<Selection | null>(null);
  const selectionRef = React.useRef<Selection | null>(null);
  selectionRef.current = selection;
  const host = usePreviewHost(metadata, selectionRef);
  const phase = useSampleData(host.services);
  const lang = usePageLanguage();

  return (
    <FluentProvider theme={webLightTheme} className={s.page}>
      <PreviewBanner lang={lang} />
      {metadataError && (
        <MessageBar intent="warning">
          <MessageBarBody>
            functions.json: {metadataError} — INVEST.* 公式将显示 #NAME? / INVEST.* formulas will show #NAME?
          </MessageBarBody>
        </MessageBar>
      )}
      <div className={s.body}>
        {/* Not a landmark: the task pane's own <main> must stay top-level (axe: landmark-main-is-top-level). */}
        <div className={s.pane} data-testid="task-pane">
          <PaneContent phase={phase} services={host.services} />
        </div>
        <div className={s.book}>
          <WorkbookView
            inspector={host.sim.workbook}
            version={host.version}
            activations={host.activations}
            selection={selection}
            onSelect={setSelection}
            lang={lang}
          />
        </div>
      </div>
    </FluentProvider>
  );
}

async function start() {
  let metadata: { functions: unknown[] } | undefined;
  let metadataError: string | undefined;
  try {
    const res = await fetch("functions.json");
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    metadata = await res.json();
  } catch (err) {
    metadataError = err instanceof Error ? err.message : String(err);
  }
  const el = document.getElementById("root");
  if (el) createRoot(el).render(<Preview metadata={metadata} metadataError={metadataError} />);
}

void start();
