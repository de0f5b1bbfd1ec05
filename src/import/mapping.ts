/**
 * Remembering the user's column mapping per source. The task pane asks the store before an import and saves the
 * user's override after it, so the next import of the same file or URL maps the same way.
 */
import { setOwn } from "../core/own";
import type { ColumnMapping, ImportOptions, MappingStore } from "./types";

/**
 * The key a source is remembered by: a URL without its query and fragment (origin + path, lower-case host);
 * a file by its base name, lower case, with the extension (so 台账.csv and 台账.xlsx are separate sources).
 */
export function mappingSourceKey(source: string, sheet?: string): string {
  const s = source.trim();
  let key: string;
  try {
    const u = new URL(s);
    if (u.protocol === "http:" || u.protocol === "https:") key = `url:${u.origin.toLowerCase()}${u.pathname}`;
    else key = `file:${baseName(s)}`;
  } catch {
    key = `file:${baseName(s)}`;
  }
  return sheet ? `${key}!${sheet}` : key;
}

function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return (parts[parts.length - 1] || path).normalize("NFKC").toLowerCase();
}

function clean(mapping: unknown): ColumnMapping | null {
  if (!mapping || typeof mapping !== "object" || Array.isArray(mapping)) return null;
  const out: ColumnMapping = {};
  for (const [k, v] of Object.entries(mapping as Record<string, unknown>)) {
    if (typeof v === "string" || v === null) setOwn(out, k, v);
  }
  return out;
}

/** A store that lives as long as the page (tests, the CLI, a pane without storage). */
export class InMemoryMappingStore implements MappingStore {
  private readonly map = new Map<string, ColumnMapping>();
  async get(key: string): Promise<ColumnMapping | null> {
    const m = this.map.get(key);
    return m ? { ...m } : null;
  }
  async set(key: string, mapping: ColumnMapping): Promise<void> {
    this.map.set(key, { ...mapping });
  }
  async delete(key: string): Promise<void> {
    this.map.delete(key);
  }
}

/** Minimal Storage surface (window.localStorage, or a fake in tests). */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** window.localStorage, or undefined where it is missing or blocked (reading it can throw a SecurityError). */
function defaultStorage(): StorageLike | undefined {
  try {
    return (globalThis as { localStorage?: StorageLike }).localStorage;
  } catch {
    return undefined;
  }
}

/**
 * Mappings kept in the browser's localStorage (per user and machine, across workbooks). A broken or foreign entry
 * reads as "no mapping"; a full or blocked storage is not an import error (the mapping is simply not remembered).
 */
export class LocalStorageMappingStore implements MappingStore {
  constructor(
    private readonly storage: StorageLike | undefined = defaultStorage(),
    private readonly prefix = "invest-report:mapping:",
  ) {}
  async get(key: string): Promise<ColumnMapping | null> {
    try {
      const text = this.storage?.getItem(this.prefix + key);
      return text ? clean(JSON.parse(text)) : null;
    } catch {
      return null;
    }
  }
  async set(key: string, mapping: ColumnMapping): Promise<void> {
    try {
      this.storage?.setItem(this.prefix + key, JSON.stringify(mapping));
    } catch {
      // quota exceeded or storage disabled: nothing to remember with
    }
  }
  async delete(key: string): Promise<void> {
    try {
      this.storage?.removeItem(this.prefix + key);
    } catch {
      // ignore
    }
  }
}

/**
 * Options with the remembered mapping applied: an explicit `opts.mapping` (the user's override) is saved for the
 * source and used; otherwise the stored one is used, if any.
 */
export async function withRememberedMapping<T extends ImportOptions>(
  store: MappingStore,
  opts: T,
  sourceKey = mappingSourceKey(opts.fileName, opts.sheet),
): Promise<T> {
  if (opts.mapping && Object.keys(opts.mapping).length > 0) {
    await store.set(sourceKey, opts.mapping);
    return opts;
  }
  const remembered = await store.get(sourceKey);
  return remembered ? { ...opts, mapping: remembered } : opts;
}
