/** 设置 Settings: language, time-progress basis, status tolerance, production data URL. */
import * as React from "react";
import { Button, Field, Input, Radio, RadioGroup, Select, Subtitle2, makeStyles } from "@fluentui/react-components";
import { normaliseLanguage } from "../../i18n/language";
import { useT } from "../i18n";
import { StatusMessage, useCommonStyles, useTask } from "../common";
import { LanguageChoice, PaneSettings } from "../settings";
import { useServices } from "../services";

const useStyles = makeStyles({ narrow: { maxWidth: "8em" } });

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
      services.saveWorkbookSettings({ productionUrl: next.productionUrl, basis: next.basis, tolerance: next.tolerance }),
    );
    if (inWorkbook === undefined) return;
    onChange(next);
    task.setStatus({ intent: "success", text: inWorkbook ? t("saved") : t("savedLocalOnly") });
  }

  return (
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
          <option value="auto">{t("languageAuto", { lang: officeLang === "zh-CN" ? t("langZh") : t("langEn") })}</option>
          <option value="zh-CN">{t("langZh")}</option>
          <option value="en-US">{t("langEn")}</option>
        </Select>
      </Field>
      <Field label={t("basis")}>
        <RadioGroup value={draft.basis} onChange={(_, d) => setDraft((x) => ({ ...x, basis: d.value === "day" ? "day" : "month" }))}>
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
        <Input className={s.narrow} type="number" min={0} max={100} step={1} value={tolText} onChange={(_, d) => setTolText(d.value)} />
      </Field>
      <Field label={t("prodUrl")} hint={t("prodUrlHint")}>
        <Input type="url" value={draft.productionUrl} onChange={(_, d) => setDraft((x) => ({ ...x, productionUrl: d.value }))} placeholder="https://" />
      </Field>
      <div className={c.row}>
        <Button appearance="primary" onClick={onSave} disabled={!tolValid || task.running}>
          {t("save")}
        </Button>
      </div>
      <StatusMessage status={task.status} />
    </section>
  );
}
