/**
 * .xlsx workbooks through exceljs. exceljs is loaded on demand with a dynamic import(): webpack puts it in a chunk
 * of its own and, for the browser, resolves the package's "browser" entry (dist/exceljs.min.js, no Node built-ins);
 * Node (jest, the CLI) gets the normal entry.
 */
import { ImportError, throwIfAborted } from "./errors";
import { yieldToEventLoop } from "./csv";
import { TableEngine, type EngineOptions } from "./table";
import { PHANTOM_1900_02_29, type PhantomDate } from "./values";
import { guardXlsx } from "./xlsx-guard";
import type { ImportOptions, ImportResult } from "./types";
import type { WorkbookProperties } from "exceljs";

type ExcelJsModule = typeof import("exceljs");
/**
 * What the dynamic import gives: exceljs is CommonJS, so its exports come as the namespace itself (Node) or under
 * `default` (webpack's interop for the browser bundle).
 */
type ExcelJsImport = ExcelJsModule & { default?: ExcelJsModule };

let loading: Promise<ExcelJsModule> | null = null;

/** exceljs, loaded once, lazily. */
export function loadExcelJs(): Promise<ExcelJsModule> {
  loading ??= import(/* webpackChunkName: "exceljs" */ "exceljs").then((mod: ExcelJsImport) =>
    mod.Workbook ? mod : (mod.default ?? mod),
  );
  loading.catch(() => {
    loading = null;
  });
  return loading;
}

const YIELD_EVERY = 5000;

/**
 * A date cell as Excel means it. exceljs turns a serial into a Date as if 1900 had no 29 February, so serials 1–59
 * (before Excel's phantom 1900-02-29) come out a day early and serial 60 comes out as 1900-02-28. Excel counts serial
 * 60 as 1900-02-29, a day that does not exist (the 1900 leap-year bug it keeps for Lotus 1-2-3): that becomes a
 * marker the importer reports; 1–59 are put back on the day Excel shows. Later dates are left as they are.
 */
function excelDate(d: Date): Date | PhantomDate {
  const serial = d.getTime() / 86_400_000 + 25569; // exceljs's own inverse
  if (!(serial < 61)) return d;
  const whole = Math.floor(serial);
  if (whole === 60) return PHANTOM_1900_02_29;
  return new Date(d.getTime() + 86_400_000);
}

export async function importXlsxBytes(
  bytes: Uint8Array,
  opts: ImportOptions,
  fileName = opts.fileName,
): Promise<ImportResult> {
  // Bounds first, in bounded memory (xlsx-guard.ts): exceljs would inflate everything before anything could stop it.
  await guardXlsx(bytes, fileName, opts.signal);
  const ExcelJS = await loadExcelJs();
  throwIfAborted(opts.signal);
  const wb = new ExcelJS.Workbook();
  try {
    // JSZip (inside exceljs) takes a Uint8Array in Node and in browsers; no copy into an ArrayBuffer is needed.
    // eslint-disable-next-line no-restricted-syntax -- exceljs types load(buffer) with its own `Buffer extends ArrayBuffer`, which no Uint8Array (not even Node's Buffer) matches
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    const detail = e instanceof Error ? e.message.slice(0, 160) : String(e).slice(0, 160);
    throw new ImportError(
      "XLSX_UNREADABLE",
      `无法打开工作簿「${fileName}」（${detail}）。文件可能已损坏、加了密码，或不是 .xlsx 格式；请在 Excel 中打开后另存为 .xlsx 或 CSV 再导入。`,
      `Cannot open the workbook "${fileName}" (${detail}). It may be damaged, password-protected or not .xlsx; open it in Excel, save as .xlsx or CSV, and import again.`,
    );
  }
  throwIfAborted(opts.signal);
  const sheets = wb.worksheets.filter(Boolean);
  const names = sheets.map((s) => s.name);
  let ws = sheets[0];
  if (opts.sheet !== undefined && opts.sheet !== "") {
    const want = opts.sheet.trim();
    ws = sheets.find((s) => s.name === want) ?? sheets.find((s) => s.name.trim().toLowerCase() === want.toLowerCase())!;
    if (!ws) {
      throw new ImportError(
        "SHEET_NOT_FOUND",
        `工作簿「${fileName}」中没有名为「${want}」的工作表。现有工作表：${names.join("、") || "（无）"}。`,
        `The workbook "${fileName}" has no sheet named "${want}". Sheets: ${names.join(", ") || "(none)"}.`,
        { sheets: names },
      );
    }
  }
  if (!ws)
    throw new ImportError(
      "EMPTY",
      `工作簿「${fileName}」里没有工作表。`,
      `The workbook "${fileName}" has no worksheets.`,
      { sheets: names },
    );
  const engineOpts: EngineOptions = { ...opts, fileLabel: `${fileName}!${ws.name}` };
  const engine = new TableEngine(engineOpts);
  // Typed as always there, but exceljs sets `properties` from what the file's workbook.xml holds.
  const properties: Partial<WorkbookProperties> | undefined = wb.properties;
  const date1904 = Boolean(properties?.date1904);
  // Only the rows that exist (getRow would create every missing row up to rowCount).
  const rows: { n: number; values: unknown[] }[] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    if (Array.isArray(row.values)) rows.push({ n, values: row.values as unknown[] });
  });
  for (let k = 0; k < rows.length; k++) {
    const { n, values } = rows[k];
    // exceljs rows are 1-based sparse arrays; holes are empty cells.
    const cells: unknown[] = [];
    for (let c = 1; c < values.length; c++) {
      const v = values[c];
      cells.push(v === undefined ? null : v instanceof Date && !date1904 ? excelDate(v) : v);
    }
    engine.push(cells, n);
    if ((k + 1) % YIELD_EVERY === 0) {
      throwIfAborted(opts.signal);
      opts.onProgress?.((k + 1) / rows.length);
      await yieldToEventLoop();
    }
  }
  opts.onProgress?.(1);
  try {
    return engine.finish();
  } catch (e) {
    // The first sheet is often a cover or notes: say which other sheets there are.
    if (e instanceof ImportError && (e.code === "NO_HEADER" || e.code === "EMPTY") && !opts.sheet && names.length > 1) {
      const others = names.filter((n) => n !== ws.name);
      throw new ImportError(
        e.code,
        `${e.message_zh} 当前读取的是第一个工作表「${ws.name}」；工作簿中还有：${others.join("、")}。请选择台账所在的工作表（--sheet）。`,
        `${e.message_en} The first sheet "${ws.name}" was read; the workbook also has: ${others.join(", ")}. Choose the sheet that holds the ledger (--sheet).`,
        { ...e.details, sheets: names },
      );
    }
    throw e;
  }
}
