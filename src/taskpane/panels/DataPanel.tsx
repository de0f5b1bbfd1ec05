/**
 * 数据 Data: choose a source, preview its first rows and column mapping, load it; list the issues found.
 * The form lives in data/useSourceForm.ts (a reducer), what was read and what is done with it in
 * data/useDatasetReader.ts; the parts of the panel are the components of data/.
 */
import * as React from "react";
import { Button, Subtitle2 } from "@fluentui/react-components";
import { useT } from "../i18n";
import { ProgressArea, StatusMessage, useCommonStyles, useTask } from "../common";
import { useServices } from "../services";
import { useSourceForm } from "./data/useSourceForm";
import { useDatasetReader } from "./data/useDatasetReader";
import { sourceChosen } from "./data/source-form-reducer";
import { SourcePicker } from "./data/SourcePicker";
import { UnmappedColumns } from "./data/UnmappedColumns";
import { DatasetPreview } from "./data/DatasetPreview";
import { IssuesList } from "./data/IssuesList";

export { readFileBytes } from "./data/read-file-bytes";

export function DataPanel({ defaultUrl = "" }: { defaultUrl?: string }) {
  const { t } = useT();
  const services = useServices();
  const c = useCommonStyles();
  const task = useTask();
  const sourceForm = useSourceForm(defaultUrl);
  const { form } = sourceForm;
  const reader = useDatasetReader(task, form.kind);
  const { results } = reader;
  const issues = results.flatMap((r) => r.issues);
  const canWrite = !task.running && services.host !== null;

  async function onRead() {
    const src = sourceForm.checkedSource();
    if (src) await reader.read(src);
  }

  async function onFile(e: React.ChangeEvent<HTMLInputElement>) {
    reader.clear();
    await sourceForm.chooseFile(e.target.files?.[0], task.setStatus);
  }

  function onTypeChange() {
    reader.clear();
    task.setStatus(null);
  }

  return (
    <section className={c.panel} aria-labelledby="data-heading">
      <Subtitle2 as="h2" id="data-heading" className={c.heading}>
        {t("dataHeading")}
      </Subtitle2>
      <SourcePicker sourceForm={sourceForm} onTypeChange={onTypeChange} onFile={onFile} />
      <div className={c.row}>
        <Button onClick={onRead} disabled={task.running || !sourceChosen(form)}>
          {t("readSource")}
        </Button>
        {/* One name whatever was read (the count of datasets is in the read status above the previews). */}
        <Button appearance="primary" onClick={reader.load} disabled={!canWrite || !results.length}>
          {t("load")}
        </Button>
      </div>
      <ProgressArea task={task} />
      <StatusMessage status={task.status} focusOnChange />
      {reader.unmapped && (
        <UnmappedColumns unmapped={reader.unmapped} kind={form.kind} reader={reader} busy={task.running} />
      )}
      {results.map((r, i) => (
        <DatasetPreview
          key={`${r.kind}-${i}`}
          result={r}
          editable={reader.source?.type !== "sample" && !task.running}
          onMappingChange={(col, field) => reader.remap(r, col, field)}
        />
      ))}
      {results.length > 0 && (
        <IssuesList
          issues={issues}
          sheet={reader.issuesSheet}
          canWrite={canWrite}
          onWrite={() => reader.writeIssues(issues)}
        />
      )}
    </section>
  );
}
