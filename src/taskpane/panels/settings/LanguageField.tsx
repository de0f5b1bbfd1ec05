/** The pane's language: automatic (Office's, named), 中文 or English. */
import { Field, Select } from "@fluentui/react-components";
import { normaliseLanguage } from "../../../i18n/language";
import { useT } from "../../i18n";
import type { LanguageChoice } from "../../settings";

export function LanguageField({
  value,
  officeLanguage,
  onChange,
}: {
  value: LanguageChoice;
  /** Office's display language tag, or null outside Office. */
  officeLanguage: string | null;
  onChange: (language: LanguageChoice) => void;
}) {
  const { t } = useT();
  const officeLang = normaliseLanguage(officeLanguage);
  return (
    <Field label={t("language")}>
      <Select value={value} onChange={(_, d) => onChange(d.value as LanguageChoice)}>
        <option value="auto">{t("languageAuto", { lang: officeLang === "zh-CN" ? t("langZh") : t("langEn") })}</option>
        <option value="zh-CN">{t("langZh")}</option>
        <option value="en-US">{t("langEn")}</option>
      </Select>
    </Field>
  );
}
