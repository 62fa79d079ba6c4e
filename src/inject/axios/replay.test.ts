/**
 * Replay links: a call made with a config object axios produced for an
 * earlier call (error.config, response.config, the config the interceptors
 * saw) is a replay of the first call of that chain.
 */
import type { AxiosError, AxiosInstance, AxiosStatic, InternalAxiosRequestConfig } from 'axios';
import { beforeAll, describe, expect, it } from 'vitest';
import { installAxiosHooks } from './index';
import { Replays } from './replay';
import { importFreshAxios1, lastEnter, recorder, requireFresh027, scriptTagAxios, serverAdapter } from './test-helpers';

const rec = recorder();
beforeAll(() => installAxiosHooks(rec.ctx));

const copies: Array<[string, () => Promise<AxiosStatic> | AxiosStatic]> = [
  ['1.x ESM', importFreshAxios1],
  ['1.x UMD', () => scriptTagAxios('1')],
  ['0.27', requireFresh027],
];

const entersSince = (n: number) => rec.steps().filter((s) => s.step === 'enter').slice(n);
const enterCount = () => rec.steps().filter((s) => s.step === 'enter').length;

describe.each(copies)('%s', (_name, load) => {
  let axios: AxiosStatic;
  beforeAll(async () => {
    axios = await load();
  });

  /** A server where `token` is valid; any other token gets a 401. */
  function server(state: { token: string }) {
    return serverAdapter((config) => {
      const headers = config.headers as Record<string, unknown> & { get?: (n: string) => unknown };
      const auth = typeof headers.get === 'function' ? headers.get('Authorization') : headers.Authorization;
      return auth === `Bearer ${state.token}` || String(config.url).endsWith('/refresh') ? { status: 200 } : { status: 401 };
    }, axios.AxiosError as never) as never;
  }

  it('links the replays of a shared refresh to their originals, in order, with attempt counts', async () => {
    const state = { token: 'new' };
    let current = 'old';
    const api = axios.create({ baseURL: 'https://api.test', adapter: server(state) });
    api.interceptors.request.use((config) => {
      config.headers!.Authorization = `Bearer ${current}`;
      return config;
    });
    let refreshing: Promise<void> | undefined;
    api.interceptors.response.use(undefined, async (error: AxiosError) => {
      const original = error.config as InternalAxiosRequestConfig & { _retry?: boolean };
      if (error.response?.status !== 401 || original._retry) throw error;
      original._retry = true;
      refreshing ??= api.post('/refresh').then(() => {
        current = 'new';
      });
      await refreshing;
      return api(original);
    });

    const start = enterCount();
    const results = await Promise.all(['/a', '/b', '/c'].map((u) => api.get(u)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    const enters = entersSince(start);
    const originals = enters.slice(0, 3);
    expect(originals.map((e) => e.url)).toEqual(['https://api.test/a', 'https://api.test/b', 'https://api.test/c']);
    for (const e of originals) expect(e).toMatchObject({ attempt: 1 });
    const refresh = enters.filter((e) => e.url === 'https://api.test/refresh');
    expect(refresh).toHaveLength(1);
    expect(refresh[0].replayOf).toBeUndefined();
    const replays = enters.filter((e) => e.replayOf !== undefined);
    expect(replays.map((e) => e.replayOf)).toEqual(originals.map((e) => e.id));
    for (const e of replays) expect(e.attempt).toBe(2);
  });

  it('counts a replay of a replay as attempt 3 of the same original', async () => {
    const api = axios.create({ adapter: serverAdapter(() => ({ status: 401 }), axios.AxiosError as never) as never });
    const first = await api.get('https://x.test/loop').catch((e: AxiosError) => e);
    const original = lastEnter(rec);
    const second = await api(first.config!).catch((e: AxiosError) => e);
    expect(lastEnter(rec)).toMatchObject({ attempt: 2, replayOf: original.id });
    await api.request(second.config!).catch(() => undefined);
    expect(lastEnter(rec)).toMatchObject({ attempt: 3, replayOf: original.id });
  });

  it('links a replay made with response.config or through another instance', async () => {
    const api = axios.create({ adapter: serverAdapter(() => ({ status: 200 }), axios.AxiosError as never) as never });
    const other: AxiosInstance = axios.create({ adapter: serverAdapter(() => ({ status: 200 }), axios.AxiosError as never) as never });
    const response = await api.get('https://x.test/r');
    const original = lastEnter(rec);
    await other(response.config);
    expect(lastEnter(rec)).toMatchObject({ attempt: 2, replayOf: original.id });
  });

  it('links the config an interceptor substituted, which is what error.config holds', async () => {
    const api = axios.create({ adapter: serverAdapter(() => ({ status: 401 }), axios.AxiosError as never) as never });
    api.interceptors.request.use((config) => ({ ...config }) as never);
    const error = await api.get('https://x.test/s').catch((e: AxiosError) => e);
    const original = lastEnter(rec);
    await api(error.config!).catch(() => undefined);
    expect(lastEnter(rec)).toMatchObject({ attempt: 2, replayOf: original.id });
  });

  it('does not call a copied config, or a reused options object of the app, a replay', async () => {
    const api = axios.create({ adapter: serverAdapter(() => ({ status: 401 }), axios.AxiosError as never) as never });
    const error = await api.get('https://x.test/c').catch((e: AxiosError) => e);
    await api({ ...error.config! }).catch(() => undefined);
    expect(lastEnter(rec)).toMatchObject({ attempt: 1 });
    expect(lastEnter(rec).replayOf).toBeUndefined();
    const options = { url: 'https://x.test/poll' };
    await api(options).catch(() => undefined);
    await api(options).catch(() => undefined);
    expect(lastEnter(rec)).toMatchObject({ attempt: 1 });
  });
});

it('emits only events the protocol validator accepts', () => {
  expect(rec.events.length).toBeGreaterThan(0);
  expect(rec.invalid).toEqual([]);
});

describe('Replays (the mark on a config)', () => {
  it('leaves nothing the page can see on the config, and survives frozen configs and a second mark', () => {
    const replays = new Replays();
    const config = { url: '/a', headers: { accept: 'x' } };
    const frozen = Object.freeze({ url: '/b' });
    const first = replays.begin(undefined, 'axr1');
    replays.markFresh(config, first);
    replays.markFresh(frozen, first);
    // A second mark (axios never merges into an object twice) keeps the first lineage.
    replays.markFresh(config, { firstId: 'other', attempts: 1 });
    expect(Reflect.ownKeys(config)).toEqual(['url', 'headers']);
    expect(Object.getOwnPropertyDescriptors(config)).toEqual(Object.getOwnPropertyDescriptors({ url: '/a', headers: { accept: 'x' } }));
    expect(JSON.stringify(config)).toBe('{"url":"/a","headers":{"accept":"x"}}');
    expect(structuredClone(config)).toEqual({ url: '/a', headers: { accept: 'x' } });
    expect(replays.begin(config, 'axr2')).toBe(first);
    expect(replays.begin(frozen, 'axr3')).toBe(first);
    expect(first.attempts).toBe(3);
    // A copy is not a replay.
    expect(replays.begin({ ...config }, 'axr4')).toEqual({ firstId: 'axr4', attempts: 1 });
  });
});
