/**
 * Refresh one source and undo the last refresh, as the panel's task; keep each source's last report. An undo refused
 * because the sheets changed after the refresh (UNDO_BLOCKED) offers to undo anyway.
 */
import * as React from "react";
import { useT } from "../../i18n";
import type { Task } from "../../common";
import { LoadedSource, RefreshReport, useServices } from "../../services";
import { refreshStatusText } from "./refresh-text";

export interface RefreshActions {
  /** The last refresh of each source, by id. */
  reports: Record<string, RefreshReport>;
  /** The last undo was refused because the sheets changed after the write. */
  undoBlocked: boolean;
  refresh: (src: LoadedSource) => Promise<void>;
  undo: (force?: boolean) => Promise<void>;
}

function isUndoBlocked(e: unknown): boolean {
  return typeof e === "object" && e !== null && "code" in e && e.code === "UNDO_BLOCKED";
}

export function useRefreshActions(task: Task, reload: () => Promise<void>): RefreshActions {
  const { t, lang } = useT();
  const services = useServices();
  const [reports, setReports] = React.useState<Record<string, RefreshReport>>({});
  const [undoBlocked, setUndoBlocked] = React.useState(false);

  async function refresh(src: LoadedSource) {
    const report = await task.run(t("refreshing"), (signal, onProgress) =>
      services.refresh(src.id, { signal, onProgress }),
    );
    if (!report) return;
    setReports((r) => ({ ...r, [src.id]: report }));
    // The list first, then the status: the status takes the focus and scrolls to it, and must not be pushed down
    // by the list growing after it did.
    await reload();
    task.setStatus(refreshStatusText(src, report, t, lang));
  }

  async function undo(force = false) {
    setUndoBlocked(false);
    const undone = await task.run(t("working"), () =>
      services.undoLastRefresh(force ? { force: true } : undefined).catch((e: unknown) => {
        if (isUndoBlocked(e)) setUndoBlocked(true);
        throw e;
      }),
    );
    if (undone === undefined) return; // error or cancel: status already set
    await reload();
    task.setStatus(
      undone
        ? { intent: "success", text: t("undone", { what: undone.description }) }
        : { intent: "info", text: t("nothingToUndo") },
    );
  }

  return { reports, undoBlocked, refresh, undo };
}
