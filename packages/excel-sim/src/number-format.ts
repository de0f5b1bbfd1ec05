/**
 * Display text of a cell value under its number format (Range.text), in either of Excel's date systems.
 */
import type { CellValue } from "./sheet-model";

/** Days between the 1900 and the 1904 date systems ("Date systems in Excel", support.microsoft.com, KB 214330). */
export const DATE_SYSTEM_OFFSET = 1462;

/** `date1904`: the workbook counts serials from 1904-01-01 (0), 1,462 days fewer than the 1900 system. */
export function formatValue(v: CellValue, nf: string, date1904 = false): string {
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "string") return v;
  if (nf === "General" || nf === "@") return generalNumber(v);
  const dt = /^yyyy-mm-dd hh:mm(:ss)?$/i.exec(nf);
  if (date1904 && (dt || /^yyyy-mm(-dd)?$/i.test(nf) || /^yyyy"?年"?m"?月"?/.test(nf)))
    return formatValue(v + DATE_SYSTEM_OFFSET, nf, false);
  if (dt) {
    const ms = Math.round(((v - 25569) * 86_400_000) / 1000) * 1000;
    const d = new Date(ms);
    const p = (n: number) => String(n).padStart(2, "0");
    const base = `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
    return dt[1] ? `${base}:${p(d.getUTCSeconds())}` : base;
  }
  if (/^yyyy-mm(-dd)?$/i.test(nf) || /^yyyy"?年"?m"?月"?/.test(nf)) {
    const whole = Math.floor(v);
    const adjusted = whole < 60 ? whole + 1 : whole;
    const d = new Date((adjusted - 25569) * 86_400_000);
    const y = String(d.getUTCFullYear()).padStart(4, "0");
    const m = String(d.getUTCMonth() + 1).padStart(2, "0");
    const day = String(d.getUTCDate()).padStart(2, "0");
    if (/^yyyy-mm-dd$/i.test(nf)) return `${y}-${m}-${day}`;
    if (/^yyyy-mm$/i.test(nf)) return `${y}-${m}`;
    return `${y}年${d.getUTCMonth() + 1}月`;
  }
  const m = /^(#,##)?0(\.(0+))?(%?)$/.exec(nf);
  if (m) {
    const digits = m[3]?.length ?? 0;
    const x = m[4] ? v * 100 : v;
    let s = x.toFixed(digits);
    if (m[1]) {
      const [int, frac] = s.split(".");
      s = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (frac ? `.${frac}` : "");
    }
    return s + m[4];
  }
  return generalNumber(v);
}

function generalNumber(v: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e11) return String(v);
  const s = Number(v.toPrecision(10)).toString();
  return s;
}
