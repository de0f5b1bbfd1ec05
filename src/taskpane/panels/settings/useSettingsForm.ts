/**
 * The settings being edited: a draft of PaneSettings and the tolerance as typed, reset whenever the saved settings
 * change (another pane or the workbook's settings arrived). The tolerance is valid from 0 to 100.
 */
import * as React from "react";
import type { PaneSettings } from "../../settings";

export interface SettingsForm {
  draft: PaneSettings;
  setDraft: React.Dispatch<React.SetStateAction<PaneSettings>>;
  tolText: string;
  setTolText: (text: string) => void;
  /** The tolerance typed, valid or null. */
  tolerance: number | null;
}

export function useSettingsForm(settings: PaneSettings): SettingsForm {
  const [draft, setDraft] = React.useState(settings);
  const [tolText, setTolText] = React.useState(String(settings.tolerance));
  React.useEffect(() => {
    setDraft(settings);
    setTolText(String(settings.tolerance));
  }, [settings]);
  const tol = Number(tolText);
  const valid = tolText.trim() !== "" && Number.isFinite(tol) && tol >= 0 && tol <= 100;
  return { draft, setDraft, tolText, setTolText, tolerance: valid ? tol : null };
}
