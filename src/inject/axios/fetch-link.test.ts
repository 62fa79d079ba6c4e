/**
 * axios 1.x's fetch adapter awaits before it calls fetch, so several calls
 * can be dispatched before any fetch starts: each fetch must still be linked
 * to its own axios call (as the lead's fetch hook asks with claimAxiosId).
 */
import { beforeAll, expect, it } from 'vitest';
import { installAxiosHooks } from './index';
import { claimAxiosId } from './transport-link';
import { importFreshAxios1, recorder } from './test-helpers';

const rec = recorder();
beforeAll(() => installAxiosHooks(rec.ctx));

it('links each fetch to the axios call it serves, even when dispatches overlap', async () => {
  const axios = await importFreshAxios1();
  const fetched: Array<{ url: string; axiosId: string | undefined; t: number }> = [];
  const fakeFetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const isRequest = input instanceof Request;
    const url = isRequest ? (input as Request).url : String(input);
    const method = (init?.method ?? (isRequest ? (input as Request).method : 'GET')).toUpperCase();
    fetched.push({ url, axiosId: claimAxiosId(method, url), t: rec.ctx.now() });
    return new Response('{"ok":true}', { status: 200, headers: { 'content-type': 'application/json' } });
  };
  const api = axios.create({ baseURL: 'https://api.test', adapter: 'fetch', env: { fetch: fakeFetch } } as never);
  // With a body and maxBodyLength the fetch adapter awaits the body's length before it fetches.
  const responses = await Promise.all(['/a', '/b', '/c'].map((u) => api.post(u, { n: u }, { params: { n: u }, maxBodyLength: 1e6 })));
  expect(responses.map((r) => r.data)).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
  const enters = rec.steps().filter((s) => s.step === 'enter');
  const dispatches = rec.steps().filter((s) => s.step === 'dispatch').map((d) => ({ ...d, url: d.url ?? enters.find((e) => e.id === d.id)?.url }));
  expect(dispatches).toHaveLength(3);
  expect(fetched).toHaveLength(3);
  // The case a "current request" variable gets wrong: all three dispatched before the first fetch.
  expect(Math.max(...dispatches.map((d) => d.t))).toBeLessThan(Math.min(...fetched.map((f) => f.t)));
  for (const f of fetched) {
    const own = dispatches.find((d) => f.url.startsWith(d.url!.split('?')[0]));
    expect(f.axiosId).toBe(own?.id);
  }
  // A fetch made without axios is not claimed by anyone.
  expect(claimAxiosId('POST', 'https://api.test/a')).toBeUndefined();
  expect(rec.errors).toEqual([]);
});

it('emits only events the protocol validator accepts', () => {
  expect(rec.events.length).toBeGreaterThan(0);
  expect(rec.invalid).toEqual([]);
});
