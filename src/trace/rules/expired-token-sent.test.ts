import { describe, expect, it } from 'vitest';
import { TraceBuilder } from '../testing/builder';
import { analyze, only, ruleIds } from '../testing/inspect';
import * as s from '../testing/scenarios';

describe('expired-token-sent', () => {
  it('fires for an app that checks exp (it held requests for a refresh) and still sent an expired JWT', () => {
    const b = new TraceBuilder();
    const { late } = s.expiredTokenSent(b);
    const d = only(analyze(b), 'expired-token-sent');
    expect(d).toMatchObject({ severity: 'warning', requests: [late.id] });
    expect(d.message).toBe('GET /api/late (a3) was sent with a JWT that had expired 1 s earlier; the server refused it with 401.');
  });

  it('fires when the server accepted an expired JWT, whatever the app', () => {
    const b = new TraceBuilder();
    const a = b.axios('GET', '/api/a').run(0, b.jwt('t', { exp: -30_000 }), 20, 200);
    expect(only(analyze(b), 'expired-token-sent')).toMatchObject({ requests: [a.id] });
  });

  it('leaves the reactive approach alone: the 401 is how it learns the token expired', () => {
    const b = new TraceBuilder();
    s.correctReactive(b);
    expect(analyze(b).diagnostics).toEqual([]);
  });

  it('reads exp on the server clock when the page clock is off (estimated from iat)', () => {
    // The page clock runs 2 minutes behind the server: a refresh at page time 0 gets a token with
    // iat = page time + 120 s. A token the page thinks has 60 s left has expired on the server.
    const b = new TraceBuilder();
    const skew = 120_000;
    const before = b.jwt('before', { exp: 3_600_000, iat: -3_600_000 + skew });
    const first = b.jwt('first', { exp: skew + 3_600_000, iat: skew });
    const soon = b.jwt('soon', { exp: 60_000, iat: -3_600_000 + skew });
    b.axios('GET', '/api/start').run(-10_000, before, -9990, 200);
    b.axios('POST', '/auth/refresh', { instance: 'auth' }).run(-5000, undefined, -4950, 200);
    b.write(-4949, first);
    const a = b.axios('GET', '/api/a').run(0, soon, 20, 200);
    const result = analyze(b);
    expect(result.clockSkewMs).toBe(-125_000 + 51);
    expect(only(result, 'expired-token-sent')).toMatchObject({ requests: [a.id] });
    expect(only(result, 'expired-token-sent').message).toMatch(/page clock being 2 min behind the server's/);
    expect(ruleIds(analyze(b, { clockSkewThresholdMs: 10 * 60_000 }))).toEqual([]);
  });
});
