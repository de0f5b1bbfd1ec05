/** The shape of a CLI subcommand (src/cli/main.ts lists them). */
export interface CommandIO {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Standard output for long output: resolves when the text may be followed by more (the stream drained). */
  write?: (s: string) => Promise<void>;
}

export interface Subcommand {
  /** One line, Chinese. */
  summary: string;
  /** One line, English. */
  summary_en: string;
  /** Runs with the arguments after the command name; resolves to the process exit code. */
  run(argv: string[], io: CommandIO): Promise<number>;
}
