/** Limits of one import, set by what an Excel sheet and cell hold, and the characters a file should not hold. */

/** Data rows (and skipped rows) one import takes: what an Excel sheet holds; more is refused before memory runs out. */
export const MAX_DATA_ROWS = 1_048_576;

/** Excel's limit on the characters of one cell (specifications and limits): longer text cannot be loaded. */
export const MAX_CELL_CHARS = 32767;

/** Rows looked at for a header before giving up. */
export const MAX_SEEK_ROWS = 50;

/** A replacement character, NUL or any surrogate: the cheap test before the per-cell check of ./text-check.ts. */
// eslint-disable-next-line no-control-regex -- a NUL in text is a sign of a binary or mis-decoded file
export const SUSPICIOUS_TEXT = /[\uFFFD\u0000\uD800-\uDFFF]/;
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const LONE_SURROGATE_ALL = new RegExp(LONE_SURROGATE.source, "g");
