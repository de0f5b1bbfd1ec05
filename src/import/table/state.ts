/**
 * What one table's import builds up, shared by the parts of the engine: the options, the layout the header gave, the
 * issues (and how many errors the current row has), the accepted rows of each kind, the counters of the summary, and
 * the keys seen so far for the duplicate checks. The parts are functions of this state (./row-cells.ts,
 * ./assemble-*.ts …); ../table.ts feeds it rows.
 */
import type { FundsEntry, ProjectRecord, ReportedFigure, Target } from "../../core/model";
import type { RegionRow } from "../../core/region-hierarchy";
import type { MoneyUnit, Unit } from "../fields";
import { KeyIndex } from "../key-index";
import type { KeyedRow } from "../regions";
import type { DatasetKind, ImportExtra, ImportIssue, IssueCode } from "../types";
import { parseUnit, plainCell, type Cell } from "../values";
import { emptyLayout, requiredFields, type TableLayout } from "./columns";
import { RegionNames } from "./region-names";
import type { ColumnPlan, EngineOptions } from "./types";

export class TableState {
  readonly opts: EngineOptions;
  /** Label used in issues (file name, "file!sheet", URL). */
  readonly file: string;
  readonly issues: ImportIssue[] = [];
  /** Errors said about the current row: any rejects it. */
  rowErrors = 0;
  /** What the header says about the data rows (no columns before the header is found). */
  layout: TableLayout = emptyLayout();
  /** The unit a line above the header gave ("单位：万元"). */
  titleUnit: Unit | null = null;
  headerRow = 0;
  /** Issues before the header's own (a second header line re-plans the columns and says them again). */
  headerIssues = 0;
  readonly regions: RegionNames;

  readonly records: ProjectRecord[] = [];
  readonly funds: FundsEntry[] = [];
  readonly targets: Target[] = [];
  readonly figures: ReportedFigure[] = [];
  readonly regionRows: RegionRow[] = [];
  /** Source row of each regions-table row (messages of the whole-table checks name it). */
  readonly regionRowNumbers: number[] = [];
  readonly extras: ImportExtra[] = [];
  /** What is kept of each accepted row (ImportOptions.keep): everything, nothing, or the listed ledger fields. */
  readonly keepAll: boolean;
  readonly keepNone: boolean;
  readonly keepFields: readonly string[] | null;
  /** Accepted records, funds entries, targets and figures, kept or not. */
  readonly counts: Record<DatasetKind, number> = { ledger: 0, funds: 0, targets: 0, figures: 0, regions: 0 };
  /** Keys of funds entries, targets and figures → first row (duplicate checks). */
  readonly seen = new Map<string, number>();
  /** Targets and figures accepted, keyed for the duplicate check once names are resolved (../regions.ts). */
  readonly keyed: KeyedRow[] = [];
  /** Ledger ids (explicit or derived) → first row. */
  readonly ids = new KeyIndex();
  /** Untitled columns already reported as holding data (./stray-columns.ts). */
  readonly strayColumns = new Set<number>();
  rows = 0;
  accepted = 0;
  rejected = 0;
  skipped = 0;

  constructor(opts: EngineOptions) {
    this.opts = opts;
    this.file = opts.fileLabel;
    const keep = opts.keep ?? "all";
    this.keepAll = keep === "all";
    this.keepNone = keep === "none";
    this.keepFields = Array.isArray(keep) ? keep : null;
    this.regions = new RegionNames(this.issue.bind(this), Boolean(opts.hierarchy));
  }

  get kind(): DatasetKind {
    return this.layout.kind;
  }

  issue(
    row: number,
    column: string | null,
    severity: "error" | "warning",
    zh: string,
    en: string,
    code?: IssueCode,
  ): void {
    const issue: ImportIssue = { file: this.file, row, column, message: zh, message_en: en, severity };
    if (code) issue.code = code;
    this.issues.push(issue);
    if (severity === "error") this.rowErrors++;
  }

  /** Whether a required field already produced an error in this row (so "missing" is not said twice). */
  rowHasErrorFor(field: string, row: number): boolean {
    const title = this.layout.colTitle[field];
    if (!title || this.rowErrors === 0) return false;
    for (let k = this.issues.length - 1; k >= 0 && this.issues[k].row === row; k--) {
      const i = this.issues[k];
      if (i.severity === "error" && i.column === title) return true;
    }
    return false;
  }

  /** Whether column i holds what rows are grouped or matched by: the project id, the region (a regions file's name). */
  isKeyColumn(i: number): boolean {
    const f = this.layout.plan[i]?.field;
    return f === "id" || f === "project" || f === "region" || (f === "name" && this.kind === "regions");
  }

  isRequired(field: string): boolean {
    // A month that is present but wrong rejects a figure: the figure cannot be placed in time.
    if (field === "through_month") return true;
    return requiredFields(this.kind).some((alts) => alts.length === 1 && alts[0] === field);
  }

  /** The unit of an amount in this row: the row's unit column, the column's title, the line above the header, 亿元. */
  moneyUnit(col: ColumnPlan, cells: readonly Cell[]): MoneyUnit {
    const { unitCol } = this.layout;
    if (unitCol >= 0) {
      const u = parseUnit(plainCell(cells[unitCol]));
      if (u && u !== "invalid" && u !== "个") return u;
    }
    if (col.unit && col.unit !== "个") return col.unit;
    if (this.titleUnit && this.titleUnit !== "个") return this.titleUnit;
    return "亿元";
  }

  /** Remember a key; a repeat is reported on this row naming the first (messages built only then). */
  duplicate(
    row: number,
    key: string,
    column: string | null,
    messages: (first: number) => [string, string],
    severity: "error" | "warning" = "error",
  ): boolean {
    const first = this.seen.get(key);
    if (first === undefined) {
      this.seen.set(key, row);
      return false;
    }
    const [zh, en] = messages(first);
    this.issue(row, column, severity, zh, en);
    return true;
  }
}
