import { describe, expect, it } from 'vitest';
import { cookieValueForToken, parseCookieWrite } from './cookie-string';

const NOW = Date.parse('2030-01-01T00:00:00Z');

describe('parseCookieWrite', () => {
  it('reads the pair and the lifetime attributes, case-insensitively', () => {
    expect(parseCookieWrite(' token = abc ; Path=/; EXPIRES=Wed, 01 Jan 2031 00:00:00 GMT; Secure', NOW)).toEqual({
      name: 'token', value: 'abc', expires: 'Wed, 01 Jan 2031 00:00:00 GMT', removal: false,
    });
    expect(parseCookieWrite('sid=1; max-age=3600', NOW)).toEqual({ name: 'sid', value: '1', maxAge: 3600, removal: false });
  });

  it('treats an expiry in the past or a max-age of zero or less as a removal, max-age first', () => {
    expect(parseCookieWrite('token=; expires=Thu, 01 Jan 1970 00:00:00 GMT', NOW).removal).toBe(true);
    expect(parseCookieWrite('token=x; max-age=0', NOW).removal).toBe(true);
    expect(parseCookieWrite('token=x; max-age=-1', NOW).removal).toBe(true);
    expect(parseCookieWrite('token=x; expires=Thu, 01 Jan 1970 00:00:00 GMT; max-age=60', NOW).removal).toBe(false);
    expect(parseCookieWrite('token=x; max-age=soon', NOW)).toEqual({ name: 'token', value: 'x', removal: false });
    expect(parseCookieWrite('token=x; expires=garbage', NOW).removal).toBe(false);
  });

  it('gives a pair without "=" an empty name, as browsers do', () => {
    expect(parseCookieWrite('justavalue', NOW)).toMatchObject({ name: '', value: 'justavalue' });
    expect(parseCookieWrite('a=b=c', NOW)).toMatchObject({ name: 'a', value: 'b=c' });
  });
});

describe('cookieValueForToken', () => {
  it('unquotes and URI-decodes what the app encoded, and keeps the rest', () => {
    expect(cookieValueForToken('"abc"')).toBe('abc');
    expect(cookieValueForToken('a%2Bb%3D')).toBe('a+b=');
    expect(cookieValueForToken('100%')).toBe('100%');
    expect(cookieValueForToken('plain')).toBe('plain');
  });
});
