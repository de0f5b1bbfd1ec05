/**
 * 设置 Settings: language, time-progress basis, status tolerance, production data URL; and 自检 (self-test): runs
 * src/excel/self-test.ts on temporary sheets and shows each step and a plain-text report with a copy button. A
 * self-test started from the ribbon shows its report here too (src/commands/notices.ts).
 */
import * as React from "react";
import {
  Button,
  Field,
  Input,
  Radio,
  RadioGroup,
  Select,
  Subtitle2,
  Textarea,
  makeStyles,
} from "@fluentui/react-components";
import { lastNotice, onNotice } from "../../commands/notices";
import type { SelfTestReport, SelfTestStep } from "../../excel/self-test";
import { normaliseLanguage } from "../../i18n/language";
import { useT } from "../i18n";
import { ProgressArea, StatusMessage, useCommonStyles, useTask } from "../common";
import { LanguageChoice, PaneSettings } from "../settings";
import { useServices } from "../services";

const useStyles = makeStyles({
  narrow: { maxWidth: "8em" },
  steps: { margin: 0, paddingLeft: "1.2em", display: "flex", flexDirection: "column", gap: "2px" },
  report: { fontFamily: "Consolas, 'Courier New', monospace", fontSize: "12px" },
});

/** Steps of a self-test run (src/excel/self-test.ts), for the progress bar. */
const SELF_TEST_STEPS = 9;

/** The report as plain text (loaded with the self-test's chunk; the pane's first chunk stays small). */
async function reportTextOf(report: SelfTestReport, lang: "zh-CN" | "en-US"): Promise<string> {
  return (await import(/* webpackChunkName: "workbook" */ "../../excel/self-test")).reportText(report, lang);
}

export function SettingsPanel({
  settings,
  officeLanguage,
  onChange,
}: {
  settings: PaneSettings;
  /** Office's display language tag, or null outside Office. */
  officeLanguage: string | null;
  /** Persist (localStorage) and apply. */
  onChange: (s: PaneSettings) => void;
}) {
  const { t } = useT();
  const services = useServices();
  const c = useCommonStyles();
  const s = useStyles();
  const task = useTask();
  const [draft, setDraft] = React.useState(settings);
  const [tolText, setTolText] = React.useState(String(settings.tolerance));
  React.useEffect(() => {
    setDraft(settings);
    setTolText(String(settings.tolerance));
  }, [settings]);

  const tol = Number(tolText);
  const tolValid = tolText.trim() !== "" && Number.isFinite(tol) && tol >= 0 && tol <= 100;
  const officeLang = normaliseLanguage(officeLanguage);

  async function onSave() {
    if (!tolValid) return;
    const next: PaneSettings = { ...draft, tolerance: tol, productionUrl: draft.productionUrl.trim() };
    const inWorkbook = await task.run(t("working"), () =>
      services.saveWorkbookSettings({
        productionUrl: next.productionUrl,
        basis: next.basis,
        tolerance: next.tolerance,
      }),
    );
    if (inWorkbook === undefined) return;
    onChange(next);
    task.setStatus({ intent: "success", text: inWorkbook ? t("saved") : t("savedLocalOnly") });
  }

  return (
    <>
      <section className={c.panel} aria-labelledby="settings-heading">
        <Subtitle2 as="h2" id="settings-heading" className={c.heading}>
          {t("settingsHeading")}
        </Subtitle2>
        <Field label={t("language")}>
          <Select
            value={draft.language}
            onChange={(_, d) => {
              const language = d.value as LanguageChoice;
              setDraft((x) => ({ ...x, language }));
              onChange({ ...settings, language }); // the language applies at once
            }}
          >
            <option value="auto">
              {t("languageAuto", { lang: officeLang === "zh-CN" ? t("langZh") : t("langEn") })}
            </option>
            <option value="zh-CN">{t("langZh")}</option>
            <option value="en-US">{t("langEn")}</option>
          </Select>
        </Field>
        <Field label={t("basis")}>
          <RadioGroup
            value={draft.basis}
            onChange={(_, d) => setDraft((x) => ({ ...x, basis: d.value === "day" ? "day" : "month" }))}
          >
            <Radio value="month" label={t("basisMonth")} />
            <Radio value="day" label={t("basisDay")} />
          </RadioGroup>
        </Field>
        <Field
          label={t("tolerance")}
          hint={t("toleranceHint")}
          validationState={tolValid ? "none" : "error"}
          validationMessage={tolValid ? undefined : t("toleranceInvalid")}
        >
          <Input
            className={s.narrow}
            type="number"
            min={0}
            max={100}
            step={1}
            value={tolText}
            onChange={(_, d) => setTolText(d.value)}
          />
        </Field>
        <Field label={t("prodUrl")} hint={t("prodUrlHint")}>
          <Input
            type="url"
            value={draft.productionUrl}
            onChange={(_, d) => setDraft((x) => ({ ...x, productionUrl: d.value }))}
            placeholder="https://"
          />
        </Field>
        <div className={c.row}>
          <Button appearance="primary" onClick={onSave} disabled={!tolValid || task.running}>
            {t("save")}
          </Button>
        </div>
        <StatusMessage status={task.status} focusOnChange />
      </section>
      <SelfTestSection />
    </>
  );
}

/** 运行自检 / Run self-test: the steps as they finish, then the report to copy. */
function SelfTestSection() {
  const { t, lang } = useT();
  const services = useServices();
  const c = useCommonStyles();
  const s = useStyles();
  const task = useTask();
  const [steps, setSteps] = React.useState<SelfTestStep[]>([]);
  const [report, setReport] = React.useState<SelfTestReport | null>(() => {
    const n = lastNotice();
    return n?.kind === "selftest" ? (n.report ?? null) : null;
  });
  const [text, setText] = React.useState("");
  const [copyStatus, setCopyStatus] = React.useState<string | null>(null);

  // A self-test run from the ribbon reports here.
  React.useEffect(
    () =>
      onNotice((n) => {
        if (n.kind === "selftest" && n.report) {
          setSteps([]);
          setReport(n.report);
        }
      }),
    [],
  );
  React.useEffect(() => {
    let live = true;
    if (report) void reportTextOf(report, lang).then((x) => live && setText(x));
    else setText("");
    return () => {
      live = false;
    };
  }, [report, lang]);

  const available = !!services.runSelfTest && services.host !== null;
  async function onRun() {
    if (!services.runSelfTest) return;
    setSteps([]);
    setReport(null);
    setCopyStatus(null);
    let done = 0;
    const r = await task.run(t("selfTestRunning"), (_signal, onProgress) =>
      services.runSelfTest!({
        onStep: (st) => {
          setSteps((x) => [...x, st]);
          onProgress(++done / SELF_TEST_STEPS);
        },
      }),
    );
    if (!r) return;
    setReport(r);
    const failed = r.steps.filter((x) => !x.ok).length;
    task.setStatus(
      failed
        ? { intent: "error", text: t("selfTestFailed", { count: failed }) }
        : { intent: "success", text: t("selfTestPassed", { ms: r.ms }) },
    );
  }
  async function onCopy() {
    try {
      await services.copyText(text);
      setCopyStatus(t("copied"));
    } catch {
      setCopyStatus(t("copyFailed"));
    }
  }
  const shown = report ? report.steps : steps;
  return (
    <section className={c.panel} aria-labelledby="selftest-heading" style={{ marginTop: "20px" }}>
      <Subtitle2 as="h2" id="selftest-heading" className={c.heading}>
        {t("selfTestHeading")}
      </Subtitle2>
      <p className={c.muted} style={{ margin: 0 }}>
        {available ? t("selfTestHint") : t("selfTestUnavailable")}
      </p>
      <div className={c.row}>
        <Button appearance="secondary" onClick={onRun} disabled={!available || task.running}>
          {t("selfTestRun")}
        </Button>
      </div>
      {shown.length > 0 && (
        <ol className={s.steps} aria-label={t("selfTestHeading")} data-testid="selftest-steps">
          {shown.map((st) => (
            <li key={st.id} data-ok={st.ok}>
              {t("selfTestStep", {
                status: st.ok ? `✓ ${t("stepPassed")}` : `✗ ${t("stepFailed")}`,
                name: lang === "zh-CN" ? st.zh : st.en,
                ms: st.ms,
              })}
              {st.error ? <div className={c.muted}>{st.error}</div> : null}
            </li>
          ))}
        </ol>
      )}
      <ProgressArea task={task} cancellable={false} />
      <StatusMessage status={task.status} focusOnChange />
      {report && text && (
        <>
          <Field label={t("selfTestReport")}>
            <Textarea
              className={s.report}
              value={text}
              readOnly
              resize="vertical"
              rows={8}
              data-testid="selftest-report"
            />
          </Field>
          <div className={c.row}>
            <Button onClick={onCopy}>{t("selfTestCopy")}</Button>
            {copyStatus && <span role="status">{copyStatus}</span>}
          </div>
        </>
      )}
    </section>
  );
}
