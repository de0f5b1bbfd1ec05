/**
 * Text from a file on its way to a terminal. A column title or a cell can hold control characters (ESC starts
 * sequences that clear the screen, retitle the window, move the cursor or rewrite what was printed; CR returns to the
 * start of the line; bidirectional overrides reorder what is shown). The CLI's human-readable output prints every
 * such character visibly instead (`\u001B`, `\r`…); JSON output escapes them by itself (JSON.stringify).
 */

/** C0 controls but tab and line feed, DEL, C1 controls, and the bidirectional embedding/override/isolate marks. */
// eslint-disable-next-line no-control-regex -- these control characters are what it removes from terminal output
const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** `text` with every control character written as a visible escape (`\u001B`); tab and line feed are kept. */
export function terminalSafe(text: string): string {
  UNSAFE.lastIndex = 0;
  if (!UNSAFE.test(text)) return text;
  return text.replace(UNSAFE, (c) =>
    c === "\r" ? "\\r" : `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`,
  );
}
