/**
 * What `npm start` decides and prints (scripts/start-plan.cjs): no certificate install attempted where it can only
 * fail with "sudo: not found", an explanation of the http fallback instead, and the address the server really uses.
 */
const plan = require("../../scripts/start-plan.cjs");

describe("npm start's certificate plan", () => {
  test("Linux without sudo: no install attempt, the banner explains the http fallback in both languages", () => {
    const p = plan.certificatePlan({ forcedHttp: false, trusted: false, platform: "linux", hasSudo: false });
    expect(p).toEqual({ install: false, note: "no-sudo" });
    const text: string = plan.bannerText({ url: plan.servedUrl(false, 3000), https: false, note: p.note });
    expect(text).toContain("http://127.0.0.1:3000/preview.html");
    expect(text).toContain("本机没有 sudo");
    expect(text).toContain("No sudo on this machine");
    expect(text).not.toMatch(/sudo: not found/);
    // Loading into Excel needs https: over http the banner does not pretend it would work.
    expect(text).not.toContain("Upload My Add-in");
  });

  test("trusted certificates: https on localhost, instructions to load into Excel, no warning", () => {
    const p = plan.certificatePlan({ forcedHttp: false, trusted: true, platform: "linux", hasSudo: false });
    expect(p).toEqual({ install: false, note: null });
    const text: string = plan.bannerText({ url: plan.servedUrl(true, 3000), https: true, note: p.note });
    expect(text).toContain("https://localhost:3000/preview.html");
    expect(text).toContain("Upload My Add-in");
    expect(text).not.toMatch(/http fallback|plain http/);
  });

  test("an install is tried where it can work (Windows, macOS, Linux with sudo), never when DEV_HTTP=1", () => {
    for (const platform of ["win32", "darwin"])
      expect(plan.certificatePlan({ forcedHttp: false, trusted: false, platform, hasSudo: false }).install).toBe(true);
    expect(plan.certificatePlan({ forcedHttp: false, trusted: false, platform: "linux", hasSudo: true }).install).toBe(
      true,
    );
    expect(plan.certificatePlan({ forcedHttp: true, trusted: false, platform: "linux", hasSudo: true })).toEqual({
      install: false,
      note: "forced-http",
    });
  });

  test("the banner waits for webpack-dev-server's compiled line", () => {
    expect(plan.compiledLine("webpack 5.99.0 compiled successfully in 5123 ms")).toBe(true);
    expect(plan.compiledLine("webpack 5.99.0 compiled with 2 warnings in 9000 ms")).toBe(true);
    expect(plan.compiledLine("<i> [webpack-dev-server] Project is running at:")).toBe(false);
    expect(plan.compiledLine("webpack 5.99.0 compiled with 1 error in 300 ms")).toBe(true);
  });
});
