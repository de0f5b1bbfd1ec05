/**
 * Lists, after jest's summary, every test skipped because a program it needs is missing (test/support/tools.ts puts
 * "skipped: … is not installed (…)" in their titles), so a skipped suite says why in the run's own output.
 */
class SkipReporter {
  onRunComplete(_contexts, results) {
    const lines = new Map();
    for (const file of results.testResults) {
      for (const t of file.testResults) {
        if (t.status !== "pending") continue;
        const m = /skipped: (.*)$/.exec([...t.ancestorTitles, t.title].join(" › "));
        if (!m) continue;
        const key = `${file.testFilePath.replace(process.cwd() + "/", "")}: ${m[1]}`;
        lines.set(key, (lines.get(key) ?? 0) + 1);
      }
    }
    if (lines.size === 0) return;
    process.stderr.write("\nSkipped because a program is missing:\n");
    for (const [line, n] of lines) process.stderr.write(`  ${line} (${n} test${n === 1 ? "" : "s"})\n`);
  }
}
module.exports = SkipReporter;
