/** Task pane entry: waits for Office (or its absence, in a plain browser) and renders the app. */
import * as React from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";

function mount(host: string | null) {
  const el = document.getElementById("root");
  if (el) createRoot(el).render(<App host={host} />);
}

if (typeof Office !== "undefined" && Office.onReady) {
  Office.onReady((info) => mount(info.host ? String(info.host) : null));
} else {
  mount(null);
}
