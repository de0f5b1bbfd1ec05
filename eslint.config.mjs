// ESLint 9 flat config: typescript-eslint, React, React hooks and Microsoft's Office Add-in rules. Formatting is
// Prettier's job (`npm run format`); eslint-config-prettier, last, turns off every rule that would fight it.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import react from "eslint-plugin-react";
import hooks from "eslint-plugin-react-hooks";
import officeAddins from "eslint-plugin-office-addins";
import eslintConfigPrettier from "eslint-config-prettier";
import globals from "globals";

export default tseslint.config(
  {
    // Build output, reports and generated data (src/core/divisions-data.ts comes from scripts/build-divisions.mjs).
    ignores: [
      "dist/**",
      "dist-cli/**",
      "bench/out/**",
      "node_modules/**",
      "test-artifacts/**",
      "coverage/**",
      "src/core/divisions-data.ts",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  react.configs.flat.recommended,
  react.configs.flat["jsx-runtime"],
  { plugins: { "react-hooks": hooks }, rules: hooks.configs.recommended.rules },
  {
    // officeAddins.configs.* bundle their own @typescript-eslint plugin (~8.8), which clashes with typescript-eslint's
    // ("Cannot redefine plugin @typescript-eslint"): register the plugin alone and list its rules here.
    plugins: { "office-addins": officeAddins },
    rules: {
      "office-addins/call-sync-after-load": "error",
      "office-addins/call-sync-before-read": "error",
      "office-addins/load-object-before-read": "error",
      "office-addins/no-context-sync-in-loop": "warn",
      "office-addins/no-empty-load": "warn",
      "office-addins/no-navigational-load": "warn",
      "office-addins/no-office-initialize": "warn",
      "office-addins/test-for-null-using-isNullObject": "error",
    },
  },
  {
    // `const { dropped, ...rest } = o` leaves a property out of a copy; `_name` marks a parameter kept for a signature.
    rules: { "@typescript-eslint/no-unused-vars": ["error", { ignoreRestSiblings: true, argsIgnorePattern: "^_" }] },
  },
  {
    // Units that read on one screen (issue 15): no source file over 500 lines (as `wc -l` counts them), no function
    // over 80 lines of code (comments and blank lines not counted, so explaining why costs nothing). An exception
    // carries an eslint-disable comment that says why. Tests may be longer: a table of cases reads best in one place.
    files: ["src/**/*.{ts,tsx}", "bench/**/*.ts", "packages/*/src/**/*.ts", "scripts/**/*.{mjs,cjs,ts}"],
    rules: {
      "max-lines": ["error", { max: 500, skipBlankLines: false, skipComments: false }],
      "max-lines-per-function": ["error", { max: 80, skipBlankLines: true, skipComments: true }],
      // Casts that silence the type checker instead of informing it. Where a library's types are wrong, an
      // eslint-disable comment names the gap.
      "no-restricted-syntax": [
        "error",
        { selector: "TSAsExpression[typeAnnotation.type='TSNeverKeyword']", message: "No `as never`: type the value." },
        // One error type (src/core/errors.ts): an AppError with a code and zh/en messages, never "中文 / English" glued
        // into one message. (esquery regexes cannot hold a slash: \x2F is one.)
        {
          selector:
            "NewExpression[callee.name=/Error$/][arguments.length=1] > Literal[value=/[\u3400-\u9fff].*\\x2F /]",
          message: 'No glued "中文 / English" error: throw an AppError(code, zh, en) (src/core/errors.ts).',
        },
        {
          selector:
            "NewExpression[callee.name=/Error$/][arguments.length=1] TemplateLiteral > TemplateElement[value.raw=/[\u3400-\u9fff）][^\\x2F]*\\x2F |^ \\x2F [A-Za-z]/]",
          message: 'No glued "中文 / English" error: throw an AppError(code, zh, en) (src/core/errors.ts).',
        },
        {
          selector:
            "TSAsExpression[expression.type='TSAsExpression'][expression.typeAnnotation.type='TSUnknownKeyword']",
          message:
            "No `as unknown as`: type the value, or say in an eslint-disable comment which library type is wrong.",
        },
      ],
    },
  },
  {
    settings: { react: { version: "18.3" } },
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  {
    // Node scripts and configs written in CommonJS.
    files: ["**/*.cjs", "jest.config.js", "webpack.config.js", "test/support/*.js"],
    languageOptions: { sourceType: "commonjs", globals: globals.node },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // Tests relax four rules, on purpose:
    // - the office-addins rules: the simulator's own tests read unloaded properties and skip syncs to prove that the
    //   simulated host refuses as Excel does, and test helpers load in one function and sync in another;
    // - no-explicit-any: tests hand custom functions and the host hostile, ill-typed cell values as Excel would;
    // - no-require-imports: some tests require a module inline, beside the test that uses it or in jest.isolateModules;
    // - no-control-regex: tests look for control characters that must not reach a cell or a file.
    // The simulated host (packages/excel-sim/src) is test infrastructure too: it models Office.js's loosely typed
    // API surface (any-typed proxies, ad-hoc payloads) and is never shipped.
    files: ["test/**", "packages/*/test/**", "packages/test-support/**", "packages/excel-sim/src/**"],
    languageOptions: { globals: globals.jest },
    rules: {
      "office-addins/call-sync-after-load": "off",
      "office-addins/call-sync-before-read": "off",
      "office-addins/load-object-before-read": "off",
      "office-addins/no-empty-load": "off",
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-require-imports": "off",
      "no-control-regex": "off",
    },
  },
  eslintConfigPrettier,
);
