/**
 * The last check before events leave in a file. Events recorded by the page
 * hold fingerprints only, so for them this changes nothing; it is here for
 * events that came from a file someone wrote by hand or by another tool,
 * where a header value or a URL can be a raw secret.
 */
import type { Headers, TabEvent } from '../protocol';
import { redactFullUrl, redactHeaderValue } from './redact';

export function redactEvents(events: readonly TabEvent[]): TabEvent[] {
  return events.map(redactEvent);
}

/** The same object when nothing in it needed hiding (the usual case: no copy). */
export function redactEvent(e: TabEvent): TabEvent {
  switch (e.type) {
    case 'page-start': {
      const url = redactFullUrl(e.url);
      return url === e.url ? e : { ...e, url };
    }
    case 'request-start': {
      const url = redactFullUrl(e.url);
      const headers = redactHeaders(e.headers);
      return url === e.url && headers === e.headers ? e : { ...e, url, headers };
    }
    case 'axios-step': {
      const url = e.url === undefined ? undefined : redactFullUrl(e.url);
      const headers = e.headers && redactHeaders(e.headers);
      return url === e.url && headers === e.headers ? e : { ...e, url, headers };
    }
    default:
      return e;
  }
}

function redactHeaders(headers: Headers): Headers {
  let out: Headers | undefined;
  for (const name in headers) {
    const value = headers[name];
    if (typeof value !== 'string') continue;
    const safe = redactHeaderValue(name, value);
    if (safe === value) continue;
    out ??= { ...headers };
    out[name] = safe;
  }
  return out ?? headers;
}
