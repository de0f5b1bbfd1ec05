/**
 * A sanity figure for the machine itself, so other figures can be read against it: summing 1M doubles in a
 * typed array vs in a plain array (the two floors the other benchmarks compare with).
 */
import { BenchContext, BenchResult, ratioResult, timeMs } from "./harness";

export default async function (ctx: BenchContext): Promise<BenchResult[]> {
  const n = ctx.quick ? 100_000 : 1_000_000;
  const typed = new Float64Array(n).map((_, i) => (i % 1000) / 7);
  const plain = Array.from(typed);
  let sink = 0;
  const tTyped = await timeMs(() => {
    let s = 0;
    for (let i = 0; i < n; i++) s += typed[i];
    sink += s;
  }, 5);
  const tPlain = await timeMs(() => {
    let s = 0;
    for (let i = 0; i < n; i++) s += plain[i];
    sink += s;
  }, 5);
  ctx.log(`checksum ${sink.toFixed(0)}`);
  return [
    ratioResult(
      `sum ${n} numbers, plain array`,
      tPlain,
      "ms",
      { name: "Float64Array loop", value: tTyped },
      undefined,
      "machine floor",
    ),
  ];
}
