/**
 * The levels a report card is written at: 省 (province), 市州 (prefecture: 市, 州, 地区, 盟), 县区 (county: 县, 区, 县级市,
 * 旗), 园区 (development zones and parks: 开发区, 新区, 园区…, which GB/T 2260 does not list). Coarse to fine.
 */
export const REGION_LEVELS = ["省", "市州", "县区", "园区"] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

/** Coarse (1) to fine (4). */
export function levelRank(level: RegionLevel): number {
  return REGION_LEVELS.indexOf(level) + 1;
}

export const LEVEL_EN: Record<RegionLevel, string> = {
  省: "province",
  市州: "prefecture",
  县区: "county",
  园区: "zone or park",
};

const WORDS: ReadonlyArray<[RegionLevel, RegExp]> = [
  ["省", /^(省|省级|省份|自治区|直辖市|province|provincial)$/i],
  ["市州", /^(市州|市|州|地市|地级|地级市|市级|地区|盟|自治州|prefecture|city)$/i],
  ["县区", /^(县区|县|区|县级|县市区|县\(市、区\)|县级市|旗|自治县|自治旗|county|district)$/i],
  ["园区", /^(园区|开发区|新区|高新区|经开区|工业园区|产业园区|功能区|zone|park|development zone)$/i],
];

/** The level a cell names (省, 市州, 县区, 园区 and their synonyms), or null. */
export function parseLevel(text: string): RegionLevel | null {
  const t = text.normalize("NFKC").replace(/\s+/g, "").replace(/（/g, "(").replace(/）/g, ")");
  for (const [level, re] of WORDS) if (re.test(t)) return level;
  return null;
}
