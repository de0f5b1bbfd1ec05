/**
 * The CSV importer decodes a file once (issue 14): it reads it as strict UTF-8 while parsing and, at the first byte
 * that is not UTF-8, starts again with the encoding the whole file's evidence gives. The result must be exactly what
 * deciding the encoding first gives (importBytes with `encoding: detectEncoding(bytes)`): the same records, issues and
 * summary, or the same ImportError, for files that mix UTF-8 and GBK rows in any order, with damaged bytes, cut
 * mid-character, without a header in their UTF-8 part, in chunks small enough that the invalid byte comes late.
 */
import fc from "fast-check";
import { detectEncoding, importBytes } from "../../src/import";
import { isImportError } from "../../src/import/errors";
import type { ImportOptions } from "../../src/import/types";
import { encodeGbk } from "./helpers";

const enc = new TextEncoder();

async function outcome(bytes: Uint8Array, opts: ImportOptions): Promise<unknown> {
  try {
    const r = await importBytes(bytes, opts);
    return { records: r.records, issues: r.issues, summary: r.summary, counts: r.counts, headers: r.headers };
  } catch (e) {
    if (isImportError(e)) return { error: e.code, zh: e.message_zh, en: e.message_en };
    throw e;
  }
}

const piece = fc.oneof(
  fc.constant({ t: "header" as const }),
  fc.record({ t: fc.constant("utf8" as const), n: fc.integer({ min: 1, max: 80 }) }),
  fc.record({ t: fc.constant("gbk" as const), n: fc.integer({ min: 1, max: 80 }) }),
  fc.record({
    t: fc.constant("bad" as const),
    b: fc.constantFrom([0xff], [0xc3], [0xe4, 0xbd], [0xed, 0xa0, 0x80], [0xf8, 0x88]),
  }),
  fc.record({ t: fc.constant("note" as const), n: fc.integer({ min: 1, max: 60 }) }),
);

type Piece = typeof piece extends fc.Arbitrary<infer T> ? T : never;

function build(pieces: Piece[]): Uint8Array {
  const parts: Uint8Array[] = [];
  let row = 0;
  const lines = (n: number) =>
    Array.from(
      { length: n },
      () => `P-${++row},光伏项目${row},${row % 2 ? "西宁市" : "海东市"},2025年3月${1 + (row % 28)}日,${row % 90}\n`,
    ).join("");
  for (const p of pieces) {
    if (p.t === "header") parts.push(enc.encode("项目编号,项目名称,所属地区,签约日期,签约金额（万元）\n"));
    else if (p.t === "utf8") parts.push(enc.encode(lines(p.n)));
    else if (p.t === "gbk") parts.push(encodeGbk(lines(p.n)));
    else if (p.t === "bad") parts.push(new Uint8Array(p.b));
    else parts.push(enc.encode("说明：本表为示例。\n".repeat(p.n)));
  }
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

test("strict UTF-8 first, evidence on the first bad byte = evidence first, for every mix", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(piece, { minLength: 1, maxLength: 8 }),
      fc.constantFrom(1024, 4096, 1 << 17),
      async (pieces, chunkSize) => {
        const bytes = build(pieces);
        if (bytes.length === 0) return;
        const opts = { fileName: "m.csv", kind: "ledger" as const, chunkSize };
        expect(await outcome(bytes, opts)).toEqual(await outcome(bytes, { ...opts, encoding: detectEncoding(bytes) }));
      },
    ),
    { numRuns: 300 },
  );
});

test("ASCII for the first 100 rows, then GBK: the optimistic pass gives up late and the file reads as GB18030", async () => {
  const ascii =
    ["id,name,region,signed_amount", ...Array.from({ length: 100 }, (_, i) => `A-${i},solar ${i},Xining,${i}`)].join(
      "\n",
    ) + "\n";
  const gbk = Array.from({ length: 300 }, (_, i) => `G-${i},光伏项目${i},西宁市,${i}`).join("\n");
  const head = enc.encode(ascii);
  const tail = encodeGbk(gbk);
  const bytes = new Uint8Array(head.length + tail.length);
  bytes.set(head);
  bytes.set(tail, head.length);
  expect(head.length).toBeGreaterThan(2048);
  expect(detectEncoding(bytes)).toBe("gb18030");
  const r = await importBytes(bytes, { fileName: "g.csv", kind: "ledger", chunkSize: 1024 });
  expect(r.issues).toEqual([]);
  expect(r.records.map((x) => x.name).slice(99, 102)).toEqual(["solar 99", "光伏项目0", "光伏项目1"]);
});
