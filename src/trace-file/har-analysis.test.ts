import { describe, expect, it } from 'vitest';
import { analyzeEvents } from '../trace/model';
import { T0 } from '../trace/testing/builder';
import { fakeJwt, har } from '../trace/testing/har-builder';
import { readHar } from './har-import';

const sec = (offsetMs: number) => Math.floor((T0 + offsetMs) / 1000);
const OLD = fakeJwt({ exp: sec(-1000), iat: sec(-3_600_000), sub: 'u1' });
const NEW = fakeJwt({ exp: sec(3_600_000), iat: sec(80), sub: 'u1' });

function reactive(replayOrder = ['a', 'b', 'c'], replayToken = NEW) {
  return har([
    { at: 0, path: '/api/a', token: OLD, status: 401, time: 40 },
    { at: 1, path: '/api/b', token: OLD, status: 401, time: 40 },
    { at: 2, path: '/api/c', token: OLD, status: 401, time: 40 },
    { at: 2, path: '/app.js', status: 200, time: 5, type: 'script' },
    { at: 42.5, method: 'POST', path: '/auth/refresh', status: 200, time: 47, bodySize: 120 },
    ...replayOrder.map((name, i) => ({ at: 91 + i, path: `/api/${name}`, token: replayToken, status: replayToken === NEW ? 200 : 401, time: 50 })),
  ]);
}

function analyse(data: unknown) {
  const read = readHar(data);
  if (!read.ok) throw new Error(read.error);
  return { events: read.value.events, result: analyzeEvents(read.value.events) };
}

// HAR alone has no axios view: roles come from timing, status, token fingerprints and URLs.
describe('a HAR file, analysed by the trace model', () => {
  it('finds the expired requests, the refresh and the replays, each replay linked to its original', () => {
    const { result } = analyse(reactive());
    const path = (url: string) => new URL(url).pathname;
    expect(result.requests.map((r) => [path(r.url), r.role])).toEqual([
      ['/api/a', 'expired'],
      ['/api/b', 'expired'],
      ['/api/c', 'expired'],
      ['/auth/refresh', 'refresh'],
      ['/api/a', 'replay'],
      ['/api/b', 'replay'],
      ['/api/c', 'replay'],
    ]);
    expect(result.episodes).toHaveLength(1);
    expect(result.episodes[0]).toMatchObject({ outcome: 'recovered' });
    expect(result.episodes[0].replays).toHaveLength(3);
    const byId = new Map(result.requests.map((r) => [r.id, r]));
    for (const id of result.episodes[0].replays) expect(path(byId.get(byId.get(id)!.replayOf!)!.url)).toBe(path(byId.get(id)!.url));
    expect(result.diagnostics).toEqual([]);
  });

  it('flags replays out of order and stale replays the same way as a recording', () => {
    expect(analyse(reactive(['c', 'a', 'b'])).result.diagnostics.map((d) => d.rule)).toEqual(['replay-out-of-order']);
    const stale = analyse(reactive(['a', 'b', 'c'], OLD)).result;
    expect(new Set(stale.diagnostics.map((d) => d.rule))).toEqual(new Set(['stale-token-replay']));
  });

  it('keeps no raw token, only fingerprints and claims, and fingerprints differ between files', () => {
    const withCookie = har([
      { at: 0, path: '/api/a', token: OLD, status: 401, time: 40 },
      { at: 41, method: 'POST', path: '/auth/token?refresh_token=SECRET123', status: 200, time: 40, setCookie: `access_token=${NEW}; Path=/; HttpOnly` },
      { at: 82, path: '/api/a', token: NEW, status: 200, time: 40 },
    ]);
    const { events, result } = analyse(withCookie);
    const text = JSON.stringify(events) + JSON.stringify(result);
    for (const secret of [OLD, NEW, 'SECRET123', OLD.split('.')[2]]) expect(text).not.toContain(secret);
    expect(events.find((e) => e.type === 'token-write')).toMatchObject({ key: 'access_token', token: { kind: 'jwt', sub: 'u1', exp: sec(3_600_000) } });
    const fps = () => analyse(withCookie).events.flatMap((e) => (e.type === 'request-start' && e.token ? [e.token.fp] : []));
    expect(fps()[0]).not.toBe(fps()[0]);
  });

  it('says what is wrong with a file that is not a HAR', () => {
    expect(readHar({})).toMatchObject({ ok: false, error: expect.stringContaining('"log"') });
    expect(readHar({ log: { entries: 3 } })).toMatchObject({ ok: false, error: expect.stringContaining('log.entries') });
  });
});
