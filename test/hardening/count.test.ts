/** Issue 12's bar: at least 200 hostile cases, counted per class and noted in test-artifacts/test-notes.txt (plus the property tests' runs). */
import { classCounts, PROPERTY_RUNS } from "./corpus";
import { note } from "../support/notes";

test("at least 200 fixed hostile cases over the 13 classes, every class with its own", () => {
  const counts = classCounts();
  const total = counts.reduce((n, [, c]) => n + c, 0);
  const lines = [
    "Hostile cases by class (test/hardening):",
    ...counts.map(([name, n]) => `  ${String(n).padStart(5)}  ${name}`),
    `  ${String(total).padStart(5)}  in all`,
    "Property tests (generated cases):",
    ...PROPERTY_RUNS.map(([name, n]) => `  ${String(n).padStart(5)} runs  ${name}`),
  ];
  note(lines.join("\n"));
  expect(counts.map(([name]) => Number(name.split(" ")[0])).sort((a, b) => a - b)).toEqual([
    1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13,
  ]);
  for (const [name, n] of counts) expect({ name, enough: n >= 10 }).toEqual({ name, enough: true });
  expect(total).toBeGreaterThanOrEqual(200);
});
