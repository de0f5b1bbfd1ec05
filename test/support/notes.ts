/**
 * Figures a test wants kept for a reader (sync counts, times, case counts) go to test-artifacts/test-notes.txt, one
 * line per note prefixed with the test's name, instead of the console: a green run stays quiet (docs/testing.md).
 */
import { appendFileSync, mkdirSync } from "fs";
import path from "path";

const FILE = path.join(__dirname, "..", "..", "test-artifacts", "test-notes.txt");

export function note(text: string): void {
  mkdirSync(path.dirname(FILE), { recursive: true });
  const name = expect.getState().currentTestName ?? path.basename(expect.getState().testPath ?? "");
  const stamp = new Date().toISOString();
  appendFileSync(FILE, `${stamp} [${name}]\n${text.replace(/^/gm, "  ")}\n`);
}
