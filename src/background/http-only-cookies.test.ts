import { describe, expect, it } from 'vitest';
import { isPageEvent } from '../protocol';
import { TokenIdentity } from '../tokens';
import { cookieAppliesToUrl, httpOnlyChangeToEvent, type CookieChange } from './http-only-cookies';

const scope = (over: Partial<Parameters<typeof cookieAppliesToUrl>[0]> = {}) => ({ domain: 'example.com', path: '/', secure: false, hostOnly: true, ...over });

describe('cookieAppliesToUrl', () => {
  it('host-only cookies apply to their exact host only', () => {
    expect(cookieAppliesToUrl(scope(), 'https://example.com/a')).toBe(true);
    expect(cookieAppliesToUrl(scope(), 'https://EXAMPLE.com/a')).toBe(true);
    expect(cookieAppliesToUrl(scope(), 'https://api.example.com/a')).toBe(false);
    expect(cookieAppliesToUrl(scope(), 'https://badexample.com/')).toBe(false);
  });

  it('domain cookies apply to the domain and its subdomains, never to look-alikes or IPs', () => {
    const c = scope({ domain: '.example.com', hostOnly: false });
    expect(cookieAppliesToUrl(c, 'https://example.com/')).toBe(true);
    expect(cookieAppliesToUrl(c, 'https://a.b.example.com/')).toBe(true);
    expect(cookieAppliesToUrl(c, 'https://notexample.com/')).toBe(false);
    expect(cookieAppliesToUrl(c, 'https://example.com.evil.test/')).toBe(false);
    expect(cookieAppliesToUrl(scope({ domain: '0.1', hostOnly: false }), 'http://10.0.0.1/')).toBe(false);
    expect(cookieAppliesToUrl(scope({ domain: '10.0.0.1' }), 'http://10.0.0.1/')).toBe(true);
  });

  it('matches paths at "/" boundaries', () => {
    const c = scope({ path: '/api' });
    expect(cookieAppliesToUrl(c, 'https://example.com/api')).toBe(true);
    expect(cookieAppliesToUrl(c, 'https://example.com/api/users?x=1')).toBe(true);
    expect(cookieAppliesToUrl(c, 'https://example.com/apis')).toBe(false);
    expect(cookieAppliesToUrl(c, 'https://example.com/')).toBe(false);
    expect(cookieAppliesToUrl(scope({ path: '/api/' }), 'https://example.com/api/x')).toBe(true);
    expect(cookieAppliesToUrl(scope({ path: '/api/' }), 'https://example.com/api')).toBe(false);
  });

  it('sends Secure cookies over https and to loopback only', () => {
    expect(cookieAppliesToUrl(scope({ secure: true }), 'http://example.com/')).toBe(false);
    expect(cookieAppliesToUrl(scope({ secure: true }), 'https://example.com/')).toBe(true);
    expect(cookieAppliesToUrl(scope({ domain: 'localhost', secure: true }), 'http://localhost:5173/')).toBe(true);
  });

  it('rejects unparsable and non-http URLs', () => {
    expect(cookieAppliesToUrl(scope(), 'not a url')).toBe(false);
    expect(cookieAppliesToUrl(scope({ domain: '' }), 'file:///etc/hosts')).toBe(false);
  });
});

describe('httpOnlyChangeToEvent', () => {
  const identity = new TokenIdentity();
  identity.setSalt('s');
  const ref = (raw: string) => identity.ref(raw);
  const jwt = `eyJhbGciOiJIUzI1NiJ9.${btoa(JSON.stringify({ exp: 2_000_000_000, sub: 'u1' })).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')}.sig`;
  const change = (over: Partial<CookieChange['cookie']>, removed = false, cause = 'explicit'): CookieChange => ({
    cookie: { name: 'refresh_token', value: 'r-secret', domain: 'example.com', path: '/', httpOnly: true, ...over },
    removed,
    cause,
  });

  it('reports a set with the fingerprint and expiry, never the raw value', () => {
    const e = httpOnlyChangeToEvent(change({ expirationDate: 1_900_000_000.5 }), ref, 42)!;
    expect(e).toEqual({
      type: 'token-write', t: 42, store: 'httpOnlyCookie', key: 'refresh_token', op: 'set',
      token: ref('r-secret'), expires: new Date(1_900_000_000_500).toUTCString(),
    });
    expect(JSON.stringify(e)).not.toContain('r-secret');
    expect(isPageEvent({ ...e, seq: 0 })).toBe(true);
  });

  it('decodes JWT claims from a JWT-valued cookie whatever its name', () => {
    const e = httpOnlyChangeToEvent(change({ name: 'x', value: jwt }), ref, 1)!;
    expect(e.token).toMatchObject({ kind: 'jwt', exp: 2_000_000_000, sub: 'u1' });
  });

  it('reports removals (explicit, expired, evicted) without a token', () => {
    for (const cause of ['explicit', 'expired', 'evicted', 'expired_overwrite']) {
      const e = httpOnlyChangeToEvent(change({}, true, cause), ref, 1)!;
      expect(e).toMatchObject({ op: 'remove', key: 'refresh_token', store: 'httpOnlyCookie' });
      expect(e.token).toBeUndefined();
      expect(isPageEvent({ ...e, seq: 0 })).toBe(true);
    }
  });

  it('drops the removal half of an overwrite, non-HttpOnly cookies and non-token cookies', () => {
    expect(httpOnlyChangeToEvent(change({}, true, 'overwrite'), ref, 1)).toBeUndefined();
    expect(httpOnlyChangeToEvent(change({ httpOnly: false }), ref, 1)).toBeUndefined();
    expect(httpOnlyChangeToEvent(change({ name: 'theme', value: 'dark' }), ref, 1)).toBeUndefined();
  });
});
