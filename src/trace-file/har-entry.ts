/**
 * One HAR entry for one request of the model. When the request came from an
 * imported HAR, its original request and response are used (redacted unless
 * secrets were asked for); otherwise they are made from the recorded events,
 * whose credential headers are fingerprints.
 */
import type { Headers } from '../protocol';
import type { TraceRequest } from '../trace/types';
import { redactEntry } from './har-redact';
import { redactFullUrl } from './redact';
import type { HarEntry, HarNameValue, HarTimings } from './har-types';

export interface EntryContext {
  /** Recorded request headers by `session:id` (transport id, else axios id). */
  headers: ReadonlyMap<string, Headers>;
  pageUrl(session: string): string | undefined;
  original?: HarEntry;
  includeSecrets: boolean;
}

export function harEntry(r: TraceRequest, ctx: EntryContext): HarEntry {
  const { sent, time, timings } = timingsOf(r);
  const base: Pick<HarEntry, 'request' | 'response' | 'serverIPAddress'> = ctx.original ? fromOriginal(ctx.original, ctx.includeSecrets) : fromEvents(r, ctx);
  return {
    pageref: r.session,
    startedDateTime: new Date(sent).toISOString(),
    time,
    request: base.request,
    response: base.response,
    cache: {},
    timings,
    ...(base.serverIPAddress ? { serverIPAddress: base.serverIPAddress } : {}),
    _resourceType: r.transport === 'fetch' ? 'fetch' : 'xhr',
    _requestId: r.id,
    _role: r.role,
    ...(r.episode ? { _episode: r.episode } : {}),
    ...(r.replayOf ? { _replayOf: r.replayOf } : {}),
    ...(r.token ? { _tokenFingerprint: r.token.fp } : {}),
    ...(r.pending ? { _pending: true } : {}),
    ...(r.stranded ? { _stranded: true } : {}),
    ...(sent > r.start ? { _heldMs: round(sent - r.start) } : {}),
    ...(r.transport === undefined ? { _neverSent: true } : {}),
  };
}

function fromOriginal(original: HarEntry, includeSecrets: boolean): Pick<HarEntry, 'request' | 'response' | 'serverIPAddress'> {
  const e = includeSecrets ? original : redactEntry(original);
  return { request: e.request, response: e.response, ...(e.serverIPAddress ? { serverIPAddress: e.serverIPAddress } : {}) };
}

function fromEvents(r: TraceRequest, ctx: EntryContext): Pick<HarEntry, 'request' | 'response'> {
  const full = absolute(r.url, ctx.pageUrl(r.session));
  const url = ctx.includeSecrets ? full : redactFullUrl(full);
  const recorded = ctx.headers.get(`${r.session}:${r.transportId}`) ?? ctx.headers.get(`${r.session}:${r.axiosId}`) ?? {};
  const headers: HarNameValue[] = Object.entries(recorded).map(([name, v]) => ({ name, value: typeof v === 'string' ? v : `[redacted; fingerprint ${v.fp}]` }));
  return {
    request: { method: r.method, url, httpVersion: 'HTTP/1.1', cookies: [], headers, queryString: queryOf(url), headersSize: -1, bodySize: -1 },
    response: {
      status: r.status ?? 0,
      statusText: '',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: [],
      content: { size: 0, mimeType: 'x-unknown' },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
      ...(r.error ? { _error: r.error } : {}),
    },
  };
}

/**
 * The HTTP exchange only, as the Network panel would have recorded it: from
 * when the request went on the wire to its response. Time held in request
 * interceptors before that is `_heldMs`; the caller's promise settling later
 * (after a replay, for an expired request) is not part of it.
 */
function timingsOf(r: TraceRequest): { sent: number; time: number; timings: HarTimings } {
  const sent = r.sent ?? r.start;
  const wait = round(Math.max(0, (r.responded ?? r.end ?? sent) - sent));
  return { sent, time: wait, timings: { blocked: -1, dns: -1, connect: -1, send: 0, wait, receive: 0, ssl: -1 } };
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;

/** axios may hold a relative URL; HAR readers want an absolute one. */
function absolute(url: string, base: string | undefined): string {
  try {
    return new URL(url, base).href;
  } catch {
    return url;
  }
}

function queryOf(url: string): HarNameValue[] {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}
