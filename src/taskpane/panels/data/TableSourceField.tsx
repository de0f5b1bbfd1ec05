/** The workbook table to read (disabled while the tables are being listed; a sentence when there are none). */
import { Field, Select, Text } from "@fluentui/react-components";
import { useT } from "../../i18n";
import type { WorkbookTable } from "../../services";

export function TableSourceField({
  tables,
  table,
  onChange,
}: {
  tables: WorkbookTable[] | null;
  table: string;
  onChange: (name: string) => void;
}) {
  const { t } = useT();
  if (tables && tables.length === 0) return <Text>{t("tablesEmpty")}</Text>;
  return (
    <Field label={t("tableLabel")}>
      <Select value={table} onChange={(_, d) => onChange(d.value)} disabled={!tables}>
        {(tables ?? []).map((tb) => (
          <option key={tb.name} value={tb.name}>
            {tb.name} — {t("tableRows", { sheet: tb.sheet, rows: tb.rows })}
          </option>
        ))}
      </Select>
    </Field>
  );
}
