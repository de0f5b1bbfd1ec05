/** The metrics the card shows, one checkbox each, named in the UI language. */
import { Checkbox } from "@fluentui/react-components";
import { METRICS, METRIC_INFO, Metric } from "../../../core/model";
import { useT } from "../../i18n";
import { useBriefingStyles } from "./briefing-styles";
import { toggle } from "./toggle";

export function MetricChecklist({
  chosen,
  onChange,
}: {
  chosen: Metric[];
  onChange: (update: (chosen: Metric[]) => Metric[]) => void;
}) {
  const { t, lang } = useT();
  const s = useBriefingStyles();
  return (
    <fieldset className={s.fieldset}>
      <legend className={s.legend}>{t("metrics")}</legend>
      {METRICS.map((m) => (
        <Checkbox
          key={m}
          label={lang === "zh-CN" ? METRIC_INFO[m].zh : METRIC_INFO[m].en}
          checked={chosen.includes(m)}
          onChange={(_, d) => onChange((list) => toggle(list, m, d.checked === true))}
        />
      ))}
    </fieldset>
  );
}
