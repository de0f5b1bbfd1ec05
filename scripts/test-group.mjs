/**
 * `npm test` / `npm run test:slow` / `npm run test:all`: jest over one group of suites (jest.config.js: fast, slow
 * or all), portable where `JEST_GROUP=slow jest` is not (Windows shells). Extra arguments go to jest.
 */
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";

const [group, ...rest] = process.argv.slice(2);
// jest's package exports hide bin/: find it next to the main entry (build/index.js).
const jest = path.join(path.dirname(createRequire(import.meta.url).resolve("jest")), "../bin/jest.js");
const result = spawnSync(process.execPath, [jest, ...rest], {
  stdio: "inherit",
  env: { ...process.env, JEST_GROUP: group },
});
process.exit(result.status ?? 1);
