import { describe, expect, it } from 'vitest';
import { fakeJwt, har } from '../testing/har-builder';
import { T0 } from '../testing/builder';
import { fromHar, harToEvents } from './from-har';
import { HarError } from './har-shape';

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

describe('fromHar', () => {
  it('finds the expired requests, the refresh and the replays from timing, status, tokens and URLs alone', () => {
    const result = fromHar(reactive(), { salt: 'test' });
    expect(result.requests.map((r) => [r.url.replace('https://api.example', ''), r.role])).toEqual([
      ['/api/a', 'expired'],
      ['/api/b', 'expired'],
      ['/api/c', 'expired'],
      ['/auth/refresh', 'refresh'],
      ['/api/a', 'replay'],
      ['/api/b', 'replay'],
      ['/api/c', 'replay'],
    ]);
    expect(result.episodes).toHaveLength(1);
    expect(result.episodes[0]).toMatchObject({ outcome: 'recovered', expired: ['har:h1', 'har:h2', 'har:h3'], refreshes: ['har:h4'], replays: ['har:h5', 'har:h6', 'har:h7'] });
    expect(result.requests.find((r) => r.id === 'har:h6')?.replayOf).toBe('har:h2');
    expect(result.diagnostics).toEqual([]);
  });

  it('flags replays out of order and stale replays the same way as a recording', () => {
    expect(fromHar(reactive(['c', 'a', 'b'])).diagnostics.map((d) => d.rule)).toEqual(['replay-out-of-order']);
    const stale = fromHar(reactive(['a', 'b', 'c'], OLD));
    expect(new Set(stale.diagnostics.map((d) => d.rule))).toEqual(new Set(['stale-token-replay']));
  });

  it('never keeps a raw token: only salted fingerprints and the decoded claims', () => {
    const withCookie = har([
      { at: 0, path: '/api/a', token: OLD, status: 401, time: 40 },
      { at: 41, method: 'POST', path: '/auth/token?refresh_token=SECRET123', status: 200, time: 40, setCookie: `access_token=${NEW}; Path=/; HttpOnly` },
      { at: 82, path: '/api/a', token: NEW, status: 200, time: 40 },
    ]);
    const events = harToEvents(withCookie, { salt: 'one' });
    const text = JSON.stringify(events) + JSON.stringify(fromHar(withCookie));
    for (const secret of [OLD, NEW, 'SECRET123', OLD.split('.')[2]]) expect(text).not.toContain(secret);
    const write = events.find((e) => e.type === 'token-write');
    expect(write).toMatchObject({ store: 'httpOnlyCookie', key: 'access_token', token: { kind: 'jwt', sub: 'u1', exp: sec(3_600_000) } });
    // Stable within one file, different across salts.
    const fps = (salt: string) => harToEvents(withCookie, { salt }).flatMap((e) => (e.type === 'request-start' && e.token ? [e.token.fp] : []));
    expect(fps('one')).toEqual(fps('one'));
    expect(fps('one')[0]).not.toBe(fps('two')[0]);
  });

  it('says what is wrong with a file that is not a HAR', () => {
    expect(() => fromHar({})).toThrow(HarError);
    expect(() => fromHar({ log: { entries: 3 } })).toThrow(/log.entries/);
    expect(() => fromHar({ log: { entries: [{ request: {}, response: {}, startedDateTime: 'soon' }] } })).toThrow(/entry 0/);
  });
});
