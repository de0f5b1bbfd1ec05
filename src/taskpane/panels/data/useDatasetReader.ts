/**
 * What the Data panel read and does with it: read a source (offering the mapping by hand when its columns were not
 * recognised), read it again with a changed mapping, load the results into the workbook, write the issues to a sheet.
 * Each runs as the panel's task, so it shows progress and can be cancelled.
 */
import * as React from "react";
import type { DatasetKind, ImportIssue, ImportResult } from "../../../import/types";
import { ownValue } from "../../../core/own";
import type { Language } from "../../../i18n/language";
import { Translate, useT } from "../../i18n";
import type { Task } from "../../common";
import { SourceSpec, WriteReport, useServices } from "../../services";
import { listSeparator, rowsOf } from "./dataset-columns";

type Mapping = ImportResult["mapping"];

/** The source could not be read because columns were not recognised: the headers seen, to map by hand. */
export interface Unmapped {
  source: SourceSpec;
  headers: string[];
  missing: string[];
}

export interface DatasetReader {
  source: SourceSpec | null;
  results: ImportResult[];
  issuesSheet: string | null;
  unmapped: Unmapped | null;
  /** The mapping by hand being chosen for `unmapped`: source column → field ("" ignores it). */
  draft: Record<string, string>;
  setDraftField: (header: string, field: string) => void;
  /** Forget what was read (another source is being chosen). */
  clear: () => void;
  read: (source: SourceSpec, mapping?: Mapping) => Promise<void>;
  readWithDraft: () => Promise<void>;
  remap: (result: ImportResult, column: string, field: string) => Promise<void>;
  load: () => Promise<void>;
  writeIssues: (issues: ImportIssue[]) => Promise<void>;
}

/** ImportError MISSING_COLUMNS / NO_HEADER carry the headers seen; any other error, null. */
function headersSeen(err: unknown): { headers: string[]; missing: string[] } | null {
  const d = (err as { details?: { headers?: string[]; missing?: string[] } }).details;
  return d?.headers?.length ? { headers: d.headers, missing: d.missing ?? [] } : null;
}

/** The status after loading: each sheet and its rows (the samples in one sentence). */
function loadedText(reports: WriteReport[], source: SourceSpec, t: Translate, lang: Language): string {
  if (source.type === "sample")
    return t("loadedSamples", { sheets: reports.map((r) => `${r.sheet}（${r.rows}）`).join(listSeparator(lang)) });
  return reports.map((r) => t("loaded", { sheet: r.sheet, rows: r.rows })).join(" ");
}

export function useDatasetReader(task: Task, kind: DatasetKind | "auto"): DatasetReader {
  const { t, lang } = useT();
  const services = useServices();
  const [source, setSource] = React.useState<SourceSpec | null>(null);
  const [results, setResults] = React.useState<ImportResult[]>([]);
  const [issuesSheet, setIssuesSheet] = React.useState<string | null>(null);
  const [unmapped, setUnmapped] = React.useState<Unmapped | null>(null);
  const [draft, setDraft] = React.useState<Record<string, string>>({});

  async function read(src: SourceSpec, mapping?: Mapping) {
    setIssuesSheet(null);
    setUnmapped(null);
    const out = await task.run(t("reading"), async (signal, onProgress) => {
      try {
        return await services.read(src, { kind: src.type === "sample" ? "auto" : kind, mapping, signal, onProgress });
      } catch (err) {
        const seen = headersSeen(err);
        if (seen) {
          setUnmapped({ source: src, ...seen });
          setDraft(Object.fromEntries(seen.headers.map((h) => [h, (mapping && ownValue(mapping, h)) ?? ""])));
        }
        throw err;
      }
    });
    if (!out) return;
    setSource(src);
    setResults(out);
    const rows = out.reduce((n, r) => n + rowsOf(r).length, 0);
    task.setStatus({ intent: "info", text: t("readDone", { datasets: out.length, rows }) });
  }

  async function load() {
    if (!source || !results.length) return;
    const n = results.length;
    const reports = await task.run(t("loading"), async (signal, onProgress) => {
      const done = [];
      for (let i = 0; i < n; i++)
        done.push(await services.write(results[i], source, { signal, onProgress: (f) => onProgress((i + f) / n) }));
      return done;
    });
    if (reports) task.setStatus({ intent: "success", text: loadedText(reports, source, t, lang) });
  }

  async function writeIssues(issues: ImportIssue[]) {
    const sheet = await task.run(t("working"), () => services.writeIssues(issues, lang));
    if (!sheet) return;
    setIssuesSheet(sheet);
    task.setStatus({ intent: "success", text: t("issuesWritten", { sheet }) });
  }

  return {
    source,
    results,
    issuesSheet,
    unmapped,
    draft,
    read,
    load,
    writeIssues,
    setDraftField: (header, field) => setDraft((x) => ({ ...x, [header]: field })),
    clear: () => {
      setResults([]);
      setSource(null);
    },
    readWithDraft: async () => {
      if (unmapped)
        await read(unmapped.source, Object.fromEntries(Object.entries(draft).map(([h, f]) => [h, f || null])));
    },
    remap: async (result, column, field) => {
      if (source) await read(source, { ...result.mapping, [column]: field || null });
    },
  };
}
