// Draws the add-in icon (three rising bars on a red square, a 成绩单 at a glance) at 16/32/64/80 px
// and writes assets/icon-<size>.png. Run: node scripts/make-icons.mjs. No image library: PNG by hand with zlib.
import { deflateSync } from "node:zlib";
import { writeFileSync, mkdirSync } from "node:fs";

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function draw(size) {
  const px = new Uint8Array(size * size * 4);
  const set = (x, y, [r, g, b, a]) => {
    const i = (y * size + x) * 4;
    px.set([r, g, b, a], i);
  };
  const radius = size * 0.18;
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      // rounded square background (China red), with a soft 1px edge
      const dx = Math.max(radius - x - 0.5, 0, x + 0.5 - (size - radius));
      const dy = Math.max(radius - y - 0.5, 0, y + 0.5 - (size - radius));
      const d = Math.hypot(dx, dy) - radius;
      const alpha = Math.max(0, Math.min(1, 0.5 - d));
      set(x, y, [196, 30, 58, Math.round(alpha * 255)]);
    }
  const bars = [0.38, 0.58, 0.8];
  const margin = size * 0.2,
    gap = size * 0.07;
  const width = (size - 2 * margin - 2 * gap) / 3,
    base = size - margin;
  bars.forEach((h, i) => {
    const x0 = Math.round(margin + i * (width + gap)),
      x1 = Math.round(margin + i * (width + gap) + width);
    const y0 = Math.round(base - h * (size - 2 * margin));
    for (let y = y0; y < Math.round(base); y++)
      for (let x = x0; x < Math.max(x1, x0 + 1); x++) set(x, y, i === 2 ? [255, 214, 0, 255] : [255, 255, 255, 255]);
  });
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    Buffer.from(px.buffer, y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  ihdr[10] = 0;
  ihdr[11] = 0;
  ihdr[12] = 0;
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

mkdirSync("assets", { recursive: true });
for (const size of [16, 32, 64, 80]) writeFileSync(`assets/icon-${size}.png`, draw(size));
console.log("assets/icon-{16,32,64,80}.png written");
