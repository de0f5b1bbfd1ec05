/** 数据 Data: choose a source, preview its first rows and column mapping, load it; list the issues found. */
import * as React from "react";
import {
  Button,
  Field,
  Input,
  Label,
  Radio,
  RadioGroup,
  Select,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
  useId,
} from "@fluentui/react-components";
import { DATASET_KINDS, SHEETS } from "../../core/columns";
import type { DatasetKind, ImportIssue, ImportResult } from "../../import/types";
import { MessageKey, useT } from "../i18n";
import { ProgressArea, StatusMessage, focusResult, useCommonStyles, useTask } from "../common";
import { displayValue } from "../display";
import { SourceSpec, WorkbookTable, useServices } from "../services";
import { ownValue } from "../../core/own";

const PREVIEW_ROWS = 5;
const ISSUES_SHOWN = 50;
const FILE_TYPES = /\.(csv|txt|json|xlsx)$/i;

type SourceType = "file" | "url" | "table" | "sample";

const useStyles = makeStyles({
  scroll: {
    overflowX: "auto",
    maxWidth: "100%",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  table: { minWidth: "100%", width: "max-content" },
  cell: { whiteSpace: "nowrap", maxWidth: "14em", overflow: "hidden", textOverflow: "ellipsis" },
  mapping: { display: "grid", gridTemplateColumns: "minmax(0, 1fr)", gap: "6px" },
  issues: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    maxHeight: "240px",
    overflowY: "auto",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  issue: { padding: "4px 8px", borderBottom: `1px solid ${tokens.colorNeutralStroke3}`, overflowWrap: "anywhere" },
  error: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1, fontWeight: tokens.fontWeightSemibold },
  file: { maxWidth: "100%" },
  fileField: { display: "flex", flexDirection: "column", gap: "4px" },
  fileName: { overflowWrap: "anywhere", minWidth: 0 },
  hiddenInput: {
    position: "absolute",
    width: "1px",
    height: "1px",
    margin: "-1px",
    overflow: "hidden",
    clip: "rect(0 0 0 0)",
    whiteSpace: "nowrap",
    border: 0,
    padding: 0,
  },
});

/** The rows of a result for its kind. */
function rowsOf(r: ImportResult): Record<string, unknown>[] {
  const rows =
    r.kind === "ledger"
      ? r.records
      : r.kind === "funds"
        ? r.funds
        : r.kind === "targets"
          ? r.targets
          : r.kind === "regions"
            ? (r.regions ?? [])
            : r.figures;
  return rows as unknown as Record<string, unknown>[];
}

/** A chosen file's bytes (FileReader: Blob.arrayBuffer is missing in some Office webviews). */
export function readFileBytes(file: Blob): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error("FileReader failed"));
    reader.readAsArrayBuffer(file);
  });
}

export function DataPanel({ defaultUrl = "" }: { defaultUrl?: string }) {
  const { t, lang } = useT();
  const services = useServices();
  const c = useCommonStyles();
  const s = useStyles();
  const task = useTask();
  const fileId = useId("data-file");
  const fileInput = React.useRef<HTMLInputElement>(null);
  const [type, setType] = React.useState<SourceType>("sample");
  const [kind, setKind] = React.useState<DatasetKind | "auto">("auto");
  const [file, setFile] = React.useState<{ name: string; bytes: Uint8Array } | null>(null);
  const [url, setUrl] = React.useState(defaultUrl);
  const [urlError, setUrlError] = React.useState<string | null>(null);
  /** Counts the refused URLs: each refusal moves the focus to its message, like any other result. */
  const [urlRefusals, setUrlRefusals] = React.useState(0);
  const urlMessageId = useId("data-url-message");
  React.useEffect(() => {
    if (urlRefusals > 0) focusResult(document.getElementById(urlMessageId));
  }, [urlRefusals, urlMessageId]);
  const [tables, setTables] = React.useState<WorkbookTable[] | null>(null);
  const [table, setTable] = React.useState("");
  const [source, setSource] = React.useState<SourceSpec | null>(null);
  const [results, setResults] = React.useState<ImportResult[]>([]);
  const [issuesSheet, setIssuesSheet] = React.useState<string | null>(null);
  /** The source could not be read because columns were not recognised: the headers seen, to map by hand. */
  const [unmapped, setUnmapped] = React.useState<{ source: SourceSpec; headers: string[]; missing: string[] } | null>(
    null,
  );
  const [draft, setDraft] = React.useState<Record<string, string>>({});

  React.useEffect(() => setUrl((u) => u || defaultUrl), [defaultUrl]);

  React.useEffect(() => {
    if (type !== "table" || tables !== null) return;
    let live = true;
    services
      .listTables()
      .then((list) => {
        if (!live) return;
        setTables(list);
        if (list.length) setTable(list[0].name);
      })
      .catch(() => live && setTables([]));
    return () => {
      live = false;
    };
  }, [type, tables, services]);

  const kindName = (k: DatasetKind) => t(`kind_${k}` as MessageKey);

  async function onFile(e: React.ChangeEvent<HTMLInputElement>) {
    const f = e.target.files?.[0];
    setResults([]);
    setSource(null);
    if (!f) return setFile(null);
    if (!FILE_TYPES.test(f.name)) {
      setFile(null);
      task.setStatus({ intent: "error", text: t("badFileType", { name: f.name }) });
      return;
    }
    task.setStatus(null);
    const bytes = await readFileBytes(f);
    setFile({ name: f.name, bytes });
  }

  function currentSource(): SourceSpec | null {
    switch (type) {
      case "file":
        return file ? { type: "file", name: file.name, bytes: file.bytes } : null;
      case "url": {
        const u = url.trim();
        if (!/^https?:\/\/[^\s/]+/i.test(u)) {
          setUrlError(t("urlInvalid"));
          setUrlRefusals((n) => n + 1);
          return null;
        }
        setUrlError(null);
        return { type: "url", url: u };
      }
      case "table":
        return table ? { type: "table", name: table } : null;
      default:
        return { type: "sample" };
    }
  }

  async function read(src: SourceSpec, mapping?: ImportResult["mapping"]) {
    setIssuesSheet(null);
    setUnmapped(null);
    const out = await task.run(t("reading"), async (signal, onProgress) => {
      try {
        return await services.read(src, { kind: src.type === "sample" ? "auto" : kind, mapping, signal, onProgress });
      } catch (err) {
        // ImportError MISSING_COLUMNS / NO_HEADER carry the headers seen: offer the mapping by hand.
        const d = (err as { details?: { headers?: string[]; missing?: string[] } }).details;
        if (d?.headers?.length) {
          setUnmapped({ source: src, headers: d.headers, missing: d.missing ?? [] });
          setDraft(Object.fromEntries(d.headers.map((h) => [h, (mapping && ownValue(mapping, h)) ?? ""])));
        }
        throw err;
      }
    });
    if (out) {
      setSource(src);
      setResults(out);
      const rows = out.reduce((n, r) => n + rowsOf(r).length, 0);
      task.setStatus({ intent: "info", text: t("readDone", { datasets: out.length, rows }) });
    }
  }

  async function onRead() {
    const src = currentSource();
    if (src) await read(src);
  }

  async function onMappingChange(result: ImportResult, column: string, field: string) {
    if (!source) return;
    await read(source, { ...result.mapping, [column]: field || null });
  }

  async function onLoad() {
    if (!source || !results.length) return;
    const n = results.length;
    const reports = await task.run(t("loading"), async (signal, onProgress) => {
      const done = [];
      for (let i = 0; i < n; i++) {
        done.push(await services.write(results[i], source, { signal, onProgress: (f) => onProgress((i + f) / n) }));
      }
      return done;
    });
    if (!reports) return;
    const text =
      source.type === "sample"
        ? t("loadedSamples", {
            sheets: reports.map((r) => `${r.sheet}（${r.rows}）`).join(lang === "zh-CN" ? "、" : ", "),
          })
        : reports.map((r) => t("loaded", { sheet: r.sheet, rows: r.rows })).join(" ");
    task.setStatus({ intent: "success", text });
  }

  async function onWriteIssues(issues: ImportIssue[]) {
    const sheet = await task.run(t("working"), () => services.writeIssues(issues, lang));
    if (sheet) {
      setIssuesSheet(sheet);
      task.setStatus({ intent: "success", text: t("issuesWritten", { sheet }) });
    }
  }

  const issues = results.flatMap((r) => r.issues);
  const canRead =
    !task.running &&
    (type === "sample" ||
      (type === "file" && !!file) ||
      (type === "url" && !!url.trim()) ||
      (type === "table" && !!table));

  return (
    <section className={c.panel} aria-labelledby="data-heading">
      <Subtitle2 as="h2" id="data-heading" className={c.heading}>
        {t("dataHeading")}
      </Subtitle2>
      <Field label={t("sourceType")}>
        <RadioGroup
          value={type}
          onChange={(_, d) => {
            setType(d.value as SourceType);
            if (d.value === "table") setTables(null); // list the workbook's tables afresh each time
            setResults([]);
            setSource(null);
            task.setStatus(null);
          }}
        >
          <Radio value="sample" label={t("sourceSample")} />
          <Radio value="file" label={t("sourceFile")} />
          <Radio value="url" label={t("sourceUrl")} />
          <Radio value="table" label={t("sourceTable")} />
        </RadioGroup>
      </Field>

      {type === "sample" && <Text className={c.muted}>{t("sampleHint")}</Text>}
      {type === "file" && (
        <div className={s.fileField}>
          <Label id={`${fileId}-label`}>{t("fileLabel")}</Label>
          {/* The native input is kept for the file dialog but hidden: its button text follows the browser, not the pane. */}
          <input
            ref={fileInput}
            id={fileId}
            data-testid="file-input"
            className={s.hiddenInput}
            type="file"
            accept=".csv,.txt,.json,.xlsx"
            onChange={onFile}
            tabIndex={-1}
            aria-hidden="true"
          />
          <div className={c.row}>
            {/* Named by its own visible text first, then the field label (WCAG 2.5.3: a voice user says what is seen). */}
            <Button
              id={`${fileId}-browse`}
              aria-labelledby={`${fileId}-browse ${fileId}-label`}
              aria-describedby={`${fileId}-name ${fileId}-hint`}
              onClick={() => fileInput.current?.click()}
            >
              {t("browse")}
            </Button>
            <Text id={`${fileId}-name`} className={s.fileName}>
              {file ? file.name : t("noFile")}
            </Text>
          </div>
          <Text size={200} id={`${fileId}-hint`} className={c.muted}>
            {file ? t("fileChosen", { name: file.name }) : t("fileHint")}
          </Text>
        </div>
      )}
      {type === "url" && (
        <Field
          label={t("urlLabel")}
          hint={t("urlHint")}
          validationState={urlError ? "error" : "none"}
          validationMessage={
            urlError ? { children: urlError, id: urlMessageId, tabIndex: -1, className: c.result } : undefined
          }
        >
          <Input type="url" value={url} onChange={(_, d) => setUrl(d.value)} placeholder="https://" />
        </Field>
      )}
      {type === "table" &&
        (tables && tables.length === 0 ? (
          <Text>{t("tablesEmpty")}</Text>
        ) : (
          <Field label={t("tableLabel")}>
            <Select value={table} onChange={(_, d) => setTable(d.value)} disabled={!tables}>
              {(tables ?? []).map((tb) => (
                <option key={tb.name} value={tb.name}>
                  {tb.name} — {t("tableRows", { sheet: tb.sheet, rows: tb.rows })}
                </option>
              ))}
            </Select>
          </Field>
        ))}
      {type !== "sample" && (
        <Field label={t("datasetKind")}>
          <Select value={kind} onChange={(_, d) => setKind(d.value as DatasetKind | "auto")}>
            <option value="auto">{t("kindAuto")}</option>
            {DATASET_KINDS.map((k) => (
              <option key={k} value={k}>
                {kindName(k)}
              </option>
            ))}
          </Select>
        </Field>
      )}
      <div className={c.row}>
        <Button onClick={onRead} disabled={!canRead}>
          {t("readSource")}
        </Button>
        {/* One name whatever was read (the count of datasets is in the read status above the previews). */}
        <Button
          appearance="primary"
          onClick={onLoad}
          disabled={task.running || !results.length || services.host === null}
        >
          {t("load")}
        </Button>
      </div>
      <ProgressArea task={task} />
      <StatusMessage status={task.status} focusOnChange />

      {unmapped && (
        <section aria-labelledby="unmapped-heading" className={c.panel}>
          <Subtitle2 as="h3" id="unmapped-heading" className={c.heading}>
            {t("mappingHeading")}
          </Subtitle2>
          <Text size={200}>
            {t("mappingNeeded", {
              fields: unmapped.missing
                .map((f) => {
                  const col = SHEETS[kind === "auto" ? "ledger" : kind].columns.find((x) => x.field === f);
                  return col ? (lang === "zh-CN" ? col.title : col.title_en) : f;
                })
                .join(lang === "zh-CN" ? "、" : ", "),
            })}
          </Text>
          <div className={s.mapping}>
            {unmapped.headers.map((h) => (
              <MappingSelect
                key={h}
                header={h}
                kind={kind === "auto" ? "ledger" : kind}
                value={ownValue(draft, h) ?? ""}
                onChange={(v) => setDraft((x) => ({ ...x, [h]: v }))}
              />
            ))}
          </div>
          <div className={c.row}>
            <Button
              onClick={() =>
                read(unmapped.source, Object.fromEntries(Object.entries(draft).map(([h, f]) => [h, f || null])))
              }
              disabled={task.running}
            >
              {t("readWithMapping")}
            </Button>
          </div>
        </section>
      )}

      {results.map((r, i) => (
        <DatasetPreview
          key={`${r.kind}-${i}`}
          result={r}
          editable={source?.type !== "sample" && !task.running}
          onMappingChange={(col, field) => onMappingChange(r, col, field)}
          kindName={kindName}
        />
      ))}

      {results.length > 0 && (
        <section aria-labelledby="issues-heading" className={c.panel}>
          <Subtitle2 as="h3" id="issues-heading" className={c.heading}>
            {t("issuesHeading", { count: issues.length })}
          </Subtitle2>
          {issues.length === 0 ? (
            <Text>{t("issuesNone")}</Text>
          ) : (
            <>
              <ul className={s.issues} aria-labelledby="issues-heading" tabIndex={0}>
                {issues.slice(0, ISSUES_SHOWN).map((is, i) => (
                  <li key={i} className={s.issue}>
                    <span className={is.severity === "error" ? s.error : s.warning}>
                      {t(`severity_${is.severity}`)}
                    </span>{" "}
                    {t("issueRow", { row: is.row })}
                    {lang === "zh-CN" ? "，" : ", "}
                    {is.column ? t("issueColumn", { column: is.column }) : t("issueWholeRow")}
                    {lang === "zh-CN" ? "：" : ": "}
                    {lang === "zh-CN" ? is.message : is.message_en}
                  </li>
                ))}
              </ul>
              {issues.length > ISSUES_SHOWN && (
                <Text size={200}>{t("issuesMore", { count: issues.length - ISSUES_SHOWN })}</Text>
              )}
              <div className={c.row}>
                <Button onClick={() => onWriteIssues(issues)} disabled={task.running || services.host === null}>
                  {t("writeIssues")}
                </Button>
                {issuesSheet && <Text size={200}>{issuesSheet}</Text>}
              </div>
            </>
          )}
        </section>
      )}
    </section>
  );
}

/** One source column → canonical field (or ignored), as the user maps it. */
function MappingSelect({
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

function DatasetPreview({
  result,
  editable,
  onMappingChange,
  kindName,
}: {
  result: ImportResult;
  editable: boolean;
  onMappingChange: (column: string, field: string) => void;
  kindName: (k: DatasetKind) => string;
}) {
  const { t, lang } = useT();
  const c = useCommonStyles();
  const s = useStyles();
  const spec = SHEETS[result.kind];
  const rows = rowsOf(result);
  const shown = rows.slice(0, PREVIEW_ROWS);
  const mappedFields = result.headers.map((h) => ownValue(result.mapping, h)).filter((f): f is string => !!f);
  const fields = spec.columns.filter((col) => mappedFields.includes(col.field));
  const title = (field: string) => {
    const col = spec.columns.find((x) => x.field === field);
    return col ? (lang === "zh-CN" ? col.title : col.title_en) : field;
  };
  const missing = spec.columns.filter((col) => col.required && col.field !== "id" && !mappedFields.includes(col.field));
  const headingId = `preview-${result.kind}`;

  return (
    // Not a landmark itself (no name): its table's scroll region below is, named by the same heading.
    <section className={c.panel}>
      <Subtitle2 as="h3" id={headingId} className={c.heading}>
        {t("previewHeading", { kind: kindName(result.kind), rows: rows.length, shown: shown.length })}
      </Subtitle2>
      <Text size={200}>{t("summary", { accepted: result.summary.accepted, rejected: result.summary.rejected })}</Text>
      {rows.length === 0 ? (
        <Text>{t("previewEmpty")}</Text>
      ) : (
        <div className={s.scroll} role="region" aria-labelledby={headingId} tabIndex={0}>
          <Table size="extra-small" className={s.table} aria-labelledby={headingId}>
            <TableHeader>
              <TableRow>
                {fields.map((f) => (
                  <TableHeaderCell key={f.field} className={s.cell}>
                    {title(f.field)}
                  </TableHeaderCell>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {shown.map((row, i) => (
                <TableRow key={i}>
                  {fields.map((f) => (
                    <TableCell key={f.field} className={s.cell} title={displayValue(row[f.field], f.type, lang)}>
                      {displayValue(row[f.field], f.type, lang)}
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      {missing.length > 0 && (
        <StatusMessage
          status={{
            intent: "warning",
            text: t("mappingUnmapped", {
              fields: missing.map((m) => title(m.field)).join(lang === "zh-CN" ? "、" : ", "),
            }),
          }}
        />
      )}
      {editable && result.headers.length > 0 && (
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
                kind={spec.kind}
                value={ownValue(result.mapping, h) ?? ""}
                onChange={(v) => onMappingChange(h, v)}
              />
            ))}
          </div>
        </details>
      )}
    </section>
  );
}
