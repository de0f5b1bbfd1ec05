/** One loaded source: its name, rows and kind, last refresh, what the last refresh changed, and its refresh button. */
import { Button, Card, Text, makeStyles } from "@fluentui/react-components";
import { MessageKey, useT } from "../../i18n";
import { formatTime, useCommonStyles } from "../../common";
import type { LoadedSource, RefreshReport } from "../../services";
import { changeText, sourceLabel } from "./refresh-text";

const useStyles = makeStyles({
  card: { padding: "8px", gap: "4px" },
  label: { overflowWrap: "anywhere" },
});

export function SourceCard({
  src,
  report,
  busy,
  onRefresh,
}: {
  src: LoadedSource;
  /** Its last refresh in this session, if any. */
  report: RefreshReport | undefined;
  busy: boolean;
  onRefresh: () => void;
}) {
  const { t, lang } = useT();
  const c = useCommonStyles();
  const s = useStyles();
  return (
    <Card className={s.card} size="small">
      <Text weight="semibold" className={s.label}>
        {sourceLabel(src, t)}
      </Text>
      <Text size={200}>{t("sourceRows", { rows: src.rows, kind: t(`kind_${src.kind}` as MessageKey) })}</Text>
      <Text size={200}>
        {src.lastRefreshed ? t("lastRefresh", { time: formatTime(src.lastRefreshed, lang) }) : t("neverRefreshed")}
      </Text>
      {report && <Text size={200}>{changeText(report, t)}</Text>}
      {!src.refreshable && (
        <Text size={200} className={c.muted}>
          {t("refreshNeedsFile")}
        </Text>
      )}
      <div className={c.row}>
        <Button onClick={onRefresh} disabled={busy || !src.refreshable}>
          {t("refreshButton", { label: sourceLabel(src, t) })}
        </Button>
      </div>
    </Card>
  );
}
