/**
 * 自检 Self-test: run src/excel/self-test.ts as the section's task, collect the steps as they finish, and keep the
 * report as plain text to copy. A self-test started from the ribbon (src/commands/notices.ts) reports here too.
 */
import * as React from "react";
import { lastNotice, onNotice } from "../../../commands/notices";
import type { SelfTestReport, SelfTestStep } from "../../../excel/self-test";
import type { Language } from "../../../i18n/language";
import { useT } from "../../i18n";
import type { Task } from "../../common";
import { useServices } from "../../services";

/** Steps of a self-test run (src/excel/self-test.ts), for the progress bar. */
const SELF_TEST_STEPS = 9;

/** The report as plain text (loaded with the self-test's chunk; the pane's first chunk stays small). */
async function reportTextOf(report: SelfTestReport, lang: Language): Promise<string> {
  return (await import(/* webpackChunkName: "workbook" */ "../../../excel/self-test")).reportText(report, lang);
}

/** The last self-test run from the ribbon, if any. */
function ribbonReport(): SelfTestReport | null {
  const n = lastNotice();
  return n?.kind === "selftest" ? (n.report ?? null) : null;
}

export interface SelfTest {
  available: boolean;
  /** The steps to show: the report's, or those finished so far. */
  steps: SelfTestStep[];
  report: SelfTestReport | null;
  text: string;
  copyStatus: string | null;
  run: () => Promise<void>;
  copy: () => Promise<void>;
}

/** The report's plain text in the UI language ("" without a report). */
function useReportText(report: SelfTestReport | null, lang: Language): string {
  const [text, setText] = React.useState("");
  React.useEffect(() => {
    let live = true;
    if (report) void reportTextOf(report, lang).then((x) => live && setText(x));
    else setText("");
    return () => {
      live = false;
    };
  }, [report, lang]);
  return text;
}

export function useSelfTest(task: Task): SelfTest {
  const { t, lang } = useT();
  const services = useServices();
  const [steps, setSteps] = React.useState<SelfTestStep[]>([]);
  const [report, setReport] = React.useState<SelfTestReport | null>(ribbonReport);
  const [copyStatus, setCopyStatus] = React.useState<string | null>(null);
  const text = useReportText(report, lang);

  // A self-test run from the ribbon reports here.
  React.useEffect(
    () =>
      onNotice((n) => {
        if (n.kind === "selftest" && n.report) {
          setSteps([]);
          setReport(n.report);
        }
      }),
    [],
  );

  async function run() {
    if (!services.runSelfTest) return;
    setSteps([]);
    setReport(null);
    setCopyStatus(null);
    let done = 0;
    const r = await task.run(t("selfTestRunning"), (_signal, onProgress) =>
      services.runSelfTest!({
        onStep: (st) => {
          setSteps((x) => [...x, st]);
          onProgress(++done / SELF_TEST_STEPS);
        },
      }),
    );
    if (!r) return;
    setReport(r);
    const failed = r.steps.filter((x) => !x.ok).length;
    task.setStatus(
      failed
        ? { intent: "error", text: t("selfTestFailed", { count: failed }) }
        : { intent: "success", text: t("selfTestPassed", { ms: r.ms }) },
    );
  }

  async function copy() {
    try {
      await services.copyText(text);
      setCopyStatus(t("copied"));
    } catch {
      setCopyStatus(t("copyFailed"));
    }
  }

  const available = !!services.runSelfTest && services.host !== null;
  return { available, steps: report ? report.steps : steps, report, text, copyStatus, run, copy };
}
