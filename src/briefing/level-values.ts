/**
 * The value of every region within the jurisdiction, bottom up (rules: ./report-card.ts): its reported figure where it
 * has one; else its own records plus each child's value, a child's figure standing for the child's whole subtree. Also
 * where each value comes from (figure, ledger, mixed), and which descendants' figures it holds.
 */
import { ExactSum } from "../core/exact-sum";
import type { RegionHierarchy } from "../core/region-hierarchy";
import { isMoney, K, type LevelTally, slot } from "./level-tally";
import type { ActualSource, FigureRef } from "./types";

export interface NodeVal {
  comp: ExactSum;
  /** Any data or figure in the subtree (the value is not blank). */
  any: boolean;
  /** The ledger contributes (records outside the subtrees that figures stand for). */
  ledger: boolean;
  /** Maximal descendants whose figures stand for their subtree. */
  inner: number[];
  fig: number | undefined;
  value: number | null;
}

/** The nodes of J's subtree (J itself unless −1), children before parents. */
function postOrder(h: RegionHierarchy, J: number): number[] {
  const post: number[] = [];
  const stack: [number, boolean][] = [[J, false]];
  while (stack.length) {
    const [node, done] = stack.pop()!;
    if (done) {
      if (node >= 0) post.push(node);
      continue;
    }
    stack.push([node, true]);
    for (const c of h.children(node)) stack.push([c, false]);
  }
  return post;
}

export class LevelValues {
  /** Nodes within the jurisdiction, children first. */
  readonly post: number[];
  /** vals[k][y][node]. */
  readonly vals: NodeVal[][][];

  constructor(
    readonly h: RegionHierarchy,
    readonly t: LevelTally,
    J: number,
  ) {
    this.post = postOrder(h, J);
    this.vals = Array.from({ length: K }, () => [[], []]);
    for (const node of this.post)
      for (let k = 0; k < K; k++) for (let y = 0; y < 2; y++) this.vals[k][y][node] = this.nodeValue(node, k, y);
  }

  private nodeValue(node: number, k: number, y: number): NodeVal {
    const { t } = this;
    const s = slot(node, k, y);
    const comp = new ExactSum();
    let any = t.seen[s] === 1;
    let ledger = any;
    const inner: number[] = [];
    if (isMoney(k)) {
      if (t.sums[s]) comp.addAll(t.sums[s]!);
    } else if (t.count[s] !== 0) comp.add(t.count[s]);
    for (const c of this.h.children(node)) {
      const v = this.vals[k][y][c];
      if (v.fig !== undefined) {
        comp.add(v.fig);
        any = true;
        inner.push(c);
      } else if (v.any) {
        comp.addAll(v.comp);
        any = true;
        ledger ||= v.ledger;
        for (const x of v.inner) inner.push(x);
      }
    }
    const fig = t.figureOf(node, k, y);
    return { comp, any, ledger, inner, fig, value: fig !== undefined ? fig : any ? comp.value() : null };
  }

  static sourceOf(v: NodeVal | undefined): ActualSource | null {
    if (!v || v.value === null) return null;
    if (v.fig !== undefined) return "figure";
    if (v.inner.length === 0) return "ledger";
    return v.ledger ? "mixed" : "figure";
  }

  /** What a value is made of; two values are like for like when their signatures agree. */
  static signature(v: NodeVal | undefined): string {
    return v?.fig !== undefined
      ? "F"
      : `${[...(v?.inner ?? [])].sort((a, b) => a - b).join(",")}|${v?.ledger ? "L" : ""}`;
  }

  /** Regions whose reported figures make up the value. */
  figureRegions(v: NodeVal | undefined, node: number): string[] {
    return v?.fig !== undefined ? [this.h.names[node]] : (v?.inner ?? []).map((i) => this.h.names[i]);
  }

  /** The descendants' figures in the value, for the formula writer. */
  refs(v: NodeVal | undefined): FigureRef[] {
    return (v?.inner ?? []).map((i) => ({ region: this.h.names[i], path: this.h.pathText(i) }));
  }
}
