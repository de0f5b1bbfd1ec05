/** One source column → canonical field (or ignored), as the user maps it. */
import { Field, Select } from "@fluentui/react-components";
import { SHEETS } from "../../../core/columns";
import type { DatasetKind } from "../../../import/types";
import { useT } from "../../i18n";

export function MappingSelect({
  header,
  kind,
  value,
  onChange,
}: {
  header: string;
  kind: DatasetKind;
  value: string;
  onChange: (field: string) => void;
}) {
  const { t, lang } = useT();
  return (
    <Field label={t("mappingColumn", { column: header })} size="small">
      <Select size="small" value={value} onChange={(_, d) => onChange(d.value)}>
        <option value="">{t("mappingIgnore")}</option>
        {SHEETS[kind].columns.map((col) => (
          <option key={col.field} value={col.field}>
            {lang === "zh-CN" ? col.title : col.title_en}
          </option>
        ))}
      </Select>
    </Field>
  );
}
