/** How the Refresh panel words a source and what a refresh changed, in the UI language. */
import type { Language } from "../../../i18n/language";
import type { Translate } from "../../i18n";
import type { LoadedSource, RefreshReport } from "../../services";

/** The sample source's stored label is Chinese: name it in the UI language. */
export function sourceLabel(src: LoadedSource, t: Translate): string {
  return src.sample ? t("sourceSample") : src.label;
}

/** "新增 2，更新 1…" when anything changed, else "未变化（32 行）". */
export function changeText(report: RefreshReport, t: Translate): string {
  const { added, updated, removed, unchanged } = report;
  return added + updated + removed > 0
    ? t("changed", { added, updated, removed, unchanged })
    : t("noChange", { unchanged });
}

/** The status after a refresh: the source, what changed, and the notices (which make it a warning). */
export function refreshStatusText(src: LoadedSource, report: RefreshReport, t: Translate, lang: Language) {
  const notices = (report.notices ?? []).map((n) => (lang === "zh-CN" ? n.zh : n.en));
  const text = [`${sourceLabel(src, t)}${lang === "zh-CN" ? "：" : ": "}${changeText(report, t)}`, ...notices].join(
    " ",
  );
  return { intent: notices.length ? ("warning" as const) : ("success" as const), text };
}
