/**
 * 设置 Settings: language, time-progress basis, status tolerance, production data URL; and 自检 (self-test): runs
 * src/excel/self-test.ts on temporary sheets and shows each step and a plain-text report with a copy button. A
 * self-test started from the ribbon shows its report here too (src/commands/notices.ts). The parts are in settings/.
 */
import { Button, Field, Input, Radio, RadioGroup, Subtitle2 } from "@fluentui/react-components";
import { useT } from "../i18n";
import { StatusMessage, useCommonStyles, useTask } from "../common";
import { PaneSettings } from "../settings";
import { useServices } from "../services";
import { useSettingsForm } from "./settings/useSettingsForm";
import { LanguageField } from "./settings/LanguageField";
import { ToleranceField } from "./settings/ToleranceField";
import { SelfTestSection } from "./settings/SelfTestSection";

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
  const task = useTask();
  const { draft, setDraft, tolText, setTolText, tolerance } = useSettingsForm(settings);

  async function onSave() {
    if (tolerance === null) return;
    const next: PaneSettings = { ...draft, tolerance, productionUrl: draft.productionUrl.trim() };
    const inWorkbook = await task.run(t("working"), () =>
      services.saveWorkbookSettings({ productionUrl: next.productionUrl, basis: next.basis, tolerance }),
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
        <LanguageField
          value={draft.language}
          officeLanguage={officeLanguage}
          onChange={(language) => {
            setDraft((x) => ({ ...x, language }));
            onChange({ ...settings, language }); // the language applies at once
          }}
        />
        <Field label={t("basis")}>
          <RadioGroup
            value={draft.basis}
            onChange={(_, d) => setDraft((x) => ({ ...x, basis: d.value === "day" ? "day" : "month" }))}
          >
            <Radio value="month" label={t("basisMonth")} />
            <Radio value="day" label={t("basisDay")} />
          </RadioGroup>
        </Field>
        <ToleranceField text={tolText} valid={tolerance !== null} onChange={setTolText} />
        <Field label={t("prodUrl")} hint={t("prodUrlHint")}>
          <Input
            type="url"
            value={draft.productionUrl}
            onChange={(_, d) => setDraft((x) => ({ ...x, productionUrl: d.value }))}
            placeholder="https://"
          />
        </Field>
        <div className={c.row}>
          <Button appearance="primary" onClick={onSave} disabled={tolerance === null || task.running}>
            {t("save")}
          </Button>
        </div>
        <StatusMessage status={task.status} focusOnChange />
      </section>
      <SelfTestSection />
    </>
  );
}
