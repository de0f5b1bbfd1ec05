/**
 * The quarterly briefing, against baselines measured in the same run:
 * - buildBriefing (all five metrics, every region, prior year, targets, figures, shares, ranks) over 100k and 1M
 *   records imported from a realistic ledger CSV (bench/ledger-data.ts: 40 regions, so every record holds its own
 *   region string as parsed, dates in three forms; funds entries for a tenth of the rows) vs the floor: a bare loop
 *   summing one amount column over the same records once (goal ratio ≤ 3); also with 20% of the funds entries
 *   lacking a region (looked up in the ledger during the same pass: context);
 * - HyperFormula recalculating the equivalent sheet (the exporter's portable SUMIFS/COUNTIFS formulas over the data
 *   sheets), capped at 10k records so it finishes in well under 60 s (context only: different work);
 * - LibreOffice headless recalculating the exported workbook (100k records), when soffice is installed (context
 *   only: start-up, reading the xlsx and recalculating, against the builder over records already in memory).
 * ctx.quick shrinks every size for a smoke test.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { HyperFormula } from "hyperformula";
import type { RawCellContent } from "hyperformula";
import { BenchContext, BenchResult, ratioResult, timeMs } from "./harness";
import { buildBriefing, resolveFundsRegions } from "../src/briefing/build";
import { briefingLayout } from "../src/briefing/formulas";
import { briefingText } from "../src/briefing/text";
import type { Briefing, BriefingInput } from "../src/briefing/types";
import { FIGURES, FUNDS, LEDGER, SheetSpec, TARGETS } from "../src/core/columns";
import { METRIC_INFO, Metric } from "../src/core/model";
import { briefingXlsx, dateSerial } from "../src/export/briefing-xlsx";
import { csvNumber, findSoffice, recalculateWithLibreOffice } from "../src/export/libreoffice";
import { importBytes } from "../src/import/bytes";
import { syntheticInput } from "../packages/test-support/src/synthetic-briefing";
import { fundsCsv, ledgerCsvBytes, targetsCsv } from "./ledger-data";
import { compareSheet } from "../packages/test-support/src/compare-briefing-sheet";

const PERIOD = "2025Q2";

/** Ledger, funds and targets generated as CSV and read by the importer, as the command line reads them. */
async function importedInput(n: number): Promise<Required<BriefingInput>> {
  const enc = new TextEncoder();
  const ledger = await importBytes(ledgerCsvBytes(n), { fileName: "ledger.csv", kind: "ledger" });
  const funds = await importBytes(enc.encode(fundsCsv(Math.ceil(n / 10), n)), { fileName: "funds.csv", kind: "funds" });
  const targets = await importBytes(enc.encode(targetsCsv(2025)), { fileName: "targets.csv", kind: "targets" });
  if (ledger.summary.accepted !== n) throw new Error(`ledger: ${ledger.summary.accepted} of ${n} rows accepted`);
  return { records: ledger.records, funds: funds.funds, targets: targets.targets, figures: [] };
}

/** Synthetic input whose funds entries all carry their region (as the Funds table usually does). */
function withRegions(input: Required<BriefingInput>): Required<BriefingInput> {
  const regions = resolveFundsRegions(input.records, input.funds);
  return {
    ...input,
    funds: input.funds.map((e, i) => ({ ...e, region: regions[i] ?? e.region })).filter((e) => e.region),
  };
}

function floorLoop(records: BriefingInput["records"]): number {
  let s = 0;
  for (let i = 0; i < records.length; i++) {
    const a = records[i].signed_amount;
    if (typeof a === "number") s += a;
  }
  return s;
}

/** Median of interleaved runs of the floor and the briefing (both warm), so machine noise hits both alike. */
async function interleaved(input: BriefingInput, rounds: number): Promise<{ floor: number; brief: number }> {
  const floors: number[] = [];
  const briefs: number[] = [];
  let sink = 0;
  // Warm both up until the JIT has compiled them (a single call leaves the briefing's loop unoptimised).
  for (let i = 0; i < 8; i++) {
    floorLoop(input.records);
    buildBriefing(input, { period: PERIOD });
  }
  for (let i = 0; i < rounds; i++) {
    floors.push(
      await timeMs(
        () => {
          sink += floorLoop(input.records);
        },
        3,
        false,
      ),
    );
    briefs.push(
      await timeMs(
        () => {
          sink += buildBriefing(input, { period: PERIOD }).tables.length;
        },
        1,
        false,
      ),
    );
  }
  if (sink === -1) console.log(sink);
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { floor: med(floors), brief: med(briefs) };
}

/** A sheet's rows as HyperFormula cell contents: the titles, then each record (dates as serials, metrics in Chinese). */
function sheetRows(spec: SheetSpec, rows: readonly object[]): RawCellContent[][] {
  return [
    spec.columns.map((c) => c.title),
    ...(rows as Record<string, unknown>[]).map((row) =>
      spec.columns.map((c) => {
        const v = row[c.field];
        if (v === null || v === undefined || v === "") return null;
        if (c.type === "date") return dateSerial(String(v));
        if (c.type === "metric") return METRIC_INFO[v as Metric].zh;
        return v as RawCellContent; // the records' fields are strings, numbers and booleans
      }),
    ),
  ];
}

async function hyperformulaBench(input: Required<BriefingInput>, b: Briefing, ctx: BenchContext): Promise<BenchResult> {
  const layout = briefingLayout(b, briefingText(b), { mode: "portable", refs: "a1" });
  const hf = HyperFormula.buildEmpty({ licenseKey: "gpl-v3", maxRows: input.records.length + 10 });
  for (const [spec, rows] of [
    [LEDGER, input.records],
    [FUNDS, input.funds],
    [TARGETS, input.targets],
    [FIGURES, input.figures],
  ] as [SheetSpec, object[]][]) {
    const id = hf.getSheetId(hf.addSheet(spec.sheet))!;
    hf.setSheetContent(id, sheetRows(spec, rows));
  }
  const sheet = hf.getSheetId(hf.addSheet(layout.sheetName))!;
  const content: RawCellContent[][] = layout.grid.map((row) => row.map((c) => c.formula ?? c.value));
  const t0 = process.hrtime.bigint();
  hf.setSheetContent(sheet, content);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const read = (r: number, c: number) => {
    const v = hf.getCellValue({ sheet, row: r, col: c });
    return typeof v === "number" || typeof v === "string"
      ? v
      : v === null
        ? null
        : String((v as { value?: string }).value);
  };
  const { mismatches, compared } = compareSheet(b, read);
  const formulas = layout.grid.flat().filter((c) => c.formula).length;
  hf.destroy();
  const tBrief = await timeMs(() => buildBriefing(input, { period: PERIOD }), 3);
  ctx.log(
    `HyperFormula: ${formulas} formulas over ${input.records.length} records in ${ms.toFixed(0)} ms; ${mismatches.length} of ${compared} cells differ from the JSON`,
  );
  return ratioResult(
    `briefing sheet recalculated by HyperFormula (${formulas} portable formulas, ${input.records.length} records; different work: a formula engine evaluating SUMIFS over sheets vs the builder over records in memory)`,
    ms,
    "ms",
    { name: "buildBriefing, same records", value: tBrief },
    undefined,
    `context only; ${compared} cells compared with the JSON, ${mismatches.length} differ${mismatches.length ? `: ${mismatches.slice(0, 2).join("; ")}` : ""}`,
  );
}

async function libreOfficeBench(input: Required<BriefingInput>, b: Briefing, ctx: BenchContext): Promise<BenchResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "brief-bench-"));
  try {
    const file = path.join(dir, "briefing.xlsx");
    const tWrite0 = Date.now();
    fs.writeFileSync(file, await briefingXlsx(input, b));
    const writeMs = Date.now() - tWrite0;
    const recalc = await recalculateWithLibreOffice(file, 600_000);
    const sheet = recalc.sheets.get(`成绩单 ${b.period}`)!;
    const { mismatches, compared } = compareSheet(b, (r, c) => csvNumber(sheet[r]?.[c]));
    const tBrief = await timeMs(() => buildBriefing(input, { period: PERIOD }), 3);
    ctx.log(
      `LibreOffice: ${input.records.length} records recalculated in ${recalc.ms} ms (xlsx written in ${writeMs} ms); ${mismatches.length} of ${compared} cells differ`,
    );
    return ratioResult(
      `exported workbook recalculated by LibreOffice headless (${input.records.length} records; different work: LibreOffice start-up + reading the xlsx + recalculating vs the builder over records already in memory)`,
      recalc.ms,
      "ms",
      { name: "buildBriefing, same records", value: tBrief },
      undefined,
      `context only; exceljs wrote the xlsx in ${writeMs} ms; ${compared} cells compared with the JSON, ${mismatches.length} differ`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export default async function briefingBench(ctx: BenchContext): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const sizes = ctx.quick ? [10_000, 50_000] : [100_000, 1_000_000];
  for (const n of sizes) {
    const input = await importedInput(n);
    // Every fifth funds entry without its region: found through the ledger project it names, in the same pass.
    const raw = { ...input, funds: input.funds.map((e, i) => (i % 5 === 0 ? { ...e, region: null } : e)) };
    const { floor, brief } = await interleaved(input, ctx.quick ? 5 : 9);
    const b = buildBriefing(input, { period: PERIOD });
    results.push(
      ratioResult(
        `buildBriefing ${PERIOD}: ${n.toLocaleString("en")} records imported from a ledger CSV + ${input.funds.length.toLocaleString("en")} funds entries`,
        brief,
        "ms",
        { name: "bare loop summing signed_amount once", value: floor },
        3,
        `${b.regions.length} regions × ${b.tables.length} metrics + 合计; ${((brief * 1e6) / n).toFixed(0)} ns/record`,
      ),
    );
    const lookup = await interleaved(raw, ctx.quick ? 3 : 5);
    results.push(
      ratioResult(
        `buildBriefing, 20% of funds entries without region (ledger lookup in the same pass), ${n.toLocaleString("en")} records`,
        lookup.brief,
        "ms",
        { name: "bare loop summing signed_amount once", value: lookup.floor },
        undefined,
        "context: two map lookups per record for the region-less entries",
      ),
    );
  }
  const hfN = ctx.quick ? 2_000 : 10_000;
  const hfInput = withRegions(syntheticInput({ records: hfN, funds: Math.ceil(hfN / 10), seed: 2 }));
  results.push(await hyperformulaBench(hfInput, buildBriefing(hfInput, { period: PERIOD }), ctx));
  if (findSoffice()) {
    const loN = ctx.quick ? 10_000 : 100_000;
    const loInput = withRegions(syntheticInput({ records: loN, funds: Math.ceil(loN / 10), seed: 3 }));
    results.push(await libreOfficeBench(loInput, buildBriefing(loInput, { period: PERIOD }), ctx));
  } else {
    ctx.log("LibreOffice (soffice) not installed: its recalculation is not measured");
  }
  return results;
}
