/**
 * Reads that cannot run page code, for objects the page may have made (a
 * value passed to the opt-in hook, an assignment our detection sees, cookie
 * options): data properties only, never an accessor. The built-ins are
 * captured when the module loads, before the page can replace them.
 */
const getOwn = Object.getOwnPropertyDescriptor;
const protoOf = Object.getPrototypeOf;
const isArray = Array.isArray;

export function isObjectLike(value: unknown): value is object {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}

/** An own data property, or undefined (accessors are not run). */
export function own(obj: unknown, key: PropertyKey): unknown {
  if (!isObjectLike(obj)) return undefined;
  const d = getOwn(obj, key);
  return d !== undefined && 'value' in d ? d.value : undefined;
}

/** A data property found along the prototype chain (methods live on prototypes). */
export function inherited(obj: unknown, key: PropertyKey): unknown {
  for (let o: unknown = obj, depth = 0; isObjectLike(o) && depth < 32; o = protoOf(o), depth++) {
    const d = getOwn(o, key);
    if (d !== undefined) return 'value' in d ? d.value : undefined;
  }
  return undefined;
}

/** The object in `obj`'s prototype chain that owns `key`, deepest first when several do. */
export function deepestOwner(obj: object, key: PropertyKey): object | undefined {
  let found: object | undefined;
  for (let o: unknown = obj, depth = 0; isObjectLike(o) && o !== Object.prototype && depth < 32; o = protoOf(o), depth++) {
    if (getOwn(o, key) !== undefined) found = o;
  }
  return found;
}

export function ownString(obj: unknown, key: PropertyKey): string | undefined {
  const v = own(obj, key);
  return typeof v === 'string' ? v : undefined;
}

export function isPlainArray(value: unknown): value is unknown[] {
  return isArray(value);
}

export function hasOwn(obj: unknown, key: PropertyKey): boolean {
  return isObjectLike(obj) && getOwn(obj, key) !== undefined;
}
