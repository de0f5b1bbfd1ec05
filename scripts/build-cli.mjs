#!/usr/bin/env node
// `npm run build:cli`: bundles the command line (src/cli/bin.ts and everything it imports) into ONE CommonJS file
// run by plain Node, dist-cli/invest.cjs (the package's `bin`, `invest`). Plain Node starts it in a fraction of the
// time tsx needs (no TypeScript compiler at start-up). exceljs stays outside the bundle (`require`d from
// node_modules only when an xlsx file is read or written); everything else is inside. The output is generated:
// never committed (.gitignore). Node resolves `exceljs` from the real path of the file, so a symlink to it
// (`npm link`) works from anywhere. `node scripts/build-cli.mjs --outfile <path>` builds elsewhere (tests).
import { build } from "esbuild";
import { chmodSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
const i = process.argv.indexOf("--outfile");
const outfile = i > 0 ? path.resolve(process.argv[i + 1]) : path.join(root, "dist-cli", "invest.cjs");

const t0 = Date.now();
await build({
  entryPoints: [path.join(root, "src", "cli", "bin.ts")],
  outfile,
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  // Loaded at run time from node_modules, and only on the xlsx paths (src/import/xlsx.ts, src/cli/brief.ts).
  external: ["exceljs"],
  banner: { js: "#!/usr/bin/env node" },
  sourcemap: false,
  legalComments: "none",
  logLevel: "warning",
  absWorkingDir: root,
});
chmodSync(outfile, 0o755);
console.log(`built ${path.relative(process.cwd(), outfile) || outfile} in ${Date.now() - t0} ms`);
