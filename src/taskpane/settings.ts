/**
 * Task-pane settings, persisted per user in localStorage; the ones that concern the workbook's report
 * (basis, tolerance, production URL) are also saved in the workbook's settings through TaskPaneServices.
 */
import { z } from "zod";
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
const SettingsSchema = z.object({
  language: z.enum(["auto", "zh-CN", "en-US"]).catch(DEFAULT_SETTINGS.language),
  basis: z.enum(["month", "day"]).catch(DEFAULT_SETTINGS.basis),
  tolerance: z.coerce.number().min(0).max(100).catch(DEFAULT_SETTINGS.tolerance),
  productionUrl: z.string().trim().catch(DEFAULT_SETTINGS.productionUrl),
});

export function sanitize(input: Partial<PaneSettings> | null | undefined): PaneSettings {
  return SettingsSchema.parse(input && typeof input === "object" ? input : {});
}
