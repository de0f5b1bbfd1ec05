/** How the sheet is written: portable formulas, values only, charts. */
import { Checkbox } from "@fluentui/react-components";
import { useT } from "../../i18n";
import { useBriefingStyles } from "./briefing-styles";
import type { SheetOptions } from "./briefing-request";

export function SheetOptionsFields({
  value,
  onChange,
}: {
  value: SheetOptions;
  onChange: (patch: Partial<SheetOptions>) => void;
}) {
  const { t } = useT();
  const s = useBriefingStyles();
  return (
    <fieldset className={s.fieldset}>
      <legend className={s.legend}>{t("options")}</legend>
      <Checkbox
        label={t("optPortable")}
        checked={value.portable}
        onChange={(_, d) => onChange({ portable: d.checked === true })}
      />
      <Checkbox
        label={t("optValuesOnly")}
        checked={value.valuesOnly}
        onChange={(_, d) => onChange({ valuesOnly: d.checked === true })}
      />
      <Checkbox
        label={t("optCharts")}
        checked={value.charts}
        onChange={(_, d) => onChange({ charts: d.checked === true })}
      />
    </fieldset>
  );
}
