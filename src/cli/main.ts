/**
 * Command line: `invest <command> [options]` (the built file, dist-cli/invest.cjs: `npm run build:cli`), or
 * `npm run cli -- <command> [options]` (tsx, from the sources).
 *
 * Each subcommand lives in its own module (default export: a Subcommand) and is listed once in COMMANDS; modules
 * load lazily, so a command's dependencies cost nothing to the others. Adding a command is one line here.
 */
import type { Subcommand } from "./command";
import { runFromCallersDirectory } from "./cwd";

export const COMMANDS: Record<string, () => Promise<{ default: Subcommand }>> = {
  validate: () => import("./validate"),
  brief: () => import("./brief"),
};

function usage(): string {
  const lines = [
    "用法 / Usage: invest <命令 command> [选项 options]（或 / or: npm run cli -- <命令 command> …）",
    "",
    "命令 / Commands:",
  ];
  return lines.join("\n");
}

export async function main(
  argv: string[],
  out: (s: string) => void = writeStdout,
  err: (s: string) => void = (s) => process.stderr.write(s),
): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    const lines = [usage()];
    for (const [cmd, load] of Object.entries(COMMANDS)) {
      const c = (await load()).default;
      lines.push(`  ${cmd.padEnd(10)} ${c.summary}`);
      lines.push(`  ${"".padEnd(10)} ${c.summary_en}`);
    }
    lines.push("", "invest <命令> --help 查看命令的用法 / shows a command's usage.");
    (name ? out : err)(lines.join("\n") + "\n");
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    err(
      `未知命令“${name}”。可用命令：${Object.keys(COMMANDS).join("、")}。\nUnknown command "${name}". Commands: ${Object.keys(COMMANDS).join(", ")}.\n`,
    );
    return 2;
  }
  const cmd = (await load()).default;
  return cmd.run(rest, { out, err, ...(out === writeStdout ? { write: writeStdoutDrained } : {}) });
}

function writeStdout(s: string): void {
  process.stdout.write(s);
}

/** process.stdout.write, then wait for 'drain' when the stream's buffer is full (pipes are asynchronous on some systems). */
function writeStdoutDrained(s: string): Promise<void> {
  return process.stdout.write(s) ? Promise.resolve() : new Promise((resolve) => process.stdout.once("drain", resolve));
}

// Run when executed directly (tsx src/cli/main.ts …), not when imported by tests.
const entry = process.argv[1] ?? "";
if (/[\\/]cli[\\/]main\.[cm]?[jt]s$/.test(entry)) {
  runFromCallersDirectory();
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
