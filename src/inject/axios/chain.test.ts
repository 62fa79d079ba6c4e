/**
 * The interceptor chain seen from outside: our steps bracket the app's
 * interceptors in every ordering axios uses, a request held by an app
 * interceptor shows as a gap between enter and dispatch, and the outcome of
 * the transport and of the caller's promise are reported.
 */
import type { AxiosInstance, AxiosStatic } from 'axios';
import { beforeAll, describe, expect, it } from 'vitest';
import { installAxiosHooks } from './index';
import { importFreshAxios1, lastEnter, logSteps, recorder, requireFresh027, scriptTagAxios, serverAdapter } from './test-helpers';

const rec = recorder();
/** The app's interceptors and our steps, in the order they happened. */
const log: string[] = [];
beforeAll(() => {
  logSteps(rec, log);
  installAxiosHooks(rec.ctx);
});

const copies: Array<[string, () => Promise<AxiosStatic> | AxiosStatic, boolean]> = [
  ['1.x ESM (async request)', importFreshAxios1, true],
  ['1.x UMD (transpiled request)', () => scriptTagAxios('1'), true],
  ['0.27', requireFresh027, false],
];

describe.each(copies)('%s', (_name, load, isV1) => {
  let axios: AxiosStatic;
  beforeAll(async () => {
    axios = await load();
  });

  const make = (options: Record<string, unknown> = {}): AxiosInstance =>
    axios.create({ adapter: serverAdapter(() => ({ status: 200 }), axios.AxiosError as never) as never, ...options });

  function logInterceptors(api: AxiosInstance, synchronous: boolean) {
    const opts = synchronous ? { synchronous: true } : undefined;
    const req = (name: string) => <T,>(c: T): T => (log.push(name), c);
    const res = (name: string) => <T,>(r: T): T => (log.push(name), r);
    api.interceptors.request.use(req('reqA'), undefined, opts);
    api.interceptors.request.use(req('reqB'), undefined, opts);
    api.interceptors.response.use(res('resC'));
    api.interceptors.response.use(res('resD'));
  }

  async function run(api: AxiosInstance): Promise<string[]> {
    log.length = 0;
    await api.get('https://x.test/r').then(() => log.push('caller'));
    return log.slice();
  }

  it.each([false, true])('brackets the app interceptors (synchronous: %s)', async (synchronous) => {
    const api = make();
    logInterceptors(api, synchronous);
    // axios runs request interceptors last-registered first by default.
    expect(await run(api)).toEqual(['@enter', 'reqB', 'reqA', '@dispatch', '@transport-end', 'resC', 'resD', '@settle', 'caller']);
  });

  it.runIf(isV1)('brackets them too when 1.x runs request interceptors in registration order', async () => {
    const api = make({ transitional: { legacyInterceptorReqResOrdering: false } });
    logInterceptors(api, false);
    expect(await run(api)).toEqual(['@enter', 'reqA', 'reqB', '@dispatch', '@transport-end', 'resC', 'resD', '@settle', 'caller']);
  });

  it('shows a request held by an app interceptor (queued behind a refresh) as a late dispatch', async () => {
    const api = make();
    let release!: () => void;
    const refreshDone = new Promise<void>((r) => (release = r));
    api.interceptors.request.use(async (config) => {
      await refreshDone;
      return config;
    });
    const pending = api.get('https://x.test/queued');
    const { id } = lastEnter(rec);
    for (let i = 0; i < 20; i++) await Promise.resolve();
    expect(rec.steps(id).map((s) => s.step)).toEqual(['enter']);
    const releasedAt = rec.ctx.now();
    release();
    await pending;
    const dispatch = rec.steps(id).find((s) => s.step === 'dispatch')!;
    expect(dispatch.t).toBeGreaterThan(releasedAt);
    expect(rec.steps(id).map((s) => s.step)).toEqual(['enter', 'dispatch', 'transport-end', 'settle']);
  });

  it('reports an auth failure at the transport and at the caller', async () => {
    const api = axios.create({ adapter: serverAdapter(() => ({ status: 401 }), axios.AxiosError as never) as never });
    const error = await api.get('https://x.test/401').catch((e: unknown) => e);
    expect((error as { response: { status: number } }).response.status).toBe(401);
    const steps = rec.steps(lastEnter(rec).id);
    expect(steps.find((s) => s.step === 'transport-end')).toMatchObject({ outcome: 'error', status: 401, errorCode: 'ERR_BAD_REQUEST' });
    expect(steps.find((s) => s.step === 'settle')).toMatchObject({ outcome: 'error', status: 401, errorCode: 'ERR_BAD_REQUEST' });
  });

  it('reports a failure the app recovers from as an error at the transport and a response at the caller', async () => {
    let first = true;
    const api = axios.create({
      adapter: serverAdapter(() => (first ? ((first = false), { status: 401 }) : { status: 200 }), axios.AxiosError as never) as never,
    });
    api.interceptors.response.use(undefined, (error) => api(error.config));
    const response = await api.get('https://x.test/recovers');
    expect(response.status).toBe(200);
    const enters = rec.steps().filter((s) => s.step === 'enter').slice(-2);
    const [original, replay] = enters.map((e) => rec.steps(e.id));
    expect(original.find((s) => s.step === 'transport-end')).toMatchObject({ outcome: 'error', status: 401 });
    expect(original.find((s) => s.step === 'settle')).toMatchObject({ outcome: 'response', status: 200 });
    expect(replay.find((s) => s.step === 'settle')).toMatchObject({ outcome: 'response', status: 200 });
  });

  it('reports a network error without a status', async () => {
    const api = axios.create({ adapter: serverAdapter(() => 'network-error', axios.AxiosError as never) as never });
    await api.get('https://x.test/down').catch(() => undefined);
    const settle = rec.steps(lastEnter(rec).id).find((s) => s.step === 'settle');
    expect(settle).toEqual(expect.objectContaining({ outcome: 'error', errorCode: 'ERR_NETWORK' }));
    expect(settle).not.toHaveProperty('status');
  });

  it('reports a request interceptor that rejects: no dispatch, the caller gets that very error', async () => {
    const api = make();
    const refusal = new Error('no token');
    api.interceptors.request.use(() => {
      throw refusal;
    });
    await expect(api.get('https://x.test/refused')).rejects.toBe(refusal);
    expect(rec.steps(lastEnter(rec).id).map((s) => `${s.step}:${s.outcome ?? ''}`)).toEqual(['enter:', 'settle:error']);
  });

  it('reports a cancelled request as an error with the cancel code', async () => {
    const api = make();
    const controller = new AbortController();
    controller.abort();
    await api.get('https://x.test/cancelled', { signal: controller.signal }).catch(() => undefined);
    expect(rec.steps(lastEnter(rec).id).at(-1)).toMatchObject({ step: 'settle', outcome: 'error', errorCode: 'ERR_CANCELED' });
  });

  it.runIf(!isV1)('re-throws a synchronous throw of 0.x request() synchronously, and reports it', () => {
    const api = make();
    let thrown: unknown;
    try {
      void api.request({ url: 'https://x.test/bad', transitional: { silentJSONParsing: 'yes' as never } });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect(String((thrown as Error).message)).toContain('silentJSONParsing');
    expect(rec.steps(lastEnter(rec).id).map((s) => s.step)).toEqual(['enter', 'settle']);
  });

  it('reports settle before the caller sees it, with no interceptor at all', async () => {
    expect(await run(make())).toEqual(['@enter', '@dispatch', '@transport-end', '@settle', 'caller']);
    const api = axios.create({ adapter: serverAdapter(() => ({ status: 401 }), axios.AxiosError as never) as never });
    log.length = 0;
    await api.get('https://x.test/bare-401').catch(() => log.push('caller'));
    expect(log).toEqual(['@enter', '@dispatch', '@transport-end', '@settle', 'caller']);
    expect(rec.steps(lastEnter(rec).id).at(-1)).toMatchObject({ step: 'settle', outcome: 'error', status: 401 });
  });

  it('reports an adapter that throws synchronously in synchronous mode (axios skips the response chain)', async () => {
    const boom = new Error('adapter exploded');
    const api = axios.create({
      adapter: (() => {
        throw boom;
      }) as never,
    });
    api.interceptors.request.use((c) => c, undefined, { synchronous: true });
    api.interceptors.response.use((r) => r);
    await expect(api.get('https://x.test/sync-throw')).rejects.toBe(boom);
    expect(rec.steps(lastEnter(rec).id).map((s) => `${s.step}:${s.outcome ?? ''}`)).toEqual(['enter:', 'dispatch:', 'transport-end:error', 'settle:error']);
  });

  it('synchronous mode: a request interceptor that throws and recovers dispatches the config it was given, and that is the dispatch reported', async () => {
    const ran: string[] = [];
    const api = make();
    api.interceptors.request.use((c) => (ran.push('A'), (c.headers!['X-A'] = '1'), c), undefined, { synchronous: true });
    api.interceptors.request.use(
      () => {
        ran.push('B');
        throw new Error('no token');
      },
      () => (ran.push('B rejected'), 'ignored by axios'),
      { synchronous: true },
    );
    const response = await api.get('https://x.test/sync-recovers', { headers: { 'X-Given': '1' } });
    expect(ran).toEqual(['B', 'B rejected']);
    expect(response.status).toBe(200);
    const steps = rec.steps(lastEnter(rec).id);
    expect(steps.map((s) => s.step)).toEqual(['enter', 'dispatch', 'transport-end', 'settle']);
    expect(Object.keys(steps[1].headers ?? {})).toContain('x-given');
    expect(Object.keys(steps[1].headers ?? {})).not.toContain('x-a');
  });

  it.runIf(isV1)('reports a 1.x call that fails before axios builds its chain', async () => {
    const api = make();
    const pending = api.request({ url: 'https://x.test/bad', transitional: { silentJSONParsing: 'yes' as never } });
    await expect(pending).rejects.toThrow('silentJSONParsing');
    expect(rec.steps(lastEnter(rec).id).map((s) => `${s.step}:${s.outcome ?? ''}`)).toEqual(['enter:', 'settle:error']);
  });

  it('keeps calls apart when a synchronous request interceptor sends a request of its own', async () => {
    const api = make();
    const side = make();
    let inner: Promise<unknown> | undefined;
    api.interceptors.request.use(
      (c) => {
        inner ??= side.get('https://x.test/side');
        return c;
      },
      undefined,
      { synchronous: true },
    );
    await api.get('https://x.test/outer');
    await inner;
    const enters = rec.steps().filter((s) => s.step === 'enter').slice(-2);
    expect(enters.map((e) => e.url)).toEqual(['https://x.test/outer', 'https://x.test/side']);
    for (const e of enters) expect(rec.steps(e.id).map((s) => s.step)).toEqual(['enter', 'dispatch', 'transport-end', 'settle']);
  });

  it('keeps calls apart when an app runWhen, run while axios collects the chain, sends a request of its own', async () => {
    const api = make();
    const order: string[] = [];
    let inner: Promise<unknown> | undefined;
    // axios collects handlers in registration order: B is offered after A's runWhen sent the nested call.
    api.interceptors.request.use((c) => (order.push(`A ${c.url}`), c), undefined, {
      runWhen: (c: { url?: string }) => {
        // The same instance, from inside the outer call's collection: a nested collection.
        if (c.url === 'https://x.test/outer') inner ??= api.get('https://x.test/nested');
        return true;
      },
    } as never);
    api.interceptors.request.use((c) => (order.push(`B ${c.url}`), c));
    api.interceptors.response.use((r) => (order.push(`R ${r.config.url}`), r));
    await api.get('https://x.test/outer');
    await inner;
    const enters = rec.steps().filter((s) => s.step === 'enter').slice(-2);
    expect(enters.map((e) => e.url)).toEqual(['https://x.test/outer', 'https://x.test/nested']);
    for (const e of enters) expect(rec.steps(e.id).map((s) => s.step)).toEqual(['enter', 'dispatch', 'transport-end', 'settle']);
    // Each call ran both request interceptors and the response one, once.
    expect(order.filter((x) => x.endsWith('outer')).sort()).toEqual(['A https://x.test/outer', 'B https://x.test/outer', 'R https://x.test/outer']);
    expect(order.filter((x) => x.endsWith('nested')).sort()).toEqual(['A https://x.test/nested', 'B https://x.test/nested', 'R https://x.test/nested']);
  });

  it('reports the headers that matter and the bearer token at dispatch, as the interceptors left them', async () => {
    const jwt = `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(JSON.stringify({ exp: 1_900_000_000, sub: 'u7' })).toString('base64url')}.sig`;
    const api = make({ headers: { common: { 'X-Client': 'web' } } });
    api.interceptors.request.use((config) => {
      config.headers!.Authorization = `Bearer ${jwt}`;
      return config;
    });
    await api.post('https://x.test/items', { a: 1 }, { headers: { 'X-Request-Id': 'r1' } });
    const dispatch = rec.steps(lastEnter(rec).id).find((s) => s.step === 'dispatch')!;
    expect(dispatch.token).toMatchObject({ kind: 'jwt', exp: 1_900_000_000, sub: 'u7' });
    expect(dispatch.headers).toMatchObject({ authorization: dispatch.token, 'x-client': 'web', 'x-request-id': 'r1' });
    expect(JSON.stringify(rec.events)).not.toContain(jwt);
  });

  it('reports the URL as the interceptors left it, params changed in place included', async () => {
    const api = make();
    api.interceptors.request.use((config) => {
      config.params.page = 2;
      return config;
    });
    await api.get('https://x.test/list', { params: { q: 'a' } });
    const steps = rec.steps(lastEnter(rec).id);
    expect(steps[0]).toMatchObject({ step: 'enter', url: 'https://x.test/list?q=a' });
    expect(steps[1]).toMatchObject({ step: 'dispatch', url: 'https://x.test/list?q=a&page=2' });
  });

  it('says the method again at dispatch only when an interceptor changed it', async () => {
    const api = make();
    api.interceptors.request.use((config) => {
      config.method = 'post';
      return config;
    });
    await api.get('https://x.test/m');
    const steps = rec.steps(lastEnter(rec).id);
    expect(steps[0]).toMatchObject({ step: 'enter', method: 'GET', url: 'https://x.test/m' });
    expect(steps[1]).toMatchObject({ step: 'dispatch', method: 'POST' });
    expect(steps[1]).not.toHaveProperty('url');
  });

  it('never lets an error of ours reach the page', () => {
    expect(rec.errors).toEqual([]);
  });
});

it('emits only events the protocol validator accepts', () => {
  expect(rec.events.length).toBeGreaterThan(0);
  expect(rec.invalid).toEqual([]);
});
