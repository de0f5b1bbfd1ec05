/**
 * Header cells reduced to the key their column is looked up by, and the unit they carry: "签约金额（万元）" and
 * "签约金额/万元" are both the 签约金额 column, in 万元.
 */
import { detectUnit, type Unit } from "./units";

export interface NormalizedHeader {
  /** Lookup key: NFKC, lower case, no spaces/punctuation, units removed. */
  key: string;
  unit: Unit | null;
}

/**
 * Normalise a header cell: "签约金额（万元）" → {key: "签约金额", unit: "万元"}; "Signed amount (100m CNY)" →
 * {key: "signedamount", unit: "亿元"}; "* 项目名称：" → {key: "项目名称"}.
 */
export function normalizeHeader(raw: unknown): NormalizedHeader {
  let s = (typeof raw === "string" ? raw : raw == null ? "" : safeText(raw))
    .normalize("NFKC")
    .replace(/[【〔［[]/g, "(")
    .replace(/[】〕］\]]/g, ")");
  let unit: Unit | null = null;
  s = s.replace(/\(([^()]*)\)/g, (_m, inner: string) => {
    const u = detectUnit(inner.replace(/^单位[:：]?/, ""));
    if (u && !unit) unit = u;
    return "";
  });
  s = s.replace(/[\s_\-.:：*\u3000]+/g, "").toLowerCase();
  s = s.replace(/^其中/, "");
  // A unit written after a slash or glued to the end: "签约金额/万元", "签约金额万元".
  const tail = /^(.+?)\/?(千万元|百万元|亿元|万元|千元)$/.exec(s);
  if (tail && !unit) {
    unit = tail[2] as Unit;
    s = tail[1];
  }
  s = s.replace(/\/$/, "");
  return { key: s, unit };
}

function safeText(v: unknown): string {
  try {
    return String(v);
  } catch {
    return Object.prototype.toString.call(v);
  }
}
