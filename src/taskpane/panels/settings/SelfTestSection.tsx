/** 运行自检 / Run self-test: the steps as they finish, then the report to copy. */
import { Button, Field, Subtitle2, Textarea, makeStyles } from "@fluentui/react-components";
import { useT } from "../../i18n";
import { ProgressArea, StatusMessage, useCommonStyles, useTask } from "../../common";
import { useSelfTest } from "./useSelfTest";
import { SelfTestSteps } from "./SelfTestSteps";

const useStyles = makeStyles({
  report: { fontFamily: "Consolas, 'Courier New', monospace", fontSize: "12px" },
});

export function SelfTestSection() {
  const { t } = useT();
  const c = useCommonStyles();
  const s = useStyles();
  const task = useTask();
  const selfTest = useSelfTest(task);
  return (
    <section className={c.panel} aria-labelledby="selftest-heading" style={{ marginTop: "20px" }}>
      <Subtitle2 as="h2" id="selftest-heading" className={c.heading}>
        {t("selfTestHeading")}
      </Subtitle2>
      <p className={c.muted} style={{ margin: 0 }}>
        {selfTest.available ? t("selfTestHint") : t("selfTestUnavailable")}
      </p>
      <div className={c.row}>
        <Button appearance="secondary" onClick={selfTest.run} disabled={!selfTest.available || task.running}>
          {t("selfTestRun")}
        </Button>
      </div>
      {selfTest.steps.length > 0 && <SelfTestSteps steps={selfTest.steps} />}
      <ProgressArea task={task} cancellable={false} />
      <StatusMessage status={task.status} focusOnChange />
      {selfTest.report && selfTest.text && (
        <>
          <Field label={t("selfTestReport")}>
            <Textarea
              className={s.report}
              value={selfTest.text}
              readOnly
              resize="vertical"
              rows={8}
              data-testid="selftest-report"
            />
          </Field>
          <div className={c.row}>
            <Button onClick={selfTest.copy}>{t("selfTestCopy")}</Button>
            {selfTest.copyStatus && <span role="status">{selfTest.copyStatus}</span>}
          </div>
        </>
      )}
    </section>
  );
}
