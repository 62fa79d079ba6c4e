/**
 * A page may replace any built-in after our script ran (a polyfill, a test
 * spy, an analytics shim): on the path every axios request takes, the page
 * script must not call one of them, or the page would see our calls. Each
 * built-in below is replaced by a spy that notes calls made from our own
 * source files, and the app sends requests the way the bench page does,
 * through the production batch writer.
 */
import type { AxiosStatic } from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installAxiosHooks } from './axios';
import { importFreshAxios1, requireFresh027, scriptTagAxios } from './axios/test-helpers';
import { armSpies, callsOfOurs, disarmSpies } from './test-builtin-spies';
import { testPageContext } from './test-page-context';

// Batches go out only when the test flushes.
const page = testPageContext();
beforeAll(() => installAxiosHooks(page.ctx));

afterAll(disarmSpies);

const JWT = `eyJhbGciOiJSUzI1NiJ9.${'eyJzdWIiOiJ1LTQyIn0'.repeat(10)}.${'c2lnbmF0dXJl'.repeat(20)}`;
/** The app's access token: replaced mid-test, as a refresh would. */
let token = JWT;

/** The bench page's app: a bearer set by a request interceptor, a pass-through response interceptor, a zero-latency adapter. */
function app(axios: AxiosStatic, baseURL: string) {
  const api = axios.create({
    baseURL,
    adapter: (config: unknown) => Promise.resolve({ data: 'ok', status: 200, statusText: 'OK', headers: {}, config, request: {} }) as never,
  });
  api.interceptors.request.use((config) => {
    config.headers.Authorization = `Bearer ${token}`;
    return config;
  });
  api.interceptors.response.use(
    (response) => response,
    (error) => Promise.reject(error),
  );
  return api;
}

const copies: Array<[string, () => Promise<AxiosStatic> | AxiosStatic]> = [
  ['1.x, <script> tag', () => scriptTagAxios('1', true)],
  ['1.x, bundled', importFreshAxios1],
  ['0.27', requireFresh027],
];

describe.each(copies)('%s', (_name, load) => {
  it('sends request after request without calling a built-in the page could have replaced', async () => {
    const api = app(await load(), 'https://api.test/v1');
    // The first requests fill what the hooks remember (header kinds, the last URL, the token's fingerprint).
    for (let i = 0; i < 5; i++) await api.get('/items');
    armSpies();
    try {
      for (let i = 0; i < 20; i++) await api.get('/items');
      // What changes from one request to the next in an app: the URL and its params, the method, a header, the token (a refresh).
      await api.get('/items', { params: { page: 2, tags: ['a', 'b'] } });
      await api.get('/other/7');
      await api.post('/items', { name: 'x' }, { headers: { 'X-Trace': 'abc' } });
      token = `eyJhbGciOiJIUzI1NiJ9.${btoa(JSON.stringify({ sub: 'u-42', exp: 4102444800 })).replace(/=+$/, '')}.c2ln`;
      await api.get('/items');
      // And the batch is written and sent.
      page.flush();
    } finally {
      disarmSpies();
    }
    expect(callsOfOurs()).toEqual([]);
    // The spies saw the requests go through our hooks: they were recorded.
    expect(page.bodies.length).toBeGreaterThan(0);
    token = JWT;
  });
});
