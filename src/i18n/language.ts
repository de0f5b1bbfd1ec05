/**
 * The UI language: zh-CN is primary, en-US the alternative. By default it follows Office's display
 * language; outside Office (preview, CLI, tests) it is zh-CN unless set.
 */
export type Language = "zh-CN" | "en-US";

let override: Language | null = null;

/** Map any BCP-47 tag to a supported language: Chinese variants → zh-CN, everything else → en-US. */
export function normaliseLanguage(tag: string | null | undefined): Language {
  if (!tag) return "zh-CN";
  return /^zh\b/i.test(tag) ? "zh-CN" : "en-US";
}

export function setLanguage(lang: Language | null): void {
  override = lang;
}

export function currentLanguage(): Language {
  if (override) return override;
  const office = (globalThis as { Office?: { context?: { displayLanguage?: string } } }).Office;
  try {
    const tag = office?.context?.displayLanguage;
    if (tag) return normaliseLanguage(tag);
  } catch {
    // Office.context throws before Office.onReady in some hosts: fall through to the default.
  }
  return "zh-CN";
}
