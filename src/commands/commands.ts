/**
 * Ribbon commands, loaded in the shared runtime page. The "open task pane" button needs no code
 * (ShowTaskpane action); ExecuteFunction buttons register their handlers here.
 *
 * 刷新 (refreshAll): re-reads every remembered source that needs no file dialog (URL, workbook table, sample
 * data) and refreshes its sheet; local files are skipped (the task pane asks for them).
 * 自检 (runSelfTest): the self-test (src/excel/self-test.ts) on temporary sheets.
 * Both report to the user through the task pane (notices.ts: published, then the pane is opened) and always
 * complete the event.
 */
import { isAppError } from "../core/errors";
import type { RefreshAllResult } from "../excel/refresh-all";
import type { SelfTestReport } from "../excel/self-test";
import { publishNotice, showTaskPane } from "./notices";

/**
 * The refresh code (import layer, workbook writer) loads when the button is first clicked, from the same lazy
 * chunk the task pane uses: the ribbon costs the page's start-up almost nothing.
 */
async function refreshAll(): Promise<RefreshAllResult> {
  const m = await import(/* webpackChunkName: "workbook" */ "../excel/refresh-all");
  return m.refreshAll();
}

async function selfTest(): Promise<SelfTestReport> {
  const m = await import(/* webpackChunkName: "workbook" */ "../excel/self-test");
  return m.runSelfTest();
}

type Actions = Pick<typeof Office.actions, "associate">;

/** What an error says in each language: an AppError's own two messages, anything else its one message in both. */
export function messagesOf(e: unknown): { zh: string; en: string } {
  if (isAppError(e)) return { zh: e.zh, en: e.en };
  const msg = e instanceof Error ? e.message : String(e);
  return { zh: msg, en: msg };
}

/** The result in Chinese and in English, and how it went. */
export function summarize(r: RefreshAllResult): { zh: string; en: string; intent: "success" | "warning" | "error" } {
  const n = r.refreshed.length;
  const zh = [
    `已刷新 ${n} 个来源${n ? `（${r.refreshed.map((x) => `${x.summary.sheet}：新增 ${x.summary.added}、更新 ${x.summary.updated}、归档 ${x.summary.archived}`).join("；")}）` : ""}`,
  ];
  const en = [
    `Refreshed ${n} source(s)${n ? ` (${r.refreshed.map((x) => `${x.summary.sheet}: ${x.summary.added} added, ${x.summary.updated} updated, ${x.summary.archived} archived`).join("; ")})` : ""}`,
  ];
  if (r.skipped.length) {
    zh.push(`跳过 ${r.skipped.length} 个：${r.skipped.map((s) => s.reason).join("；")}`);
    en.push(`skipped ${r.skipped.length}: ${r.skipped.map((s) => s.reason).join("; ")}`);
  }
  if (r.failed.length) {
    zh.push(`失败 ${r.failed.length} 个：${r.failed.map((f) => `${f.source.name}：${f.error}`).join("；")}`);
    en.push(`failed ${r.failed.length}: ${r.failed.map((f) => `${f.source.name}: ${f.error}`).join("; ")}`);
  }
  const intent = r.failed.length ? "error" : r.skipped.length ? "warning" : "success";
  return { zh: zh.join("。"), en: en.join(". "), intent };
}

/** Handler of the 刷新 button. */
export async function refreshAllCommand(
  event: Office.AddinCommands.Event,
  run: () => Promise<RefreshAllResult> = refreshAll,
): Promise<RefreshAllResult | null> {
  try {
    const result = await run();
    publishNotice({ kind: "refresh", ...summarize(result) });
    await showTaskPane();
    return result;
  } catch (e) {
    const msg = messagesOf(e);
    publishNotice({ kind: "refresh", intent: "error", zh: `刷新失败：${msg.zh}`, en: `Refresh failed: ${msg.en}` });
    await showTaskPane();
    return null;
  } finally {
    event.completed();
  }
}

/** Handler of the 自检 button. */
export async function selfTestCommand(
  event: Office.AddinCommands.Event,
  run: () => Promise<SelfTestReport> = selfTest,
): Promise<SelfTestReport | null> {
  try {
    const report = await run();
    const failed = report.steps.filter((s) => !s.ok).length;
    publishNotice({
      kind: "selftest",
      report,
      intent: report.ok ? "success" : "error",
      zh: report.ok ? "自检全部通过。" : `自检有 ${failed} 步失败，请复制报告发给技术支持。`,
      en: report.ok
        ? "Self-test: all steps passed."
        : `Self-test: ${failed} step(s) failed; copy the report and send it to support.`,
    });
    await showTaskPane();
    return report;
  } catch (e) {
    const msg = messagesOf(e);
    publishNotice({
      kind: "selftest",
      intent: "error",
      zh: `自检无法运行：${msg.zh}`,
      en: `The self-test could not run: ${msg.en}`,
    });
    await showTaskPane();
    return null;
  } finally {
    event.completed();
  }
}

export function registerCommands(actions: Actions): void {
  actions.associate("refreshAll", (event) => void refreshAllCommand(event));
  actions.associate("runSelfTest", (event) => void selfTestCommand(event));
}

if (typeof Office !== "undefined" && Office.onReady) {
  Office.onReady(() => {
    if (Office.actions) registerCommands(Office.actions);
  });
}
