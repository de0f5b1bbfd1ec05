/**
 * Ribbon commands, loaded in the shared runtime page. The "open task pane" button needs no code
 * (ShowTaskpane action); ExecuteFunction buttons register their handlers here.
 *
 * 刷新 (refreshAll): re-reads every remembered source that needs no file dialog (URL, workbook table, sample
 * data) and refreshes its sheet; local files are skipped (the task pane asks for them). Always completes the event.
 */
import type { RefreshAllResult } from "../excel/refresh-all";

/**
 * The refresh code (import layer, workbook writer) loads when the button is first clicked, from the same lazy
 * chunk the task pane uses: the ribbon costs the page's start-up almost nothing.
 */
async function refreshAll(): Promise<RefreshAllResult> {
  const m = await import(/* webpackChunkName: "workbook" */ "../excel/refresh-all");
  return m.refreshAll();
}

type Actions = { associate(name: string, fn: (event: Office.AddinCommands.Event) => void): void };

/** A one-line summary in Chinese and English (shown in the console / notification). */
export function summarize(r: RefreshAllResult): string {
  const n = r.refreshed.length;
  const parts = [`已刷新 ${n} 个来源 / refreshed ${n}`];
  if (r.skipped.length) parts.push(`跳过 ${r.skipped.length} / skipped ${r.skipped.length}`);
  if (r.failed.length) parts.push(`失败 ${r.failed.length} / failed ${r.failed.length}: ${r.failed.map((f) => f.error).join("; ")}`);
  return parts.join(" · ");
}

/** Handler of the 刷新 button. */
export async function refreshAllCommand(event: Office.AddinCommands.Event, run: () => Promise<RefreshAllResult> = refreshAll): Promise<RefreshAllResult | null> {
  try {
    const result = await run();
    console.info(summarize(result));
    return result;
  } catch (e) {
    console.error("刷新失败 / Refresh failed", e);
    return null;
  } finally {
    event.completed();
  }
}

export function registerCommands(actions: Actions): void {
  actions.associate("refreshAll", (event) => void refreshAllCommand(event));
}

if (typeof Office !== "undefined" && Office.onReady) {
  Office.onReady(() => {
    if (Office.actions) registerCommands(Office.actions);
  });
}
