/**
 * Dependencies point one way (issue 15). Every import, export-from, dynamic import() and require() of the source
 * files is read with TypeScript's own pre-processor (so comments and strings that merely mention a path do not
 * count) and checked against these rules:
 *
 * - nothing under src/ or bench/ imports from test/ (shared helpers live in packages/test-support/);
 * - src/core imports nothing outside src/core, not even an npm package: the metric definitions stay pure;
 * - the add-in's code (src/ except the dev-only src/preview/) imports nothing from packages/: the simulated Excel
 *   host and its GPL-3 HyperFormula never reach the shipped bundle;
 * - packages/ imports nothing from test/: the simulator and the shared helpers stand on their own.
 */
import { readdirSync, readFileSync } from "fs";
import path from "path";
import ts from "typescript";

const ROOT = path.join(__dirname, "../..");
const SOURCE = /\.(ts|tsx|js|mjs|cjs)$/;

interface SourceFile {
  /** Repository-relative, with forward slashes. */
  file: string;
  text: string;
}

interface Rule {
  name: string;
  /** Whether the rule applies to a file. */
  from: (file: string) => boolean;
  /** Whether an import (repository-relative path for a relative specifier, or the bare specifier) is forbidden. */
  forbids: (target: string, bare: boolean) => boolean;
}

const under = (dir: string) => (p: string) => p === dir || p.startsWith(`${dir}/`);

const RULES: Rule[] = [
  {
    name: "src/ and bench/ import nothing from test/",
    from: (f) => under("src")(f) || under("bench")(f),
    forbids: (t, bare) => !bare && under("test")(t),
  },
  {
    name: "src/core imports nothing outside src/core",
    from: under("src/core"),
    forbids: (t, bare) => bare || !under("src/core")(t),
  },
  {
    name: "the add-in (src/ except src/preview) imports nothing from packages/",
    from: (f) => under("src")(f) && !under("src/preview")(f),
    forbids: (t, bare) => !bare && under("packages")(t),
  },
  {
    name: "packages/ import nothing from test/",
    from: under("packages"),
    forbids: (t, bare) => !bare && under("test")(t),
  },
];

/** The module specifiers a file names: static and dynamic imports, export-from, require(). */
function specifiers(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

/** Every rule a set of files breaks, as "file → specifier (rule)". */
function violations(files: SourceFile[]): string[] {
  const out: string[] = [];
  for (const { file, text } of files) {
    const rules = RULES.filter((r) => r.from(file));
    if (!rules.length) continue;
    for (const spec of specifiers(text)) {
      const bare = !spec.startsWith(".");
      const target = bare ? spec : path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
      for (const r of rules) if (r.forbids(target, bare)) out.push(`${file} → ${spec} (${r.name})`);
    }
  }
  return out;
}

function sourceFiles(dir: string): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (rel: string) => {
    for (const e of readdirSync(path.join(ROOT, rel), { withFileTypes: true })) {
      const child = `${rel}/${e.name}`;
      if (e.isDirectory()) {
        if (e.name !== "node_modules") walk(child);
      } else if (SOURCE.test(e.name)) out.push({ file: child, text: readFileSync(path.join(ROOT, child), "utf8") });
    }
  };
  walk(dir);
  return out;
}

test("the repository's imports follow the rules", () => {
  const files = ["src", "bench", "packages"].flatMap(sourceFiles);
  // The scan really saw the code (a wrong root would pass vacuously).
  expect(files.filter((f) => f.file.startsWith("src/core/")).length).toBeGreaterThan(5);
  expect(files.some((f) => f.file.startsWith("bench/"))).toBe(true);
  expect(files.some((f) => f.file.startsWith("packages/excel-sim/src/"))).toBe(true);
  expect(violations(files)).toEqual([]);
});

test("each rule catches the import it forbids, and lets the allowed ones through", () => {
  const bad: SourceFile[] = [
    { file: "src/preview/index.tsx", text: `import { createSimulatedExcel } from "../../test/sim";` },
    { file: "bench/write.bench.ts", text: `const { serve } = require("../test/browser/serve");` },
    { file: "src/core/columns.ts", text: `import type { DatasetKind } from "../import/types";` },
    { file: "src/core/a1.ts", text: `export { x } from "../excel/values";` },
    { file: "src/core/dates.ts", text: `import Papa from "papaparse";` },
    { file: "src/excel/sheets.ts", text: `const sim = await import("../../packages/excel-sim/src");` },
    {
      file: "packages/excel-sim/test/x.test.ts",
      text: `import { investMetadata } from "../../../test/functions/hf-support";`,
    },
  ];
  expect(bad.map((f) => violations([f]).length)).toEqual(bad.map(() => 1));

  const good: SourceFile[] = [
    {
      file: "src/core/columns.ts",
      text: `// import from "../import/types" in a comment\nimport { ownValue } from "./own";\nconst s = "../../test/x";`,
    },
    { file: "src/preview/index.tsx", text: `import { createSimulatedExcel } from "../../packages/excel-sim/src";` },
    {
      file: "bench/write.bench.ts",
      text: `import { createSimulatedExcel } from "../packages/excel-sim/src";\nimport { x } from "../src/excel";`,
    },
    { file: "src/excel/sheets.ts", text: `import { SHEETS } from "../core/columns";\nimport Papa from "papaparse";` },
    {
      file: "test/excel/refresh.test.ts",
      text: `import { createSimulatedExcel } from "../../packages/excel-sim/src";`,
    },
  ];
  expect(violations(good)).toEqual([]);
});
