/** Task pane entry: waits for Office (or its absence, in a plain browser) and renders the app. */
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { createBackends, preloadBackends } from "./backends";
import { createWorkbookServices } from "./workbook-services";
import { noWorkbookServices } from "./no-workbook";

function mount(host: string | null, displayLanguage: string | null) {
  const el = document.getElementById("root");
  if (!el) return;
  // Office.HostType.Excel is "Excel"; in a plain browser Office.onReady gives no host (or Office is absent).
  const services =
    host === "Excel"
      ? createWorkbookServices({ host: "excel", backends: createBackends() })
      : noWorkbookServices(createBackends());
  createRoot(el).render(<App services={services} officeLanguage={displayLanguage} />);
  // The import / workbook / briefing modules are a chunk of their own: fetch it once the pane is up.
  setTimeout(preloadBackends, 0);
}

if (typeof Office !== "undefined" && Office.onReady) {
  Office.onReady((info) => {
    let lang: string | null = null;
    try {
      lang = Office.context?.displayLanguage ?? null;
    } catch {
      lang = null;
    }
    mount(info.host ? String(info.host) : null, lang);
  });
} else {
  mount(null, null);
}
