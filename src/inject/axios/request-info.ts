/**
 * Method, absolute URL and headers of an axios request, read from a config
 * axios built (the merged config, or what the interceptors handed on):
 * axios reads every one of these properties itself, so reading them again is
 * invisible; the caller's own config object is never read (see tracker.ts).
 * Written from axios's documented behaviour: `baseURL` is joined to a
 * relative `url` with one slash, and the headers in effect are `common`,
 * then the method's bucket, then the top-level names (0.x keeps them nested
 * until dispatchRequest flattens them; 1.x has flattened them already).
 */
const ABSOLUTE = /^([a-z][a-z\d+\-.]*:)?\/\//i;
const BUCKETS = new Set(['common', 'get', 'delete', 'head', 'options', 'post', 'put', 'patch', 'query', 'purge', 'link', 'unlink']);
const keysOf = Object.keys;
const protoOf = Object.getPrototypeOf;
const isArray = Array.isArray;
const URLCtor = URL;
const SearchParams = URLSearchParams;
const ObjectProto = Object.prototype;
/** A URL that names its own scheme and host: the document's base cannot change where it points. */
const ABSOLUTE_HTTP = /^https?:\/\/[^/?#]/i;

type Bag = Record<string, unknown>;

/** The config object of a call `request(configOrUrl, config)`. */
export function configArgument(args: ArrayLike<unknown>): object | undefined {
  const first = args[0];
  const config = typeof first === 'string' ? args[1] : first;
  return typeof config === 'object' && config !== null ? config : undefined;
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
  return (lastShown = method.slice(0, 64).toUpperCase());
}

function isPlainObject(value: unknown): value is Bag {
  if (typeof value !== 'object' || value === null) return false;
  const proto = protoOf(value);
  return proto === null || proto === ObjectProto;
}

function appendParams(url: string, params: unknown): string {
  let query = '';
  if (params instanceof SearchParams) query = params.toString();
  else if (isPlainObject(params)) {
    const search = new SearchParams();
    for (const key of keysOf(params)) {
      const value = params[key];
      const list = isArray(value) ? value : [value];
      for (const item of list) {
        if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') search.append(list === value ? `${key}[]` : key, String(item));
      }
    }
    query = search.toString();
  } else return url;
  if (!query) return url;
  const hash = url.indexOf('#');
  const bare = hash === -1 ? url : url.slice(0, hash);
  return bare + (bare.includes('?') ? '&' : '?') + query;
}

// An app calls the same few URLs over and over: resolve each once.
const resolved = new Map<string, string>();
let resolvedBase: string | undefined;

function documentBase(): string | undefined {
  return typeof document !== 'undefined' ? document.baseURI : typeof location !== 'undefined' ? location.href : undefined;
}

function absolute(path: string, base: string | undefined): string {
  if (base !== resolvedBase || resolved.size > 512) {
    resolved.clear();
    resolvedBase = base;
  }
  let href = resolved.get(path);
  if (href === undefined) {
    try {
      href = new URLCtor(path, base).href;
    } catch {
      href = path;
    }
    resolved.set(path, href);
  }
  return href;
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
  if (typeof base === 'string' && base && (!ABSOLUTE.test(url) || allow === false)) {
    path = url ? `${base.replace(/\/?\/$/, '')}/${url.replace(/^\/+/, '')}` : base;
  }
  const href = absolute(params == null ? path : appendParams(path, params), docBase);
  if (params == null && typeof rawUrl !== 'object' && typeof base !== 'object') {
    lastUrl.url = rawUrl;
    lastUrl.baseURL = base;
    lastUrl.allow = allow;
    lastUrl.base = docBase;
    lastUrl.absolute = ABSOLUTE_HTTP.test(path);
    lastUrl.href = href;
  }
  return href;
}

function headerText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || value === true) return String(value);
  return isArray(value) ? value.map(String).join(', ') : undefined;
}

function addBucket(into: Map<string, [string, string]>, bucket: unknown, skipBuckets: boolean): void {
  if (typeof bucket !== 'object' || bucket === null) return;
  for (const name of keysOf(bucket)) {
    const value = (bucket as Bag)[name];
    if (skipBuckets && typeof value === 'object' && value !== null && BUCKETS.has(name.toLowerCase())) continue;
    const text = headerText(value);
    if (text !== undefined) into.set(name.toLowerCase(), [name, text]);
    else into.delete(name.toLowerCase());
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
  const forMethod = maybeNested ? bag[method.toLowerCase()] : undefined;
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
      if (pair === undefined) entries.push([name, text]);
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
  const merged = new Map<string, [string, string]>();
  addBucket(merged, common, false);
  addBucket(merged, forMethod, false);
  addBucket(merged, headers, true);
  return [...merged.values()];
}
