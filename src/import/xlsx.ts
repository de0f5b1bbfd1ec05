/**
 * .xlsx workbooks through exceljs. exceljs is loaded on demand with a dynamic import(): webpack puts it in a chunk
 * of its own and, for the browser, resolves the package's "browser" entry (dist/exceljs.min.js, no Node built-ins);
 * Node (jest, the CLI) gets the normal entry.
 */
import { ImportError, throwIfAborted } from "./errors";
import { yieldToEventLoop } from "./csv";
import { TableEngine, type EngineOptions } from "./table";
import type { ImportOptions, ImportResult } from "./types";

type ExcelJsModule = typeof import("exceljs");

let loading: Promise<ExcelJsModule> | null = null;

/** exceljs, loaded once, lazily. */
export function loadExcelJs(): Promise<ExcelJsModule> {
  loading ??= import(/* webpackChunkName: "exceljs" */ "exceljs").then((m) => {
    const mod = m as unknown as ExcelJsModule & { default?: ExcelJsModule };
    return mod.Workbook ? mod : (mod.default as ExcelJsModule);
  });
  loading.catch(() => {
    loading = null;
  });
  return loading;
}

const YIELD_EVERY = 5000;

export async function importXlsxBytes(bytes: Uint8Array, opts: ImportOptions, fileName = opts.fileName): Promise<ImportResult> {
  const ExcelJS = await loadExcelJs();
  throwIfAborted(opts.signal);
  const wb = new ExcelJS.Workbook();
  try {
    // JSZip (inside exceljs) takes a Uint8Array in Node and in browsers.
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    const detail = e instanceof Error ? e.message.slice(0, 160) : String(e).slice(0, 160);
    throw new ImportError("XLSX_UNREADABLE",
      `无法打开工作簿「${fileName}」（${detail}）。文件可能已损坏、加了密码，或不是 .xlsx 格式；请在 Excel 中打开后另存为 .xlsx 或 CSV 再导入。`,
      `Cannot open the workbook "${fileName}" (${detail}). It may be damaged, password-protected or not .xlsx; open it in Excel, save as .xlsx or CSV, and import again.`);
  }
  throwIfAborted(opts.signal);
  const sheets = wb.worksheets.filter(Boolean);
  const names = sheets.map((s) => s.name);
  let ws = sheets[0];
  if (opts.sheet !== undefined && opts.sheet !== "") {
    const want = opts.sheet.trim();
    ws = sheets.find((s) => s.name === want) ?? sheets.find((s) => s.name.trim().toLowerCase() === want.toLowerCase())!;
    if (!ws) {
      throw new ImportError("SHEET_NOT_FOUND",
        `工作簿「${fileName}」中没有名为「${want}」的工作表。现有工作表：${names.join("、") || "（无）"}。`,
        `The workbook "${fileName}" has no sheet named "${want}". Sheets: ${names.join(", ") || "(none)"}.`, { sheets: names });
    }
  }
  if (!ws) throw new ImportError("EMPTY", `工作簿「${fileName}」里没有工作表。`, `The workbook "${fileName}" has no worksheets.`, { sheets: names });
  const engine = new TableEngine({ ...opts, fileLabel: `${fileName}!${ws.name}` } as EngineOptions);
  const last = ws.rowCount;
  for (let r = 1; r <= last; r++) {
    const values = ws.getRow(r).values as unknown[] | undefined;
    // exceljs rows are 1-based sparse arrays; holes are empty cells.
    const cells: unknown[] = [];
    if (Array.isArray(values)) for (let c = 1; c < values.length; c++) cells.push(values[c] === undefined ? null : values[c]);
    engine.push(cells, r);
    if (r % YIELD_EVERY === 0) {
      throwIfAborted(opts.signal);
      opts.onProgress?.(r / last);
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
      throw new ImportError(e.code,
        `${e.message_zh} 当前读取的是第一个工作表「${ws.name}」；工作簿中还有：${others.join("、")}。请选择台账所在的工作表（--sheet）。`,
        `${e.message_en} The first sheet "${ws.name}" was read; the workbook also has: ${others.join(", ")}. Choose the sheet that holds the ledger (--sheet).`,
        { ...e.details, sheets: names });
    }
    throw e;
  }
}
