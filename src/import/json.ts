/**
 * JSON sources: an array of objects; an object holding a `records` array (or `data`, `rows`, `items`, `projects`,
 * `ledger`) and/or `funds`, `targets`, `figures` arrays (the CLI's --json output reads back in); an array of arrays
 * (a table with its header row). Keys are column titles or canonical field names; row numbers are 1-based indexes.
 */
import { ImportError, quoteValue, throwIfAborted } from "./errors";
import { scanJson, type DuplicateKeys } from "./json-scan";
import { yieldToEventLoop } from "./csv";
import { emptyResult, mergeResults, TableEngine, type EngineOptions, type RowProblem } from "./table";
import type { DatasetKind, ImportOptions, ImportResult } from "./types";

const AUTO_KEYS = ["records", "data", "rows", "items", "projects", "ledger"];
const KIND_KEYS: DatasetKind[] = ["funds", "targets", "figures", "regions"];
const YIELD_EVERY = 20000;

/** Parsed JSON and what JSON.parse would have lost (json-scan.ts): keys given twice in a row object. */
export interface ParsedJson {
  value: unknown;
  duplicates: DuplicateKeys;
}

const PARSED = new WeakMap<object, DuplicateKeys>();

/**
 * JSON.parse, after a scan for what it loses silently: integers beyond 2^53 are read as their digits (text), and the
 * keys given twice in a row object are remembered with the parsed value (importJsonValue reports those rows).
 */
export function parseJsonText(text: string, fileLabel: string): unknown {
  const t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (t.trim() === "") throw new ImportError("EMPTY", `「${fileLabel}」是空的。`, `"${fileLabel}" is empty.`);
  try {
    const scan = scanJson(t);
    const value = JSON.parse(scan.text) as unknown;
    if (scan.duplicates.size > 0 && value !== null && typeof value === "object") PARSED.set(value, scan.duplicates);
    return value;
  } catch (e) {
    const detail = e instanceof Error ? e.message.slice(0, 200) : String(e);
    throw new ImportError(
      "BAD_JSON",
      `「${fileLabel}」不是有效的 JSON（${detail}）。请检查文件内容，或改用 CSV/xlsx。`,
      `"${fileLabel}" is not valid JSON (${detail}). Check the file, or use CSV/xlsx instead.`,
    );
  }
}

/** An array of a JSON value, with the kind it is read as and the key it sits under ("" for a top-level array). */
interface JsonPart {
  kind: DatasetKind | "auto";
  rows: unknown[];
  label: string;
  key: string;
}

/** The arrays a JSON value holds, with the kind each is read as. */
function arraysOf(value: unknown, opts: ImportOptions, fileLabel: string): JsonPart[] {
  const wanted = opts.kind ?? "auto";
  if (Array.isArray(value)) return [{ kind: wanted, rows: value, label: fileLabel, key: "" }];
  if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    const out: JsonPart[] = [];
    const autoKey = AUTO_KEYS.find((k) => Array.isArray(o[k]));
    // Asked for one kind that has its own array ({funds: [...]}): read only that array.
    const ownArray = wanted !== "auto" && wanted !== "ledger" && Array.isArray(o[wanted]);
    if (autoKey && !ownArray) {
      const k: DatasetKind | "auto" = autoKey === "projects" || autoKey === "ledger" ? "ledger" : wanted;
      if (wanted === "auto" || k === wanted)
        out.push({ kind: k, rows: o[autoKey] as unknown[], label: fileLabel, key: autoKey });
    }
    for (const k of KIND_KEYS) {
      if (!Array.isArray(o[k])) continue;
      if (wanted !== "auto" && wanted !== k) continue;
      out.push({ kind: k, rows: o[k] as unknown[], label: `${fileLabel}#${k}`, key: k });
    }
    // A bundle whose records array is empty but which has other arrays: drop the empty records part.
    const nonEmpty = out.filter((p) => p.rows.length > 0);
    if (nonEmpty.length > 0) return nonEmpty;
    if (out.length > 0) return [out[0]];
  }
  throw new ImportError(
    "BAD_JSON",
    `「${fileLabel}」的 JSON 结构不对：需要对象数组，或带有 records（或 funds / targets / figures）数组的对象。`,
    `"${fileLabel}" has an unexpected JSON shape: expected an array of objects, or an object with a records (or funds / targets / figures) array.`,
  );
}

/** Import a parsed JSON value. */
export async function importJsonValue(
  value: unknown,
  opts: ImportOptions,
  fileLabel = opts.fileName,
): Promise<ImportResult> {
  const arrays = arraysOf(value, opts, fileLabel);
  const duplicates = value !== null && typeof value === "object" ? PARSED.get(value) : undefined;
  const progress = new RowProgress(opts, arrays.reduce((n, a) => n + a.rows.length, 0) || 1);
  const parts: ImportResult[] = [];
  for (const part of arrays) {
    if (part.rows.length === 0) parts.push(emptyResult(part.kind === "auto" ? "ledger" : part.kind));
    else if (part.rows.every((r) => Array.isArray(r))) parts.push(await importTableRows(part, opts, progress));
    else parts.push(await importObjectRows(part, opts, duplicates?.get(part.key), progress));
  }
  opts.onProgress?.(1);
  return mergeResults(parts);
}

/** Rows read across all parts: every YIELD_EVERY rows, a check for cancellation, a progress report and a yield. */
class RowProgress {
  private done = 0;
  constructor(
    private readonly opts: ImportOptions,
    private readonly totalRows: number,
  ) {}

  /** Count one row; true when it is time to pause. */
  step(): boolean {
    return ++this.done % YIELD_EVERY === 0;
  }

  async pause(): Promise<void> {
    throwIfAborted(this.opts.signal);
    this.opts.onProgress?.(this.done / this.totalRows);
    await yieldToEventLoop();
  }
}

/** An array of arrays is a table: header search as for CSV; row numbers are 1-based indexes. */
async function importTableRows(part: JsonPart, opts: ImportOptions, progress: RowProgress): Promise<ImportResult> {
  const engineOpts: EngineOptions = { ...opts, kind: part.kind, fileLabel: part.label };
  const engine = new TableEngine(engineOpts);
  for (let i = 0; i < part.rows.length; i++) {
    const row = part.rows[i];
    if (Array.isArray(row)) engine.push(row, i + 1);
    if (progress.step()) await progress.pause();
  }
  return engine.finish();
}

/**
 * An array of objects: the keys of all objects, in order of first appearance, are the header; an item that is not an
 * object, or gives a key twice (`twice`: item index → keys), is rejected with its row.
 */
async function importObjectRows(
  part: JsonPart,
  opts: ImportOptions,
  twice: ReadonlyMap<number, string[]> | undefined,
  progress: RowProgress,
): Promise<ImportResult> {
  const keys = keysOf(part.rows);
  const engineOpts: EngineOptions = { ...opts, kind: part.kind, fileLabel: part.label, headerFirst: true };
  const engine = new TableEngine(engineOpts);
  engine.push(keys, 0);
  for (let i = 0; i < part.rows.length; i++) {
    const r = part.rows[i];
    if (isObjectRow(r)) engine.push(cellsOf(r, keys), i + 1, false, repeatedKeyProblem(i, twice?.get(i)));
    else {
      engine.rejectRow(
        i + 1,
        `第 ${i + 1} 项不是对象（而是 ${r === null ? "null" : Array.isArray(r) ? "数组" : typeof r}），本项未导入。每一项应是 {"项目名称": …, "所属地区": …} 这样的对象。`,
        `Item ${i + 1} is not an object (it is ${r === null ? "null" : Array.isArray(r) ? "an array" : typeof r}); not imported. Each item should be an object like {"项目名称": …, "所属地区": …}.`,
      );
    }
    if (progress.step()) await progress.pause();
  }
  return engine.finish();
}

function isObjectRow(r: unknown): r is Record<string, unknown> {
  return r !== null && typeof r === "object" && !Array.isArray(r);
}

/** Every key of the object rows, in order of first appearance. */
function keysOf(rows: readonly unknown[]): string[] {
  const keys: string[] = [];
  const keySet = new Set<string>();
  for (const r of rows) {
    if (!isObjectRow(r)) continue;
    for (const k of Object.keys(r))
      if (!keySet.has(k)) {
        keySet.add(k);
        keys.push(k);
      }
  }
  return keys;
}

/** A row object's cells under `keys`; a key it lacks is a blank cell. */
function cellsOf(o: Record<string, unknown>, keys: readonly string[]): unknown[] {
  const cells = new Array<unknown>(keys.length);
  for (let k = 0; k < keys.length; k++) {
    // Own keys only: a row without "__proto__" must not read Object.prototype.
    const val = Object.prototype.hasOwnProperty.call(o, keys[k]) ? o[keys[k]] : undefined;
    cells[k] = val === undefined ? null : val;
  }
  return cells;
}

/** The rejection of item `i`, which gives the keys `dup` twice (JSON.parse kept only the last value of each). */
function repeatedKeyProblem(i: number, dup: string[] | undefined): RowProblem | undefined {
  if (!dup) return undefined;
  return {
    column: dup[0],
    zh: `第 ${i + 1} 项中键 ${dup.map((k) => quoteValue(k)).join("、")} 出现了两次，JSON 只保留最后一个值，前面的值会丢失，本项未导入。请删除或改名重复的键。`,
    en: `Item ${i + 1} gives the key ${dup.map((k) => quoteValue(k)).join(", ")} twice; JSON keeps only the last value and the first would be lost, so the item was not imported. Remove or rename the repeated key.`,
  };
}
