/**
 * After the last row, with ImportOptions.hierarchy: region names resolved to canonical regions (ledger records and
 * funds entries get their 地区路径, ../regions.ts), and targets and figures that turn out to name one region two ways
 * (西宁 and 西宁市) rejected as duplicates.
 */
import { applyRegionResolution, duplicatesAfterResolution } from "../regions";
import type { TableState } from "./state";

export function resolveRegions(s: TableState): void {
  if (!s.opts.hierarchy) return;
  const data = { records: s.records, funds: s.funds, targets: s.targets, figures: s.figures };
  const column = s.layout.colTitle.region ?? "所属地区";
  const { issues, rename } = applyRegionResolution(
    s.opts.hierarchy,
    s.regions.weights,
    s.regions.firstRow,
    data,
    column,
    s.file,
  );
  for (const i of issues) s.issues.push(i);
  rejectResolvedDuplicates(s, rename, column);
}

/**
 * Targets and figures that name one region two ways (西宁 and 西宁市) are duplicates too: the later row is taken
 * out and counted as rejected, with an error at its row (duplicatesAfterResolution, ../regions.ts).
 */
function rejectResolvedDuplicates(s: TableState, rename: ReadonlyMap<string, string>, column: string): void {
  const { rejected, issues } = duplicatesAfterResolution(s.keyed, rename, column, s.file);
  if (rejected.length === 0) return;
  for (const i of issues) s.issues.push(i);
  for (const kind of ["targets", "figures"] as const) {
    const gone = new Set(rejected.filter((r) => r.kind === kind).map((r) => r.index));
    if (gone.size === 0) continue;
    const list: unknown[] = s[kind];
    if (!s.keepNone) {
      const kept = list.filter((_, i) => !gone.has(i));
      list.length = 0;
      list.push(...kept);
    }
    // Extras (columns of the user's) follow their rows to the new indexes.
    const shift = (index: number) => {
      let n = 0;
      for (const g of gone) if (g < index) n++;
      return index - n;
    };
    const extras = s.extras
      .filter((e) => e.kind !== kind || !gone.has(e.index))
      .map((e) => (e.kind === kind ? { ...e, index: shift(e.index) } : e));
    s.extras.length = 0;
    s.extras.push(...extras);
    s.counts[kind] -= gone.size;
  }
  s.accepted -= rejected.length;
  s.rejected += rejected.length;
}
