/** 刷新 Refresh: one button per loaded source, its last refresh and what changed; undo the last refresh. */
import * as React from "react";
import { Button, Card, Spinner, Subtitle2, Text, makeStyles } from "@fluentui/react-components";
import { MessageKey, useT } from "../i18n";
import { ProgressArea, StatusMessage, formatTime, useCommonStyles, useTask, userError } from "../common";
import { LoadedSource, RefreshReport, useServices } from "../services";

const useStyles = makeStyles({
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: "8px" },
  card: { padding: "8px", gap: "4px" },
  label: { overflowWrap: "anywhere" },
});

const counts = (r: RefreshReport) => ({
  added: r.added,
  updated: r.updated,
  removed: r.removed,
  unchanged: r.unchanged,
});

/** `active`: the panel is shown; each time it becomes shown it lists the sources afresh (data may have been loaded). */
export function RefreshPanel({ active = true }: { active?: boolean }) {
  const { t, lang } = useT();
  const services = useServices();
  const c = useCommonStyles();
  const s = useStyles();
  const task = useTask();
  const [sources, setSources] = React.useState<LoadedSource[] | null>(null);
  const [loadError, setLoadError] = React.useState<string | null>(null);
  const [reports, setReports] = React.useState<Record<string, RefreshReport>>({});

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

  /** The sample source's stored label is Chinese: name it in the UI language. */
  const labelOf = (src: LoadedSource) => (src.sample ? t("sourceSample") : src.label);

  async function onRefresh(src: LoadedSource) {
    const report = await task.run(t("refreshing"), (signal, onProgress) =>
      services.refresh(src.id, { signal, onProgress }),
    );
    if (!report) return;
    setReports((r) => ({ ...r, [src.id]: report }));
    // The list first, then the status: the status takes the focus and scrolls to it, and must not be pushed down
    // by the list growing after it did.
    await reload();
    const changedAny = report.added + report.updated + report.removed > 0;
    const notices = (report.notices ?? []).map((n) => (lang === "zh-CN" ? n.zh : n.en));
    task.setStatus({
      intent: notices.length ? "warning" : "success",
      text: [
        `${labelOf(src)}${lang === "zh-CN" ? "：" : ": "}${changedAny ? t("changed", counts(report)) : t("noChange", { unchanged: report.unchanged })}`,
        ...notices,
      ].join(" "),
    });
  }

  // The last undo was refused because the sheets changed after the write: offer to undo anyway (the user confirms).
  const [undoBlocked, setUndoBlocked] = React.useState(false);

  async function onUndo(force = false) {
    setUndoBlocked(false);
    const undone = await task.run(t("working"), () =>
      services.undoLastRefresh(force ? { force: true } : undefined).catch((e: unknown) => {
        if ((e as { code?: unknown } | null)?.code === "UNDO_BLOCKED") setUndoBlocked(true);
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

  return (
    <section className={c.panel} aria-labelledby="refresh-heading">
      <Subtitle2 as="h2" id="refresh-heading" className={c.heading}>
        {t("refreshHeading")}
      </Subtitle2>
      {sources === null ? (
        <Spinner size="tiny" label={t("working")} />
      ) : sources.length === 0 ? (
        <>
          {loadError && <StatusMessage status={{ intent: "error", text: loadError }} />}
          <Text>{t("refreshEmpty")}</Text>
        </>
      ) : (
        <ul className={s.list}>
          {sources.map((src) => {
            const report = reports[src.id];
            return (
              <li key={src.id}>
                <Card className={s.card} size="small">
                  <Text weight="semibold" className={s.label}>
                    {labelOf(src)}
                  </Text>
                  <Text size={200}>
                    {t("sourceRows", { rows: src.rows, kind: t(`kind_${src.kind}` as MessageKey) })}
                  </Text>
                  <Text size={200}>
                    {src.lastRefreshed
                      ? t("lastRefresh", { time: formatTime(src.lastRefreshed, lang) })
                      : t("neverRefreshed")}
                  </Text>
                  {report && (
                    <Text size={200}>
                      {report.added + report.updated + report.removed > 0
                        ? t("changed", counts(report))
                        : t("noChange", { unchanged: report.unchanged })}
                    </Text>
                  )}
                  {!src.refreshable && (
                    <Text size={200} className={c.muted}>
                      {t("refreshNeedsFile")}
                    </Text>
                  )}
                  <div className={c.row}>
                    <Button onClick={() => onRefresh(src)} disabled={task.running || !src.refreshable}>
                      {t("refreshButton", { label: labelOf(src) })}
                    </Button>
                  </div>
                </Card>
              </li>
            );
          })}
        </ul>
      )}
      {sources && sources.length > 0 && (
        <Text size={200} className={c.muted}>
          {t("changeLogHint")}
        </Text>
      )}
      <div className={c.row}>
        <Button onClick={() => onUndo()} disabled={task.running || !sources || sources.length === 0}>
          {t("undo")}
        </Button>
        {undoBlocked && (
          <Button appearance="secondary" onClick={() => onUndo(true)} disabled={task.running}>
            {t("undoAnyway")}
          </Button>
        )}
      </div>
      <ProgressArea task={task} />
      <StatusMessage status={task.status} focusOnChange />
    </section>
  );
}
