/**
 * Units of money and counts, as headers, "单位：万元" lines and unit cells write them. Amounts are kept in 亿元; a
 * unit says how to get there.
 */

/** Money units, as the divisor that turns a value in that unit into 亿元. */
export type MoneyUnit = "元" | "千元" | "万元" | "百万元" | "千万元" | "亿元";
export type Unit = MoneyUnit | "个";
export const UNIT_DIVISOR: Record<MoneyUnit, number> = {
  元: 1e8,
  千元: 1e5,
  万元: 1e4,
  百万元: 100,
  千万元: 10,
  亿元: 1,
};

/** Find a unit word in a header, a "单位：万元" line or a unit cell; null when none. */
export function detectUnit(text: string): Unit | null {
  const s = text.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
  if (s === "") return null;
  if (/千万元|千万/.test(s)) return "千万元";
  if (/百万元|百万/.test(s)) return "百万元";
  if (/亿元|亿/.test(s)) return "亿元";
  if (/万元|万/.test(s)) return "万元";
  if (/千元/.test(s)) return "千元";
  if (/100m(illion)?(cny|rmb|yuan)|hundredmillion/.test(s)) return "亿元";
  if (/10k(cny|rmb|yuan)|10,?000(cny|rmb|yuan)|tenthousand/.test(s)) return "万元";
  if (/million/.test(s)) return "百万元";
  if (/元|^(cny|rmb|yuan)$/.test(s)) return "元";
  if (/^(个|项|家|个数|项目数|count|projects?)$/.test(s)) return "个";
  return null;
}
