/**
 * Reading what the page hands fetch/XHR without running any page code: a
 * getter, a toString or a patched prototype method of the page's would see a
 * second read (ours) that it does not see without us. So we read only
 * primitives, data properties, and native objects through native getters
 * captured at install, before any page script; anything else is "unknown".
 */
import { apply } from '../protocol/intrinsics';

const getOwn = Object.getOwnPropertyDescriptor;
const protoOf = Reflect.getPrototypeOf;
const ownKeys = Reflect.ownKeys;
const isArray = Array.isArray;

/** The getter `key` of `proto`, or of the nearest prototype above it that has one (a subclassed URL, say); undefined when none. */
function nativeGetter(proto: object | undefined, key: string): Function | undefined {
  for (let o = proto; o !== undefined && o !== null; o = protoOf(o) as object | undefined) {
    const d = getOwn(o, key);
    if (d !== undefined) return d.get;
  }
  return undefined;
}

const requestUrl = nativeGetter(globalThis.Request?.prototype, 'url');
const requestMethod = nativeGetter(globalThis.Request?.prototype, 'method');
const requestHeaders = nativeGetter(globalThis.Request?.prototype, 'headers');
const urlHref = nativeGetter(URL.prototype, 'href');
const urlOrigin = nativeGetter(URL.prototype, 'origin');
const urlPathname = nativeGetter(URL.prototype, 'pathname');
/** The document when the page script started, and the baseURI getter that reading it ran then. */
const startDocument = typeof document === 'undefined' ? undefined : document;
const baseUri = nativeGetter(startDocument, 'baseURI');
const headersEntries = globalThis.Headers?.prototype.entries;
const headersNext = headersEntries ? (protoOf(apply(headersEntries, new Headers(), [])) as Iterator<unknown>).next : undefined;
const URLCtor = URL;

/** A method only page code could tell. */
export const UNKNOWN = '?';
/** A URL only page code (an object's toString) could tell; still a URL, for the panel's parsers. */
export const UNKNOWN_URL = 'about:unknown';

/** A native getter applied as a brand check: it throws, without page code, on anything but its own kind. */
export function viaGetter<T>(getter: Function | undefined, target: unknown): T | undefined {
  if (getter === undefined || typeof target !== 'object' || target === null) return undefined;
  try {
    return apply(getter, target, []) as T;
  } catch {
    return undefined;
  }
}

/** A data property, own or inherited; `known: false` when an accessor (page code) stands in the way. */
export function dataProp(obj: unknown, key: string): { known: boolean; value?: unknown } {
  let o: unknown = obj;
  for (let depth = 0; typeof o === 'object' && o !== null && depth < 32; depth++) {
    const d = getOwn(o, key);
    if (d) return 'value' in d ? { known: true, value: d.value } : { known: false };
    o = protoOf(o);
  }
  return { known: true, value: undefined };
}

/** The text of a primitive; undefined for objects (converting them would run their toString). */
export function primitiveText(value: unknown): string | undefined {
  return value === null || (typeof value !== 'object' && typeof value !== 'function' && typeof value !== 'symbol') ? String(value) : undefined;
}

/**
 * The document's base URL, through the getter it had when the page script
 * started (a page may redefine baseURI later; location.href it cannot).
 */
export function documentBase(): string | undefined {
  if (typeof document === 'undefined') return typeof location !== 'undefined' ? location.href : undefined;
  // Only a test puts another document in place of the one we started with.
  return document === startDocument && baseUri !== undefined ? viaGetter<string>(baseUri, document) : document.baseURI;
}

/** href of a URL object of ours, through URL's own getter. */
export function hrefOf(url: URL): string {
  return viaGetter<string>(urlHref, url) ?? url.href;
}

/** origin + pathname of a URL object of ours, through URL's own getters. */
export function originAndPath(url: URL): string {
  return (viaGetter<string>(urlOrigin, url) ?? url.origin) + (viaGetter<string>(urlPathname, url) ?? url.pathname);
}

/** Absolute URL of a string or URL object against the document's base; UNKNOWN_URL for other objects. */
export function absoluteUrl(input: unknown): string {
  const raw = typeof input === 'string' ? input : viaGetter<string>(urlHref, input);
  if (raw === undefined || urlHref === undefined) return UNKNOWN_URL;
  const base = documentBase() ?? location.href;
  return apply(urlHref, new URLCtor(raw, base), []) as string;
}

export interface RequestParts {
  url: string;
  method: string;
  headers: Headers;
}

/** url, method and headers of a genuine Request, through the native getters; undefined for anything else. */
export function requestParts(input: unknown): RequestParts | undefined {
  const url = viaGetter<string>(requestUrl, input);
  if (url === undefined) return undefined;
  return { url, method: viaGetter<string>(requestMethod, input) ?? 'GET', headers: viaGetter<Headers>(requestHeaders, input)! };
}

/** Header pairs whose names and values are primitives, from a Headers object, an array of pairs or a record. */
export function headerPairs(init: unknown): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const push = (name: unknown, value: unknown) => {
    const n = primitiveText(name);
    const v = primitiveText(value);
    if (n !== undefined && v !== undefined) out[out.length] = [n, v];
  };
  if (typeof init !== 'object' || init === null) return out;
  if (headersEntries && headersNext) {
    let pairs: Array<[string, string]> | undefined = [];
    try {
      const it = apply(headersEntries, init, []) as Iterator<[string, string]>;
      for (let r = apply(headersNext, it, []) as IteratorResult<[string, string]>; !r.done; r = apply(headersNext, it, []) as IteratorResult<[string, string]>) pairs[pairs.length] = r.value;
    } catch {
      // Not a genuine Headers: a browser's entries() refuses one at once, some
      // implementations only when iterated.
      pairs = undefined;
    }
    if (pairs) {
      for (let i = 0; i < pairs.length; i++) push(pairs[i][0], pairs[i][1]);
      return out;
    }
  }
  if (isArray(init)) {
    const length = dataProp(init, 'length').value as number;
    for (let i = 0; i < length && i < 1000; i++) {
      const pair = getOwn(init, i)?.value;
      if (isArray(pair) && getOwn(pair, 'length')?.value === 2) push(getOwn(pair, 0)?.value, getOwn(pair, 1)?.value);
    }
    return out;
  }
  const keys = ownKeys(init);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const d = getOwn(init, key);
    if (typeof key === 'string' && d?.enumerable && 'value' in d) push(key, d.value);
  }
  return out;
}
