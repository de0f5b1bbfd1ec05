/**
 * Entry of the custom functions. Outside Excel (the offline preview in a plain browser) there is no
 * CustomFunctions runtime; a no-op `associate` keeps the page working, and the preview registers the same
 * functions in its own formula engine instead. In Excel, the workbook's date system is read once Office is ready
 * (src/functions/date-system.ts: only where the Office.js in use can tell it, read-only).
 */
import { detectDateSystem } from "./date-system";

const g = globalThis as {
  CustomFunctions?: { associate?: (...args: unknown[]) => void };
  Office?: { onReady?: () => Promise<{ host?: unknown } | undefined> };
};
if (!g.CustomFunctions) g.CustomFunctions = { associate: () => undefined };
g.Office?.onReady?.()
  .then((info) => (info?.host ? detectDateSystem() : null))
  .catch(() => undefined);

export * from "./functions";
