/**
 * Jest runs TypeScript through ts-jest with a CommonJS tsconfig (the app's own tsconfig stays ESNext for webpack).
 *
 * Two groups (docs/testing.md): `npm test` runs the fast one; the slow suites — a real browser, LibreOffice, the
 * production and CLI builds, million-row ledgers, the attack corpora — run with JEST_GROUP=slow (`npm run test:slow`).
 * `npm run test:all` (what .ci/run runs) runs both, and the blanks-as-0 pass.
 */
const SLOW = [
  "test/browser/",
  "test/export/libreoffice.test.ts",
  "test/build/production-build.test.ts",
  "test/cli/built.test.ts",
  "test/import/large.test.ts",
  "test/excel/large.test.ts",
  "test/attack/",
  "test/taskpane/app.axe.test.tsx",
];
// Files named on the command line (npx jest test/browser/preview.test.ts) run whatever their group.
const namedFiles = process.argv.slice(2).some((a) => !a.startsWith("-") && /(^|\/)(test|packages)(\/|$)/.test(a));
const group = process.env.JEST_GROUP ?? (namedFiles ? "all" : "fast");
if (!["fast", "slow", "all"].includes(group)) throw new Error(`JEST_GROUP must be fast, slow or all, not ${group}`);
const escapeRe = (p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const TESTS = ["**/*.test.ts", "**/*.test.tsx"];

module.exports = {
  testMatch: group === "slow" ? SLOW.map((p) => `<rootDir>/${p}${p.endsWith("/") ? "**/*.test.ts?(x)" : ""}`) : TESTS,
  testPathIgnorePatterns: ["/node_modules/", ...(group === "fast" ? SLOW.map((p) => `<rootDir>/${escapeRe(p)}`) : [])],
  setupFiles: ["<rootDir>/test/support/fast-check-seed.cjs"],
  reporters: ["default", "<rootDir>/test/support/skip-reporter.cjs"],
  testEnvironment: "node",
  roots: ["<rootDir>/test", "<rootDir>/packages"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "<rootDir>/tsconfig.jest.json", diagnostics: false }],
    // Seed CSVs are bundled as raw text by webpack (asset/source); jest gets the same string.
    "\\.csv$": "<rootDir>/test/support/raw-text-transform.js",
  },
  moduleNameMapper: {
    // office-addin-mock pulls office-addin-manifest, whose ESM-only dependencies jest cannot load; the mock never needs it.
    "^office-addin-manifest$": "<rootDir>/test/support/office-addin-manifest-shim.js",
    "\\.(css)$": "<rootDir>/test/support/empty-module.js",
  },
  testTimeout: 60000,
};
