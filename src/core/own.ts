/**
 * Plain objects keyed by what a user or a file wrote (column titles, mapping keys): "__proto__" assigned with `=`
 * changes the object's prototype instead of adding a key, and "constructor" or "toString" read with `[]` answer
 * with Object.prototype's functions. These two helpers touch own properties only.
 */

const has = Object.prototype.hasOwnProperty;

/** obj[key] if it is the object's own property, else undefined ("constructor" → undefined). */
export function ownValue<T>(obj: Readonly<Record<string, T>>, key: string): T | undefined {
  return has.call(obj, key) ? obj[key] : undefined;
}

/** obj[key] = value as an own, enumerable data property, whatever the key ("__proto__" included). */
export function setOwn<T>(obj: Record<string, T>, key: string, value: NoInfer<T>): void {
  if (key === "__proto__")
    Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}
