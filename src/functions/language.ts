/**
 * The language of texts a function returns into cells (PACE_STATUS's 超序时 / Ahead). It follows the workbook's
 * editing language (Office.context.contentLanguage), then Office's display language (src/i18n/language.ts), else
 * zh-CN. A function's own [language] argument overrides all of them.
 */
import { Language, normaliseLanguage, officeDisplayLanguage } from "../i18n/language";

export function workbookLanguage(): Language {
  const office = (globalThis as { Office?: { context?: { contentLanguage?: string } } }).Office;
  try {
    const tag = office?.context?.contentLanguage;
    if (tag) return normaliseLanguage(tag);
  } catch {
    // Office.context can throw before Office.onReady: fall through.
  }
  return officeDisplayLanguage();
}

/** A language argument: zh, zh-CN, 中文, cn → zh-CN; en, en-US, English, 英文 → en-US; blank → null (use the default);
 * anything else → undefined (not a language). */
export function parseLanguageArgument(value: unknown): Language | null | undefined {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value !== "string") return undefined;
  const t = value.normalize("NFKC").trim();
  if (/^(zh([-_].*)?|cn|中文|汉语|简体中文|chinese)$/i.test(t)) return "zh-CN";
  if (/^(en([-_].*)?|英文|英语|english)$/i.test(t)) return "en-US";
  return undefined;
}
