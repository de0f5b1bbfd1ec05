/**
 * The regions of the side-by-side card: the list asked for (resolved through the hierarchy as the data was at
 * import), or every region met in the data. Regions are one region when src/core/regions.ts says so (case and width
 * folded, as Excel's criteria compare): slots are keyed by regionKey; a region is shown by its first spelling in
 * code-point order (so the row order of the input never changes the label), or as asked in options.regions.
 */
import { regionKey } from "../core/regions";
import type { RegionHierarchy } from "../core/region-hierarchy";
import { type BriefingInput, type BriefingOptions, type BriefingWarning, TOTAL_REGION } from "./types";

const TOTAL_KEY = regionKey(TOTAL_REGION);

/** Chinese collation for region order (created once: building a collator costs about half a millisecond). */
let zhCollator: Intl.Collator | null = null;

/** Whether a region is the 合计 row's (as Excel compares it: case and width folded). */
export function isTotalRegion(region: string): boolean {
  return regionKey(region) === TOTAL_KEY;
}

/** Region slots: a number per region, in the order first met (or as listed). */
export class RegionSlots {
  readonly names: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly variants = new Map<number, Set<string>>();

  /** `explicit`: the regions asked for, in order (only they get a slot); null: every region met gets one. */
  constructor(readonly explicit: readonly string[] | null) {
    if (explicit)
      for (const r of explicit)
        if (!this.index.has(regionKey(r))) {
          this.index.set(regionKey(r), this.names.length);
          this.names.push(r);
        }
  }

  /** The slot of a region (−1: not in the list asked for); notes spellings that differ only in case or width. */
  readonly slotOf = (name: string): number => {
    const key = regionKey(name);
    const known = this.index.get(key);
    if (known !== undefined) {
      if (name !== this.names[known]) this.noteVariant(known, name);
      return known;
    }
    if (this.explicit) return -1;
    const slot = this.names.length;
    this.names.push(name);
    this.index.set(key, slot);
    return slot;
  };

  private noteVariant(slot: number, name: string): void {
    let v = this.variants.get(slot);
    if (!v) this.variants.set(slot, (v = new Set([this.names[slot]])));
    v.add(name);
    if (!this.explicit && name < this.names[slot]) this.names[slot] = name;
  }

  /** The slots in row order: as listed, else by Chinese collation. */
  order(): number[] {
    const order = this.names.map((_, i) => i);
    if (this.explicit) return order;
    const collator = (zhCollator ??= new Intl.Collator("zh-CN"));
    return order.sort((x, y) => collator.compare(this.names[x], this.names[y]));
  }

  /** One note per region written in several spellings that Excel's sums by region do not tell apart. */
  variantWarnings(): BriefingWarning[] {
    return [...this.variants].map(([slot, names]) => {
      const list = [...names].sort();
      return {
        code: "region_variants",
        message: `地区名称 ${list.map((n) => `「${n}」`).join("")} 只差大小写或全角/半角，Excel 按地区汇总时视为同一地区，已合并为「${this.names[slot]}」统计。`,
        message_en: `Region names ${list.map((n) => `"${n}"`).join(", ")} differ only in case or width, which Excel's sums by region do not tell apart: counted as one region, "${this.names[slot]}".`,
      };
    });
  }
}

/**
 * The regions asked for (without 合计), resolved as the data's were at import (aliases and short forms to the
 * canonical region) when there is a hierarchy; null when none were asked for. Notes go into `notes`.
 */
export function listedRegions(
  options: BriefingOptions,
  input: BriefingInput,
  notes: BriefingWarning[],
): string[] | null {
  if (!(options.regions && options.regions.length > 0)) return null;
  const listed = options.regions.filter((r) => !isTotalRegion(r));
  return options.hierarchy ? resolveRegionList(listed, options.hierarchy, input, notes) : listed;
}

/** Whether a region occurs in the data (any table), keys built on first use. */
function dataRegionTest(input: BriefingInput): (name: string) => boolean {
  let dataKeys: Set<string> | null = null;
  return (name) => {
    if (!dataKeys) {
      dataKeys = new Set<string>();
      const tables: readonly (readonly { region?: string | null }[])[] = [
        input.records,
        input.funds ?? [],
        input.targets ?? [],
        input.figures ?? [],
      ];
      for (const list of tables) {
        let last: string | null | undefined;
        for (const x of list) if (x.region && x.region !== last) dataKeys.add(regionKey((last = x.region)));
      }
    }
    return dataKeys.has(regionKey(name));
  };
}

/** A name the hierarchy cannot resolve, as the note lists it: [Chinese, English]. */
function unknownName(h: RegionHierarchy, name: string, r: ReturnType<RegionHierarchy["resolve"]>): [string, string] {
  const could = r.kind === "ambiguous" ? r.candidates.map((c) => h.names[c]) : [];
  const hint = r.kind === "unknown" ? r.suggestion : null;
  return could.length > 0
    ? [`「${name}」（可指 ${could.join("、")}）`, `"${name}" (could be ${could.join(" or ")})`]
    : [`「${name}」${hint ? `（是不是「${hint}」？）` : ""}`, `"${name}"${hint ? ` (did you mean "${hint}"?)` : ""}`];
}

/**
 * The regions of a side-by-side card asked for by name, resolved through the hierarchy: an alias or short form
 * becomes its canonical region (西宁 → 西宁市), names that then name one region give one row, and a name neither the
 * hierarchy nor the data knows, or one that could be several regions, is kept as written with a warning.
 */
function resolveRegionList(
  names: readonly string[],
  h: RegionHierarchy,
  input: BriefingInput,
  notes: BriefingWarning[],
): string[] {
  const out: string[] = [];
  const spellings = new Map<string, string[]>();
  const inData = dataRegionTest(input);
  const unknown: [string, string][] = [];
  for (const written of names) {
    const name = written.trim();
    if (name === "") continue;
    const r = h.resolve(name);
    let canonical = name;
    if (r.kind === "name" || r.kind === "alias") canonical = h.names[r.index];
    else if (!inData(name)) unknown.push(unknownName(h, name, r));
    const key = regionKey(canonical);
    const seen = spellings.get(key);
    if (seen) {
      if (!seen.includes(name)) seen.push(name);
      continue;
    }
    spellings.set(key, [name]);
    out.push(canonical);
  }
  notes.push(...resolvedListNotes(out, spellings, unknown));
  return out;
}

/** The notes on a resolved list: names merged or renamed to their canonical region, and names nobody knows. */
function resolvedListNotes(
  out: readonly string[],
  spellings: ReadonlyMap<string, string[]>,
  unknown: readonly [string, string][],
): BriefingWarning[] {
  const notes: BriefingWarning[] = [];
  const merged = [...spellings].filter(([, s]) => s.length > 1);
  const renamed = out.filter((c) => {
    const s = spellings.get(regionKey(c))!;
    return s.length === 1 && s[0] !== c;
  });
  if (merged.length > 0 || renamed.length > 0) {
    const zh = [...merged.map(([key]) => out.find((c) => regionKey(c) === key)!), ...renamed].map(
      (c) =>
        `${spellings
          .get(regionKey(c))!
          .map((n) => `「${n}」`)
          .join("")}→「${c}」`,
    );
    notes.push({
      code: "region_list_resolved",
      message: `所列地区按地区表和内置行政区划识别为规范名称（同一地区只列一行）：${zh.join("，")}。`,
      message_en: `The regions listed were resolved to their canonical names through the regions table and built-in divisions (one row per region): ${zh.join(", ")}.`,
    });
  }
  if (unknown.length > 0) {
    notes.push({
      code: "unknown_regions",
      message: `所列地区中以下名称不在地区表中，也不是内置的行政区划，数据中也没有：${unknown.map((u) => u[0]).join("、")}；按原样列出（没有数据）。请改正名称。`,
      message_en: `These regions listed are neither in the regions table nor built-in divisions, nor in the data: ${unknown.map((u) => u[1]).join(", ")}; listed as written (no data). Correct the names.`,
    });
  }
  return notes;
}
