/** The report period: a quarter of the recent years, with a warning when its year has no targets. */
import { Field, Select } from "@fluentui/react-components";
import { useT } from "../../i18n";
import { StatusMessage } from "../../common";
import type { BriefingAvailability } from "../../services";
import { quarterName, quarterOptions } from "./quarters";

export function PeriodField({
  avail,
  period,
  onChange,
}: {
  avail: BriefingAvailability;
  period: string;
  onChange: (period: string) => void;
}) {
  const { t } = useT();
  const year = Number(period.slice(0, 4));
  const known = Number.isFinite(year) && year > 0 ? [year] : [];
  const options = quarterOptions([...avail.dataYears, ...avail.targetYears, ...known]);
  const missingTargets = Number.isFinite(year) && !avail.targetYears.includes(year);
  return (
    <>
      <Field label={t("period")}>
        <Select value={period} onChange={(_, d) => onChange(d.value)}>
          {options.map((code) => (
            <option key={code} value={code}>
              {quarterName(t, code)}
            </option>
          ))}
        </Select>
      </Field>
      {missingTargets && <StatusMessage status={{ intent: "warning", text: t("noTargets", { year }) }} />}
    </>
  );
}
