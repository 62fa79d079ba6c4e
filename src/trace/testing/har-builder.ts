/** Hand-written HAR files for tests, with real (unsigned) JWTs in the Authorization headers. */
import { T0 } from './builder';

export function fakeJwt(claims: { exp: number; iat?: number; sub?: string }): string {
  const part = (x: object) => Buffer.from(JSON.stringify(x)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}.c2lnbmF0dXJlLW5vdC1jaGVja2Vk`;
}

interface EntrySpec {
  at: number;
  method?: string;
  path: string;
  token?: string;
  status: number;
  time: number;
  setCookie?: string;
  type?: string;
  bodySize?: number;
}

export function har(entries: EntrySpec[]) {
  return {
    log: {
      version: '1.2',
      creator: { name: 'test', version: '1' },
      entries: entries.map((e) => ({
        startedDateTime: new Date(T0 + e.at).toISOString(),
        time: e.time,
        _resourceType: e.type ?? 'xhr',
        request: {
          method: e.method ?? 'GET',
          url: `https://api.example${e.path}`,
          httpVersion: 'HTTP/1.1',
          headers: e.token ? [{ name: 'Authorization', value: `Bearer ${e.token}` }] : [],
          cookies: [],
          queryString: [],
          headersSize: -1,
          bodySize: e.bodySize ?? 0,
        },
        response: {
          status: e.status,
          statusText: '',
          httpVersion: 'HTTP/1.1',
          headers: e.setCookie ? [{ name: 'Set-Cookie', value: e.setCookie }] : [],
          cookies: [],
          content: { size: 0, mimeType: 'application/json' },
          redirectURL: '',
          headersSize: -1,
          bodySize: 0,
        },
        cache: {},
        timings: { send: 0, wait: e.time, receive: 0 },
      })),
    },
  };
}
