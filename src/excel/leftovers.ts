/**
 * Names of the add-in's very hidden work sheets (staging and undo) and the rule that tells a leftover of a dead
 * write from the sheet of a write that is still running. Pure.
 *
 * A name carries its owner (a random id per runtime: one open workbook in one Excel window) and its creation time:
 *   _invest_stage_k3f9-7ab2c01   (prefix, owner, seconds since 2020-01-01 in base 36, a counter)
 * A sheet the current undo record (of any namespace) names is never a leftover. Otherwise a sheet of this runtime is
 * a leftover (the write queue runs one write at a time here, so none of ours is running); a sheet of another owner
 * (a co-author, another window) is a leftover only once it is older than STALE_AFTER_MS; a name without owner and
 * time (an older version of the add-in) is a leftover.
 */
export const STAGE_PREFIX = "_invest_stage_";
export const UNDO_PREFIX = "_invest_undo_";
/** A write of another owner younger than this may still be running. */
export const STALE_AFTER_MS = 30 * 60_000;
const EPOCH = Date.UTC(2020, 0, 1);

function randomOwner(): string {
  const c = (globalThis as { crypto?: { getRandomValues?: (a: Uint32Array) => Uint32Array } }).crypto;
  const n = c?.getRandomValues ? c.getRandomValues(new Uint32Array(1))[0] : Math.floor(Math.random() * 2 ** 32);
  return (n % 36 ** 4).toString(36).padStart(4, "0");
}

declare global {
  /** This runtime's owner id, shared by the webpack entries on the page. */
  var __investWriterOwner: string | undefined;
}

/** This runtime's owner id (shared by the task pane and the ribbon commands: see write-queue.ts). */
export function ownerId(): string {
  return (globalThis.__investWriterOwner ??= randomOwner());
}

let counter = 0;

/** A new work sheet name (≤ 31 characters, Excel's limit). */
export function workSheetName(prefix: typeof STAGE_PREFIX | typeof UNDO_PREFIX, now: Date, owner = ownerId()): string {
  const secs = Math.max(0, Math.floor((now.getTime() - EPOCH) / 1000));
  return `${prefix}${owner}-${secs.toString(36)}${(counter++ % 36).toString(36)}`.slice(0, 31);
}

export interface WorkSheetInfo {
  kind: "stage" | "undo";
  owner: string | null;
  /** Creation time (ms), null for a name without one. */
  at: number | null;
}

/** What a sheet name says, or null when it is not one of the add-in's work sheets. */
export function parseWorkSheetName(name: string): WorkSheetInfo | null {
  const kind = name.startsWith(STAGE_PREFIX) ? "stage" : name.startsWith(UNDO_PREFIX) ? "undo" : null;
  if (!kind) return null;
  const rest = name.slice(kind === "stage" ? STAGE_PREFIX.length : UNDO_PREFIX.length);
  const m = /^([0-9a-z]{4})-([0-9a-z]+)[0-9a-z]$/.exec(rest);
  if (!m) return { kind, owner: null, at: null };
  return { kind, owner: m[1], at: EPOCH + parseInt(m[2], 36) * 1000 };
}

/** The work sheets among `names` that are leftovers of dead writes (see the module comment). */
export function leftoverSheets(
  names: readonly string[],
  referenced: ReadonlySet<string>,
  now: number,
  owner = ownerId(),
): string[] {
  return names.filter((n) => {
    const info = parseWorkSheetName(n);
    if (!info || referenced.has(n)) return false;
    if (info.owner === null || info.at === null) return true;
    if (info.owner === owner) return true;
    return now - info.at > STALE_AFTER_MS;
  });
}
