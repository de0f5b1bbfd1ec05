/** Where to read from: the source type, then its file, URL or workbook table, and the dataset kind. */
import * as React from "react";
import { Field, Radio, RadioGroup, Text } from "@fluentui/react-components";
import { useT } from "../../i18n";
import { useCommonStyles } from "../../common";
import type { SourceFormHook } from "./useSourceForm";
import type { SourceType } from "./source-form-reducer";
import { FileSourceField } from "./FileSourceField";
import { UrlSourceField } from "./UrlSourceField";
import { TableSourceField } from "./TableSourceField";
import { DatasetKindField } from "./DatasetKindField";

export function SourcePicker({
  sourceForm,
  onTypeChange,
  onFile,
}: {
  sourceForm: SourceFormHook;
  /** Another source type was chosen (the form already shows it). */
  onTypeChange: () => void;
  onFile: (e: React.ChangeEvent<HTMLInputElement>) => void;
}) {
  const { t } = useT();
  const c = useCommonStyles();
  const { form, dispatch, urlMessageId } = sourceForm;
  return (
    <>
      <Field label={t("sourceType")}>
        <RadioGroup
          value={form.type}
          onChange={(_, d) => {
            dispatch({ type: "sourceType", value: d.value as SourceType });
            onTypeChange();
          }}
        >
          <Radio value="sample" label={t("sourceSample")} />
          <Radio value="file" label={t("sourceFile")} />
          <Radio value="url" label={t("sourceUrl")} />
          <Radio value="table" label={t("sourceTable")} />
        </RadioGroup>
      </Field>
      {form.type === "sample" && <Text className={c.muted}>{t("sampleHint")}</Text>}
      {form.type === "file" && <FileSourceField file={form.file} onChange={onFile} />}
      {form.type === "url" && (
        <UrlSourceField
          url={form.url}
          error={form.urlError}
          messageId={urlMessageId}
          onChange={(url) => dispatch({ type: "url", url })}
        />
      )}
      {form.type === "table" && (
        <TableSourceField
          tables={form.tables}
          table={form.table}
          onChange={(name) => dispatch({ type: "table", name })}
        />
      )}
      {form.type !== "sample" && (
        <DatasetKindField kind={form.kind} onChange={(value) => dispatch({ type: "kind", value })} />
      )}
    </>
  );
}
