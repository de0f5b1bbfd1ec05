/**
 * The pane's settings: this computer's (localStorage), then those kept in the workbook, which are shared with its
 * other users and take precedence once read. A change is cleaned, saved and applied.
 */
import * as React from "react";
import { PaneSettings, loadSettings, saveSettings, sanitize } from "./settings";
import type { TaskPaneServices } from "./services";

export function usePaneSettings(services: TaskPaneServices): [PaneSettings, (next: PaneSettings) => void] {
  const [settings, setSettings] = React.useState<PaneSettings>(loadSettings);

  React.useEffect(() => {
    let live = true;
    services
      .readWorkbookSettings()
      .then((wb) => {
        if (!live) return;
        setSettings((cur) => {
          const merged = sanitize({
            ...cur,
            ...Object.fromEntries(Object.entries(wb).filter(([, v]) => v !== undefined && v !== "")),
          });
          saveSettings(merged);
          return merged;
        });
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [services]);

  const onSettings = React.useCallback((next: PaneSettings) => {
    const clean = sanitize(next);
    saveSettings(clean);
    setSettings(clean);
  }, []);

  return [settings, onSettings];
}
