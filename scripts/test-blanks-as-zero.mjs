/**
 * `npm run test:blanks-as-zero`: the tests that run the INVEST functions through the simulated Excel, again with blank
 * cells passed to the functions as 0, as Excel desktop does (OfficeDev/office-js#4702, #1951, #5262), where Excel on
 * the web passes null. The functions must give the same results both ways; `npm run test:all` (CI) runs both modes.
 * Extra arguments go to jest.
 */
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";

const FILES = [
  "test/functions/",
  "packages/excel-sim/",
  "test/briefing/sim.test.ts",
  "test/taskpane/functions-reference.test.ts",
  "test/taskpane/workbook-services.test.ts",
];

// jest's package exports hide bin/: find it next to the main entry (build/index.js).
const jest = path.join(path.dirname(createRequire(import.meta.url).resolve("jest")), "../bin/jest.js");
const result = spawnSync(process.execPath, [jest, ...FILES, ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { ...process.env, SIM_BLANKS_AS_ZERO: "1" },
});
process.exit(result.status ?? 1);
