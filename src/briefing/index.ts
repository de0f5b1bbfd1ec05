/** Public surface of the quarterly briefing (成绩单): pure TypeScript, no Office. */
export * from "./types";
export {
  buildBriefing,
  briefingRows,
  briefingTable,
  BriefingError,
  figureApplies,
  monthKey,
  resolveFundsRegions,
  roundRate,
} from "./build";
export { briefingText, metricClause } from "./text";
export type { BriefingTextOptions } from "./text";
export { briefingJson, briefingMarkdown } from "./output";
export type { BriefingJson, BriefingJsonRow } from "./output";
export * from "./formulas";
