/** Runs one benchmark module in this process and prints its results as JSON after a marker (see run.ts). */
import type { BenchModule } from "./harness";

async function main() {
  const file = process.argv[2];
  const mod = (await import(file)) as { default: BenchModule | { default: BenchModule } };
  const fn = (
    typeof mod.default === "function" ? mod.default : (mod.default as { default: BenchModule }).default
  ) as BenchModule;
  const results = await fn({ quick: process.env.BENCH_QUICK === "1", log: (line) => console.log(`  · ${line}`) });
  process.stdout.write(`@@RESULTS@@${JSON.stringify(results)}`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack : String(e));
  process.exit(1);
});
