/** The breakdown tables of the report card, kept in the documented order whatever order they are ticked in. */
import { Checkbox } from "@fluentui/react-components";
import { BREAKDOWN_KINDS, type BreakdownKind } from "../../../briefing/types";
import { MessageKey, useT } from "../../i18n";
import { useBriefingStyles } from "./briefing-styles";

export function BreakdownChecklist({
  chosen,
  onChange,
}: {
  chosen: BreakdownKind[];
  onChange: (chosen: BreakdownKind[]) => void;
}) {
  const { t } = useT();
  const s = useBriefingStyles();
  return (
    <fieldset className={s.cardFieldset}>
      <legend className={s.legend}>{t("cardBreakdowns")}</legend>
      {BREAKDOWN_KINDS.map((k) => (
        <Checkbox
          key={k}
          label={t(`breakdown_${k}` as MessageKey)}
          checked={chosen.includes(k)}
          onChange={(_, d) =>
            onChange(BREAKDOWN_KINDS.filter((x) => (x === k ? d.checked === true : chosen.includes(x))))
          }
        />
      ))}
    </fieldset>
  );
}
