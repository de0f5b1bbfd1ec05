/** Jest runs TypeScript through ts-jest with a CommonJS tsconfig (the app's own tsconfig stays ESNext for webpack). */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test", "<rootDir>/packages"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
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
