import { describe, expect, it } from 'vitest';
import { TokenIdentity } from './identity';
import { bearerFrom, isSensitiveHeader, isTokenLikeKey, looksLikeJwt } from './token-like';

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const jwt = (claims: object) => `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}.c2lnbmF0dXJlLXZhbHVl`;

describe('TokenIdentity', () => {
  it('gives a stable fingerprint for one salt and a different one for another', () => {
    const a = new TokenIdentity();
    a.setSalt('salt-1');
    const b = new TokenIdentity();
    b.setSalt('salt-2');
    expect(a.ref('secret-value').fp).toBe(a.ref('secret-value').fp);
    expect(a.ref('secret-value').fp).not.toBe(a.ref('other').fp);
    expect(a.ref('secret-value').fp).not.toBe(b.ref('secret-value').fp);
    expect(a.ref('secret-value').fp).toMatch(/^[0-9a-f]{12}$/);
  });

  it('fills in refs made before the salt arrived', () => {
    const early = new TokenIdentity();
    const ref = early.ref('secret-value');
    expect(ref.fp).toBe('');
    early.setSalt('s');
    const later = new TokenIdentity();
    later.setSalt('s');
    expect(ref.fp).toBe(later.ref('secret-value').fp);
  });

  it('decodes the claims of a JWT and never keeps the raw value in the ref', () => {
    const id = new TokenIdentity();
    id.setSalt('s');
    const token = jwt({ sub: 'alice', exp: 2000000000, iat: 1999999000, secret: 'x' });
    const ref = id.ref(token);
    expect(ref).toMatchObject({ kind: 'jwt', sub: 'alice', exp: 2000000000, iat: 1999999000 });
    expect(JSON.stringify(ref)).not.toContain(token.split('.')[2]);
    expect(id.ref('opaque-value').kind).toBe('opaque');
    expect(id.ref('a.b.c').kind).toBe('opaque');
  });
});

describe('token-like names and values', () => {
  it('recognises credential names', () => {
    for (const k of ['access_token', 'refreshToken', 'jwt', 'auth', 'SESSIONID', 'id_token', 'x-api-key']) {
      expect(isTokenLikeKey(k), k).toBe(true);
    }
    for (const k of ['theme', 'lang', 'cart', 'page']) expect(isTokenLikeKey(k), k).toBe(false);
    expect(isSensitiveHeader('Authorization')).toBe(true);
    expect(isSensitiveHeader('Cookie')).toBe(true);
    expect(isSensitiveHeader('Content-Type')).toBe(false);
  });

  it('extracts bearer tokens and spots JWTs', () => {
    expect(bearerFrom('Bearer abc.def')).toBe('abc.def');
    expect(bearerFrom('bearer   xyz ')).toBe('xyz');
    expect(bearerFrom('Basic dXNlcg==')).toBeUndefined();
    expect(looksLikeJwt(jwt({ sub: 'a' }))).toBe(true);
    expect(looksLikeJwt('hello.world')).toBe(false);
  });
});
