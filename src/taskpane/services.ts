/**
 * The one boundary between the task pane and everything else (import, workbook, briefing). Components receive a
 * TaskPaneServices object through context; tests fake it here, the add-in wires the real modules in
 * office-services.ts, and the offline preview wires the same real modules over the simulated Excel host.
 */
import { isAppError } from "../core/errors";
import * as React from "react";
import type { ColumnMapping, DatasetKind, ImportIssue, ImportResult } from "../import/types";
import type { Metric } from "../core/model";
import type { ProgressBasis } from "../core/metrics";
import type { RegionLevel } from "../core/region-levels";
import type { BreakdownKind } from "../briefing/types";
import type { SelfTestReport, SelfTestStep } from "../excel/self-test";

/** Where a dataset comes from. */
export type SourceSpec =
  | { type: "file"; name: string; bytes: Uint8Array }
  | { type: "url"; url: string }
  | { type: "table"; name: string }
  | { type: "sample" };

export interface ReadOptions {
  kind?: DatasetKind | "auto";
  mapping?: ColumnMapping;
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

export interface WriteOptions {
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/** A table of the workbook that can be imported. */
export interface WorkbookTable {
  name: string;
  sheet: string;
  rows: number;
}

/** What writing a dataset did. */
export interface WriteReport {
  kind: DatasetKind;
  sheet: string;
  rows: number;
}

/** A dataset loaded into the workbook, as remembered in the workbook's settings. */
export interface LoadedSource {
  id: string;
  kind: DatasetKind;
  /** File name, URL, table name or "示例数据". */
  label: string;
  rows: number;
  /** ISO timestamp of the last load or refresh, or null. */
  lastRefreshed: string | null;
  /** Whether it can be refreshed (a file needs to be chosen again). */
  refreshable: boolean;
  /** The bundled sample data: shown as “示例数据” / “Sample data” in the UI language, whatever `label` says. */
  sample?: boolean;
}

export interface RefreshReport {
  added: number;
  updated: number;
  removed: number;
  unchanged: number;
  issues: ImportIssue[];
  /** When the refresh finished, ISO. */
  at: string;
  /** What the user should know about the write (e.g. formulas of theirs kept, a table of theirs left alone). */
  notices?: { zh: string; en: string }[];
}

export interface UndoReport {
  /** What was undone, human readable ("台账 2025-…"). */
  description: string;
}

/** What the briefing panel needs to offer choices. */
export interface BriefingAvailability {
  regions: string[];
  /** Years that have data (ledger dates or reported figures). */
  dataYears: number[];
  /** Years that have annual targets. */
  targetYears: number[];
  /** The latest month with data (dates in the ledger and funds, 截至月份 of reported figures): the default period. */
  latest?: { year: number; month: number };
  /**
   * The jurisdictions a report card by level can be written for (全国 first, then top-down), from the regions
   * (built-in divisions and the workbook's 地区 sheet). Absent: no hierarchy, the card lists regions side by side.
   */
  jurisdictions?: { name: string; level: RegionLevel | null }[];
}

export interface BriefingRequest {
  /** Period code, e.g. "2025Q1". */
  period: string;
  /** Only these regions, side by side; absent: the report card by level (jurisdiction, level). */
  regions?: string[];
  /** The jurisdiction (a region or 全国); absent: the one holding most records. */
  within?: string;
  /** The level of the rows; absent: where most of the jurisdiction's records fall. */
  level?: RegionLevel;
  /** Also list regions with neither data nor a target in the period (default false). */
  showEmpty?: boolean;
  breakdowns?: BreakdownKind[];
  /** 重点项目: the N largest projects signed or started in the period (0: none). */
  top?: number;
  metrics: Metric[];
  basis: ProgressBasis;
  tolerance: number;
  portable: boolean;
  valuesOnly: boolean;
  charts: boolean;
  /** The task pane's UI language: the sheet's labels and its text are written in it (default zh-CN). */
  language?: "zh-CN" | "en-US";
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

export interface BriefingOutcome {
  sheet: string;
  text: { zh: string; en: string };
  warnings: { zh: string; en: string }[];
  /** No region has an actual for the period (the card holds only its total rows): say so instead of a success. */
  noData?: boolean;
}

/** Settings kept in the workbook (shared by everyone who opens it). */
export interface WorkbookSettings {
  productionUrl?: string;
  basis?: ProgressBasis;
  tolerance?: number;
}

export interface TaskPaneServices {
  /** "excel" in Excel, "preview" over the simulated host, null when no workbook is reachable. */
  host: "excel" | "preview" | null;
  /** Parse a source without touching the workbook. The sample source yields several datasets. */
  read(source: SourceSpec, options: ReadOptions): Promise<ImportResult[]>;
  listTables(): Promise<WorkbookTable[]>;
  /** Write a parsed dataset to its canonical sheet and remember the source for refresh. */
  write(result: ImportResult, source: SourceSpec, options: WriteOptions): Promise<WriteReport>;
  /** Write import issues to a sheet; returns the sheet name. */
  writeIssues(issues: ImportIssue[], lang: "zh-CN" | "en-US"): Promise<string>;
  listSources(): Promise<LoadedSource[]>;
  refresh(id: string, options: WriteOptions): Promise<RefreshReport>;
  /** Null when there is nothing to undo. */
  undoLastRefresh(options?: { force?: boolean }): Promise<UndoReport | null>;
  briefingAvailability(): Promise<BriefingAvailability>;
  buildBriefing(request: BriefingRequest): Promise<BriefingOutcome>;
  /** zh-CN function descriptions by id (from the generated functions.json); empty when unavailable. */
  functionDescriptionsZh(): Promise<Record<string, { description: string; parameters: Record<string, string> }>>;
  /** Put a formula into the active cell; returns the cell's address. */
  insertFormula(formula: string): Promise<string>;
  readWorkbookSettings(): Promise<WorkbookSettings>;
  /** False when there is no workbook to save into. */
  saveWorkbookSettings(settings: WorkbookSettings): Promise<boolean>;
  /** Copy text to the clipboard. */
  copyText(text: string): Promise<void>;
  /**
   * The self-test (src/excel/self-test.ts) on temporary sheets of the open workbook; absent when no workbook is
   * reachable.
   */
  runSelfTest?(options: { onStep?: (step: SelfTestStep) => void }): Promise<SelfTestReport>;
}

export const ServicesContext = React.createContext<TaskPaneServices | null>(null);

export function useServices(): TaskPaneServices {
  const s = React.useContext(ServicesContext);
  if (!s) throw new Error("TaskPaneServices missing: wrap the task pane in <ServicesContext.Provider>");
  return s;
}

/** True for an AbortError from a cancelled operation (DOMException or an Error named so). */
export function isAbort(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { name?: string }).name === "AbortError";
}

/** Error text for the user, in the UI language when the error carries both (an AppError, or message_zh/message_en). */
export function errorText(err: unknown, lang: "zh-CN" | "en-US" = "zh-CN"): string {
  if (isAppError(err)) return err.messageIn(lang);
  const e = err as { message?: string; message_en?: string; message_zh?: string } | null;
  if (e && typeof e === "object") {
    if (lang === "en-US" && e.message_en) return e.message_en;
    if (lang === "zh-CN" && e.message_zh) return e.message_zh;
    if (typeof e.message === "string") return pickLanguage(e.message, lang);
  }
  return pickLanguage(String(err), lang);
}

/**
 * The half of a bilingual "中文 / English" message (the form src/excel throws) in the UI language; any other text
 * unchanged. Only " / " with spaces separates: a URL's slashes do not.
 */
export function pickLanguage(message: string, lang: "zh-CN" | "en-US"): string {
  const at = message.indexOf(" / ");
  if (at < 0) return message;
  const zh = message.slice(0, at).trim();
  const en = message.slice(at + 3).trim();
  if (!/[\u3400-\u9fff]/.test(zh) || /[\u3400-\u9fff]/.test(en.replace(/[“”「」"][^“”「」"]*[“”「」"]/g, "")))
    return message;
  return lang === "zh-CN" ? zh : en;
}

/** Whether a message already tells the user what to do (an import error names the file, row and fix). */
export function saysWhatToDo(text: string, lang: "zh-CN" | "en-US"): boolean {
  return lang === "zh-CN"
    ? /请|重新选择|需要/.test(text)
    : /\b(choose|load|select|enter|check|try|open|install|use|run|needs?|map|fix|remove|save|close)\b/i.test(text);
}
