/**
 * The canonical sheets and their columns: Chinese titles as users see them in Excel, the canonical field behind
 * each, and the ASCII table names formulas refer to (Ledger[签约金额(亿元)]). Import recognises these titles (and
 * aliases), the sheet writer writes them, the briefing's formulas and the xlsx exporter reference them.
 */

/** Which table a source holds (the import layer adds "auto": decide from the headers). */
export type DatasetKind = "ledger" | "funds" | "targets" | "figures" | "regions";

/** Every dataset kind, in the order the add-in lists them. */
export const DATASET_KINDS: readonly DatasetKind[] = ["ledger", "funds", "targets", "figures", "regions"];

export type ColumnType = "text" | "date" | "amount" | "count" | "boolean" | "year" | "month" | "metric";

export interface ColumnSpec {
  field: string;
  title: string;
  title_en: string;
  type: ColumnType;
  required?: boolean;
}

export interface SheetSpec {
  kind: DatasetKind;
  /** Worksheet name. */
  sheet: string;
  /** Excel table name (ASCII so formulas work in every Excel language). */
  table: string;
  columns: ColumnSpec[];
}

export const LEDGER: SheetSpec = {
  kind: "ledger",
  sheet: "台账",
  table: "Ledger",
  columns: [
    { field: "id", title: "项目编号", title_en: "Project ID", type: "text", required: true },
    { field: "name", title: "项目名称", title_en: "Project name", type: "text", required: true },
    { field: "region", title: "所属地区", title_en: "Region", type: "text", required: true },
    { field: "park", title: "园区", title_en: "Park", type: "text" },
    { field: "industry", title: "产业类别", title_en: "Industry", type: "text" },
    { field: "investor", title: "投资方", title_en: "Investor", type: "text" },
    { field: "investor_type", title: "企业类型", title_en: "Investor type", type: "text" },
    { field: "investor_origin", title: "投资来源地", title_en: "Investor origin", type: "text" },
    { field: "stage", title: "项目阶段", title_en: "Stage", type: "text" },
    { field: "signed_date", title: "签约日期", title_en: "Signed date", type: "date" },
    { field: "started_date", title: "开工日期", title_en: "Started date", type: "date" },
    { field: "signed_amount", title: "签约金额(亿元)", title_en: "Signed amount (100m CNY)", type: "amount" },
    {
      field: "planned_investment",
      title: "计划总投资(亿元)",
      title_en: "Planned investment (100m CNY)",
      type: "amount",
    },
    { field: "notes", title: "备注", title_en: "Notes", type: "text" },
    { field: "source", title: "来源", title_en: "Source", type: "text" },
    // Derived at import from 所属地区 (and 园区) and the regions (src/core/region-hierarchy.ts): the briefing's formulas
    // sum a region with its descendants by one criterion on it ("青海省›西宁市›*"). Blank when the region is unknown.
    { field: "region_path", title: "地区路径", title_en: "Region path", type: "text" },
  ],
};

export const FUNDS: SheetSpec = {
  kind: "funds",
  sheet: "到位资金",
  table: "Funds",
  columns: [
    { field: "project", title: "项目编号或名称", title_en: "Project", type: "text", required: true },
    { field: "region", title: "所属地区", title_en: "Region", type: "text" },
    { field: "date", title: "到位日期", title_en: "Date", type: "date", required: true },
    { field: "amount", title: "到位金额(亿元)", title_en: "Amount (100m CNY)", type: "amount", required: true },
    { field: "out_of_province", title: "省外资金", title_en: "Out of province", type: "boolean" },
    { field: "source", title: "来源", title_en: "Source", type: "text" },
    { field: "region_path", title: "地区路径", title_en: "Region path", type: "text" },
  ],
};

export const TARGETS: SheetSpec = {
  kind: "targets",
  sheet: "目标任务",
  table: "Targets",
  columns: [
    { field: "year", title: "年份", title_en: "Year", type: "year", required: true },
    { field: "region", title: "所属地区", title_en: "Region", type: "text", required: true },
    { field: "metric", title: "指标", title_en: "Metric", type: "metric", required: true },
    { field: "value", title: "目标值", title_en: "Target", type: "amount", required: true },
    { field: "source", title: "来源", title_en: "Source", type: "text" },
  ],
};

export const FIGURES: SheetSpec = {
  kind: "figures",
  sheet: "汇总数",
  table: "Figures",
  columns: [
    { field: "year", title: "年份", title_en: "Year", type: "year", required: true },
    { field: "through_month", title: "截至月份", title_en: "Through month", type: "month", required: true },
    { field: "region", title: "所属地区", title_en: "Region", type: "text", required: true },
    { field: "metric", title: "指标", title_en: "Metric", type: "metric", required: true },
    { field: "scope", title: "口径", title_en: "Scope", type: "text" },
    { field: "value", title: "数值", title_en: "Value", type: "amount", required: true },
    { field: "status", title: "状态", title_en: "Status", type: "text" },
    { field: "source", title: "来源", title_en: "Source", type: "text" },
  ],
};

/** 地区表: the user's regions, overriding and extending the built-in divisions (src/core/region-hierarchy.ts). */
export const REGIONS: SheetSpec = {
  kind: "regions",
  sheet: "地区",
  table: "Regions",
  columns: [
    { field: "name", title: "地区", title_en: "Region", type: "text", required: true },
    { field: "parent", title: "上级地区", title_en: "Parent", type: "text" },
    { field: "level", title: "级别", title_en: "Level", type: "text" },
    { field: "aliases", title: "别名", title_en: "Aliases", type: "text" },
    { field: "order", title: "排序", title_en: "Order", type: "count" },
    { field: "code", title: "区划代码", title_en: "Code", type: "text" },
    { field: "source", title: "来源", title_en: "Source", type: "text" },
  ],
};

export const SHEETS: Record<DatasetKind, SheetSpec> = {
  ledger: LEDGER,
  funds: FUNDS,
  targets: TARGETS,
  figures: FIGURES,
  regions: REGIONS,
};

/** The sheet writer's archive of removed and replaced rows, and its change log (base names, before a namespace). */
export const ARCHIVE_BASE = { sheet: "归档", table: "Archive" } as const;
export const CHANGELOG_BASE = { sheet: "变更日志", table: "ChangeLog" } as const;

/** Tables the add-in itself writes (the dataset tables, the archive and the change log): never offered as sources. */
export const OWN_TABLES: readonly string[] = [
  ...Object.values(SHEETS).map((s) => s.table),
  ARCHIVE_BASE.table,
  CHANGELOG_BASE.table,
];

/** Title of a canonical column, by field. */
export function columnTitle(spec: SheetSpec, field: string): string {
  const col = spec.columns.find((c) => c.field === field);
  if (!col) throw new Error(`${spec.table} has no column ${field}`);
  return col.title;
}
