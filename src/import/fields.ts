/**
 * What each source column can mean: the canonical fields of every dataset kind (src/core/columns.ts), the
 * header aliases people write in 台账 (Chinese and English), and a few helper fields that are not in the model
 * but are recognised so that they raise no "unknown column" warning (序号, 单位, 来源文件, 原文…).
 */
import { DATASET_KINDS, FIGURES, FUNDS, LEDGER, REGIONS, SHEETS, TARGETS, type SheetSpec } from "../core/columns";
import { normalizeHeader } from "./header-key";
import type { DatasetKind } from "./types";

export type FieldType =
  | "id"
  | "text"
  | "date"
  | "amount"
  | "year"
  | "month"
  | "metric"
  | "stage"
  | "investor_type"
  | "boolean"
  | "status"
  /** A region level: 省 / 市州 / 县区 / 园区 and synonyms. */
  | "level"
  /** A sort key: a number (排序). */
  | "order"
  /** A value whose unit depends on the row's metric: a count or an amount in 亿元. */
  | "metric_value"
  /** A per-row unit column (单位: 亿元 / 万元 / 个). */
  | "unit"
  /** Recognised and kept with the row as an extra (not part of the model). */
  | "extra"
  /** Recognised and ignored (序号). */
  | "ignore";

export interface FieldDef {
  field: string;
  type: FieldType;
  required?: boolean;
  /** Chinese label for messages. */
  label: string;
  label_en: string;
  aliases: string[];
}

const REGION_ALIASES = [
  "所属地区",
  "地区",
  "区域",
  "县区",
  "所属县区",
  "所属区域",
  "所在地区",
  "属地",
  "市州",
  "所属市州",
  "县(市、区)",
  "县市区",
  "region",
  "area",
  "district",
];
const SOURCE_ALIASES = ["来源", "出处", "数据来源", "资料来源", "source"];
const SEQ_ALIASES = ["序号", "序", "行号", "no", "no.", "#", "index", "seq"];
const UNIT_ALIASES = ["单位", "计量单位", "金额单位", "unit"];
const SOURCE_FILE_ALIASES = ["来源文件", "文件", "source file", "file"];

const seq: FieldDef = { field: "seq", type: "ignore", label: "序号", label_en: "No.", aliases: SEQ_ALIASES };

export const LEDGER_FIELDS: FieldDef[] = [
  {
    field: "id",
    type: "id",
    label: "项目编号",
    label_en: "Project ID",
    aliases: ["项目编号", "编号", "项目代码", "项目编码", "项目id", "id", "project id", "code"],
  },
  {
    field: "name",
    type: "text",
    required: true,
    label: "项目名称",
    label_en: "Project name",
    aliases: ["项目名称", "项目", "名称", "项目名", "name", "project name", "project"],
  },
  { field: "region", type: "text", required: true, label: "所属地区", label_en: "Region", aliases: REGION_ALIASES },
  { field: "park", type: "text", label: "园区", label_en: "Park", aliases: ["园区", "所属园区", "所在园区", "park"] },
  {
    field: "industry",
    type: "text",
    label: "产业类别",
    label_en: "Industry",
    aliases: [
      "产业类别",
      "产业",
      "行业",
      "所属行业",
      "所属产业",
      "产业类型",
      "行业类别",
      "产业领域",
      "industry",
      "sector",
    ],
  },
  {
    field: "investor",
    type: "text",
    label: "投资方",
    label_en: "Investor",
    aliases: [
      "投资方",
      "签约企业",
      "企业名称",
      "投资主体",
      "投资企业",
      "签约单位",
      "投资商",
      "投资方名称",
      "investor",
      "company",
    ],
  },
  {
    field: "investor_type",
    type: "investor_type",
    label: "企业类型",
    label_en: "Investor type",
    aliases: ["企业类型", "企业性质", "投资方类型", "企业类别", "投资方性质", "investor type"],
  },
  {
    field: "investor_origin",
    type: "text",
    label: "投资来源地",
    label_en: "Investor origin",
    aliases: [
      "投资来源地",
      "来源地",
      "投资方所在地",
      "企业来源地",
      "投资来源",
      "资金来源地",
      "origin",
      "investor origin",
    ],
  },
  {
    field: "stage",
    type: "stage",
    label: "项目阶段",
    label_en: "Stage",
    aliases: ["项目阶段", "阶段", "进展", "项目进展", "推进阶段", "项目状态", "进展情况", "stage", "status"],
  },
  {
    field: "signed_date",
    type: "date",
    label: "签约日期",
    label_en: "Signed date",
    aliases: ["签约日期", "签约时间", "签约年月", "签订日期", "signed date", "sign date"],
  },
  {
    field: "started_date",
    type: "date",
    label: "开工日期",
    label_en: "Started date",
    aliases: ["开工日期", "开工时间", "开工年月", "实际开工日期", "started date", "start date"],
  },
  {
    field: "signed_amount",
    type: "amount",
    label: "签约金额",
    label_en: "Signed amount",
    aliases: [
      "签约金额",
      "签约额",
      "合同金额",
      "签约投资额",
      "协议金额",
      "协议投资额",
      "签约总额",
      "合同额",
      "signed amount",
      "amount",
    ],
  },
  {
    field: "planned_investment",
    type: "amount",
    label: "计划总投资",
    label_en: "Planned investment",
    aliases: [
      "计划总投资",
      "总投资",
      "项目总投资",
      "投资总额",
      "计划投资",
      "总投资额",
      "计划投资额",
      "planned investment",
      "total investment",
      "investment",
    ],
  },
  {
    field: "notes",
    type: "text",
    label: "备注",
    label_en: "Notes",
    aliases: ["备注", "说明", "备注说明", "notes", "note", "remarks"],
  },
  { field: "source", type: "text", label: "来源", label_en: "Source", aliases: SOURCE_ALIASES },
  seq,
  // The 地区路径 column the add-in writes (derived from 所属地区 and the regions): recognised, never read back.
  {
    field: "region_path",
    type: "ignore",
    label: "地区路径",
    label_en: "Region path",
    aliases: ["地区路径", "region path"],
  },
  // A ledger's cumulative 到位资金 has no date, so it cannot become a 到位资金明细 entry: recognised, kept as an extra, and explained once.
  {
    field: "funds_total",
    type: "extra",
    label: "到位资金",
    label_en: "Funds in place",
    aliases: ["到位资金", "到位金额", "累计到位资金", "实际到位资金", "累计到位", "funds in place"],
  },
];

export const FUNDS_FIELDS: FieldDef[] = [
  {
    field: "project",
    type: "text",
    label: "项目编号",
    label_en: "Project ID",
    aliases: ["项目编号或名称", "项目编号", "编号", "项目id", "project id", "project"],
  },
  {
    field: "project_name",
    type: "text",
    label: "项目名称",
    label_en: "Project name",
    aliases: ["项目名称", "项目", "项目名", "name", "project name"],
  },
  { field: "region", type: "text", label: "所属地区", label_en: "Region", aliases: REGION_ALIASES },
  {
    field: "date",
    type: "date",
    required: true,
    label: "到位日期",
    label_en: "Date",
    aliases: ["到位日期", "到位时间", "到账日期", "到账时间", "资金到位日期", "到位月份", "日期", "date"],
  },
  {
    field: "amount",
    type: "amount",
    required: true,
    label: "到位金额",
    label_en: "Amount",
    aliases: ["到位金额", "到位资金", "到账金额", "实际到位资金", "到位资金额", "金额", "amount"],
  },
  {
    field: "out_of_province",
    type: "boolean",
    label: "省外资金",
    label_en: "Out of province",
    aliases: ["省外资金", "是否省外", "是否省外资金", "省外", "out of province"],
  },
  { field: "source", type: "text", label: "来源", label_en: "Source", aliases: SOURCE_ALIASES },
  seq,
  {
    field: "region_path",
    type: "ignore",
    label: "地区路径",
    label_en: "Region path",
    aliases: ["地区路径", "region path"],
  },
];

export const TARGETS_FIELDS: FieldDef[] = [
  {
    field: "year",
    type: "year",
    required: true,
    label: "年份",
    label_en: "Year",
    aliases: ["年份", "年度", "年", "year"],
  },
  { field: "region", type: "text", required: true, label: "所属地区", label_en: "Region", aliases: REGION_ALIASES },
  {
    field: "metric",
    type: "metric",
    required: true,
    label: "指标",
    label_en: "Metric",
    aliases: ["指标", "指标名称", "考核指标", "目标指标", "metric", "indicator"],
  },
  {
    field: "value",
    type: "metric_value",
    required: true,
    label: "目标值",
    label_en: "Target",
    aliases: ["目标值", "目标", "年度目标", "目标任务", "年度目标任务", "目标数", "任务数", "target", "value"],
  },
  { field: "unit", type: "unit", label: "单位", label_en: "Unit", aliases: UNIT_ALIASES },
  {
    field: "basis",
    type: "text",
    label: "推算依据",
    label_en: "Basis",
    aliases: ["推算依据", "测算依据", "依据", "说明", "备注", "basis", "notes"],
  },
  { field: "source_file", type: "text", label: "来源文件", label_en: "Source file", aliases: SOURCE_FILE_ALIASES },
  { field: "source", type: "text", label: "来源", label_en: "Source", aliases: SOURCE_ALIASES },
  seq,
];

export const FIGURES_FIELDS: FieldDef[] = [
  {
    field: "year",
    type: "year",
    required: true,
    label: "年份",
    label_en: "Year",
    aliases: ["年份", "年度", "年", "year"],
  },
  {
    field: "through_month",
    type: "month",
    label: "截至月份",
    label_en: "Through month",
    aliases: ["截至月份", "截止月份", "截至", "截止", "累计月份", "月份", "through month", "month"],
  },
  { field: "region", type: "text", required: true, label: "所属地区", label_en: "Region", aliases: REGION_ALIASES },
  {
    field: "metric",
    type: "metric",
    required: true,
    label: "指标",
    label_en: "Metric",
    aliases: ["指标", "指标名称", "metric", "indicator"],
  },
  { field: "scope", type: "text", label: "口径", label_en: "Scope", aliases: ["口径", "统计口径", "scope"] },
  {
    field: "value",
    type: "metric_value",
    required: true,
    label: "数值",
    label_en: "Value",
    aliases: ["数值", "值", "汇总数", "完成值", "完成数", "实际完成", "value", "actual"],
  },
  { field: "unit", type: "unit", label: "单位", label_en: "Unit", aliases: UNIT_ALIASES },
  {
    field: "published_rate",
    type: "extra",
    label: "公布完成率",
    label_en: "Published completion rate",
    aliases: ["公布完成率", "完成率", "published rate"],
  },
  {
    field: "published_yoy",
    type: "extra",
    label: "公布同比",
    label_en: "Published growth",
    aliases: ["公布同比", "同比", "同比增长", "published yoy", "published growth"],
  },
  { field: "status", type: "status", label: "状态", label_en: "Status", aliases: ["状态", "采用状态", "status"] },
  { field: "source_file", type: "text", label: "来源文件", label_en: "Source file", aliases: SOURCE_FILE_ALIASES },
  { field: "quote", type: "text", label: "原文", label_en: "Quote", aliases: ["原文", "引文", "原文摘录", "quote"] },
  { field: "source", type: "text", label: "来源", label_en: "Source", aliases: SOURCE_ALIASES },
  seq,
];

/** 地区表: the user's regions (see src/core/region-hierarchy.ts). 地区 and 上级地区 are required columns. */
export const REGIONS_FIELDS: FieldDef[] = [
  {
    field: "name",
    type: "text",
    required: true,
    label: "地区",
    label_en: "Region",
    aliases: ["地区", "地区名称", "名称", "区域", "单位", "region", "name"],
  },
  {
    field: "parent",
    type: "text",
    label: "上级地区",
    label_en: "Parent",
    aliases: ["上级地区", "上级", "上级区域", "所属上级", "隶属", "隶属于", "parent", "parent region"],
  },
  {
    field: "level",
    type: "level",
    label: "级别",
    label_en: "Level",
    aliases: ["级别", "层级", "地区级别", "行政级别", "level"],
  },
  {
    field: "aliases",
    type: "text",
    label: "别名",
    label_en: "Aliases",
    aliases: ["别名", "简称", "又称", "别称", "其他名称", "aliases", "alias"],
  },
  {
    field: "order",
    type: "order",
    label: "排序",
    label_en: "Order",
    aliases: ["排序", "顺序", "排列顺序", "排序号", "order", "sort"],
  },
  {
    field: "code",
    type: "text",
    label: "区划代码",
    label_en: "Code",
    aliases: ["区划代码", "行政区划代码", "代码", "code"],
  },
  { field: "source_file", type: "text", label: "来源文件", label_en: "Source file", aliases: SOURCE_FILE_ALIASES },
  { field: "quote", type: "text", label: "原文", label_en: "Quote", aliases: ["原文", "引文", "原文摘录", "quote"] },
  { field: "basis", type: "text", label: "依据", label_en: "Basis", aliases: ["依据", "说明", "备注", "notes"] },
  { field: "source", type: "text", label: "来源", label_en: "Source", aliases: SOURCE_ALIASES },
  seq,
];

export const KIND_FIELDS: Record<DatasetKind, FieldDef[]> = {
  ledger: LEDGER_FIELDS,
  funds: FUNDS_FIELDS,
  targets: TARGETS_FIELDS,
  figures: FIGURES_FIELDS,
  regions: REGIONS_FIELDS,
};

export const KINDS = DATASET_KINDS;

export const KIND_LABELS: Record<DatasetKind, { zh: string; en: string }> = {
  ledger: { zh: "项目台账", en: "project ledger" },
  funds: { zh: "到位资金明细", en: "funds in place" },
  targets: { zh: "目标任务", en: "targets" },
  figures: { zh: "汇总数", en: "reported figures" },
  regions: { zh: "地区表", en: "regions table" },
};

function aliasKey(alias: string): string {
  return normalizeHeader(alias).key;
}

/** Per kind: normalized alias → field. Canonical titles and field names from columns.ts are included. */
export const ALIAS_INDEX: Record<DatasetKind, Map<string, string>> = buildIndex();

function buildIndex(): Record<DatasetKind, Map<string, string>> {
  const out = {} as Record<DatasetKind, Map<string, string>>;
  for (const kind of KINDS) {
    const map = new Map<string, string>();
    const spec: SheetSpec = SHEETS[kind];
    for (const def of KIND_FIELDS[kind]) {
      const keys = [def.field, def.field.replace(/_/g, " "), ...def.aliases];
      const col = spec.columns.find((c) => c.field === def.field);
      if (col) keys.push(col.title, col.title_en);
      for (const k of keys) {
        const key = aliasKey(k);
        if (key && !map.has(key)) map.set(key, def.field);
      }
    }
    out[kind] = map;
  }
  return out;
}

export function fieldDef(kind: DatasetKind, field: string): FieldDef | undefined {
  return KIND_FIELDS[kind].find((f) => f.field === field);
}

/** Resolve a user-given mapping target (a field name or a canonical title) to a field of the kind. */
export function resolveFieldName(kind: DatasetKind, target: string): string | null {
  if (KIND_FIELDS[kind].some((f) => f.field === target)) return target;
  return ALIAS_INDEX[kind].get(normalizeHeader(target).key) ?? null;
}

// Units and header keys have modules of their own; importers of the field tables find them here too.
export { detectUnit, UNIT_DIVISOR, type MoneyUnit, type Unit } from "./units";
export { normalizeHeader, type NormalizedHeader } from "./header-key";
// Kept for consumers that want the sheet specs next to the aliases.
export { LEDGER, FUNDS, TARGETS, FIGURES, REGIONS };
