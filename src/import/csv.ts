/**
 * CSV: encoding detection, delimiter detection, and chunked parsing with papaparse's core Parser so that a
 * file of a million rows is decoded and parsed a chunk at a time (the event loop gets a turn between chunks,
 * progress is reported and an AbortSignal is honoured).
 */
import Papa from "papaparse";
import { ImportError, isImportError, throwIfAborted } from "./errors";
import { recognise, SUSPICIOUS_TEXT, TableEngine, type EngineOptions } from "./table";
import type { ImportOptions, ImportResult } from "./types";

/** Bytes decoded and parsed per step: small enough that a step's rows die young (less GC), big enough to be cheap. */
const DEFAULT_CHUNK = 1 << 17;
const DELIMITERS = [",", "\t", ";", "|"];
/**
 * Characters one CSV record may hold while still unfinished: beyond it the file is refused rather than held whole (a
 * valid record is at most its columns × 32,767 characters, see MAX_CELL_CHARS; 16M allows 500 full columns).
 */
const MAX_RECORD_CHARS = 16 * 1024 * 1024;

/** Hand the event loop a turn: setImmediate in Node; a MessageChannel task in browsers (setTimeout(0) is clamped to 4 ms). */
export function yieldToEventLoop(): Promise<void> {
  const g = globalThis as { setImmediate?: (cb: () => void) => unknown; MessageChannel?: typeof MessageChannel };
  if (typeof g.setImmediate === "function") return new Promise((r) => g.setImmediate!(r));
  if (typeof g.MessageChannel === "function") {
    return new Promise((r) => {
      const ch = new g.MessageChannel!();
      ch.port1.onmessage = () => {
        ch.port1.close();
        r();
      };
      ch.port2.postMessage(null);
    });
  }
  return new Promise((r) => setTimeout(r, 0));
}

/** Yields at most every `sliceMs` of work, so a UI stays responsive without paying a turn per chunk. */
export class Slicer {
  private last = now();
  constructor(private readonly sliceMs = 12) {}
  async maybeYield(): Promise<void> {
    if (now() - this.last < this.sliceMs) return;
    await yieldToEventLoop();
    this.last = now();
  }
}

function now(): number {
  return typeof performance !== "undefined" ? performance.now() : Date.now();
}

export type TextEncoding = "utf-8" | "utf-16le" | "utf-16be" | "gb18030";

/** What the bytes of a whole file say about its encoding (see detectEncoding). */
export interface EncodingEvidence {
  /** Well-formed UTF-8 sequences of two to four bytes. */
  utf8Valid: number;
  /** Bytes or sequences that are not UTF-8 (each counted once). */
  utf8Invalid: number;
  /** NUL bytes. */
  nul: number;
}

/** One pass over every byte: UTF-8 well-formedness (RFC 3629: no overlongs, no surrogates, ≤ U+10FFFF) and NULs. */
export function encodingEvidence(bytes: Uint8Array): EncodingEvidence {
  let valid = 0;
  let invalid = 0;
  let nul = 0;
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      if (b === 0) nul++;
      i++;
      continue;
    }
    let need = 0;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else {
      invalid++;
      i++;
      continue;
    }
    let k = 1;
    for (; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) break;
    }
    if (k > need) {
      valid++;
      i += need + 1;
    } else {
      invalid++;
      i += k; // the longest well-formed prefix counts as one bad sequence (as a decoder's U+FFFD)
    }
  }
  return { utf8Valid: valid, utf8Invalid: invalid, nul };
}

/**
 * The encoding of a text file, decided from the evidence of the WHOLE file, not from its first bytes: a BOM decides;
 * otherwise UTF-8 when every multi-byte sequence is UTF-8, or when well-formed sequences outnumber bad ones at least
 * four to one (a UTF-8 file with a few damaged bytes stays UTF-8: the damaged rows are reported, not the whole file
 * re-decoded); otherwise GB18030 (a superset of GBK and GB2312, what Chinese Excel and WPS write as "CSV"), whose
 * two-byte characters form well-formed UTF-8 only by chance (about one pair in nine).
 */
export function detectEncoding(bytes: Uint8Array): TextEncoding {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  if (isUtf8(bytes)) return "utf-8";
  const e = encodingEvidence(bytes);
  return e.utf8Valid >= 4 * e.utf8Invalid ? "utf-8" : "gb18030";
}

/** Whether every byte is UTF-8: the platform's strict decoder a megabyte at a time (fast; no whole-file string). */
function isUtf8(bytes: Uint8Array): boolean {
  const d = new TextDecoder("utf-8", { fatal: true });
  try {
    for (let off = 0; off < bytes.length; off += 1 << 20)
      d.decode(bytes.subarray(off, Math.min(bytes.length, off + (1 << 20))), { stream: true });
    d.decode();
    return true;
  } catch {
    return false;
  }
}

function normalizeEncoding(label: string): string {
  const l = label.trim().toLowerCase();
  if (l === "gbk" || l === "gb2312" || l === "cp936" || l === "gb18030" || l === "x-gbk") return "gb18030";
  return l;
}

/** Guess the newline and the delimiter from the first part of the text, using the header row as the judge. */
export function sniffCsv(
  sample: string,
  opts: Pick<ImportOptions, "mapping">,
): { delimiter: string; newline: "\n" | "\r" } {
  const nl = sample.indexOf("\n");
  const newline: "\n" | "\r" = nl < 0 && sample.includes("\r") ? "\r" : "\n";
  let best = { delimiter: "", recognised: -1, consistent: -1 };
  for (const d of DELIMITERS) {
    const rows = Papa.parse<string[]>(sample, { delimiter: d, newline, preview: 60 }).data;
    let recognised = 0;
    let width = 0;
    for (const r of rows) {
      const cells = r.map((c) => c.replace(/\r$/, "").trim());
      if (cells.every((c) => c === "")) continue;
      const n = recognise(cells, opts.mapping).count;
      if (n > recognised) {
        recognised = n;
        width = cells.length;
      }
    }
    const consistent = width > 1 ? rows.filter((r) => r.length === width).length : 0;
    if (recognised > best.recognised || (recognised === best.recognised && consistent > best.consistent)) {
      best = { delimiter: d, recognised, consistent };
    }
  }
  if (best.recognised < 2) {
    const guess = Papa.parse<string[]>(sample, { newline, preview: 20 }).meta.delimiter;
    return { delimiter: guess || ",", newline };
  }
  return { delimiter: best.delimiter, newline };
}

/**
 * Incremental CSV → TableEngine. `feed` takes consecutive pieces of text; rows complete in them are pushed at
 * once, an unfinished last row waits for the next piece. Row numbers are CSV records, as a spreadsheet shows them.
 */
export class CsvStreamer {
  private parser: Papa.Parser | null = null;
  private newline: "\n" | "\r" = "\n";
  private delimiter = ",";
  private pending: string[] = [];
  private pendingLength = 0;
  private partial = "";
  private rowNo = 0;
  constructor(
    readonly engine: TableEngine,
    private readonly opts: ImportOptions,
    private readonly chunkSize: number,
  ) {}

  feed(text: string, last: boolean): void {
    if (text) {
      this.pending.push(text);
      this.pendingLength += text.length;
    }
    // Wait until there is at least as much new text as leftover: a huge quoted cell is re-scanned O(log n) times, not O(n).
    if (!last && this.pendingLength < Math.max(this.chunkSize, this.partial.length)) return;
    const input = this.partial + this.pending.join("");
    this.pending = [];
    this.pendingLength = 0;
    if (!this.parser) {
      const { delimiter, newline } = sniffCsv(input.slice(0, 65536), this.opts);
      this.newline = newline;
      this.delimiter = delimiter;
      this.parser = new Papa.Parser({ delimiter, newline, quoteChar: '"' });
    }
    const whole = this.newline === "\n" && LONE_CR.test(input) ? loneCrToLf(input, this.delimiter) : input;
    const cursor = this.parseRows(whole, last);
    this.partial = last ? "" : whole.substring(cursor);
    if (this.partial.length > MAX_RECORD_CHARS) this.recordTooLong();
  }

  private recordTooLong(): never {
    throw new ImportError(
      "TOO_LARGE",
      `第 ${this.rowNo + 1} 行超过 ${MAX_RECORD_CHARS / 1024 / 1024}M 个字符仍未结束（多半是一个没有配对的引号），未继续读取。请检查这一行的双引号。`,
      `Row ${this.rowNo + 1} runs past ${MAX_RECORD_CHARS / 1024 / 1024}M characters without ending (most likely an unmatched quote); reading stopped. Check the double quotes in that row.`,
    );
  }

  /**
   * Parse `input` and push its complete rows; returns how much of it was consumed. A quote that swallows record
   * boundaries (an opening quote never closed, or a misplaced quote whose cell then runs over line ends) must not
   * take the rows after it along: the line that holds it is rejected with an error saying so, and parsing starts
   * again on the next line, so every later row is read as the row it is.
   */
  private parseRows(input: string, last: boolean): number {
    let offset = 0;
    for (;;) {
      const text = offset === 0 ? input : input.substring(offset);
      const res = this.parser!.parse(text, 0, !last) as Papa.ParseResult<string[]>;
      const data = res.data;
      const bad = res.errors.find(
        (e) =>
          e.code === "MissingQuotes" ||
          (e.code === "InvalidQuotes" &&
            typeof e.row === "number" &&
            data[e.row]?.some((c) => c.includes(this.newline))),
      );
      const upto = bad && typeof bad.row === "number" ? Math.min(bad.row, data.length) : data.length;
      const base = this.rowNo;
      this.pushRows(data, upto, !SUSPICIOUS_TEXT.test(text));
      for (const e of res.errors) {
        if (e === bad || (typeof e.row === "number" && e.row >= upto) || e.code !== "InvalidQuotes") continue;
        const row = base + (typeof e.row === "number" ? e.row : 0) + 1;
        this.engine.note(
          row,
          null,
          "warning",
          `第 ${row} 行的引号用法不规范（引号后面紧跟了其他字符），已尽量读取。请检查这一行的双引号。`,
          `Row ${row} has a misplaced quote (a quote followed by other characters); read as well as possible. Check the double quotes in that row.`,
        );
      }
      if (!bad) return offset + res.meta.cursor;
      const start =
        upto === 0
          ? 0
          : (
              new Papa.Parser({
                delimiter: this.delimiter,
                newline: this.newline,
                quoteChar: '"',
                preview: upto,
              }).parse(text, 0, false) as Papa.ParseResult<string[]>
            ).meta.cursor;
      // The same bound whether the file ends before the record does or not (papaparse held it open to the end).
      if (bad.code === "MissingQuotes" && text.length - start > MAX_RECORD_CHARS) this.recordTooLong();
      let end = text.indexOf(this.newline, Math.max(start, typeof bad.index === "number" ? bad.index : start));
      if (end < 0) {
        if (!last) return offset + start; // the line is not complete yet
        end = text.length;
      }
      let line = text.substring(start, end);
      if (this.newline === "\n" && line.endsWith("\r")) line = line.slice(0, -1);
      this.rowNo++;
      const row = this.rowNo;
      this.engine.push(line.split(this.delimiter), row, false, {
        column: null,
        zh: `第 ${row} 行有一个没有配对（或位置不对）的双引号，从引号起的内容会把后面的行吞进同一个单元格。本行未导入；后面的行已照常逐行读取。请改正这一行的双引号（单元格中的引号要写成两个 ""）后重新导入。`,
        en: `Row ${row} has an unmatched (or misplaced) double quote: from the quote on, the following rows would be read into one cell. This row was rejected; the rows after it were read line by line as usual. Correct the quotes in this row (a quote inside a cell is written "") and import again.`,
      });
      offset += Math.min(text.length, end + this.newline.length);
      if (offset >= input.length) return input.length;
    }
  }

  private pushRows(data: string[][], upto: number, clean: boolean): void {
    const stripCr = this.newline === "\n";
    for (let i = 0; i < upto; i++) {
      const row = data[i];
      if (stripCr && row.length > 0) {
        const lastCell = row[row.length - 1];
        if (lastCell.length > 0 && lastCell.charCodeAt(lastCell.length - 1) === 13)
          row[row.length - 1] = lastCell.slice(0, -1);
      }
      this.rowNo++;
      this.engine.push(row, this.rowNo, clean);
    }
  }
}

/** A carriage return not followed by a line feed (an old Mac line end, or a cell's line break). */
const LONE_CR = /\r(?=[^\n])/;

/**
 * A lone CR outside quotes is a line end (Excel and LibreOffice read CR, LF and CRLF alike); papaparse, told the file
 * uses LF, would glue the two records into one. Inside a quoted cell it stays (a line break in the cell). Quotes are
 * read as papaparse reads them: a quote opens a quoted cell only at the start of a cell; "" inside is a quote.
 */
export function loneCrToLf(text: string, delimiter: string): string {
  const d = delimiter.charCodeAt(0);
  const out: string[] = [];
  let from = 0;
  let quoted = false;
  let cellStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quoted) {
      if (c === 34) {
        if (text.charCodeAt(i + 1) === 34) i++;
        else quoted = false;
      }
      continue;
    }
    if (c === 34 && cellStart) {
      quoted = true;
      cellStart = false;
      continue;
    }
    if (c === d || c === 10) {
      cellStart = true;
      continue;
    }
    if (c === 13 && i + 1 < text.length && text.charCodeAt(i + 1) !== 10) {
      out.push(text.substring(from, i), "\n");
      from = i + 1;
      cellStart = true;
      continue;
    }
    cellStart = false;
  }
  if (out.length === 0) return text;
  out.push(text.substring(from));
  return out.join("");
}

/** Parse CSV text at once (small inputs: the bundled seeds, tests). */
export function importCsvText(text: string, opts: ImportOptions, fileLabel = opts.fileName): ImportResult {
  const engine = new TableEngine({ ...opts, fileLabel } as EngineOptions);
  const streamer = new CsvStreamer(engine, opts, Number.MAX_SAFE_INTEGER);
  streamer.feed(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, true);
  return engine.finish();
}

/** Decode and parse CSV bytes chunk by chunk. */
export async function importCsvBytes(
  bytes: Uint8Array,
  opts: ImportOptions,
  fileLabel = opts.fileName,
): Promise<ImportResult> {
  if (bytes.length === 0)
    throw new ImportError("EMPTY", `「${fileLabel}」是空文件。`, `"${fileLabel}" is an empty file.`);
  if (opts.encoding) return run(bytes, opts, fileLabel, normalizeEncoding(opts.encoding));
  if (hasBom(bytes)) return run(bytes, opts, fileLabel, detectEncoding(bytes));
  // Most files are UTF-8: decode strictly while parsing (one decoding of the file, not a check and then a decoding).
  // At the first byte that is not UTF-8, start again with the encoding the whole file's evidence gives
  // (detectEncoding), so the result is exactly what deciding first would have given.
  try {
    return await run(bytes, opts, fileLabel, "utf-8", true);
  } catch (e) {
    if (!(e instanceof NotUtf8) && !(isImportError(e) && !isUtf8(bytes))) throw e;
  }
  return run(bytes, opts, fileLabel, detectEncoding(bytes));
}

/** The optimistic UTF-8 pass met a byte that is not UTF-8. */
class NotUtf8 extends Error {}

function hasBom(bytes: Uint8Array): boolean {
  return (
    (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) ||
    (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)))
  );
}

/** More NUL bytes than this share of the start of a file: binary data, not text with a stray NUL. */
const BINARY_NUL_SHARE = 0.01;

async function run(
  bytes: Uint8Array,
  opts: ImportOptions,
  fileLabel: string,
  encoding: string,
  strictUtf8 = false,
): Promise<ImportResult> {
  let decoder: TextDecoder;
  try {
    // Never fatal but in the optimistic UTF-8 pass: a byte that is not of the encoding becomes U+FFFD and its row is
    // reported (TableEngine.checkText).
    decoder = new TextDecoder(encoding, { fatal: strictUtf8 });
  } catch {
    throw new ImportError(
      "FILE_UNREADABLE",
      `不支持的文本编码“${encoding}”。请使用 UTF-8 或 GB18030/GBK。`,
      `Unsupported text encoding "${encoding}". Use UTF-8 or GB18030/GBK.`,
    );
  }
  if (!encoding.startsWith("utf-16")) {
    const head = bytes.subarray(0, 65536);
    let nul = 0;
    for (let i = 0; i < head.length; i++) if (head[i] === 0) nul++;
    if (nul > head.length * BINARY_NUL_SHARE) {
      throw new ImportError(
        "NOT_TEXT",
        `「${fileLabel}」不是文本文件（含有二进制内容），也不是 .xlsx 工作簿。请另存为 CSV（UTF-8）或 .xlsx 后再导入。`,
        `"${fileLabel}" is not a text file (it holds binary data) nor an .xlsx workbook. Save it as CSV (UTF-8) or .xlsx and import again.`,
      );
    }
  }
  const chunkSize = Math.max(1024, opts.chunkSize ?? DEFAULT_CHUNK);
  const engine = new TableEngine({ ...opts, fileLabel, encodingLabel: encodingName(encoding) } as EngineOptions);
  const streamer = new CsvStreamer(engine, opts, chunkSize);
  const total = bytes.length;
  const slicer = new Slicer();
  for (let off = 0; off < total; off += chunkSize) {
    throwIfAborted(opts.signal);
    const end = Math.min(total, off + chunkSize);
    let text: string;
    try {
      text = decoder.decode(bytes.subarray(off, end), { stream: end < total });
    } catch (e) {
      if (strictUtf8) throw new NotUtf8();
      throw e;
    }
    streamer.feed(text, end >= total);
    opts.onProgress?.(end / total);
    if (end < total) await slicer.maybeYield();
  }
  throwIfAborted(opts.signal);
  return engine.finish();
}

function encodingName(encoding: string): string {
  return encoding === "gb18030" ? "GB18030/GBK" : encoding.toUpperCase();
}
