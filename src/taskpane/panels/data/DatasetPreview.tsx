/**
 * One dataset as read: its kind and counts, its first rows, the required fields no column maps to, and (for a source
 * the user chose) the mapping of each column, to change and read again.
 */
import { Subtitle2, Text } from "@fluentui/react-components";
import { SHEETS } from "../../../core/columns";
import type { ImportResult } from "../../../import/types";
import { ownValue } from "../../../core/own";
import { useT } from "../../i18n";
import { StatusMessage, useCommonStyles } from "../../common";
import { useDataStyles } from "./data-styles";
import { columnTitle, kindName, listSeparator, rowsOf } from "./dataset-columns";
import { MappingSelect } from "./MappingSelect";
import { PreviewTable } from "./PreviewTable";

const PREVIEW_ROWS = 5;

/** The column mapping, folded in a <details>: each source column → field. */
function MappingDetails({
  result,
  onMappingChange,
}: {
  result: ImportResult;
  onMappingChange: (column: string, field: string) => void;
}) {
  const { t } = useT();
  const c = useCommonStyles();
  const s = useDataStyles();
  return (
    <details>
      <summary>{t("mappingHeading")}</summary>
      <Text size={200} className={c.muted}>
        {t("mappingHint")}
      </Text>
      <div className={s.mapping}>
        {result.headers.map((h) => (
          <MappingSelect
            key={h}
            header={h}
            kind={result.kind}
            value={ownValue(result.mapping, h) ?? ""}
            onChange={(v) => onMappingChange(h, v)}
          />
        ))}
      </div>
    </details>
  );
}

export function DatasetPreview({
  result,
  editable,
  onMappingChange,
}: {
  result: ImportResult;
  editable: boolean;
  onMappingChange: (column: string, field: string) => void;
}) {
  const { t, lang } = useT();
  const c = useCommonStyles();
  const spec = SHEETS[result.kind];
  const rows = rowsOf(result);
  const shown = rows.slice(0, PREVIEW_ROWS);
  const mappedFields = result.headers.map((h) => ownValue(result.mapping, h)).filter((f): f is string => !!f);
  const fields = spec.columns.filter((col) => mappedFields.includes(col.field));
  const title = (field: string) => columnTitle(result.kind, field, lang);
  const missing = spec.columns.filter((col) => col.required && col.field !== "id" && !mappedFields.includes(col.field));
  const headingId = `preview-${result.kind}`;

  return (
    // Not a landmark itself (no name): its table's scroll region below is, named by the same heading.
    <section className={c.panel}>
      <Subtitle2 as="h3" id={headingId} className={c.heading}>
        {t("previewHeading", { kind: kindName(t, result.kind), rows: rows.length, shown: shown.length })}
      </Subtitle2>
      <Text size={200}>{t("summary", { accepted: result.summary.accepted, rejected: result.summary.rejected })}</Text>
      {rows.length === 0 ? (
        <Text>{t("previewEmpty")}</Text>
      ) : (
        <PreviewTable fields={fields} rows={shown} headingId={headingId} title={title} />
      )}
      {missing.length > 0 && (
        <StatusMessage
          status={{
            intent: "warning",
            text: t("mappingUnmapped", { fields: missing.map((m) => title(m.field)).join(listSeparator(lang)) }),
          }}
        />
      )}
      {editable && result.headers.length > 0 && <MappingDetails result={result} onMappingChange={onMappingChange} />}
    </section>
  );
}
