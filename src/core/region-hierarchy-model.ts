/**
 * The resolved region hierarchy (RegionHierarchy): canonical names, levels, parents and report order of every region,
 * and THE resolution of a name (canonical, alias, official or short form) to one region, with "did you mean" for an
 * unknown name. Built by ./region-table-build.ts from the built-in divisions and the user's regions table; immutable once built.
 */
import type { RegionLevel } from "./region-levels";
import { regionKey, regionPathText } from "./regions";
import { editDistance } from "./edit-distance";

/** Hierarchies deeper than this are refused: no report needs more, and every path must stay a usable criterion. */
export const MAX_REGION_DEPTH = 8;

/** Alias tiers: lower wins; 0 = the canonical name, 1 = an alias from the user's table. Built-in tiers: divisions.ts. */
export const TIER_NAME = 0;
export const TIER_USER = 1;

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
