/**
 * Task pane figures:
 *  - the production task pane's initial JavaScript, gzip: the chunks taskpane.html loads by <script> (taskpane,
 *    functions, commands: one shared-runtime page), against all of the build's own chunks (exceljs is split out and
 *    only fetched when an .xlsx is read); Office.js (served from the add-in's origin, not ours) is reported apart;
 *  - time to interactive in headless Chromium (when /usr/bin/chromium exists): the production taskpane.html outside
 *    Office (Office.onReady resolves with no host; the pane renders), and the offline preview (development build:
 *    simulated host installed, sample data loaded into it, task pane rendered).
 */
import { readFileSync, readdirSync, statSync } from "fs";
import path from "path";
import { gzipSync } from "zlib";
import type { BenchContext, BenchResult } from "./harness";
import { hasChromium, launchChromium, serve, webpackBuild } from "../packages/test-support/src/browser-harness";

const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

/** Scripts an HTML page loads by <script src>, relative to the page. */
export function scriptsOf(html: string): string[] {
  return [...html.matchAll(/<script\b[^>]*\bsrc=["']?([^"' >]+)/gi)].map((m) => m[1]);
}

function listJs(dir: string, sub = ""): string[] {
  return readdirSync(path.join(dir, sub)).flatMap((f) => {
    const rel = path.join(sub, f);
    return statSync(path.join(dir, rel)).isDirectory() ? listJs(dir, rel) : f.endsWith(".js") ? [rel] : [];
  });
}

async function timeToInteractive(url: string, ready: string, readMs: string, runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const context = await launchChromium();
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.setViewportSize({ width: 800, height: 900 });
      await page.goto(url);
      await page.waitForSelector(ready, { timeout: 120_000 });
      times.push(await page.evaluate(readMs));
    } finally {
      await context.close();
    }
  }
  return times.sort((a, b) => a - b);
}

export default async function (ctx: BenchContext): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  // Office.js self-hosted: production pages load it from Microsoft's CDN by default, which this machine cannot reach.
  const prod = await webpackBuild("production", { OFFICE_JS: "self-hosted" });
  const html = readFileSync(path.join(prod, "taskpane.html"), "utf8");
  const scripts = scriptsOf(html);
  const own = scripts.filter((s) => !s.startsWith("office/") && !/^https?:/.test(s));
  const office = scripts.filter((s) => s.startsWith("office/"));
  const initial = own.reduce((n, s) => n + gz(path.join(prod, s)), 0);
  const allOwn = listJs(prod).filter((f) => !f.startsWith(`office${path.sep}`));
  const all = allOwn.reduce((n, f) => n + gz(path.join(prod, f)), 0);
  const lazy = allOwn.filter((f) => !own.includes(f));
  // exceljs's own marker: the path of the workbook part inside an .xlsx, a literal of its reader/writer.
  const hasExcelJs = (f: string) => readFileSync(path.join(prod, f), "utf8").includes("xl/workbook.xml");
  const exceljsInInitial = own.some(hasExcelJs);
  const exceljsChunk = lazy.find(hasExcelJs) ?? "none";
  ctx.log(`initial: ${own.join(", ")}; lazy: ${lazy.join(", ")}; office: ${office.join(", ")}`);
  results.push({
    name: "task pane: initial JS (gzip), production",
    value: Math.round(initial / 1024),
    unit: "KiB",
    baseline: { name: "all own chunks (gzip)", value: Math.round(all / 1024) },
    ratio: initial / all,
    note: `${own.join(" + ")}; loaded on demand: ${lazy.join(", ") || "none"}; exceljs in initial chunks: ${exceljsInInitial ? "YES" : "no"} (its chunk: ${exceljsChunk})`,
  });
  results.push({
    name: "task pane: Office.js loaded by the page (gzip)",
    value: Math.round(office.reduce((n, s) => n + gz(path.join(prod, s)), 0) / 1024),
    unit: "KiB",
    note: "office.js from the add-in's own origin (not our code)",
  });

  if (!hasChromium()) {
    ctx.log("time to interactive skipped: /usr/bin/chromium is missing");
    return results;
  }
  const runs = ctx.quick ? 1 : 3;
  const prodServer = await serve(prod);
  try {
    const t = await timeToInteractive(`${prodServer.url}/taskpane.html`, "text=导入数据", "performance.now()", runs);
    results.push({
      name: "task pane: time to interactive outside Office (production, Chromium)",
      value: Math.round(t[Math.floor(t.length / 2)]),
      unit: "ms",
      note: `median of ${runs}: ${t.map(Math.round).join(", ")}`,
    });
  } finally {
    await prodServer.close();
  }
  const dev = await webpackBuild("development");
  const devServer = await serve(dev);
  try {
    const t = await timeToInteractive(
      `${devServer.url}/preview.html`,
      "body[data-preview-ready=true]",
      "Number(document.body.dataset.previewReadyMs)",
      runs,
    );
    results.push({
      name: "offline preview: time to interactive (development build, Chromium)",
      value: t[Math.floor(t.length / 2)],
      unit: "ms",
      note: `median of ${runs}: ${t.join(", ")}; includes installing the simulated host and loading the sample data into it`,
    });
  } finally {
    await devServer.close();
  }
  return results;
}
