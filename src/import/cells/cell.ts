/**
 * A cell as sources give it (CSV text, JSON values, exceljs values, Range.values), flattened to a plain value and
 * shown as text; the folding every cell parser shares. None of these throws.
 */
import { toIsoDate } from "../../core/dates";

/** A cell as sources give it. exceljs objects (formula, rich text, hyperlink, error) are flattened by `plainCell`. */
export type Cell = unknown;

const FULLWIDTH = /[\uFF01-\uFF5E\u3000\u00A0]/;
/** Placeholders that mean "nothing here" in a numeric or date column. */
export const PLACEHOLDER = /^(?:[-—–－/／\\]+|无|暂无|空|n\/?a|null|none|nil|未知|待定)$/i;

/** Excel's date serial 60: 1900-02-29, a day that does not exist (see xlsx.ts excelDate). */
export class PhantomDate {
  toString(): string {
    return "1900-02-29";
  }
  toJSON(): string {
    return "1900-02-29";
  }
}
export const PHANTOM_1900_02_29 = Object.freeze(new PhantomDate());

/**
 * The formula of an exceljs formula cell that has no cached value (a file written by a program that does not
 * calculate: its value is unknown until Excel recalculates it), else null.
 */
export function formulaWithoutValue(v: Cell): string | null {
  if (v === null || typeof v !== "object" || v instanceof Date) return null;
  const o = v as Record<string, unknown>;
  if (!("formula" in o || "sharedFormula" in o)) return null;
  if (o.result !== undefined && o.result !== null) return null;
  const f =
    typeof o.formula === "string"
      ? o.formula
      : typeof o.sharedFormula === "string"
        ? `(shared ${o.sharedFormula})`
        : "";
  return f.startsWith("=") ? f : `=${f}`;
}

/**
 * The error value an xlsx cell holds (an exceljs error cell, or a formula whose cached result is an error such as
 * #DIV/0!), else null. Such a cell holds no data: it must not become a name. Text that merely reads "#N/A" (a CSV)
 * is text; as a region it is rejected by the region rule (region_ambiguous).
 */
export function errorValue(v: Cell): string | null {
  if (v === null || typeof v !== "object" || v instanceof Date) return null;
  const o = v as Record<string, unknown>;
  if ("error" in o) return safeString(o.error);
  if ("result" in o && o.result !== null && typeof o.result === "object") return errorValue(o.result);
  return null;
}

/** Flatten an exceljs cell value to a plain value: formula → result, rich text → text, hyperlink → text, error → "#N/A". */
export function plainCell(v: Cell): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v !== "object" || v instanceof Date) return v;
  const o = v as Record<string, unknown>;
  if ("result" in o || "formula" in o || "sharedFormula" in o) return plainCell(o.result ?? null);
  if (Array.isArray(o.richText))
    return (o.richText as Array<{ text?: unknown }>).map((r) => safeString(r?.text ?? "")).join("");
  if ("text" in o && ("hyperlink" in o || typeof o.text === "string")) return plainCell(o.text);
  if ("error" in o) return safeString(o.error);
  return v;
}

/** True when a cell holds nothing (null, "", whitespace only). */
export function isBlank(v: Cell): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === "string") {
    if (v.length === 0) return true;
    const c = v.charCodeAt(0);
    if (c > 0x20 && c !== 0x3000 && c !== 0xfeff && c !== 0xa0 && c < 0x2000) return false;
    return /^[\s\u3000\uFEFF]*$/.test(v);
  }
  return false;
}

/** A cell as text for display in messages and for text fields (numbers as written, dates as ISO). */
export function cellText(v: Cell): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (v instanceof Date) {
    const d = dateFromJsDate(v);
    return d ?? "";
  }
  if (v instanceof PhantomDate) return v.toString();
  if (typeof v === "bigint") return v.toString();
  try {
    return JSON.stringify(v) ?? "";
  } catch {
    return safeString(v);
  }
}

/** String(v) for any value, including objects whose toString is broken or missing. */
export function safeString(v: unknown): string {
  try {
    return String(v);
  } catch {
    return Object.prototype.toString.call(v);
  }
}

/** A JS Date (exceljs gives dates as UTC midnight) as an ISO day, or null outside 1900–9999. */
export function dateFromJsDate(d: Date): string | null {
  const t = d.getTime();
  if (!Number.isFinite(t)) return null;
  // exceljs gives dates as UTC midnight; round to the second to absorb float dust from serial conversion.
  const r = new Date(Math.round(t / 1000) * 1000);
  const y = r.getUTCFullYear();
  if (y < 1900 || y > 9999) return null;
  return toIsoDate({ year: y, month: r.getUTCMonth() + 1, day: r.getUTCDate() });
}

/** Full-width letters, digits and spaces folded to ASCII (NFKC), only when there are any. */
export function fold(s: string): string {
  return FULLWIDTH.test(s) ? s.normalize("NFKC") : s;
}

/** The key a word is looked up by: folded, without whitespace, lower case. */
export function lookupKey(s: string): string {
  return fold(s)
    .replace(/[\s\u3000]+/g, "")
    .toLowerCase();
}
