/**
 * The zip container of an .xlsx, read in bounded memory for the guard (xlsx-guard.ts): the central directory gives
 * every part's declared sizes (PKWARE APPNOTE 4.3.12, 4.3.16, ZIP64 4.3.14/4.5.3) without inflating anything, and a
 * part is inflated as a stream that stops as soon as it passes the size it declared. A damaged container is reported
 * through the caller's `damaged`, which throws.
 */

/** A part of the zip as its central directory entry describes it. */
export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

/** Where the central directory is, and how many entries it holds. */
export interface ZipDirectory {
  count: number;
  size: number;
  offset: number;
}

/** Throws: the container is damaged (`detail` says how). */
export type Damaged = (detail: string) => never;

const u16 = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8);
const u32 = (b: Uint8Array, o: number) => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
const u64 = (b: Uint8Array, o: number) => u32(b, o) + u32(b, o + 4) * 2 ** 32;

/** The end of central directory record (ZIP64 where the 32-bit fields overflow): the directory's place and size. */
export function zipDirectory(b: Uint8Array, damaged: Damaged): ZipDirectory {
  // End of central directory: 22 bytes plus a comment of at most 65,535.
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 65535); i--) {
    if (u32(b, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) damaged("no zip directory");
  const count = u16(b, eocd + 10);
  const size = u32(b, eocd + 12);
  const offset = u32(b, eocd + 16);
  if (count !== 0xffff && size !== 0xffffffff && offset !== 0xffffffff) return { count, size, offset };
  const loc = eocd - 20;
  if (loc < 0 || u32(b, loc) !== 0x07064b50) damaged("ZIP64 locator missing");
  const z = u64(b, loc + 8);
  if (z + 56 > b.length || u32(b, z) !== 0x06064b50) damaged("ZIP64 directory missing");
  return { count: u64(b, z + 32), size: u64(b, z + 40), offset: u64(b, z + 48) };
}

/** The central directory's entries: every part's name, method and sizes. */
export function zipEntries(b: Uint8Array, dir: ZipDirectory, damaged: Damaged): ZipEntry[] {
  if (dir.offset + dir.size > b.length) damaged("zip directory outside the file");
  const entries: ZipEntry[] = [];
  let p = dir.offset;
  for (let k = 0; k < dir.count; k++) {
    if (p + 46 > b.length || u32(b, p) !== 0x02014b50) damaged("bad zip directory entry");
    const nameLen = u16(b, p + 28);
    const extraLen = u16(b, p + 30);
    const commentLen = u16(b, p + 32);
    const e: ZipEntry = {
      name: new TextDecoder().decode(b.subarray(p + 46, p + 46 + nameLen)),
      flags: u16(b, p + 8),
      method: u16(b, p + 10),
      compressedSize: u32(b, p + 20),
      uncompressedSize: u32(b, p + 24),
      localOffset: u32(b, p + 42),
    };
    readZip64Extra(b, e, p + 46 + nameLen, p + 46 + nameLen + extraLen);
    entries.push(e);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** ZIP64 extended information (header 0x0001): the 64-bit values of the fields that hold 0xFFFFFFFF, in order. */
function readZip64Extra(b: Uint8Array, e: ZipEntry, start: number, end: number): void {
  let x = start;
  while (x + 4 <= end) {
    const id = u16(b, x);
    const size = u16(b, x + 2);
    if (id === 0x0001) {
      let q = x + 4;
      if (e.uncompressedSize === 0xffffffff) {
        e.uncompressedSize = u64(b, q);
        q += 8;
      }
      if (e.compressedSize === 0xffffffff) {
        e.compressedSize = u64(b, q);
        q += 8;
      }
      if (e.localOffset === 0xffffffff) e.localOffset = u64(b, q);
    }
    x += 4 + size;
  }
}

/** The compressed bytes of a part (after its local header). */
export function partData(b: Uint8Array, e: ZipEntry, damaged: Damaged): Uint8Array {
  const o = e.localOffset;
  if (o + 30 > b.length || u32(b, o) !== 0x04034b50) damaged(`bad local header of ${e.name}`);
  const start = o + 30 + u16(b, o + 26) + u16(b, o + 28);
  if (start + e.compressedSize > b.length) damaged(`${e.name} is cut short`);
  return b.subarray(start, start + e.compressedSize);
}

/** Inflate `data` as a stream, never keeping more than a chunk; refuse once it passes `declared` bytes. */
export async function inflateBounded(
  data: Uint8Array,
  declared: number,
  onChunk: (chunk: Uint8Array) => void,
  tooBig: () => never,
): Promise<number> {
  let total = 0;
  const ds = new DecompressionStream("deflate-raw");
  const writer = ds.writable.getWriter();
  const reader = ds.readable.getReader();
  const write = (async () => {
    for (let off = 0; off < data.length; off += 65536)
      await writer.write(data.subarray(off, off + 65536) as Uint8Array<ArrayBuffer>);
    await writer.close();
  })().catch(() => undefined); // a cancelled or failing stream surfaces through the reader
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      total += value.length;
      // Stop the stream before throwing: the writer waits on a reader that would never read again.
      try {
        if (total > declared) tooBig();
        onChunk(value);
      } catch (e) {
        await reader.cancel().catch(() => undefined);
        throw e;
      }
    }
  } finally {
    await write;
  }
  return total;
}

/** The platform inflates raw deflate as a stream (DecompressionStream "deflate-raw"). */
export function hasDeflateRaw(): boolean {
  try {
    if (typeof DecompressionStream !== "function") return false;
    new DecompressionStream("deflate-raw"); // throws where the format is not supported
    return true;
  } catch {
    return false;
  }
}
