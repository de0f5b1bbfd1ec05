/**
 * The one row engine behind every source: rows of cells go in (CSV records, xlsx rows, Range.values, JSON objects
 * turned into rows), canonical records and issues come out.
 *
 * - Finds the header row below title rows and blank rows (and a "单位：万元" line, which sets the default unit).
 * - Chooses the kind from the headers when asked ("auto") and maps headers to fields (aliases, units in brackets,
 *   the user's mapping).
 * - Validates each data row; a bad optional cell is a warning and the field stays null, a missing required value
 *   rejects the row. Every data row is accepted or reported; nothing is merged or invented.
 * - Excludes 合计/小计/总计 rows and checks their amounts against the rows above.
 * - Reports duplicate keys on the later rows, naming the first.
 *
 * This file feeds rows through the parts in ./table/ (the header: columns.ts; a row's cells: row-cells.ts; each kind
 * of record: assemble-*.ts; rows that are not data: skipped-rows.ts) and is the module the importers use.
 */
import { ImportError } from "./errors";
import { detectUnit, KIND_FIELDS } from "./fields";
import type { ImportResult } from "./types";
import * as values from "./values";
import type { Cell } from "./values";
import { assembleFunds } from "./table/assemble-funds";
import * as ledger from "./table/assemble-ledger";
import { assembleRegion, validateRegions } from "./table/assemble-regions";
import { assembleFigure, assembleTarget } from "./table/assemble-targets";
import { planColumns, recognise } from "./table/columns";
import { headerContinued } from "./table/header-continued";
import * as records from "./table/ledger-record";
import * as limits from "./table/limits";
import { readMetricValue } from "./table/metric-value";
import { resolveRegions } from "./table/resolve-regions";
import * as rowCells from "./table/row-cells";
import { UNIT_LINE_RE } from "./table/row-labels";
import * as skippedRows from "./table/skipped-rows";
import { TableState } from "./table/state";
import { reportStrayColumns } from "./table/stray-columns";
import * as textCheck from "./table/text-check";
import type { EngineOptions, ParsedRow, RowProblem } from "./table/types";

export { splitExactly } from "./table/amounts";
export { recognise } from "./table/columns";
export { MAX_CELL_CHARS, MAX_DATA_ROWS, SUSPICIOUS_TEXT } from "./table/limits";
export { emptyResult, mergeResults, resultCount } from "./table/results";
export { mayBeTotalLabel } from "./table/row-labels";
export type { EngineOptions, RowProblem } from "./table/types";
export { columnLetters as columnLetter } from "../core/a1";

// Bound once: the row loop calls these for every row (through tsx's CommonJS interop, reading an import is a call).
const { cellText, isBlank, plainCell } = values;
const { assembleLedger } = ledger;
const { newLedgerRecord } = records;
const { MAX_DATA_ROWS, MAX_SEEK_ROWS } = limits;
const { readCells, rowUnitOf } = rowCells;
const { skipNoteRow, skipRepeatedHeader, skipTotalRow } = skippedRows;
const { checkText, rejectOverlong } = textCheck;

export class TableEngine {
  private readonly s: TableState;
  private seeking = true;
  private seekCount = 0;
  /** The widest row seen while looking for the header: the likeliest header, offered for a column mapping. */
  private candidate: { texts: string[]; row: number; width: number } | null = null;
  private continuationChecked = false;

  constructor(opts: EngineOptions) {
    this.s = new TableState(opts);
  }

  /** True once the header row was found. */
  get started(): boolean {
    return !this.seeking;
  }

  get kind(): ImportResult["kind"] {
    return this.s.kind;
  }

  /** An issue found by the source reader (a CSV quoting problem…). */
  note(row: number, column: string | null, severity: "error" | "warning", zh: string, en: string): void {
    this.s.issue(row, column, severity, zh, en);
  }

  /** A data row the reader could not turn into cells (a JSON element that is not an object): counted and rejected. */
  rejectRow(row: number, zh: string, en: string, column: string | null = null): void {
    this.s.rows++;
    this.s.rejected++;
    this.s.issue(row, column, "error", zh, en);
  }

  /**
   * Feed one source row. `row` is the 1-based row number the user sees. `clean`: the caller knows the row holds no
   * replacement character, NUL or surrogate (a CSV chunk without any), so the per-cell check can be skipped.
   */
  push(cells: readonly Cell[], row: number, clean = false, problem?: RowProblem): void {
    if (this.seeking) {
      this.seek(cells, row);
      return;
    }
    if (problem) {
      this.rejectRow(row, problem.zh, problem.en, problem.column);
      return;
    }
    if (rejectOverlong(this.s, cells, row)) return;
    this.data(clean ? cells : checkText(this.s, cells, row), row);
  }

  /** A row above the header: the header itself (two recognised titles), a unit line, or a title to pass over. */
  private seek(cells: readonly Cell[], row: number): void {
    const texts = cells.map((c) => cellText(plainCell(c)).trim());
    const nonBlank = texts.filter((t) => t !== "");
    if (this.s.opts.headerFirst) {
      this.startHeader(texts, row);
      return;
    }
    if (nonBlank.length === 0) return;
    this.seekCount++;
    if (!this.candidate || nonBlank.length > this.candidate.width)
      this.candidate = { texts, row, width: nonBlank.length };
    const rec = recognise(texts, this.s.opts.mapping);
    if (rec.count >= 2) {
      this.startHeader(texts, row);
      return;
    }
    for (const t of nonBlank) {
      const m = UNIT_LINE_RE.exec(t.normalize("NFKC"));
      if (m) {
        const u = detectUnit(m[1]);
        if (u) this.s.titleUnit = u;
      }
    }
    if (this.seekCount >= MAX_SEEK_ROWS) this.noHeader();
  }

  private noHeader(): never {
    const file = this.s.file;
    const opts = this.s.opts;
    const sample = this.candidate?.texts ?? [];
    const kind = opts.kind && opts.kind !== "auto" ? opts.kind : "ledger";
    const expected = KIND_FIELDS[kind]
      .filter((f) => f.type !== "ignore" && f.type !== "extra")
      .slice(0, 6)
      .map((f) => f.label)
      .join("、");
    throw new ImportError(
      "NO_HEADER",
      `「${file}」中找不到表头行（前 ${MAX_SEEK_ROWS} 行里没有可识别的列名，例如 ${expected}）。请确认这是一张台账表格，表头写在数据上方；如果列名不同，请在列映射中指定。`,
      `No header row found in "${file}" (no recognisable column titles in the first ${MAX_SEEK_ROWS} rows, e.g. ${KIND_FIELDS[
        kind
      ]
        .slice(0, 4)
        .map((f) => f.label_en)
        .join(
          ", ",
        )}). Make sure it is a table with its header above the data; if the titles differ, set a column mapping.`,
      { headers: sample.slice(0, 200), headerRow: this.candidate?.row },
    );
  }

  private startHeader(titles: string[], row: number): void {
    const s = this.s;
    this.seeking = false;
    s.headerIssues = s.issues.length;
    s.headerRow = row;
    s.layout = planColumns(titles, row, s.opts, s.issue.bind(s));
  }

  private data(cells: readonly Cell[], row: number): void {
    const s = this.s;
    // Only "none", "one" or "more" non-blank cells matter (blank rows, note rows): stop at the second.
    let nonBlank = 0;
    let firstNonBlank = -1;
    for (let i = 0; i < cells.length && nonBlank < 2; i++) {
      if (!isBlank(cells[i])) {
        nonBlank++;
        if (firstNonBlank < 0) firstNonBlank = i;
      }
    }
    if (nonBlank === 0) return;
    // The first row under the header may be its second line: sub-titles under a merged group title, or the units.
    if (!this.continuationChecked) {
      this.continuationChecked = true;
      if (headerContinued(s, cells, row)) return;
    }
    if (s.rows + s.skipped >= MAX_DATA_ROWS) {
      throw new ImportError(
        "TOO_LARGE",
        `「${s.file}」的数据超过 ${MAX_DATA_ROWS} 行（一张 Excel 工作表最多能放的行数），第 ${row} 行起未读取。请把文件按年份或地区拆分后分别导入。`,
        `"${s.file}" has more than ${MAX_DATA_ROWS} data rows (what one Excel sheet holds); reading stopped at row ${row}. Split the file (by year or region) and import the parts.`,
      );
    }
    if (skipTotalRow(s, cells, row) || skipRepeatedHeader(s, cells, row)) return;
    if (nonBlank === 1 && skipNoteRow(s, cells, row, firstNonBlank)) return;
    s.rows++;
    s.rowErrors = 0;
    if (this.parseRow(cells, row) && s.rowErrors === 0) s.accepted++;
    else s.rejected++;
  }

  /** One data row read, checked and, when nothing in it is wrong, kept as its kind's record. */
  private parseRow(cells: readonly Cell[], row: number): boolean {
    const s = this.s;
    // A ledger row is parsed straight into its record (one object per row, one shape for all).
    const record = s.kind === "ledger" ? newLedgerRecord() : null;
    const v: ParsedRow = record ?? {};
    const rowUnit = rowUnitOf(s, cells, row);
    const { extra, valueCol } = readCells(s, cells, row, v, rowUnit);
    if (s.layout.plan.length < cells.length || s.layout.hasUntitled) reportStrayColumns(s, cells, row);
    if (valueCol) readMetricValue(s, v, valueCol, cells, row, rowUnit);
    const out = record ? assembleLedger(s, record, row) : this.assemble(v, row);
    if (out && extra && s.rowErrors === 0 && s.keepAll)
      s.extras.push({ kind: s.kind, index: out.index, row, values: extra });
    return out !== null;
  }

  /** The record of a row of the other kinds (a ledger row is its record already: assembleLedger). */
  private assemble(v: ParsedRow, row: number): { index: number } | null {
    switch (this.s.kind) {
      case "ledger":
        return null; // not reached: parseRow reads a ledger row into its record
      case "funds":
        return assembleFunds(this.s, v, row);
      case "targets":
        return assembleTarget(this.s, v, row);
      case "figures":
        return assembleFigure(this.s, v, row);
      case "regions":
        return assembleRegion(this.s, v, row);
    }
  }

  /** Close the table: the result, or an ImportError when no header was ever found. */
  finish(): ImportResult {
    const s = this.s;
    if (this.seeking) {
      if (this.seekCount === 0) {
        throw new ImportError("EMPTY", `「${s.file}」是空的，没有任何内容。`, `"${s.file}" is empty.`);
      }
      this.noHeader();
    }
    if (s.kind === "regions") validateRegions(s);
    else resolveRegions(s);
    const result: ImportResult = {
      kind: s.kind,
      records: s.records,
      funds: s.funds,
      targets: s.targets,
      figures: s.figures,
      regions: s.regionRows,
      issues: s.issues,
      summary: { rows: s.rows, accepted: s.accepted, rejected: s.rejected, skipped: s.skipped },
      mapping: s.layout.mapping,
      headers: s.layout.headers,
      counts: { ...s.counts },
    };
    if (s.extras.length > 0) result.extras = s.extras;
    return result;
  }
}
