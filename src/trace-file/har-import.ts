/**
 * Reads a HAR file (Chrome's Network panel, Playwright's recordHar, ours)
 * into events the trace model analyses like a recording. A HAR we wrote
 * carries the native trace too: that is read instead, so it opens exactly
 * as it was exported.
 */
import { cleanEntry } from './har-clean';
import { harToEvents } from './har-events';
import type { HarEntry } from './har-types';
import { redactFullUrl } from './redact';
import { readNativeTrace, type ReadResult } from './native';
import type { LoadedTrace } from './trace-input';

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

// The page script records fetch and XHR only; a HAR holds every resource.
const PAGE_REQUEST_TYPES = new Set(['xhr', 'fetch']);
const STATIC_MIME = /^(text\/(html|css|javascript)|application\/(x-)?javascript|application\/wasm|image\/|font\/|video\/|audio\/)/i;

export function readHar(data: unknown): ReadResult<LoadedTrace> {
  if (!isObj(data) || !isObj(data.log)) return { ok: false, error: 'not a HAR file: it has no "log" object' };
  const log = data.log;
  if (!Array.isArray(log.entries)) return { ok: false, error: 'not a HAR file: "log.entries" is not a list' };
  const major = Number.parseInt(String(log.version ?? '1.2'), 10);
  if (major > 1) return { ok: false, error: `the HAR is version ${JSON.stringify(log.version).slice(0, 20)}; Refresh Lens reads HAR 1.1 and 1.2` };
  const entries: HarEntry[] = [];
  let skipped = 0;
  for (const raw of log.entries) {
    const entry = cleanEntry(raw);
    if (entry && Number.isFinite(Date.parse(entry.startedDateTime))) entries.push(entry);
    else skipped++;
  }
  if (log._refreshLens !== undefined) {
    const native = readNativeTrace(log._refreshLens);
    if (native.ok) {
      const originals = new Map(entries.filter((e) => e._requestId).map((e) => [e._requestId as string, e]));
      const { events, endTime, stats, url } = native.value;
      return { ok: true, skipped: native.skipped, value: { kind: 'har', events, originals, endTime, stats, skipped: native.skipped + skipped, url } };
    }
    // A damaged copy of our trace: the entries themselves are still a HAR.
  }
  return fromEntries(entries, Array.isArray(log.pages) ? log.pages : [], skipped);
}

function fromEntries(all: HarEntry[], rawPages: unknown[], skipped: number): ReadResult<LoadedTrace> {
  const requests = all.filter(isPageRequest);
  requests.sort((a, b) => Date.parse(a.startedDateTime) - Date.parse(b.startedDateTime));
  const sessionByPage = new Map<string, string>();
  rawPages.forEach((p) => {
    if (isObj(p) && typeof p.id === 'string' && !sessionByPage.has(p.id)) sessionByPage.set(p.id, `har${sessionByPage.size + 1}`);
  });
  const sessionOf = requests.map((e) => (e.pageref !== undefined && sessionByPage.get(e.pageref)) || 'har0');
  const pages = new Map<string, { url: string; t: number }>();
  for (const [pageId, session] of sessionByPage) {
    if (!sessionOf.includes(session)) continue;
    const raw = rawPages.find((p) => isObj(p) && p.id === pageId) as Obj;
    const first = all.find((e) => e.pageref === pageId);
    const title = typeof raw.title === 'string' && /^https?:\/\//i.test(raw.title) ? raw.title : undefined;
    const started = typeof raw.startedDateTime === 'string' ? Date.parse(raw.startedDateTime) : NaN;
    pages.set(session, { url: title ?? first?.request.url ?? '', t: Number.isFinite(started) ? started : Date.parse(first!.startedDateTime) });
  }
  if (sessionOf.includes('har0')) {
    const first = requests[sessionOf.indexOf('har0')];
    pages.set('har0', { url: first.request.url, t: Date.parse(first.startedDateTime) });
  }
  const { events, byRequest } = harToEvents(requests, sessionOf, pages);
  const url = [...pages.values()][0]?.url;
  return { ok: true, skipped, value: { kind: 'har', events, originals: byRequest, skipped, ignored: all.length - requests.length, ...(url ? { url: redactFullUrl(url) } : {}) } };
}

/** Fetch and XHR; without Chrome's `_resourceType`, anything but a plain load of a static file. */
function isPageRequest(e: HarEntry): boolean {
  if (e._neverSent) return false;
  if (e._resourceType !== undefined) return PAGE_REQUEST_TYPES.has(e._resourceType.toLowerCase());
  const authorized = e.request.headers.some((h) => h.name.toLowerCase() === 'authorization');
  return e.request.method !== 'GET' || authorized || !STATIC_MIME.test(e.response.content.mimeType);
}
