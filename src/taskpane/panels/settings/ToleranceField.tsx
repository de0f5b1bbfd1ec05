/** The status tolerance in percentage points, as typed; an error message while it is not a number from 0 to 100. */
import { Field, Input, makeStyles } from "@fluentui/react-components";
import { useT } from "../../i18n";

const useStyles = makeStyles({
  narrow: { maxWidth: "8em" },
});

export function ToleranceField({
  text,
  valid,
  onChange,
}: {
  text: string;
  valid: boolean;
  onChange: (text: string) => void;
}) {
  const { t } = useT();
  const s = useStyles();
  return (
    <Field
      label={t("tolerance")}
      hint={t("toleranceHint")}
      validationState={valid ? "none" : "error"}
      validationMessage={valid ? undefined : t("toleranceInvalid")}
    >
      <Input
        className={s.narrow}
        type="number"
        min={0}
        max={100}
        step={1}
        value={text}
        onChange={(_, d) => onChange(d.value)}
      />
    </Field>
  );
}
