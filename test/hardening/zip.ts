/**
 * A small zip writer for hostile workbooks (test only): each part stored or deflated, its declared sizes settable to
 * lie, ZIP64 fields on request. Real zips come from exceljs elsewhere; here the point is to say what a real writer
 * never would.
 */
import * as zlib from "zlib";

export interface Part {
  name: string;
  /** Uncompressed content, or already deflated bytes with their true uncompressed size. */
  data?: Uint8Array | string;
  deflated?: { bytes: Uint8Array; size: number };
  /** Write stored (method 0) instead of deflated. */
  stored?: boolean;
  /** Declare this uncompressed size in the central directory instead of the true one. */
  declare?: number;
  method?: number;
  flags?: number;
  zip64?: boolean;
}

const crc = (b: Uint8Array) => ((zlib as unknown as { crc32?: (d: Uint8Array) => number }).crc32?.(b) ?? 0) >>> 0;

export function zip(parts: Part[]): Uint8Array {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const raw = typeof p.data === "string" ? Buffer.from(p.data, "utf8") : p.data ? Buffer.from(p.data) : null;
    const body = p.deflated ? Buffer.from(p.deflated.bytes) : p.stored ? raw! : zlib.deflateRawSync(raw!);
    const size = p.deflated ? p.deflated.size : raw!.length;
    const declared = p.declare ?? size;
    const method = p.method ?? (p.stored ? 0 : 8);
    const name = Buffer.from(p.name, "utf8");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(p.flags ?? 0, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(raw ? crc(raw) : 0, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(Math.min(declared, 0xffffffff), 22);
    local.writeUInt16LE(name.length, 26);
    chunks.push(local, name, body);
    let extra = Buffer.alloc(0);
    if (p.zip64) {
      extra = Buffer.alloc(4 + 24);
      extra.writeUInt16LE(1, 0);
      extra.writeUInt16LE(24, 2);
      extra.writeBigUInt64LE(BigInt(declared), 4);
      extra.writeBigUInt64LE(BigInt(body.length), 12);
      extra.writeBigUInt64LE(BigInt(offset), 20);
    }
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(p.flags ?? 0, 8);
    c.writeUInt16LE(method, 10);
    c.writeUInt32LE(raw ? crc(raw) : 0, 16);
    c.writeUInt32LE(p.zip64 ? 0xffffffff : body.length, 20);
    c.writeUInt32LE(p.zip64 ? 0xffffffff : declared, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt16LE(extra.length, 30);
    c.writeUInt32LE(p.zip64 ? 0xffffffff : offset, 42);
    central.push(c, name, extra);
    offset += local.length + name.length + body.length;
  }
  const cd = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(Math.min(parts.length, 0xffff), 8);
  eocd.writeUInt16LE(Math.min(parts.length, 0xffff), 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...chunks, cd, eocd]));
}

/** Deflate `count` copies of `unit` as one stream without ever holding them all (a bomb of count × unit bytes). */
export async function deflateRepeated(unit: string, count: number): Promise<{ bytes: Uint8Array; size: number }> {
  const u = Buffer.from(unit, "utf8");
  const per = Math.max(1, Math.floor((1 << 20) / u.length));
  const block = Buffer.concat(Array.from({ length: per }, () => u));
  const out: Buffer[] = [];
  const d = zlib.createDeflateRaw({ level: 9 });
  d.on("data", (b: Buffer) => out.push(b));
  const done = new Promise<void>((resolve, reject) => {
    d.on("end", resolve);
    d.on("error", reject);
  });
  let left = count;
  while (left > 0) {
    const n = Math.min(per, left);
    if (!d.write(n === per ? block : block.subarray(0, n * u.length))) await new Promise((r) => d.once("drain", r));
    left -= n;
  }
  d.end();
  await done;
  return { bytes: new Uint8Array(Buffer.concat(out)), size: count * u.length };
}

/** The parts every workbook needs around its sheets. */
export function workbookParts(
  sheets: { name: string; xml: Part["data"]; deflated?: Part["deflated"]; declare?: number }[],
): Part[] {
  const ct = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join("")}</Types>`;
  const rels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  const wb = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("")}</sheets></workbook>`;
  const wbRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join("")}</Relationships>`;
  return [
    { name: "[Content_Types].xml", data: ct },
    { name: "_rels/.rels", data: rels },
    { name: "xl/workbook.xml", data: wb },
    { name: "xl/_rels/workbook.xml.rels", data: wbRels },
    ...sheets.map((s, i) => ({
      name: `xl/worksheets/sheet${i + 1}.xml`,
      data: s.deflated ? undefined : s.xml,
      deflated: s.deflated,
      declare: s.declare,
    })),
  ];
}

export const SHEET_HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`;
export const SHEET_TAIL = `</sheetData></worksheet>`;
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
export const cell = (ref: string, v: string | number) =>
  typeof v === "number" ? `<c r="${ref}"><v>${v}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`;

/** Every part of a zip (central directory → local header → inflated data), for reading what exceljs wrote. */
export function unzip(bytes: Uint8Array): Map<string, Buffer> {
  const b = Buffer.from(bytes);
  let eocd = b.length - 22;
  while (eocd >= 0 && b.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  const count = b.readUInt16LE(eocd + 10);
  let p = b.readUInt32LE(eocd + 16);
  const out = new Map<string, Buffer>();
  for (let k = 0; k < count; k++) {
    const method = b.readUInt16LE(p + 10);
    const size = b.readUInt32LE(p + 20);
    const nameLen = b.readUInt16LE(p + 28);
    const name = b.toString("utf8", p + 46, p + 46 + nameLen);
    const local = b.readUInt32LE(p + 42);
    const start = local + 30 + b.readUInt16LE(local + 26) + b.readUInt16LE(local + 28);
    const data = b.subarray(start, start + size);
    out.set(name, method === 8 ? zlib.inflateRawSync(data) : Buffer.from(data));
    p += 46 + nameLen + b.readUInt16LE(p + 30) + b.readUInt16LE(p + 32);
  }
  return out;
}
