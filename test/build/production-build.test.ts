/**
 * The real production build (webpack, ~6 s each): functions.json is generated from JSDoc with zh-CN texts and
 * finished for Excel (allowErrorForDataTypeAny), the en-US metadata is derived, the manifest points at the
 * production URL everywhere, the bundle carries no eval, and Office.js comes from Microsoft's CDN unless the
 * intranet option OFFICE_JS=self-hosted is set (built a second time for that).
 */
import { execFileSync } from "child_process";
import { mkdtempSync, readFileSync, readdirSync, existsSync } from "fs";
import os from "os";
import path from "path";

const root = path.join(__dirname, "../..");
const out = mkdtempSync(path.join(os.tmpdir(), "invest-build-"));
const selfHosted = mkdtempSync(path.join(os.tmpdir(), "invest-build-self-hosted-"));

function build(dir: string, env: Record<string, string> = {}) {
  const { OFFICE_JS: _ignored, ...inherited } = process.env;
  execFileSync(
    process.execPath,
    [require.resolve("webpack-cli/bin/cli.js"), "--mode", "production", "--output-path", dir],
    {
      cwd: root,
      env: { ...inherited, ADDIN_PROD_URL: "https://zs.example.gov.cn/invest-addin", ...env },
      stdio: "pipe",
    },
  );
}

beforeAll(() => {
  build(out);
  build(selfHosted, { OFFICE_JS: "self-hosted" });
}, 300_000);

// The built HTML is minified: attribute quotes are dropped where HTML allows it.
const cspOf = (html: string) => /Content-Security-Policy content="([^"]+)"/.exec(html)![1];
const officeScript = (html: string) =>
  [...html.matchAll(/<script[^>]*\ssrc=["']?([^"'\s>]*office\.js)/g)].map((m) => m[1]);

describe("npm run build", () => {
  test("emits functions.json with COMPLETION_RATE and YOY_GROWTH described in Chinese", () => {
    const meta = JSON.parse(readFileSync(path.join(out, "functions.json"), "utf8"));
    const ids = meta.functions.map((f: any) => f.id);
    expect(ids).toEqual(expect.arrayContaining(["COMPLETION_RATE", "YOY_GROWTH"]));
    for (const f of meta.functions) {
      expect(f.name).toMatch(/^[A-Z_]+$/);
      expect(f.description).toMatch(/[\u4e00-\u9fff]/);
      for (const p of f.parameters) expect(p.description).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  test("emits functions.en-US.json with the same functions in English", () => {
    const zh = JSON.parse(readFileSync(path.join(out, "functions.json"), "utf8"));
    const en = JSON.parse(readFileSync(path.join(out, "functions.en-US.json"), "utf8"));
    expect(en.functions.map((f: any) => f.id)).toEqual(zh.functions.map((f: any) => f.id));
    for (const f of en.functions) expect(f.description).not.toMatch(/[\u4e00-\u9fff]/);
  });

  test("dist/functions.json and dist/functions.en-US.json let error cells reach the functions, with documented properties only", () => {
    const { undocumentedProperties } = require("../../scripts/functions-metadata.cjs");
    for (const file of ["functions.json", "functions.en-US.json"]) {
      const meta = JSON.parse(readFileSync(path.join(out, file), "utf8"));
      expect([file, meta.allowErrorForDataTypeAny]).toEqual([file, true]);
      expect(undocumentedProperties(meta)).toEqual([]);
    }
  });

  test("the built manifest has no localhost URL and uses the production URL", () => {
    const manifest = readFileSync(path.join(out, "manifest.xml"), "utf8");
    expect(manifest).not.toMatch(/localhost/i);
    expect(manifest).toContain("https://zs.example.gov.cn/invest-addin/taskpane.html");
    expect(manifest).toContain("https://zs.example.gov.cn/invest-addin/functions.json");
  });

  test("associates the functions", () => {
    const functionsJs = readFileSync(path.join(out, "functions.js"), "utf8");
    expect(functionsJs).toMatch(/associate\("COMPLETION_RATE"/);
    expect(functionsJs).toMatch(/associate\("YOY_GROWTH"/);
  });

  test("by default taskpane.html loads Office.js from Microsoft's CDN, which the CSP allows, and ships no copy", () => {
    const html = readFileSync(path.join(out, "taskpane.html"), "utf8");
    expect(officeScript(html)).toEqual(["https://appsforoffice.microsoft.com/lib/1/hosted/office.js"]);
    expect(html.indexOf("appsforoffice")).toBeLessThan(html.indexOf("</head>"));
    expect(cspOf(html)).toMatch(/script-src 'self' https:\/\/appsforoffice\.microsoft\.com(;|$)/);
    expect(existsSync(path.join(out, "office"))).toBe(false);
    expect(existsSync(path.join(out, "preview.html"))).toBe(false); // the offline preview is development-only
  });

  test("OFFICE_JS=self-hosted (intranets): the local copy, served from the add-in's origin, and a CSP of 'self' only", () => {
    const html = readFileSync(path.join(selfHosted, "taskpane.html"), "utf8");
    expect(officeScript(html)).toEqual(["office/office.js"]);
    expect(html).not.toMatch(/appsforoffice/);
    expect(cspOf(html)).toMatch(/script-src 'self'(;|$)/);
    for (const f of [
      "office.js",
      "o15apptofilemappingtable.js",
      "custom-functions-runtime.js",
      "zh-cn/office_strings.js",
    ]) {
      expect(existsSync(path.join(selfHosted, "office", f))).toBe(true);
    }
    expect(JSON.parse(readFileSync(path.join(selfHosted, "functions.json"), "utf8")).allowErrorForDataTypeAny).toBe(
      true,
    );
  });

  test("OFFICE_JS=cdn-21vianet points the page and the CSP at the CDN of Office 365 operated by 21Vianet", () => {
    const saved = { ...process.env };
    try {
      Object.assign(process.env, { OFFICE_JS: "cdn-21vianet", ADDIN_PROD_URL: "https://zs.example.gov.cn/a/" });
      const config = require("../../webpack.config.js")({}, { mode: "production" });
      const page = config.plugins.find((p: any) => p.userOptions?.filename === "taskpane.html").userOptions
        .templateParameters;
      expect(page.officeJs).toBe("https://appsforoffice.cdn.partner.office365.cn/appsforoffice/lib/1/hosted/office.js");
      expect(page.csp).toMatch(/script-src 'self' https:\/\/appsforoffice\.cdn\.partner\.office365\.cn;/);
      const dev = require("../../webpack.config.js")({}, { mode: "development" });
      expect(
        dev.plugins.find((p: any) => p.userOptions?.filename === "taskpane.html").userOptions.templateParameters
          .officeJs,
      ).toBe("office/office.js");
    } finally {
      process.env = saved;
    }
  });

  test("an unknown OFFICE_JS mode fails the build with the accepted ones", () => {
    const bad = mkdtempSync(path.join(os.tmpdir(), "invest-build-bad-"));
    expect(() => build(bad, { OFFICE_JS: "local" })).toThrow(/OFFICE_JS must be one of cdn, cdn-21vianet, self-hosted/);
  });

  test("the add-in bundle has no eval or new Function, and its CSP forbids them", () => {
    const evil = /\beval\(|new Function\(|\bFunction\("/;
    const own = readdirSync(out).filter((f) => f.endsWith(".js"));
    expect(own.length).toBeGreaterThanOrEqual(3);
    // The vendor chunk of exceljs's browser build (loaded only to read an .xlsx) carries three fallbacks that a
    // browser never reaches: global-object detection after `self`/`window` (lodash, core-js), regenerator's assignment in
    // sloppy mode, and a setImmediate polyfill's branch for a STRING callback. Anything else fails, and the CSP
    // (no 'unsafe-eval') would block these even if they ran.
    const vendorFallbacks = [
      // …||self||…||Function("return this")(): the last alternative of a chain whose earlier ones hold in a browser
      /\|\|Function\("return this"\)\(\)/g,
      /Function\("r","regeneratorRuntime = r"\)/g,
      /"function"!=typeof (\w)&&\(\1=new Function\(""\+\1\)\)/g,
    ];
    for (const f of own) {
      let js = readFileSync(path.join(out, f), "utf8");
      if (f.startsWith("exceljs.")) for (const re of vendorFallbacks) js = js.replace(re, "");
      const hit = evil.exec(js);
      expect({ file: f, evil: hit ? js.slice(Math.max(0, hit.index - 60), hit.index + 40) : null }).toEqual({
        file: f,
        evil: null,
      });
    }
    for (const dir of [out, selfHosted]) {
      const csp = cspOf(readFileSync(path.join(dir, "taskpane.html"), "utf8"));
      expect(csp).toMatch(/script-src 'self'( https:\/\/appsforoffice\.microsoft\.com)?(;|$)/);
      expect(csp).not.toMatch(/unsafe-eval|unsafe-inline'[^;]*script/);
      expect(csp).toMatch(/object-src 'none'/);
    }
  });
});
