// @vitest-environment happy-dom
/**
 * page-builtins.test.ts for the rest of what runs on a page's requests: the
 * fetch and XHR hooks (with axios linking to them), and the token store's
 * cookie hook. fetch and XMLHttpRequest are stand-ins, put in place before
 * our hooks as the browser's would be. (happy-dom's Storage is a Proxy with
 * pre-bound methods, which our storage hook does not meet in a browser: see
 * token-store/storage.test.ts.)
 */
import axios from 'axios';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { decodeBatchBody } from '../protocol/wire-decode';
import { claimAxiosId, installAxiosHooks } from './axios';
import { installFetchHook } from './fetch-hook';
import { armSpies, callsOfOurs, disarmSpies } from './test-builtin-spies';
import { installTokenStoreHooks } from './token-store';
import { testPageContext } from './test-page-context';
import { installXhrHook } from './xhr-hook';

/** Just enough of an XMLHttpRequest for axios's xhr adapter and our hook: answers in a microtask, through events. */
class StandInXhr extends EventTarget {
  static readonly DONE = 4;
  private state = 0;
  private code = 0;
  responseText = '';
  response: unknown = '';
  responseURL = '';
  responseType = '';
  statusText = '';
  timeout = 0;
  withCredentials = false;
  onreadystatechange: null | (() => void) = null;
  onloadend: null | (() => void) = null;
  get readyState(): number {
    return this.state;
  }
  get status(): number {
    return this.code;
  }
  open(_method: string, url: string): void {
    this.responseURL = url;
    this.state = 1;
  }
  setRequestHeader(): void {}
  getAllResponseHeaders(): string {
    return 'content-type: application/json\r\n';
  }
  abort(): void {}
  send(): void {
    queueMicrotask(() => {
      this.state = 4;
      this.code = 200;
      this.responseText = this.response = '{"ok":true}';
      this.dispatchEvent(new Event('readystatechange'));
      this.onreadystatechange?.();
      this.dispatchEvent(new Event('load'));
      this.dispatchEvent(new Event('loadend'));
      this.onloadend?.();
    });
  }
}

const page = testPageContext();

beforeAll(() => {
  const standInFetch = async () => new Response('{"ok":true}', { status: 200, headers: { 'content-type': 'application/json' } });
  globalThis.fetch = window.fetch = standInFetch;
  globalThis.XMLHttpRequest = window.XMLHttpRequest = StandInXhr as never;
  const { ctx } = page;
  installAxiosHooks(ctx);
  installTokenStoreHooks(ctx);
  installFetchHook(ctx, claimAxiosId);
  installXhrHook(ctx, claimAxiosId);
});

afterAll(disarmSpies);

const TOKEN = `eyJhbGciOiJIUzI1NiJ9.${'eyJzdWIiOiJ1LTQyIn0'.repeat(4)}.c2lnbmF0dXJl`;

async function pageRequests(api: ReturnType<typeof axios.create>, round: number): Promise<void> {
  await api.get('/items', { adapter: 'fetch', env: { fetch: window.fetch } } as never);
  await api.get('/items', { adapter: 'xhr' });
  await window.fetch(`https://api.test/v1/bare?access_token=${round}`, { headers: { Authorization: `Bearer ${TOKEN}`, 'X-Trace': String(round) } });
  await window.fetch(new Request('https://api.test/v1/request', { method: 'POST', headers: { 'X-Trace': 'r' } }));
  const xhr = new XMLHttpRequest();
  xhr.open('GET', 'https://api.test/v1/xhr');
  xhr.setRequestHeader('Authorization', `Bearer ${TOKEN}`);
  await new Promise((done) => {
    xhr.addEventListener('loadend', done);
    xhr.send();
  });
  // Pages and libraries read the source of built-ins: ours answer as the originals.
  void window.fetch.toString();
  void XMLHttpRequest.prototype.send.toString();
  document.cookie = `access_token=${round}.${TOKEN}; path=/; max-age=60`;
  void document.cookie;
}

it('fetch, XHR, cookies and the toString of our wrappers: no built-in the page could have replaced is called on a request', async () => {
  const api = axios.create({ baseURL: 'https://api.test/v1' });
  api.interceptors.request.use((config) => {
    config.headers.Authorization = `Bearer ${TOKEN}`;
    return config;
  });
  for (let round = 0; round < 3; round++) await pageRequests(api, round);
  armSpies();
  try {
    for (let round = 3; round < 6; round++) await pageRequests(api, round);
    page.flush();
  } finally {
    disarmSpies();
  }
  expect(callsOfOurs()).toEqual([]);
  // Recorded through the hooks while the spies watched: each round's transport requests, linked axios calls, token writes.
  const events = page.bodies.flatMap((body, i) => decodeBatchBody(body, i * 100_000, page.counts[i]).events);
  const types = events.map((e) => e.type);
  expect(types.filter((t) => t === 'request-start').length).toBe(6 * 5);
  expect(types.filter((t) => t === 'request-end').length).toBe(6 * 5);
  expect(events.filter((e) => e.type === 'request-start' && e.axiosId !== undefined).length).toBe(6 * 2);
  expect(types.filter((t) => t === 'token-write').length).toBe(6);
});
