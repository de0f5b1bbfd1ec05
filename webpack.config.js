/**
 * One build for the add-in: task pane (React), ribbon commands and custom functions, all loaded in the one page
 * of the shared runtime (taskpane.html). functions.json is generated from the JSDoc of src/functions/functions.ts;
 * functions.en-US.json is derived from it and the hand-kept English texts.
 *
 * Production URL: set ADDIN_PROD_URL, or "config.prod_url" in package.json. Every dev URL in the manifest is
 * replaced (all of them, not only the first: scripts/manifest-urls.cjs).
 *
 * Office.js: production pages load it from Microsoft's CDN, as Microsoft requires for Marketplace add-ins and
 * recommends for all ("Use local references only for internal, development, and debugging scenarios":
 * docs/develop/referencing-the-javascript-api-for-office-library-from-its-cdn.md). OFFICE_JS (or "config.office_js")
 * chooses: "cdn" (default), "cdn-21vianet" (the CDN of Office 365 operated by 21Vianet in China, docs/includes/
 * 21Vianet-cdn.md) or "self-hosted" (the copy from @microsoft/office-js, for intranets that cannot reach either CDN;
 * that npm package is frozen and no longer officially supported). Development builds and the offline preview always
 * use the local copy (no internet needed).
 */
const path = require("path");
const fs = require("fs");
const os = require("os");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const { sources, Compilation, WebpackError } = require("webpack");
const { localizeMetadata } = require("./scripts/localize-functions-metadata.cjs");
const { finalizeMetadata, undocumentedProperties } = require("./scripts/functions-metadata.cjs");
const { rewriteManifestUrls } = require("./scripts/manifest-urls.cjs");
const pkg = require("./package.json");

const DEV_URL = "https://localhost:3000/";
const PORT = Number(process.env.npm_package_config_dev_server_port || pkg.config.dev_server_port || 3000);
const OFFICE_JS_DIR = path.dirname(require.resolve("@microsoft/office-js/dist/office.js"));

/** Where taskpane.html loads Office.js from, by OFFICE_JS mode. */
const OFFICE_JS = {
  cdn: "https://appsforoffice.microsoft.com/lib/1/hosted/office.js",
  "cdn-21vianet": "https://appsforoffice.cdn.partner.office365.cn/appsforoffice/lib/1/hosted/office.js",
  "self-hosted": "office/office.js",
};

/** The Office.js mode of this build: always self-hosted in development; in production OFFICE_JS, config.office_js or "cdn". */
function officeJsMode(dev) {
  if (dev) return "self-hosted";
  const mode = String(process.env.OFFICE_JS || pkg.config.office_js || "cdn").trim();
  if (!Object.prototype.hasOwnProperty.call(OFFICE_JS, mode)) {
    throw new Error(`OFFICE_JS must be one of ${Object.keys(OFFICE_JS).join(", ")}; got "${mode}"`);
  }
  return mode;
}

/** The production base URL, normalised to end with "/"; must be https. */
function productionUrl() {
  const url = (process.env.ADDIN_PROD_URL || pkg.config.prod_url || "").trim();
  if (!/^https:\/\/[^/]+/.test(url)) {
    throw new Error(
      `Production URL must be https:// (set ADDIN_PROD_URL or package.json config.prod_url); got "${url}"`,
    );
  }
  return url.endsWith("/") ? url : `${url}/`;
}

/**
 * Finish the generated functions.json (allowErrorForDataTypeAny, only documented properties:
 * scripts/functions-metadata.cjs) and emit functions.en-US.json next to it; a missing or stale English text or an
 * undocumented property fails the build.
 */
class LocalizedFunctionsMetadataPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("LocalizedFunctionsMetadata", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "LocalizedFunctionsMetadata", stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          const asset = compilation.getAsset("functions.json");
          if (!asset) return;
          const english = JSON.parse(
            fs.readFileSync(path.resolve(__dirname, "src/functions/locales/en-US.json"), "utf8"),
          );
          const zh = finalizeMetadata(JSON.parse(asset.source.source().toString()));
          const { metadata: en, problems } = localizeMetadata(zh, english);
          problems.push(...undocumentedProperties(zh), ...undocumentedProperties(en));
          problems.forEach((p) => compilation.errors.push(new WebpackError(p)));
          compilation.updateAsset("functions.json", new sources.RawSource(JSON.stringify(zh, null, 2)));
          compilation.emitAsset("functions.en-US.json", new sources.RawSource(JSON.stringify(en, null, 2)));
        },
      );
    });
  }
}

/** Dev HTTPS: Office's dev certificates when installed and trusted, else plain http on 127.0.0.1 (scripts/start.mjs). */
function devServerTransport() {
  const dir = path.join(os.homedir(), ".office-addin-dev-certs");
  const [cert, key, ca] = ["localhost.crt", "localhost.key", "ca.crt"].map((f) => path.join(dir, f));
  let trusted = false;
  try {
    trusted = require("office-addin-dev-certs").verifyCertificates();
  } catch {
    trusted = false;
  }
  if (process.env.DEV_HTTP !== "1" && trusted && [cert, key, ca].every((f) => fs.existsSync(f))) {
    return {
      type: "https",
      options: { cert: fs.readFileSync(cert), key: fs.readFileSync(key), ca: fs.readFileSync(ca) },
    };
  }
  return { type: "http" };
}

module.exports = (env, argv) => {
  const dev = argv.mode !== "production";
  const baseUrl = dev ? DEV_URL : productionUrl();
  const officeJsSource = OFFICE_JS[officeJsMode(dev)];
  const officeJsOrigin = /^https:/.test(officeJsSource) ? new URL(officeJsSource).origin : null;
  const csp = [
    "default-src 'self'",
    // Office.js from a CDN loads its host scripts (excel-*.js, strings) from the same origin.
    `script-src 'self'${officeJsOrigin ? ` ${officeJsOrigin}` : ""}`,
    // Fluent UI (Griffel) inserts <style> elements at run time.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    // URL sources: https anywhere, plain http only on this machine.
    `connect-src 'self' https: http://localhost:* http://127.0.0.1:*${dev ? " ws://localhost:* ws://127.0.0.1:* wss://localhost:*" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join("; ");

  const pages = [
    new HtmlWebpackPlugin({
      filename: "taskpane.html",
      template: "./src/taskpane/taskpane.html",
      chunks: ["taskpane", "functions", "commands"],
      templateParameters: { csp, officeJs: officeJsSource },
    }),
  ];
  const previewEntry = path.resolve(__dirname, "src/preview/index.tsx");
  const hasPreview = fs.existsSync(previewEntry);
  // The offline preview is a development page (HyperFormula, GPL-3, never ships): no empty preview.html in dist/.
  if (hasPreview && dev) {
    pages.push(
      new HtmlWebpackPlugin({
        filename: "preview.html",
        template: "./src/preview/preview.html",
        chunks: ["preview"],
        templateParameters: { csp },
      }),
    );
  }

  return {
    devtool: dev ? "source-map" : false, // no eval-based maps: the page's CSP forbids eval
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      commands: "./src/commands/commands.ts",
      functions: "./src/functions/index.ts",
      ...(hasPreview && dev ? { preview: previewEntry } : {}),
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      chunkFilename: "[name].[contenthash:8].js",
      clean: true,
      // Office's browsers all have globalThis; without this webpack's runtime falls back to new Function("return this").
      environment: { globalThis: true, arrowFunction: true, const: true, destructuring: true },
    },
    resolve: { extensions: [".ts", ".tsx", ".js", ".mjs"] },
    module: {
      rules: [
        { test: /\.tsx?$/, exclude: /node_modules/, use: { loader: "ts-loader", options: { transpileOnly: true } } },
        { test: /\.csv$/, type: "asset/source" },
        { test: /\.(png|jpg|jpeg|gif|ico)$/, type: "asset/resource", generator: { filename: "assets/[name][ext]" } },
      ],
    },
    performance: { hints: false },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: "./src/functions/functions.ts" }),
      new LocalizedFunctionsMetadataPlugin(),
      ...pages,
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => (dev ? content : rewriteManifestUrls(content.toString(), baseUrl)),
          },
          // Office.js from the add-in's own origin: development, the offline preview and OFFICE_JS=self-hosted.
          ...(officeJsOrigin
            ? []
            : [
                "office.js",
                "o15apptofilemappingtable.js",
                "custom-functions-runtime.js",
                "excel-*.js",
                "excelwebapp-*.js",
                "en-us/office_strings.js",
                "zh-cn/office_strings.js",
              ].map((from) => ({
                from,
                context: OFFICE_JS_DIR,
                to: from.includes("/") ? `office/${from}` : "office/",
                globOptions: { ignore: ["**/*.debug.js"] },
                info: { minimized: true }, // Terser would spend 30 s on Office.js
              }))),
        ],
      }),
    ],
    devServer: {
      host: "127.0.0.1",
      port: PORT,
      allowedHosts: ["localhost", "127.0.0.1"],
      headers: { "Access-Control-Allow-Origin": "*" },
      server: devServerTransport(),
      static: { directory: path.resolve(__dirname, "seeds"), publicPath: "/seeds" },
      client: { overlay: { warnings: false, errors: true } },
      open: false,
    },
  };
};
