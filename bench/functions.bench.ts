/**
 * INVEST.* custom functions, against baselines measured in the same run:
 * - one COMPLETION_RATE call over 100,000 cells vs a bare loop dividing the same arrays (the cost of the checks:
 *   numbers from text, blanks, errors, broadcasting, #DIV/0! with a message);
 * - PERIOD_SUM from 50 cells (10 periods × 5 regions) over a 100,000-row ledger vs HyperFormula evaluating the 50
 *   equivalent SUMIFS over explicit date bounds; plus the same 50 results from ONE spilled PERIOD_SUM call.
 * ctx.quick shrinks the sizes (10,000 cells / rows) for a smoke test.
 */
import { HyperFormula } from "hyperformula";
import { BenchContext, BenchResult, ratioResult, timeMs } from "./harness";
import { completionRate, periodSum } from "../src/functions/functions";
import { parsePeriod, periodEnd, periodStart } from "../src/core/period";
import { toExcelSerial } from "../src/core/dates";

/** COMPLETION_RATE over n cells in one call, against a bare loop dividing the same arrays. */
async function completionRateBench(n: number, checksum: { sink: number }): Promise<BenchResult> {
  const actual: number[][] = [];
  const target: number[][] = [];
  for (let i = 0; i < n; i++) {
    actual.push([((i * 7919) % 10_000) / 10]);
    target.push([100 + (i % 400)]);
  }
  const tOurs = await timeMs(() => {
    const out = completionRate(actual, target);
    checksum.sink += out.length;
  }, 7);
  const tBare = await timeMs(() => {
    const out: number[][] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = [actual[i][0] / target[i][0]];
    checksum.sink += out.length;
  }, 7);
  return ratioResult(
    `COMPLETION_RATE, one call over ${n} cells`,
    tOurs,
    "ms",
    { name: "bare division loop", value: tBare },
    10,
    "checks every cell: number/text/blank/error, #DIV/0! with a message",
  );
}

const REGIONS = ["西宁市", "海东市", "海西州", "海南州", "西宁开发区"];
const PERIODS = [
  "2025Q1",
  "2025Q2",
  "2025Q3",
  "2025Q4",
  "2025H1",
  "2025H2",
  "2025Q3YTD",
  "2025M05",
  "2025年1-5月",
  "2025",
];

/** An n-row ledger as the function's arguments receive it: amounts, date serials (2024–2025) and regions. */
interface LedgerColumns {
  values: number[][];
  dates: number[][];
  regionCol: string[][];
}

function ledgerColumns(n: number): LedgerColumns {
  const day0 = toExcelSerial({ year: 2024, month: 1, day: 1 });
  const cols: LedgerColumns = { values: [], dates: [], regionCol: [] };
  for (let i = 0; i < n; i++) {
    cols.values.push([((i * 104_729) % 100_000) / 100]);
    cols.dates.push([day0 + ((i * 7_919) % 731)]); // 2024-01-01 … 2025-12-31
    cols.regionCol.push([REGIONS[(i * 31) % REGIONS.length]]);
  }
  return cols;
}

/** HyperFormula: the ledger in a sheet (not timed), then the 50 SUMIFS (timed: adding them evaluates them). */
function hyperFormulaSumifs(n: number, cols: LedgerColumns, cells: { p: string; r: string }[]) {
  const hf = HyperFormula.buildEmpty({ licenseKey: "gpl-v3", maxRows: n + 10 });
  const sheet = hf.getSheetId(hf.addSheet("Ledger"))!;
  hf.setSheetContent(
    sheet,
    cols.values.map((v, i) => [v[0], cols.dates[i][0], cols.regionCol[i][0]]),
  );
  const formulas = cells.map(({ p, r }) => {
    const period = parsePeriod(p)!;
    const [from, to] = [toExcelSerial(periodStart(period)), toExcelSerial(periodEnd(period))];
    return [`=SUMIFS(A1:A${n},B1:B${n},">=${from}",B1:B${n},"<=${to}",C1:C${n},"${r}")`];
  });
  const t0 = process.hrtime.bigint();
  hf.setCellContents({ sheet, row: 0, col: 4 }, formulas);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const results = cells.map((_, i) => hf.getCellValue({ sheet, row: i, col: 4 }) as number);
  hf.destroy();
  return { ms, results };
}

/** PERIOD_SUM from 50 cells and from one spilled call, against HyperFormula's 50 SUMIFS; answers checked equal. */
async function periodSumBench(ctx: BenchContext, n: number, checksum: { sink: number }): Promise<BenchResult[]> {
  const cols = ledgerColumns(n);
  const { values, dates, regionCol } = cols;
  const cells = PERIODS.flatMap((p) => REGIONS.map((r) => ({ p, r })));
  let ours: number[] = [];
  const tPeriod = await timeMs(() => {
    ours = cells.map(({ p, r }) => periodSum(values, dates, [[p]], [regionCol, [[r]]])[0][0] as number);
  }, 3);
  let spilled: unknown[][] = [];
  const tSpill = await timeMs(() => {
    spilled = periodSum(values, dates, [PERIODS], [regionCol, REGIONS.map((r) => [r])]);
  }, 3);
  const hf = hyperFormulaSumifs(n, cols, cells);
  // The figures only count if the answers agree.
  cells.forEach(({ p, r }, i) => {
    const want = hf.results[i];
    const tol = 1e-6 * Math.max(1, Math.abs(want));
    const fromSpill = spilled[REGIONS.indexOf(r)][PERIODS.indexOf(p)];
    if (Math.abs(ours[i] - want) > tol || typeof fromSpill !== "number" || Math.abs(fromSpill - want) > tol) {
      throw new Error(`PERIOD_SUM ${p} ${r}: ${ours[i]} / ${fromSpill} vs SUMIFS ${want}`);
    }
  });
  ctx.log(`checksum ${checksum.sink} ${ours.reduce((a, b) => a + b, 0).toFixed(2)}`);
  return [
    ratioResult(
      `PERIOD_SUM, 50 cells over ${n} rows`,
      tPeriod,
      "ms",
      { name: "HyperFormula, 50 SUMIFS", value: hf.ms },
      0.5,
      "50 separate calls, one pass over the rows each; results checked equal",
    ),
    ratioResult(
      `PERIOD_SUM, one spilled call (10 periods × 5 regions) over ${n} rows`,
      tSpill,
      "ms",
      { name: "HyperFormula, 50 SUMIFS", value: hf.ms },
      0.1,
      "one pass over the rows for all 50 results",
    ),
  ];
}

async function functionsBench(ctx: BenchContext): Promise<BenchResult[]> {
  const n = ctx.quick ? 10_000 : 100_000;
  const checksum = { sink: 0 };
  return [await completionRateBench(n, checksum), ...(await periodSumBench(ctx, n, checksum))];
}

export default functionsBench;

// Loaded as CommonJS (`npx tsx -e 'import("./bench/functions.bench.ts")…'`), import() hands over module.exports as the
// default export: make that the function itself, so `m.default(ctx)` works there as well as under bench/run.ts.
if (typeof module !== "undefined" && module.exports)
  module.exports = Object.assign(functionsBench, { default: functionsBench });
