/**
 * The few HAR 1.2 fields the model reads, checked on the way in so that a
 * bad file gets a message saying what is wrong rather than a crash.
 */
export class HarError extends Error {
  override name = 'HarError';
}

export interface HarHeader {
  name: string;
  value: string;
}

export interface HarEntryLite {
  index: number;
  started: number;
  /** Total time in ms; negative when unknown. */
  time: number;
  method: string;
  url: string;
  requestHeaders: HarHeader[];
  bodySize: number;
  status: number;
  responseHeaders: HarHeader[];
  failed: boolean;
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const num = (x: unknown, fallback: number): number => (typeof x === 'number' && Number.isFinite(x) ? x : fallback);

// A HAR holds every resource; the page script records fetch and XHR only.
const PAGE_TYPES = new Set(['xhr', 'fetch']);

/** The fetch/XHR entries of a HAR, in start order. Throws HarError for a file that is not a HAR. */
export function readHarEntries(har: unknown): HarEntryLite[] {
  if (!isObj(har) || !isObj(har.log)) throw new HarError('not a HAR file: there is no "log" object');
  const entries = har.log.entries;
  if (!Array.isArray(entries)) throw new HarError('not a HAR file: "log.entries" is not a list');
  const out: HarEntryLite[] = [];
  entries.forEach((e: unknown, index) => {
    if (!isObj(e) || !isObj(e.request) || !isObj(e.response)) throw new HarError(`HAR entry ${index} has no request or response`);
    if (typeof e._resourceType === 'string' && !PAGE_TYPES.has(e._resourceType.toLowerCase())) return;
    const started = Date.parse(String(e.startedDateTime));
    if (!Number.isFinite(started)) throw new HarError(`HAR entry ${index} has no valid startedDateTime`);
    const { request, response } = e;
    if (typeof request.url !== 'string' || typeof request.method !== 'string') throw new HarError(`HAR entry ${index} has no request method or URL`);
    const status = num(response.status, 0);
    out.push({
      index,
      started,
      time: num(e.time, -1),
      method: request.method.toUpperCase(),
      url: request.url,
      requestHeaders: headers(request.headers),
      bodySize: num(request.bodySize, -1),
      status,
      responseHeaders: headers(response.headers),
      failed: status === 0 || typeof response._error === 'string',
    });
  });
  return out.sort((a, b) => a.started - b.started || a.index - b.index);
}

function headers(x: unknown): HarHeader[] {
  if (!Array.isArray(x)) return [];
  return x.filter((h): h is HarHeader => isObj(h) && typeof h.name === 'string' && typeof h.value === 'string');
}
