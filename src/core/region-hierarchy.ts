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
 */
import type { Division } from "./divisions";
import { levelRank, LEVEL_EN, REGION_LEVELS, type RegionLevel } from "./region-levels";
import { MAX_CRITERION_CHARS, pathCriterion, regionKey, regionPathText } from "./regions";

export { REGION_LEVELS, type RegionLevel } from "./region-levels";

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

/** Hierarchies deeper than this are refused: no report needs more, and every path must stay a usable criterion. */
export const MAX_REGION_DEPTH = 8;

/** Alias tiers: lower wins; 0 = the canonical name, 1 = an alias from the user's table. Built-in tiers: divisions.ts. */
const TIER_NAME = 0;
const TIER_USER = 1;

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

export type NameResolution =
  | { kind: "name"; index: number }
  | { kind: "alias"; index: number }
  | { kind: "ambiguous"; candidates: number[] }
  | { kind: "unknown"; suggestion: string | null };

interface AliasHit {
  index: number;
  tier: number;
}

/** The resolved hierarchy (immutable once built). */
export class RegionHierarchy {
  readonly names: string[] = [];
  /** How a report card's row names the region (the canonical name, or 城中区 for the built-in 西宁市城中区). */
  readonly displays: string[] = [];
  readonly levels: RegionLevel[] = [];
  /** Parent index, or -1 for a top-level region. */
  readonly parents: number[] = [];
  readonly depths: number[] = [];
  readonly orders: (number | null)[] = [];
  readonly codes: (string | null)[] = [];
  /** The row of the user's table that defines or overrides the region (index into its rows), or -1. */
  readonly userRows: number[] = [];
  readonly aliasesOf: string[][] = [];
  private readonly byKey = new Map<string, AliasHit[]>();
  private kids: number[][] | null = null;
  private charIndex: Map<string, number[]> | null = null;

  get size(): number {
    return this.names.length;
  }

  /** Index of a region by its canonical name (regionKey), or -1. */
  indexOf(name: string): number {
    const hits = this.byKey.get(regionKey(name));
    return hits && hits[0].tier === TIER_NAME ? hits[0].index : -1;
  }

  /** Resolve one name, without context (see resolveNames for a dataset's names). */
  resolve(text: string, options: { suggest?: boolean } = {}): NameResolution {
    const key = regionKey(text.trim());
    const hits = this.byKey.get(key);
    if (!hits || hits.length === 0)
      return { kind: "unknown", suggestion: options.suggest === false ? null : this.suggest(text) };
    const best = hits[0].tier;
    if (best === TIER_NAME) return { kind: "name", index: hits[0].index };
    const top = [...new Set(hits.filter((h) => h.tier === best).map((h) => h.index))];
    return top.length === 1 ? { kind: "alias", index: top[0] } : { kind: "ambiguous", candidates: top };
  }

  /**
   * Resolve the distinct names of a dataset, each with its weight (how many rows carry it). Ambiguous short forms are
   * settled by context: the candidate whose parent (else grandparent…) holds the most rows of the names that resolved
   * plainly, when exactly one candidate does; otherwise they stay ambiguous.
   */
  resolveNames(weights: ReadonlyMap<string, number>): Map<string, NameResolution> {
    const out = new Map<string, NameResolution>();
    const support = new Map<number, number>();
    const ambiguous: string[] = [];
    for (const [text, w] of weights) {
      const r = this.resolve(text);
      out.set(text, r);
      if (r.kind === "ambiguous") ambiguous.push(text);
      else if (r.kind !== "unknown")
        for (let i = r.index; i >= 0; i = this.parents[i]) support.set(i, (support.get(i) ?? 0) + w);
    }
    for (const text of ambiguous) {
      const r = out.get(text) as Extract<NameResolution, { kind: "ambiguous" }>;
      const chosen = this.byContext(r.candidates, support);
      if (chosen >= 0) out.set(text, { kind: "alias", index: chosen });
    }
    return out;
  }

  private byContext(candidates: number[], support: ReadonlyMap<number, number>): number {
    let level = candidates.map((c) => this.parents[c]);
    for (let step = 0; step < MAX_REGION_DEPTH + 1 && level.some((a) => a >= 0); step++) {
      const scores = level.map((a) => (a >= 0 ? (support.get(a) ?? 0) : 0));
      const max = Math.max(...scores);
      if (max > 0) {
        const winners = candidates.filter((_, k) => scores[k] === max);
        if (winners.length === 1) return winners[0];
        // Same ancestor for several candidates: the next level up cannot tell them apart either.
        if (new Set(level.filter((_, k) => scores[k] === max)).size < winners.length) return -1;
      }
      level = level.map((a) => (a >= 0 ? this.parents[a] : -1));
    }
    return -1;
  }

  /** Children of a region (or the top-level regions for -1), in report order: 排序, then code, then definition order. */
  children(index: number): readonly number[] {
    if (!this.kids) {
      const kids: number[][] = Array.from({ length: this.size + 1 }, () => []);
      for (let i = 0; i < this.size; i++) kids[this.parents[i] + 1].push(i);
      for (const list of kids) list.sort((a, b) => this.compareOrder(a, b));
      this.kids = kids;
    }
    return this.kids[index + 1];
  }

  /** Report order of two regions: 排序 ascending (blank last), then code, then the order they were defined in. */
  compareOrder(a: number, b: number): number {
    const oa = this.orders[a],
      ob = this.orders[b];
    if (oa !== ob) {
      if (oa === null) return 1;
      if (ob === null) return -1;
      return oa - ob;
    }
    const ca = this.codes[a],
      cb = this.codes[b];
    if (ca !== cb) {
      if (ca === null) return 1;
      if (cb === null) return -1;
      return ca < cb ? -1 : 1;
    }
    return a - b;
  }

  /** Canonical names from the top-level region down to this one. */
  path(index: number): string[] {
    const out: string[] = [];
    for (let i = index; i >= 0; i = this.parents[i]) out.push(this.names[i]);
    return out.reverse();
  }

  /** The 地区路径 text of a region ("青海省›西宁市›"): what the data sheets carry and the sheet formulas match. */
  pathText(index: number): string {
    return regionPathText(this.path(index));
  }

  /**
   * Where a record belongs: its region, or its park (园区) when the park is a known region beneath that region (the
   * ledger writes 所属地区 西宁开发区, 园区 南川工业园区). -1 when the region is not in the hierarchy.
   */
  placeOf(region: string, park?: string | null): number {
    const r = this.lookup(region);
    if (r < 0 || !park) return r;
    const p = this.lookup(park);
    return p >= 0 && p !== r && this.within(p, r) ? p : r;
  }

  /** A name's region when it resolves without doubt (canonical name or a single alias), else -1. */
  lookup(name: string): number {
    const r = this.resolve(name, { suggest: false });
    return r.kind === "name" || r.kind === "alias" ? r.index : -1;
  }

  /** True when `index` is `ancestor` or lies beneath it. */
  within(index: number, ancestor: number): boolean {
    if (ancestor < 0) return index >= 0;
    for (let i = index; i >= 0; i = this.parents[i]) if (i === ancestor) return true;
    return false;
  }

  /** The top-level region above (or being) a region. */
  top(index: number): number {
    let i = index;
    while (this.parents[i] >= 0) i = this.parents[i];
    return i;
  }

  /**
   * The closest known name to an unknown one (shared characters, then edit distance), for "did you mean"; null when
   * nothing is close. Indexed by character on first use.
   */
  suggest(text: string): string | null {
    const q = text.normalize("NFKC").trim().toLowerCase();
    if (q === "") return null;
    const index = this.chars();
    const shared = new Map<number, number>();
    for (const ch of new Set(q)) {
      const list = index.get(ch);
      if (!list || list.length > 4000) continue;
      for (const i of list) shared.set(i, (shared.get(i) ?? 0) + 1);
    }
    if (shared.size === 0) return null;
    const ranked = [...shared]
      .sort((a, b) => b[1] - a[1] || this.depths[a[0]] - this.depths[b[0]] || a[0] - b[0])
      .slice(0, 40);
    let best: { index: number; distance: number; prefix: number } | null = null;
    for (const [i] of ranked) {
      for (const n of [this.names[i], ...this.aliasesOf[i]]) {
        const t = n.normalize("NFKC").toLowerCase();
        const d = editDistance(q, t);
        let prefix = 0;
        while (prefix < q.length && q[prefix] === t[prefix]) prefix++;
        if (!best || d < best.distance || (d === best.distance && prefix > best.prefix))
          best = { index: i, distance: d, prefix };
      }
    }
    if (!best || best.distance > Math.max(1, Math.floor(q.length / 2))) return null;
    return this.names[best.index];
  }

  private chars(): Map<string, number[]> {
    if (this.charIndex) return this.charIndex;
    const m = new Map<string, number[]>();
    for (let i = 0; i < this.size; i++) {
      for (const ch of new Set([this.names[i], ...this.aliasesOf[i]].join("").normalize("NFKC").toLowerCase())) {
        (m.get(ch) ?? m.set(ch, []).get(ch)!).push(i);
      }
    }
    return (this.charIndex = m);
  }

  /** @internal builder: add a region. */
  add(name: string, level: RegionLevel, code: string | null): number {
    const i = this.names.length;
    this.names.push(name);
    this.displays.push(name);
    this.levels.push(level);
    this.parents.push(-1);
    this.depths.push(1);
    this.orders.push(null);
    this.codes.push(code);
    this.userRows.push(-1);
    this.aliasesOf.push([]);
    return i;
  }

  /** @internal builder: index a name or alias at a tier. */
  index(text: string, index: number, tier: number): void {
    const key = regionKey(text);
    if (key === "") return;
    const hits = this.byKey.get(key);
    if (!hits) {
      this.byKey.set(key, [{ index, tier }]);
      return;
    }
    if (hits.some((h) => h.index === index && h.tier <= tier)) return;
    hits.push({ index, tier });
    hits.sort((a, b) => a.tier - b.tier);
  }

  /** @internal builder: depths after parents are final. */
  finish(): void {
    const depth = new Array<number>(this.size).fill(0);
    const walk = (i: number): number => {
      if (depth[i] > 0) return depth[i];
      const chain: number[] = [];
      let j = i;
      while (j >= 0 && depth[j] === 0) {
        if (chain.length > this.size) throw new Error("region hierarchy: a cycle reached finish()");
        chain.push(j);
        j = this.parents[j];
      }
      let d = j >= 0 ? depth[j] : 0;
      for (let k = chain.length - 1; k >= 0; k--) depth[chain[k]] = ++d;
      return depth[i];
    };
    for (let i = 0; i < this.size; i++) this.depths[i] = walk(i);
    // (walk ends: the builder removes every cycle before finish() is called.)
    this.kids = null;
  }
}

/** Levenshtein distance (two rows; names are short). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const x = [...a],
    y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++)
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[y.length];
}

export interface HierarchyBuild {
  hierarchy: RegionHierarchy;
  issues: RegionIssue[];
  /** Indexes of the rows left out (each has at least one error issue). */
  rejected: Set<number>;
}

const q = (s: string) => `「${s}」`;
const qe = (s: string) => `"${s}"`;

/**
 * The hierarchy from the built-in divisions (or none) and the rows of the user's regions table. `rowLabel(i)` names a
 * row in messages (the importer passes the sheet row number). `allowUnknownParents`: a table checked on its own,
 * without the divisions; a parent it does not define is then taken as a top-level region instead of an error.
 */
export function buildHierarchy(
  base: readonly Division[] | null,
  rows: readonly RegionRow[],
  rowLabel: (index: number) => number = (i) => i + 1,
  options: { allowUnknownParents?: boolean } = {},
): HierarchyBuild {
  const issues: RegionIssue[] = [];
  const rejected = new Set<number>();
  const error = (index: number, field: RegionIssue["field"], code: RegionIssue["code"], zh: string, en: string) => {
    issues.push({ index, field, severity: "error", code, message: zh, message_en: en });
    rejected.add(index);
  };

  // ---- 1. the built-in divisions, indexed by code ----
  const baseIndex = new Map<string, number>();
  const probe = new RegionHierarchy();
  for (const d of base ?? []) {
    const i = probe.add(d.name, d.level, d.code);
    if (d.short) probe.displays[i] = d.short;
    baseIndex.set(d.code, i);
    probe.index(d.name, i, TIER_NAME);
    for (const a of d.aliases) probe.index(a.text, i, a.tier);
    probe.aliasesOf[i].push(...d.aliases.map((a) => a.text));
  }
  for (const d of base ?? []) if (d.parent) probe.parents[baseIndex.get(d.code)!] = baseIndex.get(d.parent) ?? -1;
  probe.finish();

  // ---- 2. each row: a new region, or the built-in one it names (an override) ----
  const firstRow = new Map<string, number>();
  const claimed = new Map<number, number>(); // base region → row
  const target: number[] = new Array(rows.length).fill(-1); // row → base region it overrides, or -1 (new)
  const pendingAmbiguous: number[] = [];
  rows.forEach((row, k) => {
    const key = regionKey(row.name);
    const first = firstRow.get(key);
    if (first !== undefined) {
      error(
        k,
        "name",
        "duplicate_name",
        `地区${q(row.name)}与第 ${rowLabel(first)} 行重复：每个地区只能写一行，本行未导入。请删除重复的行，或把它改成别名。`,
        `Region ${qe(row.name)} is already defined in row ${rowLabel(first)}: one row per region; this row was left out. Delete the duplicate, or make it an alias.`,
      );
      return;
    }
    firstRow.set(key, k);
    const r = probe.resolve(row.name, { suggest: false });
    if (r.kind === "name" || r.kind === "alias") target[k] = r.index;
    else if (r.kind === "ambiguous") pendingAmbiguous.push(k);
  });
  // A short form two built-in regions share (城中区): the one under the row's parent, if it names one.
  for (const k of pendingAmbiguous) {
    const r = probe.resolve(rows[k].name, { suggest: false }) as Extract<NameResolution, { kind: "ambiguous" }>;
    const parentText = rows[k].parent?.trim();
    if (!parentText) continue;
    const p = probe.resolve(parentText, { suggest: false });
    if (p.kind !== "name" && p.kind !== "alias") continue;
    const under = r.candidates.filter((c) => probe.within(c, p.index) && c !== p.index);
    if (under.length === 1) target[k] = under[0];
  }
  rows.forEach((row, k) => {
    if (rejected.has(k) || target[k] < 0) return;
    const other = claimed.get(target[k]);
    if (other !== undefined) {
      error(
        k,
        "name",
        "same_region",
        `地区${q(row.name)}与第 ${rowLabel(other)} 行的${q(rows[other].name)}是同一个地区（${probe.names[target[k]]}），本行未导入。请只保留一行，另一个名称写进别名。`,
        `Region ${qe(row.name)} is the same region as ${qe(rows[other].name)} in row ${rowLabel(other)} (${probe.names[target[k]]}); this row was left out. Keep one row and put the other name among its aliases.`,
      );
      return;
    }
    claimed.set(target[k], k);
  });

  // ---- 3. aliases: an alias may point at one region only ----
  const canonicalOwner = new Map<string, number>(); // key → row (user names)
  rows.forEach((row, k) => {
    if (!rejected.has(k)) canonicalOwner.set(regionKey(row.name), k);
  });
  const aliasOwner = new Map<string, number>();
  rows.forEach((row, k) => {
    if (rejected.has(k)) return;
    for (const a of row.aliases ?? []) {
      const key = regionKey(a.trim());
      if (key === "" || key === regionKey(row.name)) continue;
      const nameRow = canonicalOwner.get(key);
      const builtIn = probe.indexOf(a);
      if (nameRow !== undefined && nameRow !== k) {
        error(
          k,
          "aliases",
          "alias_conflict",
          `别名${q(a)}已是第 ${rowLabel(nameRow)} 行地区的名称，同一个名称不能指向两个地区，本行未导入。请删去这个别名。`,
          `Alias ${qe(a)} is the name of the region in row ${rowLabel(nameRow)}: one name cannot point at two regions; this row was left out. Remove the alias.`,
        );
        return;
      }
      if (builtIn >= 0 && builtIn !== target[k]) {
        error(
          k,
          "aliases",
          "alias_conflict",
          `别名${q(a)}是内置行政区划${q(probe.names[builtIn])}的名称，同一个名称不能指向两个地区，本行未导入。请删去这个别名，或把该地区写成一行。`,
          `Alias ${qe(a)} is the name of the built-in division ${qe(probe.names[builtIn])}: one name cannot point at two regions; this row was left out. Remove the alias, or give that region a row of its own.`,
        );
        return;
      }
      const other = aliasOwner.get(key);
      if (other !== undefined && other !== k) {
        error(
          k,
          "aliases",
          "alias_conflict",
          `别名${q(a)}已在第 ${rowLabel(other)} 行用于地区${q(rows[other].name)}，同一个别名不能指向两个地区，本行未导入。请删去其中一个。`,
          `Alias ${qe(a)} is already used for ${qe(rows[other].name)} in row ${rowLabel(other)}: an alias cannot point at two regions; this row was left out. Remove one of them.`,
        );
        return;
      }
      aliasOwner.set(key, k);
    }
  });

  // ---- 4. the combined names (for parents): built-in + the rows' names and aliases ----
  const combined = (accepted: (k: number) => boolean) => {
    const h = new RegionHierarchy();
    for (let i = 0; i < probe.size; i++) {
      h.add(probe.names[i], probe.levels[i], probe.codes[i]);
      h.displays[i] = probe.displays[i];
      h.parents[i] = probe.parents[i];
      h.aliasesOf[i].push(...probe.aliasesOf[i]);
    }
    const nodeOf: number[] = new Array(rows.length).fill(-1);
    rows.forEach((row, k) => {
      if (!accepted(k)) return;
      if (target[k] >= 0) {
        const i = target[k];
        const old = h.names[i];
        if (old !== row.name) h.aliasesOf[i].unshift(old);
        h.names[i] = row.name;
        h.displays[i] = row.name;
        h.userRows[i] = k;
        nodeOf[k] = i;
      } else {
        nodeOf[k] = h.add(row.name, row.level ?? "园区", row.code ?? null);
        h.userRows[nodeOf[k]] = k;
      }
      const i = nodeOf[k];
      if (row.level) h.levels[i] = row.level;
      if (row.order !== null && row.order !== undefined) h.orders[i] = row.order;
      if (row.code) h.codes[i] = row.code;
      for (const a of row.aliases ?? [])
        if (a.trim() && regionKey(a) !== regionKey(row.name)) h.aliasesOf[i].push(a.trim());
    });
    // Names first (tier 0), user aliases (tier 1), then the built-in aliases at their tiers.
    for (let i = 0; i < h.size; i++) h.index(h.names[i], i, TIER_NAME);
    rows.forEach((row, k) => {
      if (nodeOf[k] < 0) return;
      for (const a of row.aliases ?? []) h.index(a.trim(), nodeOf[k], TIER_USER);
      if (target[k] >= 0 && probe.names[target[k]] !== row.name) h.index(probe.names[target[k]], nodeOf[k], TIER_USER);
    });
    for (const d of base ?? []) {
      const i = baseIndex.get(d.code)!;
      for (const a of d.aliases) h.index(a.text, i, a.tier);
      h.index(d.official, i, 2);
    }
    return { h, nodeOf };
  };

  // ---- 5. parents: known, unambiguous, not itself ----
  // A parent is kept as a stable reference (a built-in region's index, which never moves, or the row that defines a
  // new region), since the hierarchy is rebuilt below once bad rows are left out.
  const rejectedNames = new Map<string, number>();
  rejected.forEach((k) => rejectedNames.set(regionKey(rows[k].name), k));
  let { h, nodeOf } = combined((k) => !rejected.has(k));
  const parentRef: ({ base: number } | { row: number } | null)[] = new Array(rows.length).fill(null);
  rows.forEach((row, k) => {
    if (rejected.has(k)) return;
    const text = row.parent?.trim();
    if (!text) return;
    const r = h.resolve(text);
    if (r.kind === "unknown") {
      const from = rejectedNames.get(regionKey(text));
      // Checked without the built-in divisions (a table read on its own): a parent outside the table may be one.
      if (from === undefined && options.allowUnknownParents) return;
      if (from !== undefined) {
        error(
          k,
          "parent",
          "parent_rejected",
          `上级地区${q(text)}所在的第 ${rowLabel(from)} 行有错误未导入，本行也未导入。请先改正那一行。`,
          `Its parent ${qe(text)} is defined in row ${rowLabel(from)}, which has errors and was left out, so this row was left out too. Correct that row first.`,
        );
        return;
      }
      error(
        k,
        "parent",
        "unknown_parent",
        `上级地区${q(text)}不在地区表中，也不是内置的行政区划${r.suggestion ? `（是不是${q(r.suggestion)}？）` : ""}，本行未导入。请先在地区表中加上这个地区，或改正名称。`,
        `Parent ${qe(text)} is neither in the regions table nor a built-in division${r.suggestion ? ` (did you mean ${qe(r.suggestion)}?)` : ""}; this row was left out. Add that region to the table first, or correct the name.`,
      );
      return;
    }
    if (r.kind === "ambiguous") {
      const names = r.candidates.map((c) => h.names[c]);
      error(
        k,
        "parent",
        "ambiguous_parent",
        `上级地区${q(text)}可以指 ${names.map(q).join("、")}，无法确定，本行未导入。请写出全称。`,
        `Parent ${qe(text)} could be ${names.map(qe).join(" or ")}; this row was left out. Write the full name.`,
      );
      return;
    }
    if (r.index === nodeOf[k]) {
      error(
        k,
        "parent",
        "self_parent",
        `地区${q(row.name)}的上级地区是它自己，本行未导入。请填写它真正的上级地区，顶层地区留空。`,
        `Region ${qe(row.name)} has itself as its parent; this row was left out. Give its real parent, or leave the parent blank for a top-level region.`,
      );
      return;
    }
    parentRef[k] = r.index < probe.size ? { base: r.index } : { row: h.userRows[r.index] };
  });
  const applyParents = () => {
    rows.forEach((_, k) => {
      const i = nodeOf[k];
      if (i < 0 || rejected.has(k)) return;
      const ref = parentRef[k];
      if (ref === null) {
        if (target[k] < 0) h.parents[i] = -1;
        return;
      }
      h.parents[i] = "base" in ref ? ref.base : nodeOf[ref.row];
    });
  };
  applyParents();

  // ---- 6. cycles: follow the parents from every region a row touched ----
  const state = new Uint8Array(h.size); // 0 unseen, 1 on the current walk, 2 done
  for (let start = 0; start < h.size; start++) {
    if (state[start] !== 0) continue;
    const walk: number[] = [];
    let i = start;
    while (i >= 0 && state[i] === 0) {
      state[i] = 1;
      walk.push(i);
      i = h.parents[i];
    }
    if (i >= 0 && state[i] === 1) {
      const cycle = walk.slice(walk.indexOf(i));
      const shown =
        cycle.length <= 6
          ? [...cycle, cycle[0]].map((c) => h.names[c])
          : [
              ...cycle.slice(0, 5).map((c) => h.names[c]),
              `…（${cycle.length} 个地区 / ${cycle.length} regions）`,
              h.names[cycle[0]],
            ];
      const names = shown;
      for (const c of cycle) {
        const k = h.userRows[c];
        if (k < 0) continue;
        error(
          k,
          "parent",
          "cycle",
          `上级地区形成循环（${names.join(" → ")}），本行未导入。请改正其中一个地区的上级地区。`,
          `The parents form a cycle (${names.join(" → ")}); this row was left out. Correct the parent of one of these regions.`,
        );
      }
      for (const c of cycle) h.parents[c] = -1; // so the walks below end
    }
    for (const w of walk) state[w] = 2;
  }

  // ---- 7. rows beneath a row left out are left out too (their parent is missing) ----
  const cascade = () => {
    const bad = new Map<number, number>(); // region → rejected row it hangs from
    rows.forEach((_, k) => {
      if (rejected.has(k) && nodeOf[k] >= 0 && target[k] < 0) bad.set(nodeOf[k], k);
    });
    if (bad.size === 0) return;
    const memo = new Map<number, number>();
    const badAbove = (i: number): number => {
      const chain: number[] = [];
      let j = h.parents[i];
      let found = -1;
      while (j >= 0) {
        if (bad.has(j)) {
          found = bad.get(j)!;
          break;
        }
        if (memo.has(j)) {
          found = memo.get(j)!;
          break;
        }
        chain.push(j);
        j = h.parents[j];
      }
      for (const c of chain) memo.set(c, found);
      return found;
    };
    rows.forEach((row, k) => {
      if (rejected.has(k) || nodeOf[k] < 0) return;
      const from = badAbove(nodeOf[k]);
      if (from < 0) return;
      error(
        k,
        "parent",
        "parent_rejected",
        `上级地区${q(row.parent ?? rows[from].name)}所在的行（第 ${rowLabel(from)} 行，${q(rows[from].name)}）有错误未导入，本行也未导入。请先改正那一行。`,
        `Its parent ${qe(row.parent ?? rows[from].name)} hangs from row ${rowLabel(from)} (${qe(rows[from].name)}), which has errors and was left out, so this row was left out too. Correct that row first.`,
      );
    });
  };
  cascade();

  // ---- 8. the final hierarchy from the rows accepted so far; depth limit ----
  ({ h, nodeOf } = combined((k) => !rejected.has(k)));
  applyParents();
  h.finish();
  const tooDeep = rows
    .map((_, k) => k)
    .filter((k) => !rejected.has(k) && nodeOf[k] >= 0 && h.depths[nodeOf[k]] > MAX_REGION_DEPTH);
  // The subtree criterion of every path must fit Excel's criteria (255 characters): checked where a row sits.
  const pathLength = new Map<number, number>();
  const lengthOf = (i: number): number => {
    if (i < 0) return 0;
    const known = pathLength.get(i);
    if (known !== undefined) return known;
    const n = lengthOf(h.parents[i]) + pathCriterion(h.names[i] + "\u203A", false).length;
    pathLength.set(i, n);
    return n;
  };
  const tooLong = rows
    .map((_, k) => k)
    .filter(
      (k) =>
        !rejected.has(k) &&
        nodeOf[k] >= 0 &&
        h.depths[nodeOf[k]] <= MAX_REGION_DEPTH &&
        lengthOf(nodeOf[k]) + 1 > MAX_CRITERION_CHARS,
    );
  for (const k of tooLong) {
    error(
      k,
      "name",
      "path_too_long",
      `地区${q(rows[k].name)}连同各级上级地区的名称共 ${lengthOf(nodeOf[k])} 个字符，超过 Excel 条件最多的 ${MAX_CRITERION_CHARS} 个字符，成绩单公式无法按它汇总，本行未导入。请缩短名称（全称可写进别名）。`,
      `Region ${qe(rows[k].name)} and its parents' names take ${lengthOf(nodeOf[k])} characters, more than the ${MAX_CRITERION_CHARS} Excel's criteria allow, so the briefing's formulas could not sum by it; this row was left out. Shorten the names (keep the full name as an alias).`,
    );
  }
  if (tooDeep.length > 0 || tooLong.length > 0) {
    for (const k of tooDeep) {
      const i = nodeOf[k];
      const near = [h.parents[h.parents[i]], h.parents[i], i]
        .filter((x) => x >= 0)
        .map((x) => h.names[x])
        .join(" → ");
      error(
        k,
        "parent",
        "too_deep",
        `地区${q(rows[k].name)}位于第 ${h.depths[i]} 级（… → ${near}），地区表最多 ${MAX_REGION_DEPTH} 级，本行未导入。请减少层级。`,
        `Region ${qe(rows[k].name)} is at depth ${h.depths[i]} (… → ${near}); the hierarchy holds at most ${MAX_REGION_DEPTH} levels; this row was left out. Use fewer levels.`,
      );
    }
    ({ h, nodeOf } = combined((k) => !rejected.has(k)));
    applyParents();
    h.finish();
  }

  // ---- 9. levels: given, built-in, else one finer than the parent; a level coarser than its parent's is a warning ----
  const assigned = new Uint8Array(h.size);
  rows.forEach((row, k) => {
    if (nodeOf[k] >= 0 && !rejected.has(k) && (row.level || target[k] >= 0)) assigned[nodeOf[k]] = 1;
  });
  for (let i = 0; i < h.size; i++) if (h.userRows[i] < 0) assigned[i] = 1;
  const order = Array.from({ length: h.size }, (_, i) => i).sort((a, b) => h.depths[a] - h.depths[b]);
  for (const i of order) {
    if (assigned[i]) continue;
    const p = h.parents[i];
    h.levels[i] = p < 0 ? "省" : REGION_LEVELS[Math.min(REGION_LEVELS.length - 1, levelRank(h.levels[p]))];
  }
  rows.forEach((row, k) => {
    const i = nodeOf[k];
    if (i < 0 || rejected.has(k) || !row.level) return;
    const p = h.parents[i];
    if (p >= 0 && levelRank(h.levels[i]) < levelRank(h.levels[p])) {
      issues.push({
        index: k,
        field: "level",
        severity: "warning",
        code: "level_order",
        message: `地区${q(row.name)}的级别「${h.levels[i]}」比上级地区${q(h.names[p])}的级别「${h.levels[p]}」还高，请核对级别或上级地区（本行已导入）。`,
        message_en: `Region ${qe(row.name)} is a ${LEVEL_EN[h.levels[i]]}, coarser than its parent ${qe(h.names[p])} (a ${LEVEL_EN[h.levels[p]]}): check the level or the parent (the row was imported).`,
      });
    }
  });
  issues.sort((a, b) => a.index - b.index);
  return { hierarchy: h, issues, rejected };
}

/** The hierarchy of the built-in divisions alone (no user table). */
export function divisionsHierarchy(base: readonly Division[]): RegionHierarchy {
  return buildHierarchy(base, []).hierarchy;
}
