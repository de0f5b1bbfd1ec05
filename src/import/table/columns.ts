/**
 * The header row read as a plan of the columns: which kind of table it is, which field each column holds (aliases,
 * units in brackets, the user's column mapping), which columns are kept as extras, and the columns the data-row
 * checks look at (total labels, repeated headers, units). Said once per header: unknown and duplicate titles, a
 * mapping to no field, missing required columns (an ImportError).
 */
import { setOwn } from "../../core/own";
import { ImportError } from "../errors";
import { ALIAS_INDEX, fieldDef, KIND_FIELDS, KIND_LABELS, KINDS, normalizeHeader, resolveFieldName } from "../fields";
import type { ColumnMapping, DatasetKind, ImportIssue } from "../types";
import { AmountLog } from "./amounts";
import { YMD_FIELDS } from "./ledger-record";
import { TOTAL_BLANK_FIELDS } from "./row-labels";
import type { ColumnPlan, EngineOptions } from "./types";

/** Where issues about the header go (TableState.issue). */
export type HeaderIssue = (
  row: number,
  column: string | null,
  severity: ImportIssue["severity"],
  zh: string,
  en: string,
) => void;

/** What the header says about every data row below it. */
export interface TableLayout {
  kind: DatasetKind;
  /** The header's titles, without trailing blanks. */
  headers: string[];
  plan: ColumnPlan[];
  /** The mapping used: title → field (null: not imported). */
  mapping: ColumnMapping;
  /** The column giving each row's unit (-1: none). */
  unitCol: number;
  amountCols: ColumnPlan[];
  /** The amounts of each amount column, in row order: what total rows are checked against. */
  amountLogs: AmountLog[];
  /** Field → the title of its column. */
  colTitle: Record<string, string | null>;
  /** A ledger without an id column: every id is derived, without a warning per row. */
  deriveIds: boolean;
  hasUntitled: boolean;
  /** Column whose cell is compared with its title to spot a repeated header row (-1: none). */
  repeatProbe: number;
  /** Label cells: where a total label may stand. */
  probe: number[];
  /** Columns a total row leaves blank (TOTAL_BLANK_FIELDS present in this file). */
  totalBlank: number[];
}

/** The layout before any header: no columns. */
export function emptyLayout(): TableLayout {
  return {
    kind: "ledger",
    headers: [],
    plan: [],
    mapping: {},
    unitCol: -1,
    amountCols: [],
    amountLogs: [],
    colTitle: {},
    deriveIds: false,
    hasUntitled: false,
    repeatProbe: -1,
    probe: [],
    totalBlank: [],
  };
}

/** Score how well a header row fits each kind; used both to find the header row and to pick the kind. */
export function recognise(
  cells: string[],
  mapping: ColumnMapping | undefined,
): { count: number; byKind: Record<DatasetKind, number> } {
  const fieldsSeen = Object.fromEntries(KINDS.map((k) => [k, new Set<string>()])) as Record<DatasetKind, Set<string>>;
  const mapKeys = mappingKeys(mapping);
  let count = 0;
  for (const raw of cells) {
    if (!raw) continue;
    const { key } = normalizeHeader(raw);
    if (!key) continue;
    let hit = false;
    const mapped = mapKeys.get(key);
    for (const kind of KINDS) {
      let field = ALIAS_INDEX[kind].get(key) ?? null;
      if (mapped !== undefined) field = mapped === null ? null : resolveFieldName(kind, mapped);
      if (mapped !== undefined) hit = true;
      if (field) {
        hit = true;
        fieldsSeen[kind].add(field);
      }
    }
    if (hit) count++;
  }
  return { count, byKind: scoreKinds(fieldsSeen) };
}

/** Ten points for each required field a kind finds, one for each other field it knows. */
function scoreKinds(fieldsSeen: Record<DatasetKind, Set<string>>): Record<DatasetKind, number> {
  const byKind = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<DatasetKind, number>;
  for (const kind of KINDS) {
    const seen = fieldsSeen[kind];
    let score = 0;
    for (const r of requiredFields(kind)) if (r.some((f) => seen.has(f))) score += 10;
    for (const f of seen) if (fieldDef(kind, f)?.type !== "ignore") score += 1;
    byKind[kind] = score;
  }
  return byKind;
}

/** Required fields per kind; an inner array means "one of". */
export function requiredFields(kind: DatasetKind): string[][] {
  switch (kind) {
    case "ledger":
      return [["name"], ["region"]];
    case "funds":
      return [["project", "project_name"], ["date"], ["amount"]];
    case "targets":
      return [["year"], ["region"], ["metric"], ["value"]];
    case "figures":
      return [["year"], ["region"], ["metric"], ["value"]];
    case "regions":
      return [["name"], ["parent"]];
  }
}

/** The user's column mapping by normalised title, and by the title as typed ("raw:" + title). */
function mappingKeys(mapping: ColumnMapping | undefined): Map<string, string | null> {
  const m = new Map<string, string | null>();
  if (!mapping) return m;
  for (const [k, v] of Object.entries(mapping)) {
    const key = normalizeHeader(k).key;
    if (key) m.set(key, v);
    m.set(`raw:${k.trim()}`, v);
  }
  return m;
}

/** The kind asked for, or (auto) the one the headers fit best; ledger on a tie. */
function chooseKind(headers: string[], opts: EngineOptions): DatasetKind {
  if (opts.kind && opts.kind !== "auto") return opts.kind;
  const rec = recognise(headers, opts.mapping);
  let best: DatasetKind = "ledger";
  for (const k of KINDS) if (rec.byKind[k] > rec.byKind[best]) best = k;
  return best;
}

/** One header being planned: what every column's plan reads and adds to. */
interface Planner {
  readonly opts: EngineOptions;
  readonly row: number;
  readonly issue: HeaderIssue;
  readonly layout: TableLayout;
  readonly mapKeys: Map<string, string | null>;
  /** Field → the column that holds it. */
  readonly used: Map<string, ColumnPlan>;
  /** Titles that are no field of the kind. */
  readonly unknown: ColumnPlan[];
}

/** Plan the columns of the header `titles` found in `row`; throws MISSING_COLUMNS when a required one is absent. */
export function planColumns(titles: string[], row: number, opts: EngineOptions, issue: HeaderIssue): TableLayout {
  const headers = titles.slice();
  while (headers.length > 0 && headers[headers.length - 1] === "") headers.pop();
  const layout: TableLayout = { ...emptyLayout(), kind: chooseKind(headers, opts), headers };
  const p: Planner = { opts, row, issue, layout, mapKeys: mappingKeys(opts.mapping), used: new Map(), unknown: [] };
  for (let i = 0; i < headers.length; i++) planColumn(p, i, headers[i]);
  warnUnknown(p);
  warnLedgerFundsTotal(p);
  requireColumns(p);
  deriveChecks(p);
  return layout;
}

/** The plan of column i: its field, or kept as an extra (unknown title, mapped away, a second column of a field). */
function planColumn(p: Planner, i: number, title: string): void {
  const plan: ColumnPlan = { index: i, title, field: null, type: null, unit: null, extra: false, amountIdx: -1 };
  p.layout.plan.push(plan);
  if (!title) return;
  const { key, unit } = normalizeHeader(title);
  plan.unit = unit;
  const field = fieldOfTitle(p, title, key);
  if (field === false) return keepAsExtra(p, plan);
  if (field === null) {
    p.unknown.push(plan);
    return keepAsExtra(p, plan);
  }
  const prior = p.used.get(field);
  // JSON objects may name a field differently from one object to the next ("项目名称" here, "name" there).
  if (prior && p.opts.headerFirst) return planAlternate(p, plan, field);
  if (prior) return planSecondColumn(p, plan, prior, field);
  planField(p, plan, field);
}

/**
 * The field a title names: the user's mapping first (by the title as typed, then normalised), else the kind's
 * aliases; null when it names none; false when the mapping leaves the column out (on purpose, or naming no field of
 * the kind, which is said here).
 */
function fieldOfTitle(p: Planner, title: string, key: string): string | null | false {
  const userRaw = p.mapKeys.get(`raw:${title}`);
  const user = userRaw !== undefined ? userRaw : p.mapKeys.get(key);
  const kind = p.layout.kind;
  if (user === undefined) return ALIAS_INDEX[kind].get(key) ?? null;
  if (user === null || user === "") return false;
  const field = resolveFieldName(kind, user);
  if (field) return field;
  p.issue(
    p.row,
    title,
    "warning",
    `列映射把「${title}」指定为「${user}」，但${KIND_LABELS[kind].zh}没有这个字段，该列未导入。可用字段：${KIND_FIELDS[kind].map((f) => f.field).join("、")}。`,
    `The column mapping assigns "${title}" to "${user}", which is not a field of the ${KIND_LABELS[kind].en}; the column was not imported. Fields: ${KIND_FIELDS[kind].map((f) => f.field).join(", ")}.`,
  );
  return false;
}

/** A column not imported: its cells are kept with the row (extras), the mapping says null. */
function keepAsExtra(p: Planner, plan: ColumnPlan): void {
  setOwn(p.layout.mapping, plan.title, null);
  plan.extra = true;
}

/** JSON: a second key for a field, read where the first is blank (and compared where both are given). */
function planAlternate(p: Planner, plan: ColumnPlan, field: string): void {
  const def = fieldDef(p.layout.kind, field)!;
  Object.assign(plan, { field, def, type: def.type, extra: def.type === "extra", alternate: true });
  setOwn(p.layout.mapping, plan.title, def.type === "ignore" ? null : field);
}

/** A second column meaning the same field: the first is imported, this one kept as an extra, with a warning. */
function planSecondColumn(p: Planner, plan: ColumnPlan, prior: ColumnPlan, field: string): void {
  const { title } = plan;
  const def = fieldDef(p.layout.kind, field);
  p.issue(
    p.row,
    title,
    "warning",
    `「${title}」与「${prior.title}」都对应${def?.label ?? field}，只导入「${prior.title}」；「${title}」的内容保留为附加列。如需改用这一列，请在列映射中指定。`,
    `"${title}" and "${prior.title}" both mean ${def?.label_en ?? field}; only "${prior.title}" is imported and "${title}" is kept as an extra column. Use the column mapping to choose.`,
  );
  keepAsExtra(p, plan);
}

/** The column holding `field`: its type, its unit, its place among the amounts or as the unit column. */
function planField(p: Planner, plan: ColumnPlan, field: string): void {
  const { layout } = p;
  const def = fieldDef(layout.kind, field)!;
  p.used.set(field, plan);
  plan.field = field;
  plan.def = def;
  plan.type = def.type;
  plan.extra = def.type === "extra";
  if (layout.kind === "ledger" && def.type === "date") plan.ymdField = YMD_FIELDS[field];
  setOwn(layout.mapping, plan.title, def.type === "ignore" ? null : field);
  if (def.type === "unit") layout.unitCol = plan.index;
  if (def.type === "amount") {
    plan.amountIdx = layout.amountCols.length;
    layout.amountCols.push(plan);
  }
  if (plan.unit === "个" && def.type === "amount") {
    p.issue(
      p.row,
      plan.title,
      "warning",
      `「${plan.title}」是金额列，但表头写的单位是“个”，按亿元读取。请把单位改为亿元、万元或元。`,
      `"${plan.title}" is an amount but its header says the unit is a count; read as 亿元 (100m CNY). Write 亿元, 万元 or 元 instead.`,
    );
    plan.unit = null;
  }
}

function warnUnknown(p: Planner): void {
  const kind = p.layout.kind;
  for (const c of p.unknown) {
    p.issue(
      p.row,
      c.title,
      "warning",
      `未识别的列「${c.title}」：内容保留为附加列，不导入${KIND_LABELS[kind].zh}。如果它对应某个字段，请在列映射中指定。`,
      `Unrecognised column "${c.title}": kept as an extra column, not imported into the ${KIND_LABELS[kind].en}. If it means one of the fields, set it in the column mapping.`,
    );
  }
}

/** A ledger's cumulative 到位资金 has no date, so it cannot count as funds in place: said once. */
function warnLedgerFundsTotal(p: Planner): void {
  const fundsTotal = p.used.get("funds_total");
  if (p.layout.kind !== "ledger" || !fundsTotal) return;
  p.issue(
    p.row,
    fundsTotal.title,
    "warning",
    `台账中的「${fundsTotal.title}」是累计数，没有到位日期，不能计入到位资金；内容保留为附加列。到位资金请按“项目、日期、金额”导入到位资金明细。`,
    `"${fundsTotal.title}" in a ledger is a running total with no date, so it cannot count as funds in place; it is kept as an extra column. Import funds in place as a funds table (project, date, amount).`,
  );
}

/** A header without a required column cannot be read as its kind: the import stops here, naming what is missing. */
function requireColumns(p: Planner): void {
  const { kind, headers } = p.layout;
  const { row } = p;
  const file = p.opts.fileLabel;
  const missing = requiredFields(kind).filter((alts) => !alts.some((f) => p.used.has(f)));
  if (missing.length === 0) return;
  const names = missing.map((alts) => alts.map((f) => fieldDef(kind, f)?.label ?? f).join("或"));
  const namesEn = missing.map((alts) => alts.map((f) => fieldDef(kind, f)?.label_en ?? f).join(" or "));
  throw new ImportError(
    "MISSING_COLUMNS",
    `「${file}」第 ${row} 行是表头，但缺少必需的列：${names.join("、")}（按${KIND_LABELS[kind].zh}读取）。请添加这些列，或在列映射中指定哪一列对应它们。`,
    `The header in row ${row} of "${file}" lacks required columns: ${namesEn.join(", ")} (read as a ${KIND_LABELS[kind].en}). Add them, or map existing columns to them.`,
    { headers, missing: missing.map((a) => a.join("|")), headerRow: row },
  );
}

/** What the checks of every data row need from the plan: titles by field, label columns, total-row blanks. */
function deriveChecks(p: Planner): void {
  const { layout, used } = p;
  const { kind, plan } = layout;
  layout.deriveIds = kind === "ledger" && !used.has("id");
  layout.hasUntitled = plan.some((c) => !c.title);
  layout.repeatProbe = plan.find((c) => c.field !== null && c.type !== "ignore" && c.title)?.index ?? -1;
  for (const [f, c] of used) layout.colTitle[f] = c.title;
  // Label cells: where a total label may stand (the first columns, names, ids, regions, 序号, year, metric).
  const probe = new Set<number>([0, 1, 2]);
  for (const f of ["name", "region", "id", "project", "project_name", "seq", "year", "metric"]) {
    const c = used.get(f);
    if (c) probe.add(c.index);
  }
  layout.probe = [...probe].filter((i) => i < plan.length);
  // In targets and reported figures, 所属地区 = 合计 with a year and a metric is data (the goal or published total of
  // the whole jurisdiction): the structure tells it from a total row, whose year and metric are blank.
  layout.totalBlank = TOTAL_BLANK_FIELDS[kind]
    .map((f) => used.get(f)?.index)
    .filter((i): i is number => i !== undefined);
  layout.amountLogs = layout.amountCols.map(() => new AmountLog());
}
