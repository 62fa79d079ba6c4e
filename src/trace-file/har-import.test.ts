import { describe, expect, it } from 'vitest';
import type { RequestStartEvent, TokenWriteEvent } from '../protocol';
import { analyzeEvents } from '../trace/model';
import { readHar } from './har-import';
import { readNativeTrace, toNativeTrace } from './native';
import { canaryHar } from './testing/canary-har';

type AnyHar = { log: { entries: Array<Record<string, unknown>>; [k: string]: unknown } };
const har = () => canaryHar() as AnyHar;

function read(data: unknown) {
  const r = readHar(data);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('HAR import', () => {
  it('rebuilds the episode: the 401, the refresh, the replay with the new token', () => {
    const result = analyzeEvents(read(har()).events);
    expect(result.requests.map((r) => r.role)).toEqual(['expired', 'refresh', 'replay']);
    expect(result.episodes).toHaveLength(1);
    expect(result.episodes[0]).toMatchObject({ outcome: 'recovered', expired: ['har1:e1'], refreshes: ['har1:e2'], replays: ['har1:e3'] });
    expect(result.requests[0].token?.fp).not.toBe(result.requests[2].token?.fp);
    expect(result.requests[0].token).toMatchObject({ kind: 'jwt', sub: 'canary-user' });
  });

  it('makes events that pass the protocol checks, so a native export of them opens again whole', () => {
    const { events } = read(har());
    expect(readNativeTrace(JSON.parse(JSON.stringify(toNativeTrace(events, { creator: 't' }))))).toMatchObject({ ok: true, skipped: 0 });
  });

  it('fingerprints tokens with a fresh salt each time, so two files never share a fingerprint', () => {
    const fp = () => (read(har()).events.find((e) => e.type === 'request-start') as RequestStartEvent).token?.fp;
    expect(fp()).toMatch(/^[0-9a-f]{12}$/);
    expect(fp()).not.toBe(fp());
  });

  it('turns a token-like Set-Cookie into a token write, HttpOnly ones as such', () => {
    const writes = read(har()).events.filter((e): e is TokenWriteEvent & { session: string } => e.type === 'token-write');
    expect(writes).toEqual([expect.objectContaining({ store: 'httpOnlyCookie', key: 'refresh_token', op: 'set' })]);
  });

  it('keeps fetch and XHR only: documents, scripts and preflights are left out and counted', () => {
    const h = har();
    const doc = { ...h.log.entries[0], _resourceType: 'document' };
    const script = { ...h.log.entries[0], _resourceType: undefined, response: { status: 200, content: { mimeType: 'text/javascript' } }, request: { method: 'GET', url: 'https://app.example/app.js', headers: [] } };
    h.log.entries.push(doc, script);
    const value = read(h);
    expect(value.ignored).toBe(2);
    expect(analyzeEvents(value.events).requests).toHaveLength(3);
  });

  it('reads failed requests as Chrome and Playwright write them', () => {
    const h = har();
    h.log.entries = [
      { ...h.log.entries[0], response: { status: 0, _error: 'net::ERR_ABORTED' } },
      { ...h.log.entries[0], response: { status: -1 } },
    ];
    expect(analyzeEvents(read(h).events).requests.map((r) => [r.status, r.error])).toEqual([[0, 'abort'], [0, 'network']]);
  });

  it('skips and counts entries that are not requests, keeps hostile strings as plain text', () => {
    const h = har();
    const hostile = '<img src=x onerror=alert(1)>';
    h.log.entries.push({ nope: true }, { startedDateTime: 'not a date', request: { method: 'GET', url: '/' } });
    (h.log.entries[0].request as { url: string }).url = `https://app.example/${hostile}`;
    (h.log.entries[0].request as { headers: unknown[] }).headers.push({ name: 'x-evil', value: hostile });
    const value = read(h);
    expect(value.skipped).toBe(2);
    const start = value.events.find((e) => e.type === 'request-start') as RequestStartEvent;
    expect(start.url).toContain(hostile);
    expect(start.headers['x-evil']).toBe(hostile);
  });

  it('gives each entry its own headers, even when two send the same ones with different bodies', () => {
    const data = har();
    const [first] = data.log.entries as Array<{ request: Record<string, unknown> }>;
    const headers = [{ name: 'Authorization', value: 'Bearer abc.def.ghi' }, { name: 'Accept', value: 'application/json' }];
    const copy = (bodySize: number) => ({ ...first, request: { ...first.request, method: 'POST', headers, bodySize } });
    data.log.entries = [copy(10), copy(20)];
    const starts = read(data).events.filter((e) => e.type === 'request-start') as RequestStartEvent[];
    expect(starts.map((e) => e.headers['content-length'])).toEqual(['10', '20']);
  });

  it('says what is wrong with a file that is not a HAR it can read', () => {
    expect(readHar({})).toMatchObject({ ok: false, error: expect.stringContaining('"log"') });
    expect(readHar({ log: { entries: {} } })).toMatchObject({ ok: false, error: expect.stringContaining('log.entries') });
    expect(readHar({ log: { version: '2.0', entries: [] } })).toMatchObject({ ok: false, error: expect.stringContaining('1.2') });
  });
});
