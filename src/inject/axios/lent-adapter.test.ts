/**
 * The adapter lent for the dispatch (lent-adapter.ts), on axios 0.27: what
 * each party sees of `config.adapter`, and how a call's end is seen when
 * nothing of ours is in its chain, in synchronous and asynchronous mode,
 * through every way dispatchRequest can end. Microtasks waited are compared
 * with bare axios in invisibility.test.ts.
 */
import type { AxiosStatic, InternalAxiosRequestConfig } from 'axios';
import { beforeAll, describe, expect, it } from 'vitest';
import { installAxiosHooks } from './index';
import { lastEnter, logSteps, recorder, requireFresh027, serverAdapter } from './test-helpers';

const rec = recorder();
/** Our steps and the caller's settle, in the order they happened. */
const log: string[] = [];
let axios: AxiosStatic;
beforeAll(() => {
  logSteps(rec, log);
  installAxiosHooks(rec.ctx);
  axios = requireFresh027();
});

const make = () => axios.create({ adapter: serverAdapter(() => ({ status: 200 }), axios.AxiosError as never) as never });

describe('axios 0.27', () => {
  it('0.x synchronous mode: only transformRequest sees the adapter lent for the dispatch; the adapter and the caller see their own', async () => {
    const seen: string[] = [];
    const answer = serverAdapter(() => ({ status: 200 }), axios.AxiosError as never);
    const adapter = (c: { adapter?: unknown }) => (seen.push(`adapter ${c.adapter === adapter}`), answer(c as never));
    const api = axios.create({
      adapter: adapter as never,
      transformRequest: [
        function (this: { adapter?: unknown }, data: unknown) {
          // The one place the loan shows (src/inject/axios/README.md, known gaps).
          seen.push(`transformRequest ${this.adapter === adapter}`);
          return data;
        },
      ],
    });
    api.interceptors.request.use((c) => (seen.push(`interceptor ${c.adapter === adapter}`), c), undefined, { synchronous: true });
    api.interceptors.response.use((r) => (seen.push(`response ${r.config.adapter === adapter}`), r));
    const response = await api.get('https://x.test/lend');
    expect(seen).toEqual(['interceptor true', 'transformRequest false', 'adapter true', 'response true']);
    expect(response.config.adapter).toBe(adapter);
    expect(Object.getOwnPropertyDescriptor(response.config, 'adapter')).toMatchObject({ writable: true, enumerable: true, configurable: true });
  });

  it('0.x synchronous mode: a dispatchRequest that throws before the adapter is still reported, and the adapter is put back', async () => {
    const broken = new Error('cannot serialise');
    let config: { adapter?: unknown } | undefined;
    const adapter = serverAdapter(() => ({ status: 200 }), axios.AxiosError as never);
    const api = axios.create({
      adapter: adapter as never,
      transformRequest: [
        () => {
          throw broken;
        },
      ],
    });
    api.interceptors.request.use((c) => ((config = c), c), undefined, { synchronous: true });
    await expect(api.post('https://x.test/unsendable', { a: 1 })).rejects.toBe(broken);
    expect(config!.adapter).toBe(adapter);
    // No transport-end: nothing was sent.
    expect(rec.steps(lastEnter(rec).id).map((s) => `${s.step}:${s.outcome ?? ''}`)).toEqual(['enter:', 'dispatch:', 'settle:error']);
  });

  it('0.x synchronous mode: an adapter that returns no promise fails as without us, and is reported', async () => {
    const api = axios.create({ adapter: (() => 'not a promise') as never });
    const error = await api.get('https://x.test/no-promise').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(rec.steps(lastEnter(rec).id).at(-1)).toMatchObject({ step: 'settle', outcome: 'error' });
  });

  it('0.x, asynchronous request interceptors, no response interceptor: the end is seen through the adapter lent for the dispatch', async () => {
    const seen: string[] = [];
    const answer = serverAdapter(() => ({ status: 201 }), axios.AxiosError as never);
    const adapter = (c: { adapter?: unknown }) => (seen.push(`adapter ${c.adapter === adapter}`), answer(c as never));
    const api = axios.create({ adapter: adapter as never });
    // Read first by axios, so chained last: its outcome is what dispatchRequest gets.
    api.interceptors.request.use(async (c) => (seen.push(`last ${c.adapter === adapter}`), c));
    api.interceptors.request.use((c) => (seen.push(`first ${c.adapter === adapter}`), c));
    log.length = 0;
    const response = await api.get('https://x.test/lent-later').then((r) => (log.push('caller'), r));
    expect(seen).toEqual(['first true', 'last true', 'adapter true']);
    expect(response.config.adapter).toBe(adapter);
    expect(log).toEqual(['@enter', '@dispatch', '@transport-end', '@settle', 'caller']);
    expect(rec.steps(lastEnter(rec).id).at(-1)).toMatchObject({ step: 'settle', outcome: 'response', status: 201 });
  });

  it('0.x, asynchronous mode: an error a later request handler recovers from is not the end', async () => {
    const api = make();
    api.interceptors.request.use(undefined, () => ({ url: 'https://x.test/recovered', method: 'get', headers: {}, adapter: serverAdapter(() => ({ status: 202 })) }));
    api.interceptors.request.use(() => {
      throw new Error('no token yet');
    });
    const response = await api.get('https://x.test/recovers-in-request');
    expect(response.status).toBe(202);
    expect(rec.steps(lastEnter(rec).id).at(-1)).toMatchObject({ step: 'settle', outcome: 'response', status: 202 });
  });

  it('0.x, asynchronous mode: a request cancelled while an interceptor held it ends as cancelled, with nothing sent', async () => {
    const api = make();
    const controller = new AbortController();
    api.interceptors.request.use(async (c) => (controller.abort(), c));
    await expect(api.get('https://x.test/cancelled-while-held', { signal: controller.signal })).rejects.toMatchObject({ code: 'ERR_CANCELED' });
    const id = lastEnter(rec).id;
    await expect.poll(() => rec.steps(id).map((s) => `${s.step}:${s.errorCode ?? ''}`)).toEqual(['enter:', 'dispatch:', 'settle:ERR_CANCELED']);
  });

  it('0.x, asynchronous mode, no response interceptor: an adapter that throws is reported with its error', async () => {
    const boom = new Error('adapter exploded later');
    const api = axios.create({
      adapter: (() => {
        throw boom;
      }) as never,
    });
    api.interceptors.request.use(async (c) => c);
    await expect(api.get('https://x.test/async-throw')).rejects.toBe(boom);
    expect(rec.steps(lastEnter(rec).id).map((s) => `${s.step}:${s.outcome ?? ''}`)).toEqual(['enter:', 'dispatch:', 'transport-end:error', 'settle:error']);
  });

  it('0.x, asynchronous mode: one config object handed to two concurrent dispatches lends to one; both ends are seen', async () => {
    const seen: string[] = [];
    let n = 0;
    const answer = serverAdapter(() => ({ status: 200 + ++n }), axios.AxiosError as never);
    const adapter = (c: { adapter?: unknown }) => (seen.push(`adapter ${c.adapter === adapter}`), answer(c as never));
    const api = axios.create({ adapter: adapter as never });
    let shared: InternalAxiosRequestConfig | undefined;
    api.interceptors.request.use(async (c) => (shared ??= c));
    const [a, b] = await Promise.all([api.get('https://x.test/one'), api.get('https://x.test/two')]);
    expect(seen).toEqual(['adapter true', 'adapter true']);
    expect([a.status, b.status]).toEqual([201, 202]);
    const enters = rec.steps().filter((s) => s.step === 'enter').slice(-2);
    await expect.poll(() => enters.map((e) => rec.steps(e.id).at(-1)?.status)).toEqual([201, 202]);
  });

  it('0.x, asynchronous mode: a config that cannot lend (frozen) is still seen to end', async () => {
    const api = make();
    api.interceptors.request.use(async (c) => Object.freeze({ ...c }));
    await expect(api.get('https://x.test/frozen')).rejects.toBeInstanceOf(TypeError);
    const id = lastEnter(rec).id;
    await expect.poll(() => rec.steps(id).at(-1)).toMatchObject({ step: 'settle', outcome: 'error' });
  });

});
