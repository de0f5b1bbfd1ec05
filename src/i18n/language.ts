/**
 * The UI language: zh-CN is primary, en-US the alternative. There is no module-wide language: whoever writes text
 * for a reader is given the language (the task pane passes its own, from its settings or Office's display language;
 * a custom function takes its [language] argument or the Office context of the call; the CLI its --language).
 */
export type Language = "zh-CN" | "en-US";

/** Map any BCP-47 tag to a supported language: Chinese variants → zh-CN, everything else → en-US. */
export function normaliseLanguage(tag: string | null | undefined): Language {
  if (!tag) return "zh-CN";
  return /^zh\b/i.test(tag) ? "zh-CN" : "en-US";
}

/** Office's display language (Office.context.displayLanguage), else zh-CN (outside Office: preview, CLI, tests). */
export function officeDisplayLanguage(): Language {
  const office = (globalThis as { Office?: { context?: { displayLanguage?: string } } }).Office;
  try {
    const tag = office?.context?.displayLanguage;
    if (tag) return normaliseLanguage(tag);
  } catch {
    // Office.context throws before Office.onReady in some hosts: fall through to the default.
  }
  return "zh-CN";
}
