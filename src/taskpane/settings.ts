/**
 * Task-pane settings, persisted per user in localStorage; the ones that concern the workbook's report
 * (basis, tolerance, production URL) are also saved in the workbook's settings through TaskPaneServices.
 */
import type { ProgressBasis } from "../core/metrics";
import { DEFAULT_PACE_TOLERANCE } from "../core/metrics";

export type LanguageChoice = "auto" | "zh-CN" | "en-US";

export interface PaneSettings {
  language: LanguageChoice;
  basis: ProgressBasis;
  tolerance: number;
  productionUrl: string;
}

export const DEFAULT_SETTINGS: PaneSettings = {
  language: "auto",
  basis: "month",
  tolerance: DEFAULT_PACE_TOLERANCE,
  productionUrl: "",
};

export const SETTINGS_KEY = "invest-report.taskpane.settings";

function storage(): Storage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null; // storage disabled (some locked-down browsers throw on access)
  }
}

/** Read settings; anything missing or malformed falls back to its default. */
export function loadSettings(): PaneSettings {
  const raw = storage()?.getItem(SETTINGS_KEY);
  if (!raw) return { ...DEFAULT_SETTINGS };
  try {
    return sanitize(JSON.parse(raw));
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
}

export function saveSettings(s: PaneSettings): void {
  storage()?.setItem(SETTINGS_KEY, JSON.stringify(sanitize(s)));
}

export function sanitize(input: Partial<PaneSettings> | null | undefined): PaneSettings {
  const s = input ?? {};
  const language: LanguageChoice = s.language === "zh-CN" || s.language === "en-US" ? s.language : "auto";
  const basis: ProgressBasis = s.basis === "day" ? "day" : "month";
  const tol = Number(s.tolerance);
  const tolerance = Number.isFinite(tol) && tol >= 0 && tol <= 100 ? tol : DEFAULT_PACE_TOLERANCE;
  const productionUrl = typeof s.productionUrl === "string" ? s.productionUrl.trim() : "";
  return { language, basis, tolerance, productionUrl };
}
