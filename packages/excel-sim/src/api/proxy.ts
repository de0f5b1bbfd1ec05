/**
 * The base of every proxy object of the simulated Excel JavaScript API. As in Office.js, setting a property or calling
 * a method queues a command, `load()` queues a read, and nothing reaches the workbook until `context.sync()`. Reading
 * a property that was not loaded (and synced) throws PropertyNotLoaded; *OrNullObject getters return proxies whose
 * `isNullObject` is known after the next sync. Collections add `items` and getCount().
 */
import { SimError } from "../workbook";
import type { SimRequestContext } from "./request-context";

function notLoaded(name: string, cls: string): SimError {
  return new SimError(
    "PropertyNotLoaded",
    `The property '${name}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
    `${cls}.${name}`,
  );
}

export type PropGetter<T> = (t: T, p: SimProxy<T>) => unknown;

/** Base of every proxy. `_resolveFn` finds the model object at sync time (null for a missing *OrNullObject). */
export abstract class SimProxy<T> {
  readonly _id: number;
  _values = new Map<string, unknown>();
  _target: T | null | undefined = undefined;
  _isNull: boolean | undefined = undefined;
  abstract readonly _cls: string;
  /** Scalar properties a load may read. */
  protected get _props(): Record<string, PropGetter<T>> {
    return {};
  }
  /** Navigation properties (proxies) a load path may go through, e.g. "format/fill/color". */
  protected get _navs(): Record<string, () => SimProxy<any>> {
    return {};
  }

  constructor(
    readonly context: SimRequestContext,
    parent: SimProxy<any> | null,
    method: string,
    args: unknown[],
    readonly _resolveFn: () => T | null,
    readonly _nullable = false,
  ) {
    this._id = context._nextId++;
    context._queue.push({ d: { n: this._id, p: parent?._id ?? 0, m: method, a: args }, run: () => undefined });
    if (_nullable) context._nullables.push(this as SimProxy<any>);
  }

  /** The model object; throws ItemNotFound for a missing object that is not an *OrNullObject. */
  _resolve(): T | null {
    if (this._target !== undefined) return this._target;
    const t = this._resolveFn();
    if (t === null && !this._nullable)
      throw new SimError("ItemNotFound", `The requested resource doesn't exist. (${this._cls})`, this._cls);
    this._target = t;
    return t;
  }

  _req(): T {
    const t = this._resolve();
    if (t === null) throw new SimError("InvalidOperation", `The object is a null object. (${this._cls})`, this._cls);
    return t;
  }

  private _navCache = new Map<string, unknown>();
  /** Navigation properties return the same proxy every time (as Office.js does), so loads on it are kept. */
  protected _nav<P>(name: string, make: () => P): P {
    if (!this._navCache.has(name)) this._navCache.set(name, make());
    return this._navCache.get(name) as P;
  }

  get isNullObject(): boolean {
    if (this._isNull === undefined) throw notLoaded("isNullObject", this._cls);
    return this._isNull;
  }

  protected _get<V>(name: string): V {
    if (!this._values.has(name)) {
      if (this._isNull) return null as V;
      throw notLoaded(name, this._cls);
    }
    return this._values.get(name) as V;
  }

  /** Queue a property write; the proxy remembers the value (as Office.js does). */
  protected _set(name: string, value: unknown, apply: (t: T) => void): void {
    this._values.set(name, value);
    this._op({ s: name, v: value }, () => {
      const t = this._resolve();
      if (t !== null) apply(t);
    });
  }

  protected _call(method: string, args: unknown[], apply: (t: T) => void): void {
    this._op({ c: method, a: args }, () => {
      const t = this._resolve();
      if (t !== null) apply(t);
    });
  }

  protected _op(d: Record<string, unknown>, run: () => void): void {
    this.context._queue.push({ d: { o: this._id, ...d }, run });
  }

  /** A method returning a value: a ClientResult whose `value` is available after sync. */
  protected _result<V>(method: string, args: unknown[], compute: (t: T) => V): { value: V } {
    let loaded = false;
    let val: V;
    const result = {
      get value(): V {
        if (!loaded) throw notLoaded("value", "ClientResult");
        return val;
      },
    };
    this._op({ c: method, a: args, r: true }, () => {
      this.context._host.beforeRead();
      const t = this._resolve();
      val = t === null ? (null as V) : compute(t);
      this.context._host.countResponse(val);
      loaded = true;
    });
    return result;
  }

  load(props?: LoadOption): this {
    const paths = parseLoad(props);
    this._op({ l: paths ?? "*" }, () => {
      this.context._host.beforeRead();
      this._doLoad(paths);
    });
    return this;
  }

  _doLoad(paths: string[] | null): void {
    const t = this._resolve();
    this._isNull = t === null;
    if (t === null) return;
    const props = this._props;
    const navs = this._navs;
    const want = paths ?? Object.keys(props);
    // Paths through one navigation property load together (a collection's items are made once).
    const viaNav = new Map<string, string[] | null>();
    for (const path of want) {
      const [head, ...rest] = path.split("/");
      if (head in props) {
        const v = props[head](t, this);
        this.context._host.countResponse(v);
        this._values.set(head, v);
      } else if (head in navs) {
        const prev = viaNav.has(head) ? viaNav.get(head)! : [];
        viaNav.set(head, rest.length && prev !== null ? [...prev, rest.join("/")] : null);
      } else this._loadOther(path);
    }
    for (const [head, rest] of viaNav) navs[head]()._doLoad(rest);
  }

  /** A load path that names no property of this object: an error here, the items' properties in a collection. */
  protected _loadOther(path: string): void {
    const head = path.split("/")[0];
    throw new SimError(
      "InvalidArgument",
      `The argument is invalid or missing or has an incorrect format. (unknown property ${head} of ${this._cls})`,
    );
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this._values);
  }
}

/** What `load()` accepts: "a, b/c", an array of them, or object notation ({ select } or { values: true, … }). */
export type LoadOption = string | string[] | { select?: string | string[]; [k: string]: unknown };

function parseLoad(props: unknown): string[] | null {
  if (props === undefined || props === null) return null;
  if (typeof props === "string")
    return props
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  if (Array.isArray(props)) return props.flatMap((p) => parseLoad(p) ?? []);
  if (typeof props === "object") {
    const o = props as Record<string, unknown>;
    if (o.select !== undefined) return parseLoad(o.select);
    // Object notation: { values: true, format: { fill: { color: true } } }
    const out: string[] = [];
    const walk = (obj: Record<string, unknown>, prefix: string) => {
      for (const [k, v] of Object.entries(obj)) {
        if (v === true) out.push(prefix + k);
        else if (v && typeof v === "object") walk(v as Record<string, unknown>, `${prefix}${k}/`);
      }
    };
    walk(o, "");
    return out;
  }
  return null;
}

/** Collections: `items` after load, getCount(). `I` is the model of one item, `P` its proxy. */
export abstract class SimCollection<T, I, P extends SimProxy<I>> extends SimProxy<T> {
  protected abstract _list(t: T): I[];
  protected abstract _wrap(item: I): P;
  get items(): P[] {
    return this._get<P[]>("items");
  }
  _loadItems(paths: string[] | null): void {
    const t = this._req();
    const items = this._list(t).map((m) => {
      const p = this._wrap(m);
      p._target = m;
      p._isNull = false;
      p._doLoad(paths);
      return p;
    });
    this._values.set("items", items);
  }
  protected override _loadOther(path: string): void {
    const [head, ...rest] = path.split("/");
    if (head === "items") this._loadItems(rest.length ? [rest.join("/")] : null);
    else this._loadItems([path]);
  }
  override _doLoad(paths: string[] | null): void {
    if (paths === null) {
      this._loadItems(null);
      return;
    }
    // Own scalar properties (count…) load here; everything else is about the items, loaded together.
    const own = paths.filter((p) => p in this._props);
    const items = paths
      .filter((p) => !(p in this._props))
      .map((p) => (p === "items" ? "" : p.startsWith("items/") ? p.slice(6) : p));
    if (own.length) super._doLoad(own);
    if (items.length) this._loadItems(items.every((p) => p === "") ? null : items.filter((p) => p !== ""));
  }
  getCount(): { value: number } {
    return this._result("getCount", [], (t) => this._list(t).length);
  }
}
