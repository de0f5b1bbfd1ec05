/**
 * The user's regions table (地区表) as buildHierarchy reads it, and what checking it reports: an issue per problem,
 * at its row and column, in Chinese and English.
 */
import type { RegionLevel } from "./region-levels";
import type { RegionHierarchy } from "./region-hierarchy-model";

/** A row of the user's regions table (地区表). */
export interface RegionRow {
  /** 地区: the canonical name records will carry. */
  name: string;
  /** 上级地区: a name (or alias) of another region of the table or of the built-in divisions; blank = top level. */
  parent?: string | null;
  /** 级别; blank: the built-in level of the same region, else one finer than the parent's. */
  level?: RegionLevel | null;
  /** 别名 (several, separated by 、 or ;). */
  aliases?: string[] | null;
  /** 排序: the order of rows in a report card (ascending; blank after the numbered ones). */
  order?: number | null;
  /** 区划代码, when the user gives one. */
  code?: string | null;
  source?: string | null;
}

export interface RegionIssue {
  /** Index of the row in the rows given to buildHierarchy. */
  index: number;
  field: "name" | "parent" | "level" | "aliases";
  severity: "error" | "warning";
  code:
    | "duplicate_name"
    | "same_region"
    | "alias_conflict"
    | "unknown_parent"
    | "ambiguous_parent"
    | "self_parent"
    | "cycle"
    | "too_deep"
    | "path_too_long"
    | "parent_rejected"
    | "level_order";
  message: string;
  message_en: string;
}

export interface HierarchyBuild {
  hierarchy: RegionHierarchy;
  issues: RegionIssue[];
  /** Indexes of the rows left out (each has at least one error issue). */
  rejected: Set<number>;
}
