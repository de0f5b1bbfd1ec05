/** The regions to report on: "all regions" (checked, unchecked or mixed) and one checkbox each. */
import { Checkbox } from "@fluentui/react-components";
import { useT } from "../../i18n";
import { useBriefingStyles } from "./briefing-styles";
import { toggle } from "./toggle";

export function RegionChecklist({
  all,
  chosen,
  onChange,
}: {
  all: string[];
  chosen: string[];
  onChange: (update: (chosen: string[]) => string[]) => void;
}) {
  const { t } = useT();
  const s = useBriefingStyles();
  return (
    <fieldset className={s.fieldset}>
      <legend className={s.legend}>{t("regions")}</legend>
      <Checkbox
        label={t("regionsAll")}
        checked={chosen.length === all.length ? true : chosen.length === 0 ? false : "mixed"}
        onChange={(_, d) => onChange(() => (d.checked === true ? [...all] : []))}
      />
      {all.map((r) => (
        <Checkbox
          key={r}
          label={r}
          checked={chosen.includes(r)}
          onChange={(_, d) => onChange((list) => toggle(list, r, d.checked === true))}
        />
      ))}
    </fieldset>
  );
}
