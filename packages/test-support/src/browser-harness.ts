/**
 * Helpers for the browser test and the benchmark: a webpack build into a temp dir, a tiny static server on
 * 127.0.0.1, and Debian's chromium through playwright-core with the launch options of /work/shared/TOOLCHAIN.md.
 */
import { execFile } from "child_process";
import { existsSync, mkdtempSync, readFileSync, statSync } from "fs";
import http from "http";
import type { AddressInfo } from "net";
import os from "os";
import path from "path";

export const ROOT = path.join(__dirname, "../../..");
export const CHROMIUM = "/usr/bin/chromium";
export const hasChromium = () => existsSync(CHROMIUM);

/** Build with webpack (development or production) into a fresh temp dir; resolves to the dir. */
export function webpackBuild(mode: "development" | "production", env: NodeJS.ProcessEnv = {}): Promise<string> {
  const out = mkdtempSync(path.join(os.tmpdir(), `invest-${mode}-`));
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [require.resolve("webpack-cli/bin/cli.js"), "--mode", mode, "--output-path", out],
      { cwd: ROOT, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) =>
        err ? reject(new Error(`webpack ${mode} failed: ${err.message}\n${stdout}\n${stderr}`)) : resolve(out),
    );
  });
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json",
  ".png": "image/png",
  ".xml": "application/xml",
  ".css": "text/css",
};

/** Serve `dir` on 127.0.0.1 (random port). */
export function serve(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    const file = path.join(dir, path.normalize(rel).replace(/^([/\\])+/, ""));
    if (!file.startsWith(dir) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) });
    }),
  );
}

/** A headless chromium with a fresh profile (launch() refuses --user-data-dir). CSP bypassed so axe-core can be injected. */
export async function launchChromium() {
  const { chromium } = await import("playwright-core");
  const profile = mkdtempSync(path.join(os.tmpdir(), "invest-chromium-"));
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    bypassCSP: true,
    locale: "zh-CN",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}
