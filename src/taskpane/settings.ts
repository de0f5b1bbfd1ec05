/**
 * Task-pane settings, persisted per user in localStorage; the ones that concern the workbook's report
 * (basis, tolerance, production URL) are also saved in the workbook's settings through TaskPaneServices.
 */
import * as v from "valibot";
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

/**
 * Each field falls back to its own default when missing or malformed (a value saved by an older version, or
 * edited by hand, never breaks the pane nor resets the fields that are fine).
 */
const SettingsSchema = v.object({
  language: v.fallback(v.picklist(["auto", "zh-CN", "en-US"]), DEFAULT_SETTINGS.language),
  basis: v.fallback(v.picklist(["month", "day"]), DEFAULT_SETTINGS.basis),
  tolerance: v.fallback(
    v.pipe(v.unknown(), v.transform(Number), v.number(), v.minValue(0), v.maxValue(100)),
    DEFAULT_SETTINGS.tolerance,
  ),
  productionUrl: v.fallback(v.pipe(v.string(), v.trim()), DEFAULT_SETTINGS.productionUrl),
});

export function sanitize(input: Partial<PaneSettings> | null | undefined): PaneSettings {
  return v.parse(SettingsSchema, input && typeof input === "object" ? input : {}) as PaneSettings;
}
