/** Test helpers for the import tests: fixtures, a GBK encoder built from the platform's decoder, xlsx writing. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";

export const FIXTURES = join(__dirname, "..", "fixtures", "import");

export function fixture(name: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(readFileSync(join(FIXTURES, name)));
}

let gbkTable: Map<string, number[]> | null = null;

/**
 * Encode text as GBK: the reverse of TextDecoder("gb18030") over every two-byte GBK code (no iconv needed).
 * Throws on a character GBK cannot hold, so a fixture can never be silently wrong.
 */
export function encodeGbk(text: string): Uint8Array<ArrayBuffer> {
  if (!gbkTable) {
    gbkTable = new Map();
    const dec = new TextDecoder("gb18030");
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const ch = dec.decode(new Uint8Array([lead, trail]));
        if (ch.length === 1 && ch !== "\ufffd" && !gbkTable.has(ch)) gbkTable.set(ch, [lead, trail]);
      }
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else {
      const b = gbkTable.get(ch);
      if (!b) throw new Error(`GBK cannot encode ${ch}`);
      out.push(...b);
    }
  }
  return new Uint8Array(out);
}

export async function xlsxBytes(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array<ArrayBuffer>> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
