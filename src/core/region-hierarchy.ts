/**
 * Regions as a hierarchy: the built-in divisions (src/core/divisions.ts) overridden and extended by the user's regions
 * table (地区表: 地区, 上级地区, 级别, 别名, 排序), and THE resolution of a name to one canonical region, shared by the
 * importer (names folded at import), the briefing (a region's figure includes its descendants) and the sheet formulas
 * (the data sheets carry each record's path of canonical names: src/core/region-paths.ts).
 *
 * Names compare by regionKey (src/core/regions.ts: case and width folded, as Excel's criteria compare), the one rule.
 * A name resolves, best first, to: the region whose canonical name it is; the region a user alias names; the region
 * whose official name or short form it is (海西蒙古族藏族自治州, 海西, 西宁). A short form two regions share (海南: 海南省
 * and 海南州; 城中区: 西宁's and 柳州's) is ambiguous; resolveNames settles it by the data's context (the candidate
 * under the province or city where the data's other names lie), else it stays unresolved and is reported.
 *
 * Validation of the user's table (buildHierarchy): a name used twice, an alias pointing at two regions, an unknown or
 * ambiguous parent, a region that is its own parent, cycles, a chain deeper than MAX_REGION_DEPTH; each an issue at
 * its row and column, in Chinese and English; bad rows are left out, and so are rows whose parent was left out.
 * Everything is linear or n·log n in the number of regions (10,000 regions validate in milliseconds).
 *
 * This module is the entry point; the parts: the hierarchy and name resolution (region-hierarchy-model.ts,
 * edit-distance.ts), the table's rows and issues (region-table-types.ts), and buildHierarchy (region-table-build.ts)
 * with one module per step of checking the table (region-table-names, -parents, -limits, -levels, -assemble, and
 * region-table-check for the state they share).
 */
export { REGION_LEVELS, type RegionLevel } from "./region-levels";
export { MAX_REGION_DEPTH, RegionHierarchy, type NameResolution } from "./region-hierarchy-model";
export { editDistance } from "./edit-distance";
export type { HierarchyBuild, RegionIssue, RegionRow } from "./region-table-types";
export { buildHierarchy, divisionsHierarchy } from "./region-table-build";
