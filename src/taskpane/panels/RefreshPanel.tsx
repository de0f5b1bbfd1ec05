/**
 * 刷新 Refresh: one button per loaded source, its last refresh and what changed; undo the last refresh.
 * The list comes from refresh/useLoadedSources.ts, the refresh and undo from refresh/useRefreshActions.ts.
 */
import { Button, Spinner, Subtitle2, Text, makeStyles } from "@fluentui/react-components";
import { useT } from "../i18n";
import { ProgressArea, StatusMessage, useCommonStyles, useTask } from "../common";
import { useLoadedSources } from "./refresh/useLoadedSources";
import { useRefreshActions } from "./refresh/useRefreshActions";
import { SourceCard } from "./refresh/SourceCard";

const useStyles = makeStyles({
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: "8px" },
});

/** `active`: the panel is shown; each time it becomes shown it lists the sources afresh (data may have been loaded). */
export function RefreshPanel({ active = true }: { active?: boolean }) {
  const { t } = useT();
  const c = useCommonStyles();
  const s = useStyles();
  const task = useTask();
  const { sources, loadError, reload } = useLoadedSources(active);
  const actions = useRefreshActions(task, reload);
  const any = !!sources && sources.length > 0;

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
          {sources.map((src) => (
            <li key={src.id}>
              <SourceCard
                src={src}
                report={actions.reports[src.id]}
                busy={task.running}
                onRefresh={() => actions.refresh(src)}
              />
            </li>
          ))}
        </ul>
      )}
      {any && (
        <Text size={200} className={c.muted}>
          {t("changeLogHint")}
        </Text>
      )}
      <div className={c.row}>
        <Button onClick={() => actions.undo()} disabled={task.running || !any}>
          {t("undo")}
        </Button>
        {actions.undoBlocked && (
          <Button appearance="secondary" onClick={() => actions.undo(true)} disabled={task.running}>
            {t("undoAnyway")}
          </Button>
        )}
      </div>
      <ProgressArea task={task} />
      <StatusMessage status={task.status} focusOnChange />
    </section>
  );
}
