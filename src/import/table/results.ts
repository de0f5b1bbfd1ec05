/**
 * Import results as values: an empty one, how many rows of a kind one accepted, and several merged into one (the
 * tables of a JSON bundle).
 */
import { setOwn } from "../../core/own";
import { KINDS } from "../fields";
import type { DatasetKind, ImportResult } from "../types";

/** An empty result (an empty JSON array, a header-only file handled elsewhere). */
export function emptyResult(kind: DatasetKind): ImportResult {
  return {
    kind,
    records: [],
    funds: [],
    targets: [],
    figures: [],
    regions: [],
    issues: [],
    summary: { rows: 0, accepted: 0, rejected: 0, skipped: 0 },
    mapping: {},
    headers: [],
    counts: { ledger: 0, funds: 0, targets: 0, figures: 0, regions: 0 },
  };
}

/** How many records (entries, targets, figures) of a kind a result accepted, kept or not. */
export function resultCount(r: ImportResult, kind: DatasetKind): number {
  if (r.counts) return r.counts[kind];
  return kind === "regions"
    ? (r.regions?.length ?? 0)
    : kind === "ledger"
      ? r.records.length
      : kind === "funds"
        ? r.funds.length
        : kind === "targets"
          ? r.targets.length
          : r.figures.length;
}

/** Merge results of several tables (a JSON bundle): arrays and issues concatenated, summaries added. */
export function mergeResults(parts: ImportResult[]): ImportResult {
  if (parts.length === 1) return parts[0];
  const out = emptyResult(parts[0]?.kind ?? "ledger");
  for (const p of parts) {
    const base = { ...out.counts! };
    out.records.push(...p.records);
    out.funds.push(...p.funds);
    out.targets.push(...p.targets);
    out.figures.push(...p.figures);
    (out.regions ??= []).push(...(p.regions ?? []));
    out.issues.push(...p.issues);
    out.summary.rows += p.summary.rows;
    out.summary.accepted += p.summary.accepted;
    out.summary.rejected += p.summary.rejected;
    out.summary.skipped = (out.summary.skipped ?? 0) + (p.summary.skipped ?? 0);
    for (const k of KINDS) out.counts![k] += resultCount(p, k);
    for (const [k, val] of Object.entries(p.mapping))
      if (!Object.prototype.hasOwnProperty.call(out.mapping, k)) setOwn(out.mapping, k, val);
    for (const h of p.headers) if (!out.headers.includes(h)) out.headers.push(h);
    if (p.extras) {
      out.extras ??= [];
      for (const e of p.extras) out.extras.push({ ...e, index: e.index + base[e.kind] });
    }
  }
  return out;
}
