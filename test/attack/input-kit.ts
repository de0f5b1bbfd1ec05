/**
 * Input-attack kit (test only): an independent tester's own tools for building hostile sources — a zip writer for
 * hand-made workbooks, legacy double-byte encoders built by inverting the platform's decoders, byte helpers, and
 * ways to run the CLI in-process or as a child process under a small heap. Nothing here comes from test/hardening.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as zlib from "node:zlib";
import { briefCommand } from "../../src/cli/brief";
import validate from "../../src/cli/validate";
import { importBytes } from "../../src/import/bytes";
import type { ImportOptions, ImportResult } from "../../src/import/types";

export const ROOT = path.join(__dirname, "..", "..");

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** UTF-16LE bytes, no BOM. */
export function utf16le(s: string): Uint8Array {
  const out = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) {
    out[2 * i] = s.charCodeAt(i) & 0xff;
    out[2 * i + 1] = s.charCodeAt(i) >> 8;
  }
  return out;
}

const legacyMaps = new Map<string, Map<string, number[]>>();

/**
 * Text in a legacy double-byte encoding (gbk, big5, shift_jis…): the platform's decoder run over every one- and
 * two-byte sequence, inverted. ASCII passes through.
 */
export function legacyEncode(label: string, text: string): Uint8Array {
  let map = legacyMaps.get(label);
  if (!map) {
    map = new Map();
    const d = new TextDecoder(label);
    for (let a = 0x81; a <= 0xfe; a++) {
      for (let b = 0x40; b <= 0xfe; b++) {
        const s = d.decode(new Uint8Array([a, b]));
        if (!s.includes("\uFFFD") && [...s].length === 1 && !map.has(s)) map.set(s, [a, b]);
      }
    }
    for (let a = 0xa1; a <= 0xdf; a++) {
      const s = d.decode(new Uint8Array([a]));
      if (!s.includes("\uFFFD") && !map.has(s)) map.set(s, [a]);
    }
    legacyMaps.set(label, map);
  }
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else {
      const b = map.get(ch);
      if (!b) throw new Error(`${label} cannot encode ${ch}`);
      out.push(...b);
    }
  }
  return new Uint8Array(out);
}

/** importBytes on text (UTF-8) or bytes, file name defaulting to a CSV. */
export function imp(src: string | Uint8Array, opts: Partial<ImportOptions> = {}): Promise<ImportResult> {
  return importBytes(typeof src === "string" ? utf8(src) : src, { fileName: "台账.csv", ...opts });
}

/** What an ImportError (or any rejection) carries, for assertions. */
export async function failure(p: Promise<unknown>): Promise<{ code?: string; message?: string } | null> {
  try {
    await p;
    return null;
  } catch (e) {
    return e as { code?: string; message?: string };
  }
}

// ------------------------------------------------------------------------------------------------ zip / xlsx

export interface ZipPart {
  name: string;
  data: string | Uint8Array;
  stored?: boolean;
  /** General-purpose bit flags (bit 0: encrypted). */
  flags?: number;
}

function crc32(buf: Uint8Array): number {
  let crc = 0xffffffff;
  for (let n = 0; n < buf.length; n++) {
    let c = (crc ^ buf[n]) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * An honest zip (true sizes and CRCs), parts deflated unless `stored`. `zip64`: the end of central directory says
 * 0xFFFF / 0xFFFFFFFF and a ZIP64 end record and locator (APPNOTE 4.3.14, 4.3.15) carry the real values.
 */
export function makeZip(parts: ZipPart[], zip64 = false): Uint8Array {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const raw = typeof p.data === "string" ? Buffer.from(p.data, "utf8") : Buffer.from(p.data);
    const body = p.stored ? raw : zlib.deflateRawSync(raw);
    const method = p.stored ? 0 : 8;
    const name = Buffer.from(p.name, "utf8");
    const crc = crc32(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(p.flags ?? 0, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(p.flags ?? 0, 8);
    cd.writeUInt16LE(method, 10);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(body.length, 20);
    cd.writeUInt32LE(raw.length, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    chunks.push(local, name, body);
    central.push(cd, name);
    offset += 30 + name.length + body.length;
  }
  const cdBuf = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(zip64 ? 0xffff : parts.length, 8);
  end.writeUInt16LE(zip64 ? 0xffff : parts.length, 10);
  end.writeUInt32LE(zip64 ? 0xffffffff : cdBuf.length, 12);
  end.writeUInt32LE(zip64 ? 0xffffffff : offset, 16);
  if (!zip64) return new Uint8Array(Buffer.concat([...chunks, cdBuf, end]));
  const z = Buffer.alloc(56);
  z.writeUInt32LE(0x06064b50, 0);
  z.writeBigUInt64LE(44n, 4);
  z.writeUInt16LE(45, 12);
  z.writeUInt16LE(45, 14);
  z.writeBigUInt64LE(BigInt(parts.length), 24);
  z.writeBigUInt64LE(BigInt(parts.length), 32);
  z.writeBigUInt64LE(BigInt(cdBuf.length), 40);
  z.writeBigUInt64LE(BigInt(offset), 48);
  const loc = Buffer.alloc(20);
  loc.writeUInt32LE(0x07064b50, 0);
  loc.writeBigUInt64LE(BigInt(offset + cdBuf.length), 8);
  loc.writeUInt32LE(1, 16);
  return new Uint8Array(Buffer.concat([...chunks, cdBuf, z, loc, end]));
}

const xmlEsc = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** An inline-string cell. */
export const str = (ref: string, s: string): string => `<c r="${ref}" t="inlineStr"><is><t>${xmlEsc(s)}</t></is></c>`;
/** A number cell. */
export const num = (ref: string, n: number): string => `<c r="${ref}"><v>${n}</v></c>`;
/** A worksheet part around `<row>` elements. */
export const sheetXml = (rows: string): string =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`;

/** A minimal one-sheet workbook written by hand; the worksheet part's name and the workbook's pointer can be chosen. */
export function xlsx(
  sheet: string,
  o: { sheetPart?: string; relTarget?: string; extra?: ZipPart[]; sharedStrings?: string[]; zip64?: boolean } = {},
): Uint8Array {
  const ct = "application/vnd.openxmlformats-officedocument.spreadsheetml";
  return makeZip(
    [
      {
        name: "[Content_Types].xml",
        data: `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${ct}.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="${ct}.worksheet+xml"/></Types>`,
      },
      {
        name: "_rels/.rels",
        data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      },
      {
        name: "xl/workbook.xml",
        data: `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="台账" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      },
      {
        name: "xl/_rels/workbook.xml.rels",
        data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="${o.relTarget ?? "worksheets/sheet1.xml"}"/>${o.sharedStrings ? '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>' : ""}</Relationships>`,
      },
      { name: o.sheetPart ?? "xl/worksheets/sheet1.xml", data: sheet },
      ...(o.sharedStrings
        ? [
            {
              name: "xl/sharedStrings.xml",
              data: `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${o.sharedStrings.length}" uniqueCount="${o.sharedStrings.length}">${o.sharedStrings.map((t) => `<si><t>${xmlEsc(t)}</t></si>`).join("")}</sst>`,
            },
          ]
        : []),
      ...(o.extra ?? []),
    ],
    o.zip64,
  );
}

/** The ledger header row (A1:C1) of a hand-made sheet. */
export const LEDGER_HEADER_ROW = `<row r="1">${str("A1", "项目名称")}${str("B1", "所属地区")}${str("C1", "签约金额")}</row>`;

/** A sheet of `n` data rows under LEDGER_HEADER_ROW (about 160 bytes of XML a row). */
export function tallSheet(n: number): string {
  const parts = [LEDGER_HEADER_ROW];
  for (let r = 2; r <= n + 1; r++)
    parts.push(`<row r="${r}">${str(`A${r}`, `项目${r}`)}${str(`B${r}`, "西宁市")}${num(`C${r}`, r)}</row>`);
  return sheetXml(parts.join(""));
}

// ------------------------------------------------------------------------------------------------ CLI

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** `brief` in-process. */
export async function brief(args: string[]): Promise<CliRun> {
  let out = "";
  let err = "";
  const code = await briefCommand(args, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

/** `validate` in-process. */
export async function validateCli(args: string[]): Promise<CliRun> {
  let out = "";
  let err = "";
  const code = await validate.run(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

/** The CLI as a user runs it (node + tsx), optionally under a small heap; `status` 134 is V8's out-of-memory abort. */
export function cliProcess(
  args: string[],
  heapMb?: number,
): { status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; ms: number } {
  const t0 = Date.now();
  const r = spawnSync(
    process.execPath,
    [
      ...(heapMb ? [`--max-old-space-size=${heapMb}`] : []),
      "--import",
      "tsx",
      path.join(ROOT, "src/cli/main.ts"),
      ...args,
    ],
    { cwd: ROOT, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 },
  );
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - t0 };
}

/** A temporary directory removed by the returned function. */
export function tempDir(prefix: string): {
  dir: string;
  file: (name: string, data: string | Uint8Array) => string;
  remove: () => void;
} {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return {
    dir,
    file: (name, data) => {
      const p = path.join(dir, name);
      fs.writeFileSync(p, data);
      return p;
    },
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
