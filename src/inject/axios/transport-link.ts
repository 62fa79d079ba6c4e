/**
 * Links a fetch/XHR request to the axios request it serves. At 'dispatch' the
 * axios hook registers (id, method, URL); when a transport request starts the
 * fetch/XHR hooks call `claimAxiosId`, which hands out the oldest matching
 * unclaimed registration. A "current request" variable would not do: the xhr
 * adapter opens its XHR synchronously, but axios 1.x's fetch adapter awaits
 * before it calls fetch, so other requests can be dispatched in between.
 * Matching is on method and origin+path: axios serialises `params` with the
 * app's own serializer, which we do not re-run. Registrations end when
 * claimed, when the adapter settles, or after TTL_MS, so none can leak.
 */
import { indexOf, slice, test, upper } from '../../protocol/intrinsics';
import { documentBase, originAndPath } from '../safe-read';

const TTL_MS = 10_000;
const MAX_WAITING = 256;
const URLCtor = URL;

/** The last method registered, as given and upper-cased: an app's calls use a few methods, and toUpperCase is a call into the engine's runtime. */
let lastMethodIn: string | undefined;
let lastMethodOut = '';
function upperMethod(method: string): string {
  if (method !== lastMethodIn) {
    lastMethodOut = upper(method);
    lastMethodIn = method;
  }
  return lastMethodOut;
}

interface Waiting {
  id: string;
  method: string;
  url: string;
  /** keyOf(url), worked out only when a transport request looks for its axios request. */
  key?: string;
  expires: number;
}

/**
 * Registrations, oldest first, in waiting[0] to waiting[count - 1]. Plain
 * loops over them, no array methods (a page may replace those), and the
 * array is never cut: storing to an array's length is a call into the
 * engine's runtime, which releasing on every request paid (2.7% of the page
 * script's time in the zero-latency loop). Slots past `count` are cleared,
 * so nothing is kept alive.
 */
const waiting: Array<Waiting | undefined> = [];
let count = 0;
let clock: () => number = () => Date.now();

const ABSOLUTE_HTTP = /^(https?|wss?):\/\/[^/?#]+/i;

/** `url` up to its query or fragment. */
function withoutQuery(url: string): string {
  const q = indexOf(url, '?');
  const h = indexOf(url, '#');
  const cut = q === -1 ? h : h === -1 ? q : q < h ? q : h;
  return cut === -1 ? url : slice(url, 0, cut);
}

/** origin + path: both sides pass absolute URLs already resolved, so string work suffices; parse otherwise. */
function keyOf(url: string): string {
  if (test(ABSOLUTE_HTTP, url)) {
    const bare = withoutQuery(url);
    // "https://host" and "https://host/" are the same resource.
    return indexOf(bare, '/', indexOf(bare, '//') + 2) === -1 ? `${bare}/` : bare;
  }
  try {
    return originAndPath(new URLCtor(url, documentBase()));
  } catch {
    return withoutQuery(url);
  }
}

/** Drops the registration at `i`, moving the later ones down (splice would make an array of the removed one). */
function removeAt(i: number): void {
  for (let j = i + 1; j < count; j++) waiting[j - 1] = waiting[j];
  waiting[--count] = undefined;
}

/** Drops expired registrations, and the oldest beyond MAX_WAITING. */
function prune(now: number): void {
  if (count === 0 || (waiting[0]!.expires > now && count <= MAX_WAITING)) return;
  let kept = 0;
  for (let i = 0; i < count; i++) {
    const w = waiting[i]!;
    if (w.expires > now) waiting[kept++] = w;
  }
  const from = kept > MAX_WAITING ? kept - MAX_WAITING : 0;
  for (let i = from; i < kept; i++) waiting[i - from] = waiting[i];
  for (let i = kept - from; i < count; i++) waiting[i] = undefined;
  count = kept - from;
}

/** Uses the page session's clock (ctx.now) for expiry. */
export function setLinkClock(now: () => number): void {
  clock = now;
}

/** Called at 'dispatch' (at `now`, the dispatch's own time): a transport request for (method, url) is about to start. */
export function expectTransport(id: string, method: string, url: string, now = clock()): void {
  prune(now);
  waiting[count++] = { id, method: upperMethod(method), url, expires: now + TTL_MS };
}

/** Called when the adapter settled: no transport request can still start for it. */
export function releaseTransport(id: string): void {
  // Newest first: the adapter that settles is most often the last one dispatched.
  for (let i = count - 1; i >= 0; i--) {
    if (waiting[i]!.id === id) {
      removeAt(i);
      return;
    }
  }
}

/**
 * For the fetch/XHR hooks: the id of the axios request that this transport
 * request serves, or undefined (a bare fetch, or axios from an unknown copy).
 * Never throws.
 */
export function claimAxiosId(method: string, url: string): string | undefined {
  try {
    if (count === 0) return undefined;
    prune(clock());
    const m = upper(String(method));
    const key = keyOf(String(url));
    for (let i = 0; i < count; i++) {
      const w = waiting[i]!;
      if (w.method === m && (w.key ??= keyOf(w.url)) === key) {
        removeAt(i);
        return w.id;
      }
    }
    return undefined;
  } catch {
    return undefined;
  }
}

/** For tests: forget every registration. */
export function clearTransportLinks(): void {
  for (let i = 0; i < count; i++) waiting[i] = undefined;
  count = 0;
}
