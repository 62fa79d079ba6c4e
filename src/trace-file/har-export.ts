/**
 * HAR 1.2: one entry per request of the model, with its role, episode, replay
 * link and token fingerprint in `_`-prefixed fields, so Chrome's Network
 * panel and other HAR tools open it. The native trace rides along in
 * `log._refreshLens` so that Refresh Lens opens it again exactly.
 */
import type { Headers } from '../protocol';
import { APP_VERSION } from './app-version';
import { harEntry } from './har-entry';
import type { Har, HarPage } from './har-types';
import { nativeFor } from './native-export';
import { redactFullUrl } from './redact';
import type { ExportInput } from './trace-input';

export function toHar(input: ExportInput): Har {
  const secrets = input.includeSecrets === true;
  const native = nativeFor(input);
  const headers = recordedHeaders(native.events);
  const pageUrls = new Map(input.result.sessions.map((s) => [s.session, s.url === undefined || secrets ? s.url : redactFullUrl(s.url)]));
  const pages: HarPage[] = input.result.sessions.map((s) => ({
    id: s.session,
    startedDateTime: new Date(s.start).toISOString(),
    title: pageUrls.get(s.session) ?? s.session,
    pageTimings: { onContentLoad: -1, onLoad: -1 },
  }));
  const entries = input.result.requests.map((r) =>
    harEntry(r, { headers, pageUrl: (session) => pageUrls.get(session), original: input.originals?.get(r.id), includeSecrets: secrets }),
  );
  return {
    log: {
      version: '1.2',
      creator: { name: 'Refresh Lens', version: APP_VERSION },
      pages,
      entries,
      comment: secrets ? 'Includes secrets: raw credentials from the imported file are in this HAR.' : 'Redacted: credentials are replaced by [redacted] or a fingerprint.',
      _refreshLens: native,
    },
  };
}

/** Request headers as recorded: the transport's, else the axios dispatch's. */
function recordedHeaders(events: ExportInput['events']): Map<string, Headers> {
  const out = new Map<string, Headers>();
  for (const e of events) {
    if (e.type === 'request-start') out.set(`${e.session}:${e.id}`, e.headers);
    else if (e.type === 'axios-step' && e.headers) out.set(`${e.session}:${e.id}`, e.headers);
  }
  return out;
}
