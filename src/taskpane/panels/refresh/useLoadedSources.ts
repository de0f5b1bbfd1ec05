/** The sources loaded into the workbook, listed afresh each time the panel is shown (data may have been loaded). */
import * as React from "react";
import { useT } from "../../i18n";
import { userError } from "../../common";
import { LoadedSource, useServices } from "../../services";

export interface LoadedSources {
  /** null while the first listing runs. */
  sources: LoadedSource[] | null;
  loadError: string | null;
  reload: () => Promise<void>;
}

export function useLoadedSources(active: boolean): LoadedSources {
  const { t, lang } = useT();
  const services = useServices();
  const [sources, setSources] = React.useState<LoadedSource[] | null>(null);
  const [loadError, setLoadError] = React.useState<string | null>(null);

  const reload = React.useCallback(async () => {
    try {
      setSources(await services.listSources());
      setLoadError(null);
    } catch (err) {
      setSources([]);
      setLoadError(userError(err, t, lang));
    }
  }, [services, t, lang]);

  React.useEffect(() => {
    if (active) void reload();
  }, [reload, active]);

  return { sources, loadError, reload };
}
