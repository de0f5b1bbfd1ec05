/** Build the 成绩单 as the panel's task (progress, cancel), keep the outcome, and copy its text to the clipboard. */
import * as React from "react";
import { useT } from "../../i18n";
import type { Status, Task } from "../../common";
import { BriefingOutcome, BriefingRequest, useServices } from "../../services";
import { quarterName } from "./quarters";

export interface BriefingBuild {
  outcome: BriefingOutcome | null;
  /** The briefing text in the UI language ("" before the first build). */
  text: string;
  copyStatus: Status;
  build: (request: BriefingRequest) => Promise<void>;
  copy: () => Promise<void>;
}

export function useBriefingBuild(task: Task): BriefingBuild {
  const { t, lang } = useT();
  const services = useServices();
  const [outcome, setOutcome] = React.useState<BriefingOutcome | null>(null);
  const [copyStatus, setCopyStatus] = React.useState<Status>(null);
  const text = outcome ? (lang === "zh-CN" ? outcome.text.zh : outcome.text.en) : "";

  async function build(request: BriefingRequest) {
    setCopyStatus(null);
    const result = await task.run(t("building"), (signal, onProgress) =>
      services.buildBriefing({ ...request, language: lang, signal, onProgress }),
    );
    if (!result) return;
    setOutcome(result);
    task.setStatus(
      result.noData
        ? { intent: "warning", text: t("builtNoData", { sheet: result.sheet, period: quarterName(t, request.period) }) }
        : { intent: "success", text: t("built", { sheet: result.sheet }) },
    );
  }

  async function copy() {
    try {
      await services.copyText(text);
      setCopyStatus({ intent: "success", text: t("copied") });
    } catch {
      setCopyStatus({ intent: "warning", text: t("copyFailed") });
    }
  }

  return { outcome, text, copyStatus, build, copy };
}
