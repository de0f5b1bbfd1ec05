/**
 * External programs some suites need (Chromium for the browser tests, LibreOffice for the recalculation checks).
 * Where one is missing the suite is skipped with the reason and the install command in its title, which
 * test/support/skip-reporter.cjs prints at the end of the run; under CI (CI=true, as .ci/run sets) a missing program
 * is a failure instead, since .ci/run installs them and a silent skip would hide a broken machine.
 */
import { existsSync } from "fs";
import { findSoffice } from "../../src/export/libreoffice";

export interface Tool {
  name: string;
  found: boolean;
  install: string;
}

export const CHROMIUM_PATH = "/usr/bin/chromium";

export const chromium = (): Tool => ({
  name: `Chromium (${CHROMIUM_PATH})`,
  found: existsSync(CHROMIUM_PATH),
  install: "apt-get install -y --no-install-recommends chromium fonts-wqy-microhei",
});

export const libreOffice = (): Tool => ({
  name: "LibreOffice (soffice)",
  found: findSoffice() !== null,
  install: "apt-get install -y --no-install-recommends libreoffice-calc",
});

const reason = (tool: Tool) => `skipped: ${tool.name} is not installed (${tool.install})`;

/** describe(), or, without the tool, a skipped suite that says why (a failing one under CI). */
export function describeWith(tool: Tool, title: string, body: () => void): void {
  if (tool.found) return describe(title, body);
  if (process.env.CI) {
    describe(title, () =>
      test(`needs ${tool.name}, which .ci/run installs`, () => {
        throw new Error(`${tool.name} is missing on a CI machine: install it with ${tool.install}`);
      }),
    );
    return;
  }
  describe.skip(`${title} — ${reason(tool)}`, body);
}

/** test(), or, without the tool, a skipped test that says why (a failing one under CI). */
export function testWith(tool: Tool, title: string, body: () => Promise<unknown>, timeout?: number): void {
  if (tool.found) return test(title, body, timeout);
  if (process.env.CI) {
    test(title, () => {
      throw new Error(`${tool.name} is missing on a CI machine: install it with ${tool.install}`);
    });
    return;
  }
  test.skip(`${title} — ${reason(tool)}`, body);
}
