/**
 * (Loaded on demand by backends.ts: its own chunk.) The real modules behind the task pane, adapted to `Backends`: src/import (reading sources), src/excel (dataset
 * sheets, remembered sources, refresh, undo, the briefing sheet) and src/briefing (the numbers and the text).
 * Shared by the add-in and the offline preview, which differ only in the Excel they talk to. Glue only: no
 * importing, merging or metric logic lives here.
 */
import { cancelledError } from "../core/errors";
import { excel } from "../excel/host";
import {
  importBytes,
  importTable,
  importUrl,
  loadSeeds,
  LocalStorageMappingStore,
  withRememberedMapping,
} from "../import";
import type { DatasetKind, ImportResult } from "../import/types";
import { writeDataset, undoLastRefresh } from "../excel/sheets";
import { refreshSource } from "../excel/refresh-all";
import { canRefreshWithoutDialog, listSources, sourceLabel, SourceDescriptor } from "../excel/sources";
import { writeBriefingSheet } from "../excel/briefing-sheet";
import { readWorkbookTableOrNull } from "../excel/read-table";
import { buildBriefing } from "../briefing/build";
import { briefingText } from "../briefing/text";
import type { BriefingInput } from "../briefing/types";
import { NATION } from "../briefing/report-card";
import type { RegionHierarchy } from "../core/region-hierarchy";
import { loadDivisions } from "../core/divisions";
import { readWorkbookRegions, regionImportOptions } from "../excel/workbook-hierarchy";
import { DATASET_KINDS, SHEETS } from "../core/columns";
import type { Backends } from "./workbook-services";
import type { BriefingAvailability, BriefingOutcome, BriefingRequest, LoadedSource, SourceSpec } from "./services";

const SAMPLE_LABEL = "示例数据";

/** The remembered form of a source (src/excel/sources.ts). */
function descriptorOf(source: SourceSpec, result: ImportResult): Omit<SourceDescriptor, "id" | "kind" | "lastRefresh"> {
  const mapping = Object.keys(result.mapping).length ? result.mapping : undefined;
  switch (source.type) {
    case "sample":
      return { type: "seeds", name: SAMPLE_LABEL };
    case "file":
      return { type: "file", name: source.name, mapping };
    case "url":
      return { type: "url", name: source.url, url: source.url, mapping };
    case "table":
      return { type: "table", name: source.name, table: source.name, mapping };
  }
}

/**
 * A workbook table's header and data body (never its total row), with dates read in the workbook's date system, and
 * the sheet row of its header (src/excel/read-table.ts).
 */
export async function readTableValues(
  name: string,
): Promise<{ values: unknown[][]; startRow: number; sheet: string } | null> {
  return readWorkbookTableOrNull(name);
}

interface WorkbookDatasets {
  data: Record<DatasetKind, ImportResult | null>;
  hierarchy: RegionHierarchy;
  /** Distinct 地区路径 the Ledger and Funds sheets carry now (what the sheet formulas match). */
  sheetPaths: Set<string>;
}

/**
 * The datasets as they are in the workbook now (users may have edited them), read back through the importer, names
 * resolved through the workbook's regions (divisions + its 地区 sheet).
 */
async function readWorkbookDatasets(): Promise<WorkbookDatasets> {
  const { hierarchy } = await readWorkbookRegions();
  const data = {} as Record<DatasetKind, ImportResult | null>;
  const sheetPaths = new Set<string>();
  for (const kind of DATASET_KINDS) {
    const spec = SHEETS[kind];
    const t = kind === "regions" ? null : await readTableValues(spec.table);
    data[kind] = t
      ? importTable(t.values, { fileName: `${spec.sheet}!${spec.table}`, kind, startRow: t.startRow, hierarchy })
      : null;
    if (t && (kind === "ledger" || kind === "funds")) {
      const col = (t.values[0] ?? []).findIndex((h) => h === "地区路径");
      for (const row of t.values.slice(1)) if (col >= 0 && row[col]) sheetPaths.add(String(row[col]));
    }
  }
  return { data, hierarchy, sheetPaths };
}

/** Whether a dataset's 地区路径 (as resolved now) are all on its sheet: else the sheet's formulas would miss rows. */
function pathsCurrent(d: WorkbookDatasets): boolean {
  for (const list of [d.data.ledger?.records ?? [], d.data.funds?.funds ?? []]) {
    for (const r of list as readonly { region_path?: string | null }[])
      if (r.region_path && !d.sheetPaths.has(r.region_path)) return false;
  }
  return true;
}

/**
 * The jurisdictions a report card can be written for: 全国, and every region that holds (or lies above) a region of
 * the data and has regions beneath it; top-down, in report order.
 */
function jurisdictionChoices(h: RegionHierarchy, names: Iterable<string>): { name: string; level: string | null }[] {
  const wanted = new Set<number>();
  for (const name of names) {
    const i = h.lookup(name);
    for (let a = i >= 0 ? h.parents[i] : -1; a >= 0; a = h.parents[a]) wanted.add(a);
  }
  const out: { name: string; level: string | null }[] = [{ name: NATION, level: null }];
  const walk = (parent: number) => {
    for (const c of h.children(parent)) {
      if (!wanted.has(c)) continue;
      out.push({ name: h.names[c], level: h.levels[c] });
      walk(c);
    }
  };
  walk(-1);
  return out;
}

function yearOf(iso: string | null | undefined): number | null {
  const y = iso ? Number(iso.slice(0, 4)) : NaN;
  return Number.isInteger(y) && y > 1900 ? y : null;
}

const sorted = (xs: Iterable<number>) => [...new Set(xs)].sort((a, b) => a - b);

/** Name of the values-only copy of a briefing sheet (Excel allows 31 characters). */
export function valuesCopyName(sheet: string, language: string): string {
  const suffix = language === "zh-CN" ? " 数值" : " values";
  return sheet.slice(0, 31 - suffix.length) + suffix;
}

async function renameSheet(from: string, to: string): Promise<void> {
  await excel().run(async (ctx) => {
    const old = ctx.workbook.worksheets.getItemOrNullObject(to);
    await ctx.sync();
    // eslint-disable-next-line office-addins/call-sync-before-read -- the rule knows only a context named `context`; ctx.sync() above has run
    if (!old.isNullObject) old.delete();
    ctx.workbook.worksheets.getItem(from).name = to;
    await ctx.sync();
  });
}

/** The user's column mappings, remembered per source (file name, URL path or table) on this computer. */
const mappings = new LocalStorageMappingStore();

export function createBackendsNow(): Backends {
  return {
    // A mapping the user chose is remembered; without one, the remembered mapping of the same source applies.
    // Region names are resolved through the workbook's regions (src/excel/workbook-hierarchy.ts): canonical names and
    // the 地区路径 column the briefing's formulas read.
    importBytes: async (bytes, o) =>
      importBytes(bytes, { ...(await regionImportOptions(o.kind)), ...(await withRememberedMapping(mappings, o)) }),
    importUrl: async (url, o) =>
      importUrl(url, { ...(await regionImportOptions(o.kind)), ...(await withRememberedMapping(mappings, o)) }),
    importTable: async (values, o) =>
      importTable(values, { ...(await regionImportOptions(o.kind)), ...(await withRememberedMapping(mappings, o)) }),
    loadSeeds: async () => {
      const s = loadSeeds({ divisions: await loadDivisions() });
      return [s.regions, s.ledger, s.figures, s.targets, s.funds];
    },

    async writeDataset(result, source, options) {
      const summary = await writeDataset(result.kind, result, descriptorOf(source, result), options);
      return { kind: summary.kind, sheet: summary.sheet, rows: summary.rows };
    },

    async listSources(): Promise<LoadedSource[]> {
      const list = await listSources();
      return list.map((d) => ({
        id: d.id,
        kind: d.kind,
        label: sourceLabel(d),
        rows: d.rows ?? 0,
        lastRefreshed: d.lastRefresh,
        refreshable: canRefreshWithoutDialog(d),
        sample: d.type === "seeds",
      }));
    },

    async refresh(id, options) {
      // THE refresh path, with its guard: a source with rejected rows is refused (SourceHasErrors), never archived.
      const { summary: s, result } = await refreshSource(id, {
        signal: options.signal,
        onProgress: options.onProgress,
      });
      return {
        added: s.added,
        updated: s.updated,
        removed: s.archived,
        unchanged: s.unchanged,
        issues: result.issues,
        at: new Date().toISOString(),
        notices: s.notices,
      };
    },

    async undoLastRefresh(options) {
      const r = await undoLastRefresh({ force: options?.force === true });
      return r ? { description: r.description } : null;
    },

    async briefingAvailability(): Promise<BriefingAvailability> {
      const w = await readWorkbookDatasets();
      const d = w.data;
      const regions = new Set<string>();
      const dataYears: number[] = [];
      let latest: { year: number; month: number } | undefined;
      const seen = (year: number, month: number) => {
        dataYears.push(year);
        if (
          month >= 1 &&
          month <= 12 &&
          (!latest || year > latest.year || (year === latest.year && month > latest.month))
        )
          latest = { year, month };
      };
      const seenIso = (iso: string | null | undefined) => {
        const y = yearOf(iso);
        if (y) seen(y, Number(iso!.slice(5, 7)));
      };
      for (const r of d.ledger?.records ?? []) {
        if (r.region) regions.add(r.region);
        seenIso(r.signed_date);
        seenIso(r.started_date);
      }
      for (const f of d.funds?.funds ?? []) {
        if (f.region) regions.add(f.region);
        seenIso(f.date);
      }
      for (const f of d.figures?.figures ?? []) {
        regions.add(f.region);
        seen(f.year, f.through_month);
      }
      const targetYears = (d.targets?.targets ?? []).map((t) => t.year);
      for (const t of d.targets?.targets ?? []) regions.add(t.region);
      return {
        regions: [...regions].sort((a, b) => a.localeCompare(b, "zh-CN")),
        jurisdictions: jurisdictionChoices(w.hierarchy, regions) as BriefingAvailability["jurisdictions"],
        dataYears: sorted(dataYears),
        targetYears: sorted(targetYears),
        ...(latest ? { latest } : {}),
      };
    },

    async buildBriefing(req: BriefingRequest): Promise<BriefingOutcome> {
      const w = await readWorkbookDatasets();
      const d = w.data;
      req.onProgress?.(0.3);
      const input: BriefingInput = {
        records: d.ledger?.records ?? [],
        funds: d.funds?.funds ?? [],
        targets: d.targets?.targets ?? [],
        figures: d.figures?.figures ?? [],
      };
      const briefing = buildBriefing(input, {
        period: req.period,
        basis: req.basis,
        tolerance: req.tolerance,
        regions: req.regions,
        metrics: req.metrics,
        // The report card by level (when no list of regions is given): jurisdiction, level, 其中 rows, 合计 rule.
        hierarchy: w.hierarchy,
        within: req.within,
        level: req.level,
        showEmpty: req.showEmpty,
        breakdowns: req.breakdowns,
        top: req.top,
      });
      if (!req.valuesOnly && !pathsCurrent(w)) {
        briefing.warnings.push({
          code: "region_paths_stale",
          message:
            "台账或到位资金表中的“地区路径”与当前地区表不一致（地区表改过之后尚未刷新），成绩单中的公式可能少算。请先刷新台账和到位资金，再生成成绩单。",
          message_en:
            "The 地区路径 (region path) column of the ledger or funds sheet does not match the regions table now (it changed after they were loaded): the report card's formulas may miss rows. Refresh the ledger and the funds, then build the report card again.",
        });
      }
      if (req.signal?.aborted) throw cancelledError();
      req.onProgress?.(0.5);
      const language = req.language ?? "zh-CN";
      const text = briefingText(briefing, { language });
      if (req.valuesOnly) {
        // The writer names its sheet after the period; the frozen copy is written first and renamed aside.
        const copy = await writeBriefingSheet(briefing, {
          valuesOnly: true,
          charts: false,
          language,
          text,
          activate: false,
        });
        await renameSheet(copy.sheetName, valuesCopyName(copy.sheetName, language));
      }
      const written = await writeBriefingSheet(briefing, {
        portable: req.portable,
        charts: req.charts,
        language,
        text,
      });
      req.onProgress?.(1);
      return {
        sheet: written.sheetName,
        text: { zh: briefingText(briefing, { language: "zh-CN" }), en: briefingText(briefing, { language: "en-US" }) },
        warnings: briefing.warnings.map((w) => ({ zh: w.message, en: w.message_en })),
        noData: briefing.tables.every((t) => t.total.actual == null && t.rows.every((r) => r.actual == null)),
      };
    },
  };
}
