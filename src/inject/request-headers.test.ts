import { describe, expect, it } from 'vitest';
import { TokenIdentity } from '../tokens';
import { redactUrl, sanitizeHeaders } from './request-headers';

const identity = new TokenIdentity();
identity.setSalt('test');
const ref = (raw: string) => identity.ref(raw);

describe('sanitizeHeaders', () => {
  it('replaces credentials by fingerprints and keeps the headers that matter', () => {
    const { headers, token } = sanitizeHeaders(
      [['Authorization', 'Bearer raw-secret'], ['Content-Type', 'application/json'], ['X-Request-Id', '7'], ['User-Agent', 'ua'], ['X-Api-Key', 'key-secret']],
      ref,
    );
    expect(Object.keys(headers).sort()).toEqual(['authorization', 'content-type', 'x-api-key', 'x-request-id']);
    expect(headers['authorization']).toEqual(token);
    expect(token?.fp).toBe(ref('raw-secret').fp);
    expect(JSON.stringify(headers)).not.toContain('secret');
  });

  it('clips huge values and caps the number of headers so the event stays valid', () => {
    const many = Array.from({ length: 200 }, (_, i) => [`x-h${i}`, 'v'.repeat(20_000)] as [string, string]);
    const { headers } = sanitizeHeaders(many, ref);
    expect(Object.keys(headers)).toHaveLength(64);
    expect((headers['x-h0'] as string).length).toBe(8192);
  });
});

describe('sanitizeHeaders, the same headers again', () => {
  it('hands back the same object for the same headers, and a new one when a value or the token changes', () => {
    const entries = (auth: string): Array<[string, string]> => [['Accept', 'application/json'], ['Authorization', `Bearer ${auth}`]];
    const first = sanitizeHeaders(entries('tok-1'), ref);
    expect(sanitizeHeaders(entries('tok-1'), ref)).toBe(first);
    const other = sanitizeHeaders(entries('tok-2'), ref);
    expect(other).not.toBe(first);
    expect(other.token?.fp).toBe(ref('tok-2').fp);
    expect(sanitizeHeaders([['Accept', 'text/html'], ['Authorization', 'Bearer tok-2']], ref).headers.accept).toBe('text/html');
  });

  it('hands back the same object for headers with two credentials, each ref made once', () => {
    const entries: Array<[string, string]> = [['Authorization', 'Bearer tok-a'], ['X-CSRF-Token', 'csrf-1'], ['Accept', 'text/plain']];
    const first = sanitizeHeaders(entries, ref);
    expect(sanitizeHeaders(entries.map(([k, v]) => [k, v] as [string, string]), ref)).toBe(first);
    expect(first.headers['x-csrf-token']).toBe(ref('csrf-1'));
  });

  it('asks for the credential again, so refs made under a new salt are not the old ones', () => {
    const salted = new TokenIdentity();
    salted.setSalt('one');
    const entries: Array<[string, string]> = [['X-Api-Key', 'k-1']];
    const before = sanitizeHeaders(entries, (raw) => salted.ref(raw));
    salted.setSalt('two');
    const after = sanitizeHeaders(entries, (raw) => salted.ref(raw));
    expect(after).not.toBe(before);
    expect(after.headers['x-api-key']).not.toEqual(before.headers['x-api-key']);
  });
});

describe('redactUrl', () => {
  it('replaces token-like query values and leaves the rest alone', () => {
    expect(redactUrl('http://x/cb?code=1&access_token=abc.def&page=2#h')).toBe('http://x/cb?code=1&access_token=[redacted]&page=2#h');
    expect(redactUrl('http://x/a?refresh%5Ftoken=zzz')).toBe('http://x/a?refresh%5Ftoken=[redacted]');
    expect(redactUrl('http://x/a?latency=300')).toBe('http://x/a?latency=300');
    expect(redactUrl('http://x/a')).toBe('http://x/a');
  });
});
