/**
 * A small HAR of one refresh episode whose secrets are known values
 * (canaries), each in another place a credential can hide: the
 * Authorization header, Cookie, Set-Cookie, an x-api-key header, a query
 * parameter, JSON request and response bodies, a base64 body. An export
 * that contains any of them leaked it.
 */
const b64url = (s: string) => btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const jwt = (payload: object, sig: string) => `${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url(JSON.stringify(payload))}.${sig}`;

const T0 = Date.UTC(2024, 0, 2, 3, 4, 5);
const OLD_JWT = jwt({ sub: 'canary-user', iat: T0 / 1000 - 3600, exp: T0 / 1000 - 1 }, 'CANARYOLDJWTSIGNATURE0001');
const NEW_JWT = jwt({ sub: 'canary-user', iat: T0 / 1000, exp: T0 / 1000 + 3600 }, 'CANARYNEWJWTSIGNATURE0002');
const B64_BODY = btoa('{"token":"CANARY_IN_BASE64_7a7a"}');

export const CANARIES = {
  oldJwt: OLD_JWT,
  newJwt: NEW_JWT,
  cookie: 'CANARY_COOKIE_19c2',
  setCookie: 'CANARY_SETCOOKIE_44d1',
  apiKey: 'CANARY_APIKEY_c0de',
  query: 'CANARY_QUERY_0be9',
  requestBody: 'CANARY_REQBODY_aa31',
  responseBody: 'CANARY_RESPBODY_5e0d',
  base64Body: B64_BODY,
} as const;

const h = (name: string, value: string) => ({ name, value });

function entry(at: number, ms: number, method: string, url: string, status: number, reqHeaders: Array<{ name: string; value: string }>, extra: { postData?: object; response?: object } = {}) {
  return {
    pageref: 'page_1',
    startedDateTime: new Date(T0 + at).toISOString(),
    time: ms,
    _resourceType: 'xhr',
    request: { method, url, httpVersion: 'HTTP/1.1', headers: reqHeaders, cookies: [h('sid', CANARIES.cookie)], queryString: [...new URL(url).searchParams].map(([n, v]) => h(n, v)), headersSize: -1, bodySize: -1, ...(extra.postData ? { postData: extra.postData } : {}) },
    response: { status, statusText: status === 200 ? 'OK' : 'Unauthorized', httpVersion: 'HTTP/1.1', headers: [h('content-type', 'application/json')], cookies: [], content: { size: 2, mimeType: 'application/json', text: '{}' }, redirectURL: '', headersSize: -1, bodySize: -1, ...extra.response },
    cache: {},
    timings: { blocked: 0, dns: -1, connect: -1, send: 0, wait: ms, receive: 0, ssl: -1 },
  };
}

export function canaryHar(): { log: object } {
  const common = [h('cookie', `sid=${CANARIES.cookie}`), h('x-api-key', CANARIES.apiKey)];
  return {
    log: {
      version: '1.2',
      creator: { name: 'canary fixture', version: '1' },
      pages: [{ id: 'page_1', startedDateTime: new Date(T0).toISOString(), title: 'https://app.example/', pageTimings: {} }],
      entries: [
        entry(0, 40, 'GET', 'https://app.example/api/profile', 401, [h('Authorization', `Bearer ${OLD_JWT}`), ...common]),
        entry(50, 60, 'POST', `https://app.example/api/auth/refresh?client=web&access_token=${CANARIES.query}`, 200, common, {
          postData: { mimeType: 'application/json', text: JSON.stringify({ refresh_token: CANARIES.requestBody, device: 'web' }) },
          response: {
            headers: [h('content-type', 'application/json'), h('set-cookie', `refresh_token=${CANARIES.setCookie}; Path=/; HttpOnly`)],
            cookies: [h('refresh_token', CANARIES.setCookie)],
            content: { size: 80, mimeType: 'application/json', text: JSON.stringify({ accessToken: NEW_JWT, refreshToken: CANARIES.responseBody }) },
          },
        }),
        entry(120, 30, 'GET', 'https://app.example/api/profile', 200, [h('Authorization', `Bearer ${NEW_JWT}`), ...common], {
          response: { content: { size: 30, mimeType: 'application/json', text: B64_BODY, encoding: 'base64' } },
        }),
      ],
    },
  };
}
