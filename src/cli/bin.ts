/**
 * The entry point of the built command line (`npm run build:cli` bundles this file into dist-cli/invest.cjs, the
 * package's `bin`, `invest`): runs main() with the process's arguments. main.ts itself only runs when executed as
 * src/cli/main.ts (npm run cli), so tests can import it.
 */
import { runFromCallersDirectory } from "./cwd";
import { main } from "./main";

runFromCallersDirectory();
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 2;
  },
);
