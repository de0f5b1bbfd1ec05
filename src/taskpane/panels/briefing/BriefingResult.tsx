/** What the last build produced: its warnings, the briefing text (read-only) and a button to copy it. */
import { Button, Field, Textarea } from "@fluentui/react-components";
import { useT } from "../../i18n";
import { StatusMessage, useCommonStyles } from "../../common";
import { useBriefingStyles } from "./briefing-styles";
import type { BriefingBuild } from "./useBriefingBuild";

export function BriefingResult({ build }: { build: BriefingBuild }) {
  const { t, lang } = useT();
  const c = useCommonStyles();
  const s = useBriefingStyles();
  const { outcome } = build;
  if (!outcome) return null;
  return (
    <>
      {outcome.warnings.map((w, i) => (
        <StatusMessage key={i} status={{ intent: "warning", text: lang === "zh-CN" ? w.zh : w.en }} />
      ))}
      <Field label={t("briefingText")} className={s.text}>
        <Textarea readOnly value={build.text} resize="vertical" textarea={{ className: s.textArea }} />
      </Field>
      <div className={c.row}>
        <Button onClick={build.copy}>{t("copy")}</Button>
        <StatusMessage status={build.copyStatus} />
      </div>
    </>
  );
}
