/**
 * The Data panel's source form as one reducer: which source type, the file, URL or workbook table chosen, the
 * dataset kind, and the URL's validation. Pure, so that every transition (e.g. choosing "table" lists the tables
 * afresh) is written once and can be read in one place.
 */
import type { DatasetKind } from "../../../import/types";
import type { SourceSpec, WorkbookTable } from "../../services";

export type SourceType = "file" | "url" | "table" | "sample";

export interface ChosenFile {
  name: string;
  bytes: Uint8Array;
}

export interface SourceForm {
  type: SourceType;
  kind: DatasetKind | "auto";
  file: ChosenFile | null;
  url: string;
  /** Why the URL was refused, or null. */
  urlError: string | null;
  /** Counts the refused URLs: each refusal moves the focus to its message, like any other result. */
  urlRefusals: number;
  /** The workbook's tables, or null until listed. */
  tables: WorkbookTable[] | null;
  table: string;
}

export type SourceFormAction =
  | { type: "sourceType"; value: SourceType }
  | { type: "kind"; value: DatasetKind | "auto" }
  | { type: "file"; file: ChosenFile | null }
  | { type: "url"; url: string }
  /** The default URL arrived (from the settings): it fills the field only while the user has typed nothing. */
  | { type: "defaultUrl"; url: string }
  | { type: "urlRefused"; error: string }
  | { type: "urlAccepted" }
  | { type: "tablesListed"; tables: WorkbookTable[] }
  | { type: "table"; name: string };

export function initialSourceForm(defaultUrl: string): SourceForm {
  return {
    type: "sample",
    kind: "auto",
    file: null,
    url: defaultUrl,
    urlError: null,
    urlRefusals: 0,
    tables: null,
    table: "",
  };
}

export function sourceFormReducer(form: SourceForm, action: SourceFormAction): SourceForm {
  switch (action.type) {
    case "sourceType":
      // List the workbook's tables afresh each time "table" is chosen.
      return { ...form, type: action.value, tables: action.value === "table" ? null : form.tables };
    case "kind":
      return { ...form, kind: action.value };
    case "file":
      return { ...form, file: action.file };
    case "url":
      return { ...form, url: action.url };
    case "defaultUrl":
      return { ...form, url: form.url || action.url };
    case "urlRefused":
      return { ...form, urlError: action.error, urlRefusals: form.urlRefusals + 1 };
    case "urlAccepted":
      return { ...form, urlError: null };
    case "tablesListed":
      return { ...form, tables: action.tables, table: action.tables.length ? action.tables[0].name : form.table };
    case "table":
      return { ...form, table: action.name };
  }
}

/** Whether the form names something to read (the URL is checked only when read). */
export function sourceChosen(form: SourceForm): boolean {
  switch (form.type) {
    case "sample":
      return true;
    case "file":
      return !!form.file;
    case "url":
      return !!form.url.trim();
    case "table":
      return !!form.table;
  }
}

/** A plausible http(s) URL: a scheme and a host. */
export function isHttpUrl(url: string): boolean {
  return /^https?:\/\/[^\s/]+/i.test(url);
}

/** The source the form names, the URL trimmed; null when nothing is chosen or the URL is not http(s). */
export function sourceOf(form: SourceForm): SourceSpec | null {
  switch (form.type) {
    case "file":
      return form.file ? { type: "file", name: form.file.name, bytes: form.file.bytes } : null;
    case "url": {
      const u = form.url.trim();
      return isHttpUrl(u) ? { type: "url", url: u } : null;
    }
    case "table":
      return form.table ? { type: "table", name: form.table } : null;
    default:
      return { type: "sample" };
  }
}
