/**
 * The result of a ribbon command (刷新, 自检), shown at the top of the task pane: an ExecuteFunction command has no UI
 * of its own, so it publishes a notice and opens the pane (src/commands/notices.ts). A self-test's report opens on
 * the settings tab, where it can be copied.
 */
import * as React from "react";
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { lastNotice, Notice, onNotice } from "../commands/notices";
import { useT } from "./i18n";

export function CommandNotice({ onSelfTest, className }: { onSelfTest?: () => void; className?: string }) {
  const { t, lang } = useT();
  const [notice, setNotice] = React.useState<Notice | null>(lastNotice);
  const [dismissed, setDismissed] = React.useState<number | null>(null);
  React.useEffect(
    () =>
      onNotice((n) => {
        setNotice(n);
        if (n.kind === "selftest") onSelfTest?.();
      }),
    [onSelfTest],
  );
  if (!notice || dismissed === notice.id) return null;
  return (
    <div className={className}>
      <MessageBar
        intent={notice.intent}
        role={notice.intent === "error" ? "alert" : "status"}
        data-testid="command-notice"
      >
        <MessageBarBody>
          <MessageBarTitle>{t("noticeFromRibbon")}</MessageBarTitle>
          {lang === "zh-CN" ? notice.zh : notice.en}
        </MessageBarBody>
        <MessageBarActions>
          <Button size="small" onClick={() => setDismissed(notice.id)}>
            {t("close")}
          </Button>
        </MessageBarActions>
      </MessageBar>
    </div>
  );
}
