/** Which dataset the source holds, or "auto" to decide from its headers. */
import { Field, Select } from "@fluentui/react-components";
import { DATASET_KINDS } from "../../../core/columns";
import type { DatasetKind } from "../../../import/types";
import { useT } from "../../i18n";
import { kindName } from "./dataset-columns";

export function DatasetKindField({
  kind,
  onChange,
}: {
  kind: DatasetKind | "auto";
  onChange: (kind: DatasetKind | "auto") => void;
}) {
  const { t } = useT();
  return (
    <Field label={t("datasetKind")}>
      <Select value={kind} onChange={(_, d) => onChange(d.value as DatasetKind | "auto")}>
        <option value="auto">{t("kindAuto")}</option>
        {DATASET_KINDS.map((k) => (
          <option key={k} value={k}>
            {kindName(t, k)}
          </option>
        ))}
      </Select>
    </Field>
  );
}
