/**
 * HAR entries as the events our page script would have recorded for them:
 * a request-start and a request-end per fetch/XHR, the bearer token as a
 * fingerprint (salted at random, so fingerprints from two files never match),
 * and a token-write for each token-like cookie a response set. No raw value
 * goes into an event: URLs and headers are sanitised exactly as in the page.
 */
import { LIMITS, type TabEvent, type Transport } from '../protocol';
import { clip, sanitizeHeaders } from '../inject/request-headers';
import { TokenIdentity } from '../tokens';
import type { HarEntry } from './har-types';
import { cookieWrites } from './har-cookies';
import { redactFullUrl, redactText } from './redact';

type Draft = Omit<TabEvent, 'seq'>;

export interface HarRequestEvents {
  events: TabEvent[];
  /** Entry by the id the model gives its request (`session:transportId`). */
  byRequest: Map<string, HarEntry>;
}

/** `entries[i]` goes to session `sessionOf[i]`; `pageUrls` gives each session's page. */
export function harToEvents(entries: readonly HarEntry[], sessionOf: readonly string[], pageUrls: ReadonlyMap<string, { url: string; t: number }>): HarRequestEvents {
  const identity = new TokenIdentity();
  identity.setSalt(randomSalt());
  const drafts: Draft[] = [];
  const byRequest = new Map<string, HarEntry>();
  for (const [session, page] of pageUrls) drafts.push({ type: 'page-start', t: page.t, url: clip(redactFullUrl(page.url)), readyState: 'loading', session } as Draft);
  entries.forEach((entry, i) => {
    const session = sessionOf[i];
    const id = `e${i + 1}`;
    const t = Date.parse(entry.startedDateTime);
    const end = t + duration(entry);
    const raw = entry.request.headers.filter((h) => !h.name.startsWith(':')).map((h): [string, string] => [h.name, h.value]);
    const sanitized = sanitizeHeaders(raw, (value) => identity.ref(value));
    // A copy: the same headers give the same object, and this entry's are changed below.
    const headers = { ...sanitized.headers };
    const token = sanitized.token;
    for (const [name, value] of Object.entries(headers)) if (typeof value === 'string') headers[name] = redactText(value);
    // Without an axios view, the model tells a replay by method, URL and body size.
    const room = Object.keys(headers).length < LIMITS.headersPerRequest;
    if (entry.request.bodySize >= 0 && headers['content-length'] === undefined && room) headers['content-length'] = String(entry.request.bodySize);
    const transport: Transport = entry._resourceType === 'fetch' ? 'fetch' : 'xhr';
    const url = clip(redactFullUrl(entry.request.url));
    drafts.push({ type: 'request-start', t, id, transport, method: clip(entry.request.method.toUpperCase()), url, headers, ...(token ? { token } : {}), session } as Draft);
    byRequest.set(`${session}:${id}`, entry);
    if (isPending(entry)) return;
    const { status, error } = outcome(entry);
    drafts.push({ type: 'request-end', t: end, id, status, ...(error ? { error } : {}), session } as Draft);
    for (const w of cookieWrites(entry.response.headers, identity, end)) drafts.push({ type: 'token-write', t: end, ...w, session } as Draft);
  });
  return { events: withSequence(drafts), byRequest };
}

/** Total time: HAR's `time`, else the sum of the known phases. */
function duration(entry: HarEntry): number {
  if (entry.time >= 0) return entry.time;
  const t = entry.timings;
  return [t.blocked, t.dns, t.connect, t.send, t.wait, t.receive].reduce((sum, x) => sum + Math.max(0, x), 0);
}

/** Still waiting when the HAR was saved: no status, no error, no time. */
function isPending(entry: HarEntry): boolean {
  return entry.time < 0 && !(entry.response.status >= 100) && entry.response._error === undefined;
}

/** Chrome writes status 0 and `_error` for a failed request; Playwright writes -1. */
function outcome(entry: HarEntry): { status: number; error?: 'network' | 'abort' | 'timeout' } {
  const { status, _error } = entry.response;
  if (Number.isSafeInteger(status) && status >= 100 && status <= 999) return { status };
  if (_error && /ABORTED/i.test(_error)) return { status: 0, error: 'abort' };
  if (_error && /TIMED_OUT/i.test(_error)) return { status: 0, error: 'timeout' };
  return { status: 0, error: 'network' };
}

/** Sequence numbers per session in time order, as the page assigns them. */
function withSequence(drafts: Draft[]): TabEvent[] {
  const order = drafts.map((d, i) => ({ d, i })).sort((a, b) => a.d.t - b.d.t || a.i - b.i);
  const next = new Map<string, number>();
  return order.map(({ d }) => {
    const seq = next.get(d.session) ?? 0;
    next.set(d.session, seq + 1);
    return { ...d, seq } as TabEvent;
  });
}

function randomSalt(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
