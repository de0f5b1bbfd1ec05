/**
 * What a ribbon command has to tell the user. An ExecuteFunction command has no UI of its own; in a shared runtime
 * "the function can also call the showAsTaskpane method" (learn.microsoft.com, design/add-in-commands), and the task
 * pane runs in the same runtime, so a command publishes its result here and opens the pane, which shows it.
 *
 * The last notice is kept on globalThis (the task pane and the commands are separate webpack entries on one page),
 * and each new one is announced with a DOM event, so a pane opened later still shows it.
 */
import type { SelfTestReport } from "../excel/self-test";

export interface Notice {
  id: number;
  kind: "refresh" | "selftest";
  intent: "success" | "warning" | "error";
  zh: string;
  en: string;
  /** ISO time. */
  at: string;
  /** The self-test's report (kind "selftest"). */
  report?: SelfTestReport;
}

const KEY = "__investLastNotice";
export const NOTICE_EVENT = "invest:notice";

type Store = { last: Notice | null; next: number; listeners: Set<(n: Notice) => void> };

/** The store this module (or the other entry's copy of it) put on globalThis. */
function isStore(x: unknown): x is Store {
  return typeof x === "object" && x !== null && "listeners" in x;
}

function store(): Store {
  const existing: unknown = Reflect.get(globalThis, KEY);
  if (isStore(existing)) return existing;
  const fresh: Store = { last: null, next: 1, listeners: new Set() };
  Reflect.set(globalThis, KEY, fresh);
  return fresh;
}

export function publishNotice(n: Omit<Notice, "id" | "at">): Notice {
  const s = store();
  const notice: Notice = { ...n, id: s.next++, at: new Date().toISOString() };
  s.last = notice;
  for (const l of s.listeners) l(notice);
  return notice;
}

export function lastNotice(): Notice | null {
  return store().last;
}

/** Listen for notices; returns the unsubscribe function. */
export function onNotice(fn: (n: Notice) => void): () => void {
  const s = store();
  s.listeners.add(fn);
  return () => s.listeners.delete(fn);
}

/**
 * Open the task pane (Office.addin.showAsTaskpane, SharedRuntime 1.1). Microsoft notes that since February 2026 the
 * call is ignored for add-ins from the Marketplace (develop/show-hide-add-in); this add-in is centrally deployed or
 * sideloaded. False when it could not be opened: the notice still waits for the pane.
 */
export async function showTaskPane(): Promise<boolean> {
  try {
    if (typeof Office === "undefined" || !Office.addin?.showAsTaskpane) return false;
    await Office.addin.showAsTaskpane();
    return true;
  } catch {
    return false;
  }
}
