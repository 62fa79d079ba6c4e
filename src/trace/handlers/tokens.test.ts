import { describe, expect, it } from 'vitest';
import { TraceBuilder } from '../testing/builder';
import { TokensHandler } from './tokens';

function tokensOf(b: TraceBuilder): TokensHandler {
  const h = new TokensHandler();
  for (const e of b.events()) h.handleEvent(e);
  h.refresh();
  return h;
}

describe('TokensHandler', () => {
  it('keeps one generation per fingerprint: claims, where it was written, which requests carried it', () => {
    const b = new TraceBuilder();
    const tok = b.jwt('t1', { exp: 60_000, iat: -1000, sub: 'u' });
    b.write(5, tok, 'localStorage', 'token');
    const x = b.axios('GET', '/b').run(20, tok, 40, 200);
    const y = b.axios('GET', '/a').run(10, tok, 30, 200);
    const g = tokensOf(b).byFp.get(tok.fp)!;
    expect(g).toMatchObject({ kind: 'jwt', exp: tok.exp, iat: tok.iat, sub: 'u', access: true });
    expect(g.carriedBy).toEqual([y.id, x.id].sort());
    expect(g.locations).toEqual(['localStorage', 'header']);
    expect(g.firstSeen).toBe(b.events().find((e) => e.type === 'token-write')!.t);
  });

  it('tells access tokens from other token-like values', () => {
    const b = new TraceBuilder();
    const carried = b.opaque('carried');
    const sameKey = b.opaque('same-key');
    const csrf = b.opaque('csrf');
    const jwt = b.jwt('written-jwt', { exp: 1 });
    const session = b.opaque('session');
    b.write(0, carried, 'cookie', 'auth').write(50, sameKey, 'cookie', 'auth').write(1, csrf, 'cookie', 'XSRF-TOKEN');
    b.write(2, jwt, 'sessionStorage', 'id').write(3, session, 'httpOnlyCookie', 'sid');
    b.axios('GET', '/a').run(10, carried, 20, 200);
    const h = tokensOf(b);
    expect(h.access.map((g) => g.fp)).toEqual([carried.fp, jwt.fp, session.fp, sameKey.fp]);
    expect(h.byFp.get(csrf.fp)?.access).toBe(false);
  });

  it('knows which token a new one overwrote, and flags every later write to that key as changed', () => {
    const b = new TraceBuilder();
    const [t1, t2, t3] = ['1', '2', '3'].map((n) => b.opaque(n));
    b.write(0, t1).write(100, t2).write(200, t3);
    const h = tokensOf(b);
    expect(h.replaced(h.byFp.get(t3.fp)!)).toBe(t2.fp);
    expect(h.replaced(h.byFp.get(t1.fp)!)).toBeUndefined();
    // A late write of t1's successor lands between t1 and t2: t2 and t3's first sightings are affected.
    h.handleEvent({ type: 'token-write', t: b.events()[0].t + 50, store: 'cookie', key: 'access_token', op: 'set', token: b.opaque('1b'), seq: 9, session: 's1' });
    expect(h.refresh()).toBe(b.events()[0].t + 50);
    expect(h.replaced(h.byFp.get(t2.fp)!)).toBe('fp-1b');
  });
});
