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
import {
  Button,
  FluentProvider,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  makeStyles,
  tokens,
  webLightTheme,
} from "@fluentui/react-components";
import { createSimulatedExcel, SimulatedExcel } from "../../packages/excel-sim/src";
import { App } from "../taskpane/App";
import { createBackends } from "../taskpane/backends";
import { createWorkbookServices } from "../taskpane/workbook-services";
import type { TaskPaneServices } from "../taskpane/services";
import { Selection, WorkbookView, colName } from "./WorkbookView";

const useStyles = makeStyles({
  page: {
    display: "flex",
    flexDirection: "column",
    height: "100vh",
    backgroundColor: tokens.colorNeutralBackground3,
    "@media (max-width: 639px)": { height: "auto", minHeight: "100vh" },
  },
  banner: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    gap: "4px 12px",
    padding: "6px 12px",
    backgroundColor: "#217346",
    color: "#fff",
  },
  bannerTitle: { fontWeight: 700, color: "#fff" },
  bannerNote: { color: "#e6f2ea" },
  body: {
    display: "flex",
    flexDirection: "row",
    alignItems: "stretch",
    gap: "8px",
    padding: "8px",
    flexGrow: 1,
    minHeight: 0,
    "@media (max-width: 639px)": { flexDirection: "column", padding: 0, gap: "0" },
  },
  pane: {
    width: "320px",
    flexShrink: 0,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    overflowY: "auto",
    "@media (max-width: 639px)": { width: "100%", border: "none", boxSizing: "border-box", overflowY: "visible" },
  },
  book: {
    display: "flex",
    flexDirection: "column",
    flexGrow: 1,
    minWidth: 0,
    backgroundColor: tokens.colorNeutralBackground1,
    padding: "0 8px",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    minHeight: 0,
    "@media (max-width: 639px)": { height: "80vh", flexGrow: 0 },
  },
  loading: { padding: "24px" },
});

type Phase = { state: "loading" } | { state: "ready" } | { state: "failed"; error: string };

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

/** Load the sample data the way the 数据 panel does: read, then write each dataset. */
async function loadSamples(services: TaskPaneServices): Promise<void> {
  const results = await services.read({ type: "sample" }, {});
  for (const r of results) await services.write(r, { type: "sample" }, {});
  // Open on the ledger, as a user would after loading it.
  await Excel.run(async (ctx) => {
    ctx.workbook.worksheets.getItem("台账").activate();
    await ctx.sync();
  });
}

function Preview({ metadata, metadataError }: { metadata?: { functions: unknown[] }; metadataError?: string }) {
  const s = useStyles();
  const [version, setVersion] = React.useState(0);
  const [activations, setActivations] = React.useState(0);
  const [selection, setSelection] = React.useState<Selection | null>(null);
  const selectionRef = React.useRef<Selection | null>(null);
  selectionRef.current = selection;
  const [phase, setPhase] = React.useState<Phase>({ state: "loading" });
  const [lang, setLang] = React.useState<"zh-CN" | "en-US">("zh-CN");

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
      // Insert into the cell selected in the grid; without one, the active sheet's A1.
      activeCell: async () => {
        const sel = selectionRef.current;
        const sheet = sel?.sheet ?? sim.workbook.activeSheet() ?? sim.workbook.sheetNames()[0];
        const quoted = `'${sheet.replace(/'/g, "''")}'`;
        return `${quoted}!${sel ? `${colName(sel.c)}${sel.r + 1}` : "A1"}`;
      },
    });
    return { sim, services };
  }, [metadata]);

  React.useEffect(() => {
    loadSamples(host.services)
      .then(() => setPhase({ state: "ready" }))
      .catch((err) => setPhase({ state: "failed", error: err instanceof Error ? err.message : String(err) }));
  }, [host]);

  // The task pane sets <html lang> from its language setting: the preview's own labels follow it.
  React.useEffect(() => {
    const read = () => setLang(document.documentElement.lang === "en-US" ? "en-US" : "zh-CN");
    const obs = new MutationObserver(read);
    obs.observe(document.documentElement, { attributes: true, attributeFilter: ["lang"] });
    return () => obs.disconnect();
  }, []);

  React.useEffect(() => {
    if (phase.state !== "ready") return;
    // Time to interactive (ms since navigation), read by bench/taskpane.bench.ts: the pane is rendered and usable.
    document.body.dataset.previewReadyMs = String(Math.round(performance.now()));
    document.body.dataset.previewReady = "true";
  }, [phase]);

  return (
    <FluentProvider theme={webLightTheme} className={s.page}>
      <header className={s.banner} role="banner">
        <Text className={s.bannerTitle} as="h1" size={300} style={{ margin: 0 }}>
          预览模式 — 未连接 Excel
        </Text>
        <Text className={s.bannerNote} size={200}>
          Preview mode — not connected to Excel ·{" "}
          {lang === "zh-CN"
            ? "模拟工作簿，公式由模拟主机计算"
            : "simulated workbook, formulas computed by the simulated host"}
        </Text>
        <Button
          size="small"
          appearance="outline"
          style={{ color: "#fff", marginLeft: "auto" }}
          onClick={() => location.reload()}
        >
          {lang === "zh-CN" ? "重新开始" : "Start over"}
        </Button>
      </header>
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
          {phase.state === "loading" ? (
            <Spinner className={s.loading} label="正在载入示例数据… / Loading the sample data…" />
          ) : phase.state === "failed" ? (
            <MessageBar intent="error">
              <MessageBarBody>示例数据载入失败 / Sample data failed to load: {phase.error}</MessageBarBody>
            </MessageBar>
          ) : (
            <App services={host.services} officeLanguage={null} />
          )}
        </div>
        <div className={s.book}>
          <WorkbookView
            inspector={host.sim.workbook}
            version={version}
            activations={activations}
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
