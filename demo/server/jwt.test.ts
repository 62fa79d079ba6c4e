import { describe, expect, it } from 'vitest';
import { base64url, signJwt, verifyJwt } from './jwt';

const secret = 'test-secret';
const claims = { sub: 'alice', iat: 1_700_000_000, exp: 1_700_000_060 };
const at = (seconds: number) => seconds * 1000;

describe('jwt', () => {
  it('signs a three-part HS256 token whose payload decodes to the claims', () => {
    const token = signJwt(claims, secret);
    const [header, payload] = token.split('.');
    expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(JSON.parse(Buffer.from(payload!, 'base64url').toString())).toEqual(claims);
  });

  it('matches a signature computed independently (RFC 7515 HMAC over header.payload)', async () => {
    const token = signJwt(claims, secret);
    const [h, p, s] = token.split('.');
    const { createHmac } = await import('node:crypto');
    expect(s).toBe(createHmac('sha256', secret).update(`${h}.${p}`).digest('base64url'));
  });

  it('verifies a valid token before exp and rejects it from exp on', () => {
    const token = signJwt(claims, secret);
    expect(verifyJwt(token, secret, at(claims.exp) - 1)).toEqual({ ok: true, claims });
    expect(verifyJwt(token, secret, at(claims.exp))).toEqual({ ok: false, reason: 'expired' });
  });

  it('rejects a token signed with another secret', () => {
    expect(verifyJwt(signJwt(claims, 'other'), secret, at(claims.iat))).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('rejects a tampered payload', () => {
    const [h, , s] = signJwt(claims, secret).split('.');
    const forged = `${h}.${base64url(JSON.stringify({ ...claims, sub: 'mallory' }))}.${s}`;
    expect(verifyJwt(forged, secret, at(claims.iat))).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('rejects alg none and malformed tokens', () => {
    const none = `${base64url(JSON.stringify({ alg: 'none' }))}.${base64url(JSON.stringify(claims))}.x`;
    expect(verifyJwt(none, secret, at(claims.iat)).ok).toBe(false);
    for (const bad of ['', 'a.b', 'a..c', 'not.a.jwt']) expect(verifyJwt(bad, secret)).toMatchObject({ ok: false, reason: 'malformed' });
  });
});
