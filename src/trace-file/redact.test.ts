import { describe, expect, it } from 'vitest';
import type { TabEvent } from '../protocol';
import { redactEvent } from './redact-events';
import { REDACTED, redactBody, redactFullUrl, redactText } from './redact';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';

describe('redaction', () => {
  it('hides token-like query and fragment parameters and JWTs in paths, and leaves host names alone', () => {
    expect(redactFullUrl('https://api.long-company-name.example.com/a?access_token=x&page=2#id_token=y&state=s')).toBe(
      `https://api.long-company-name.example.com/a?access_token=${REDACTED}&page=2#id_token=${REDACTED}&state=s`,
    );
    expect(redactFullUrl(`https://x.example/verify/${JWT}`)).toBe(`https://x.example/verify/${REDACTED}`);
  });

  it('hides token-like JSON fields whole, at any depth, and JWT-shaped strings anywhere', () => {
    const body = JSON.stringify({ user: 'ann', session: { id: 'abc' }, data: [{ refresh_token: 'r' }, { note: `Bearer ${JWT}` }] });
    expect(JSON.parse(redactBody(body, 'application/json'))).toEqual({ user: 'ann', session: REDACTED, data: [{ refresh_token: REDACTED }, { note: `Bearer ${REDACTED}` }] });
  });

  it('treats form bodies as parameters and other text by scanning it', () => {
    expect(redactBody('grant_type=refresh_token&refresh_token=abc&client=web', 'application/x-www-form-urlencoded')).toBe(
      `grant_type=refresh_token&refresh_token=${REDACTED}&client=web`,
    );
    expect(redactText(`Authorization: Basic dXNlcjpwYXNz and ${JWT}`)).toBe(`Authorization: Basic ${REDACTED} and ${REDACTED}`);
  });

  it('leaves recorded events, which hold fingerprints, untouched (the same object)', () => {
    const e = { type: 'request-start', seq: 1, t: 1, session: 's', id: 'f', transport: 'fetch', method: 'GET', url: 'https://x/a', headers: { authorization: { fp: 'abc', kind: 'opaque' } } } as TabEvent;
    expect(redactEvent(e)).toBe(e);
  });

  it('hides raw credentials in events written by hand', () => {
    const e = { type: 'request-start', seq: 1, t: 1, session: 's', id: 'f', transport: 'fetch', method: 'GET', url: 'https://x/a?token=t', headers: { authorization: 'Bearer raw', accept: '*/*' } } as TabEvent;
    expect(redactEvent(e)).toMatchObject({ url: `https://x/a?token=${REDACTED}`, headers: { authorization: REDACTED, accept: '*/*' } });
  });
});
