/**
 * The real production build (webpack, ~6 s): functions.json is generated from JSDoc with zh-CN texts, the en-US
 * metadata is derived, the manifest points at the production URL everywhere, and the bundle carries no eval.
 */
import { execFileSync } from "child_process";
import { mkdtempSync, readFileSync, readdirSync, existsSync } from "fs";
import os from "os";
import path from "path";

const root = path.join(__dirname, "../..");
const out = mkdtempSync(path.join(os.tmpdir(), "invest-build-"));

beforeAll(() => {
  execFileSync(process.execPath, [require.resolve("webpack-cli/bin/cli.js"), "--mode", "production", "--output-path", out], {
    cwd: root,
    env: { ...process.env, ADDIN_PROD_URL: "https://zs.example.gov.cn/invest-addin" },
    stdio: "pipe",
  });
}, 180_000);

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

  test("the built manifest has no localhost URL and uses the production URL", () => {
    const manifest = readFileSync(path.join(out, "manifest.xml"), "utf8");
    expect(manifest).not.toMatch(/localhost/i);
    expect(manifest).toContain("https://zs.example.gov.cn/invest-addin/taskpane.html");
    expect(manifest).toContain("https://zs.example.gov.cn/invest-addin/functions.json");
  });

  test("associates the functions and serves Office.js locally (no CDN)", () => {
    const functionsJs = readFileSync(path.join(out, "functions.js"), "utf8");
    expect(functionsJs).toMatch(/associate\("COMPLETION_RATE"/);
    expect(functionsJs).toMatch(/associate\("YOY_GROWTH"/);
    const html = readFileSync(path.join(out, "taskpane.html"), "utf8");
    expect(html).toMatch(/src=["']?office\/office\.js/);
    expect(html).not.toMatch(/appsforoffice\.microsoft\.com/);
    expect(html).toMatch(/Content-Security-Policy/);
    for (const f of ["office.js", "o15apptofilemappingtable.js", "custom-functions-runtime.js", "zh-cn/office_strings.js"]) {
      expect(existsSync(path.join(out, "office", f))).toBe(true);
    }
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
      expect({ file: f, evil: hit ? js.slice(Math.max(0, hit.index - 60), hit.index + 40) : null }).toEqual({ file: f, evil: null });
    }
    const html = readFileSync(path.join(out, "taskpane.html"), "utf8");
    const csp = /Content-Security-Policy content="([^"]+)"/.exec(html)![1];
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toMatch(/unsafe-eval/);
    expect(csp).toMatch(/object-src 'none'/);
  });
});
