/** The report periods the 成绩单 panel offers: quarters of the recent years, and the one chosen at first. */
import type { MessageKey, Translate } from "../../i18n";
import type { BriefingAvailability } from "../../services";

/** Quarter options for the recent years (newest first). */
export function quarterOptions(years: number[]): string[] {
  const sorted = [...new Set(years)].sort((a, b) => b - a).slice(0, 3);
  return sorted.flatMap((y) => [4, 3, 2, 1].map((q) => `${y}Q${q}`));
}

/** The quarter of the latest data; else the first quarter of the latest year known (with data, targets, or now). */
export function defaultPeriod(a: BriefingAvailability): string {
  if (a.latest) return `${a.latest.year}Q${Math.ceil(a.latest.month / 3)}`;
  const years = a.dataYears.length ? a.dataYears : a.targetYears.length ? a.targetYears : [new Date().getFullYear()];
  return `${Math.max(...years)}Q1`;
}

/** "2025Q1" → "2025 年一季度" / "Q1 2025", in the UI language. */
export function quarterName(t: Translate, code: string): string {
  return t("quarterOption", { year: code.slice(0, 4), quarter: t(`q${code.slice(5)}` as MessageKey) });
}
