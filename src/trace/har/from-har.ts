/**
 * Analysis from a HAR file alone, with no axios view: each fetch/XHR entry
 * becomes the request-start/request-end pair the page script would have
 * recorded, its bearer token fingerprinted with a salted hash on the way
 * (raw values are never kept), token-like Set-Cookie headers become token
 * writes, and the model infers roles from timing, status, fingerprints and
 * URLs. A replay is then the same method, URL and body size sent again after
 * a 401.
 */
import { redactUrl, sanitizeHeaders } from '../../inject/request-headers';
import type { PageEvent, TabEvent, TokenRef } from '../../protocol';
import { isTokenLikeKey, TokenIdentity } from '../../tokens';
import { analyzeEvents } from '../model';
import type { TraceOptions } from '../options';
import type { TraceResult } from '../types';
import { readHarEntries, type HarEntryLite, type HarHeader } from './har-shape';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type Draft = DistributiveOmit<PageEvent, 'seq'>;

export interface HarOptions {
  /** Salt for the fingerprints; random by default, so two files never share one. */
  salt?: string;
  /** The page session the events are tagged with. */
  session?: string;
}

export function fromHar(har: unknown, options: TraceOptions & HarOptions = {}): TraceResult {
  return analyzeEvents(harToEvents(har, options), options);
}

export function harToEvents(har: unknown, options: HarOptions = {}): TabEvent[] {
  const identity = new TokenIdentity();
  identity.setSalt(options.salt ?? randomSalt());
  const ref = (raw: string) => identity.ref(raw);
  const drafts: Draft[] = [];
  readHarEntries(har).forEach((entry, i) => {
    const id = `h${i + 1}`;
    const { headers, token } = sanitizeHeaders(entry.requestHeaders.map((h): [string, string] => [h.name, h.value]), ref);
    if (entry.bodySize >= 0) headers['content-length'] = String(entry.bodySize);
    const url = redactUrl(entry.url);
    drafts.push({ type: 'request-start', t: entry.started, id, transport: 'xhr', method: entry.method, url, headers, ...(token ? { token } : {}) });
    if (entry.time < 0 && entry.status === 0) return; // still pending when the HAR was saved
    const end = entry.started + Math.max(0, entry.time);
    drafts.push({ type: 'request-end', t: end, id, status: entry.status, ...(entry.failed ? { error: 'network' as const } : {}) });
    for (const w of tokenCookies(entry, ref)) drafts.push({ type: 'token-write', t: end, op: 'set', ...w });
  });
  const session = options.session ?? 'har';
  return drafts
    .map((d, i) => ({ d, i }))
    .sort((a, b) => a.d.t - b.d.t || a.i - b.i)
    .map(({ d }, seq) => ({ ...d, seq, session }) as TabEvent);
}

/** Token-like cookies a response set: name, where (HttpOnly or not) and the value's fingerprint. */
function tokenCookies(entry: HarEntryLite, ref: (raw: string) => TokenRef) {
  return entry.responseHeaders
    .filter((h: HarHeader) => h.name.toLowerCase() === 'set-cookie')
    .flatMap((h) => h.value.split('\n'))
    .flatMap((line) => {
      const [pair, ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const key = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (eq <= 0 || value === '' || !isTokenLikeKey(key)) return [];
      const httpOnly = attrs.some((a) => a.trim().toLowerCase() === 'httponly');
      return [{ store: httpOnly ? ('httpOnlyCookie' as const) : ('cookie' as const), key, token: ref(value) }];
    });
}

function randomSalt(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
