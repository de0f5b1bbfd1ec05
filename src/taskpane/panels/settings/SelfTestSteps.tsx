/** The self-test's steps: passed or failed, name, time, and the error of a failed one, in the UI language. */
import { makeStyles } from "@fluentui/react-components";
import type { SelfTestStep } from "../../../excel/self-test";
import { useT } from "../../i18n";
import { useCommonStyles } from "../../common";

const useStyles = makeStyles({
  steps: { margin: 0, paddingLeft: "1.2em", display: "flex", flexDirection: "column", gap: "2px" },
});

export function SelfTestSteps({ steps }: { steps: SelfTestStep[] }) {
  const { t, lang } = useT();
  const c = useCommonStyles();
  const s = useStyles();
  return (
    <ol className={s.steps} aria-label={t("selfTestHeading")} data-testid="selftest-steps">
      {steps.map((st) => (
        <li key={st.id} data-ok={st.ok}>
          {t("selfTestStep", {
            status: st.ok ? `✓ ${t("stepPassed")}` : `✗ ${t("stepFailed")}`,
            name: lang === "zh-CN" ? st.zh : st.en,
            ms: st.ms,
          })}
          {st.error ? <div className={c.muted}>{lang === "zh-CN" ? st.error.zh : st.error.en}</div> : null}
        </li>
      ))}
    </ol>
  );
}
