/**
 * Method, absolute URL and headers of an axios request, read from a config
 * axios built (the merged config, or what the interceptors handed on):
 * axios reads every one of these properties itself, so reading them again is
 * invisible; the caller's own config object is never read (see tracker.ts).
 * Written from axios's documented behaviour: `baseURL` is joined to a
 * relative `url` with one slash, and the headers in effect are `common`,
 * then the method's bucket, then the top-level names (0.x keeps them nested
 * until dispatchRequest flattens them; 1.x has flattened them already).
 *
 * Runs on every request beside the page's scripts: built-ins are called
 * through protocol/intrinsics.ts, never looked up on their prototypes.
 */
import { apply, codeAt, indexOf, lower, OwnMap, OwnSet, slice, test, upper } from '../../protocol/intrinsics';
import { documentBase, hrefOf } from '../safe-read';
import { own } from './passive';

const ABSOLUTE = /^([a-z][a-z\d+\-.]*:)?\/\//i;
const BUCKETS = new OwnSet(['common', 'get', 'delete', 'head', 'options', 'post', 'put', 'patch', 'query', 'purge', 'link', 'unlink']);
const keysOf = Object.keys;
const protoOf = Object.getPrototypeOf;
const isArray = Array.isArray;
const URLCtor = URL;
const SearchParams = URLSearchParams;
const ObjectProto = Object.prototype;
const { toString: paramsToString, append: paramsAppend } = URLSearchParams.prototype;
const SLASH = 47;
/** A URL that names its own scheme and host: the document's base cannot change where it points. */
const ABSOLUTE_HTTP = /^https?:\/\/[^/?#]/i;

type Bag = Record<string, unknown>;

/** The config object of a call `request(configOrUrl, config)`. */
export function configArgument(args: ArrayLike<unknown>): object | undefined {
  const first = args[0];
  const config = typeof first === 'string' ? args[1] : first;
  return typeof config === 'object' && config !== null ? config : undefined;
}

/**
 * What axios before 0.21.2 will merge for a call `request(configOrUrl,
 * config)` on `context`, as far as the events need it (method, URL, headers
 * by bucket): those versions hand no merged config to anything of ours
 * before dispatchRequest when no request interceptor runs. Own data
 * properties only, so no getter of the app runs twice.
 */
export function requestedConfig(context: unknown, args: ArrayLike<unknown>): Bag {
  const defaults = own(context, 'defaults');
  const first = args[0];
  const config = configArgument(args);
  const pick = (key: string) => {
    const value = own(config, key);
    return value !== undefined ? value : own(defaults, key);
  };
  const headers: Bag = {};
  const sources = [own(defaults, 'headers'), own(config, 'headers')];
  for (let s = 0; s < sources.length; s++) {
    const from = sources[s];
    if (!isPlainObject(from)) continue;
    const keys = keysOf(from);
    for (let i = 0; i < keys.length; i++) {
      const value = own(from, keys[i]);
      if (value !== undefined) headers[keys[i]] = value;
    }
  }
  return {
    method: pick('method'),
    url: typeof first === 'string' ? first : own(config, 'url'),
    baseURL: pick('baseURL'),
    params: pick('params'),
    allowAbsoluteUrls: pick('allowAbsoluteUrls'),
    headers,
  };
}

// An app's calls use a few methods: the last one is upper-cased once.
let lastMethod: unknown;
let lastShown = 'GET';

export function methodOf(config: Bag): string {
  const method = config.method;
  if (method === lastMethod) return lastShown;
  if (typeof method !== 'string') return 'GET';
  lastMethod = method;
  // Long enough for any real method, short enough for the protocol's string limit.
  return (lastShown = upper(slice(method, 0, 64)));
}

function isPlainObject(value: unknown): value is Bag {
  if (typeof value !== 'object' || value === null) return false;
  const proto = protoOf(value);
  return proto === null || proto === ObjectProto;
}

function appendParams(url: string, params: unknown): string {
  let query = '';
  if (params instanceof SearchParams) query = apply(paramsToString, params, []) as string;
  else if (isPlainObject(params)) {
    const search = new SearchParams();
    const keys = keysOf(params);
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k];
      const value = params[key];
      const list = isArray(value) ? value : [value];
      for (let i = 0; i < list.length; i++) {
        const item = list[i];
        if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') apply(paramsAppend, search, [list === value ? `${key}[]` : key, String(item)]);
      }
    }
    query = apply(paramsToString, search, []) as string;
  } else return url;
  if (!query) return url;
  const hash = indexOf(url, '#');
  const bare = hash === -1 ? url : slice(url, 0, hash);
  return bare + (indexOf(bare, '?') !== -1 ? '&' : '?') + query;
}

// An app calls the same few URLs over and over: resolve each once.
const resolved = new OwnMap<string, string>();
let resolvedBase: string | undefined;

function absolute(path: string, base: string | undefined): string {
  if (base !== resolvedBase || resolved.size > 512) {
    resolved.clear();
    resolvedBase = base;
  }
  let href = resolved.get(path);
  if (href === undefined) {
    try {
      href = hrefOf(new URLCtor(path, base));
    } catch {
      href = path;
    }
    resolved.set(path, href);
  }
  return href;
}

/** `base` without the one or two slashes it may end with, as axios's combineURLs (`/\/?\/$/`). */
function withoutEndSlashes(base: string): string {
  let end = base.length;
  if (end > 0 && codeAt(base, end - 1) === SLASH) end--;
  if (end > 0 && end < base.length && codeAt(base, end - 1) === SLASH) end--;
  return end === base.length ? base : slice(base, 0, end);
}

/** `url` without the slashes it starts with (`/^\/+/`). */
function withoutStartSlashes(url: string): string {
  let start = 0;
  while (start < url.length && codeAt(url, start) === SLASH) start++;
  return start === 0 ? url : slice(url, start);
}

/** The last URL computed without params, and what it was computed from: a loop of calls to one endpoint skips the joining. */
const lastUrl = { url: undefined as unknown, baseURL: undefined as unknown, allow: undefined as unknown, base: undefined as string | undefined, absolute: false, href: '' };

/** The absolute URL axios will request (params serialised the default way), or the joined path when it cannot be resolved. */
export function urlOf(config: Bag): string {
  const { url: rawUrl, baseURL: base, allowAbsoluteUrls: allow, params } = config;
  const same = params == null && rawUrl === lastUrl.url && base === lastUrl.baseURL && allow === lastUrl.allow;
  // document.baseURI is a DOM call: not made when the last URL did not depend on it, and made once otherwise.
  if (same && lastUrl.absolute) return lastUrl.href;
  const docBase = documentBase();
  if (same && docBase === lastUrl.base) return lastUrl.href;
  const url = typeof rawUrl === 'string' ? rawUrl : '';
  let path = url;
  if (typeof base === 'string' && base && (!test(ABSOLUTE, url) || allow === false)) {
    path = url ? `${withoutEndSlashes(base)}/${withoutStartSlashes(url)}` : base;
  }
  const href = absolute(params == null ? path : appendParams(path, params), docBase);
  if (params == null && typeof rawUrl !== 'object' && typeof base !== 'object') {
    lastUrl.url = rawUrl;
    lastUrl.baseURL = base;
    lastUrl.allow = allow;
    lastUrl.base = docBase;
    lastUrl.absolute = test(ABSOLUTE_HTTP, path);
    lastUrl.href = href;
  }
  return href;
}

function headerText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || value === true) return String(value);
  if (!isArray(value)) return undefined;
  let text = '';
  for (let i = 0; i < value.length; i++) text += i === 0 ? String(value[i]) : `, ${String(value[i])}`;
  return text;
}

/** Header pairs by lower-cased name, in the order first set: a few per request, so searched in a list rather than kept in a Map (whose iterator a page could replace). */
interface Merged {
  keys: string[];
  pairs: Array<[string, string]>;
}

function addBucket(into: Merged, bucket: unknown, skipBuckets: boolean): void {
  if (typeof bucket !== 'object' || bucket === null) return;
  const names = keysOf(bucket);
  for (let n = 0; n < names.length; n++) {
    const name = names[n];
    const value = (bucket as Bag)[name];
    const key = lower(name);
    if (skipBuckets && typeof value === 'object' && value !== null && BUCKETS.has(key)) continue;
    const text = headerText(value);
    const { keys, pairs } = into;
    let i = 0;
    while (i < keys.length && keys[i] !== key) i++;
    if (text !== undefined) {
      // As a Map: a name set again keeps its place, a new one goes last.
      keys[i] = key;
      pairs[i] = [name, text];
    } else if (i < keys.length) {
      // As a Map's delete: the names after it move up.
      for (let j = i + 1; j < keys.length; j++) {
        keys[j - 1] = keys[j];
        pairs[j - 1] = pairs[j];
      }
      keys.length--;
      pairs.length--;
    }
  }
}

/** The entries of the last 1.x call, rewritten in place by the next: no arrays are made per request. */
const flatEntries: Array<[string, string]> = [];

/**
 * The headers axios will hand to the adapter, flattened as dispatchRequest
 * would. For 1.x the array (and its pairs) is reused by the next call: use
 * it at once (sanitizeHeaders copies what it keeps).
 */
export function headerEntriesOf(headers: unknown, method: string): Array<[string, string]> {
  if (typeof headers !== 'object' || headers === null) return [];
  const bag = headers as Bag;
  // 0.x keeps plain objects with buckets; 1.x an AxiosHeaders instance, flat
  // already, whose buckets need not be looked for (which costs a lower-cased
  // method and two lookups through its prototype, per request).
  const maybeNested = isPlainObject(bag);
  const common = maybeNested ? bag.common : undefined;
  const forMethod = maybeNested ? bag[lower(method)] : undefined;
  if (!isPlainObject(common) && !isPlainObject(forMethod)) {
    // 1.x: AxiosHeaders, already flat (the common case, kept cheap).
    const names = keysOf(bag);
    const entries = flatEntries;
    let n = 0;
    for (let i = 0; i < names.length; i++) {
      const name = names[i];
      const text = headerText(bag[name]);
      if (text === undefined) continue;
      const pair = entries[n++];
      if (pair === undefined) entries[n - 1] = [name, text];
      else {
        pair[0] = name;
        pair[1] = text;
      }
    }
    // Storing to an array's length is a call into the engine's runtime: only when the count changed.
    if (entries.length !== n) entries.length = n;
    return entries;
  }
  // 0.x: nested buckets until dispatchRequest flattens them.
  const merged: Merged = { keys: [], pairs: [] };
  addBucket(merged, common, false);
  addBucket(merged, forMethod, false);
  addBucket(merged, headers, true);
  return merged.pairs;
}
