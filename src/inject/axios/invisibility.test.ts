/**
 * Differential test: the same scenario runs on copies of axios loaded before
 * the hooks exist (baseline) and on fresh copies loaded after (instrumented);
 * everything the app can see must be equal: what each interceptor and the
 * adapter receive (keys, order, attributes, prototypes, identities), headers
 * sent, results and errors, order of completion, handlers/use/eject/clear,
 * runWhen, synchronous interceptors, and the reflective face of the methods
 * we wrapped. Error stacks and 1.x's measured `duration` are compared by type only.
 */
import type { AxiosInstance, AxiosStatic } from 'axios';
import { beforeAll, describe, expect, it } from 'vitest';
import { installAxiosHooks } from './index';
import { importFreshAxios1, microtasksWaited, recorder, requireFresh027, scriptTagAxios } from './test-helpers';

type Loader = () => Promise<AxiosStatic> | AxiosStatic;
const copies: Array<[string, Loader]> = [
  ['1.x ESM', importFreshAxios1],
  ['1.x UMD', () => scriptTagAxios('1')],
  ['0.27', requireFresh027],
];

const ticks = async (n: number) => {
  for (let i = 0; i < n; i++) await null;
};

/** A JSON-able picture of a value: own keys in order, attributes, prototype kind, shared references. */
function snapshot(value: unknown, labels: (o: object) => string, depth = 0): unknown {
  if (value === undefined) return '<undefined>';
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return value;
  if (typeof value === 'function') return `fn ${value.name}/${value.length}`;
  const proto = Object.getPrototypeOf(value);
  const out: Record<string, unknown> = { '<id>': labels(value), '<proto>': proto === null ? null : proto.constructor?.name };
  if (depth > 3) return out;
  for (const key of Reflect.ownKeys(value)) {
    const d = Object.getOwnPropertyDescriptor(value, key)!;
    const attrs = `${d.enumerable ? 'e' : ''}${d.writable ? 'w' : ''}${d.configurable ? 'c' : ''}`;
    // Time-dependent: axios 1.x's measured `duration`, and stacks (they name the file of each copy).
    const volatile = key === 'duration' || key === 'stack';
    out[`${String(key)} [${attrs}]`] = !('value' in d) ? '<accessor>' : volatile ? typeof d.value : snapshot(d.value, labels, depth + 1);
  }
  return out;
}

async function scenario(axios: AxiosStatic): Promise<Record<string, unknown>> {
  const ids = new Map<object, string>();
  const label = (o: object) => {
    if (!ids.has(o)) ids.set(o, `#${ids.size}`);
    return ids.get(o)!;
  };
  const snap = (v: unknown) => snapshot(v, label);
  const log: string[] = [];
  const sent: unknown[] = [];
  const adapter = async (config: Record<string, unknown> & { url: string; headers: { toJSON?: () => unknown } }) => {
    log.push(`adapter ${config.url} ${label(config)}`);
    sent.push(snap(typeof config.headers.toJSON === 'function' ? config.headers.toJSON() : config.headers));
    await ticks(config.url.includes('slow') ? 5 : 1);
    const status = config.url.includes('401') ? 401 : 200;
    const response = { data: { url: config.url }, status, statusText: 'x', headers: { 'x-r': '1' }, config, request: {} };
    if (status === 200) return response;
    throw new axios.AxiosError('Request failed', 'ERR_BAD_REQUEST', config as never, {}, response as never);
  };
  const api = axios.create({ baseURL: 'https://api.test', adapter: adapter as never, headers: { common: { 'X-App': '1' } } as never });
  const used = [
    api.interceptors.request.use((c) => {
      log.push(`reqA ${c.url} ${label(c)}`);
      c.headers!['X-A'] = '1';
      return c;
    }),
    api.interceptors.request.use(
      async (c) => {
        log.push(`reqB ${c.url} ${label(c)} ${JSON.stringify(snap(c))}`);
        await ticks(c.url === '/slow-interceptor' ? 4 : 0);
        return c;
      },
      undefined,
      {
        // A method: axios calls it on the app's handler object, and so must we.
        runWhen(this: unknown, c: { url?: string }) {
          const own = (api.interceptors.request as unknown as { handlers: unknown[] }).handlers[1];
          log.push(`runWhen ${c.url} ${label(c)} this=handler:${this === own}`);
          return c.url !== '/skip';
        },
      } as never,
    ),
    api.interceptors.request.use((c) => (log.push('ejected one ran'), c)),
    api.interceptors.response.use(
      (r) => (log.push(`resC ${r.status} ${label(r)} ${label(r.config)}`), r),
      (e) => {
        log.push(`resC! ${e.code} ${label(e)} ${label(e.config)}`);
        throw e;
      },
    ),
  ];
  api.interceptors.request.eject(used[2]);
  const handlers = snap((api.interceptors.request as unknown as { handlers: unknown }).handlers);
  const calls = ['/a', '/slow', '/401', '/skip', '/slow-interceptor', '/b'].map((u) =>
    api.get(u).then(
      (r) => (log.push(`done ${u}`), snap(r)),
      (e) => (log.push(`fail ${u}`), { error: snap(e), isAxiosError: axios.isAxiosError(e), isInstance: e instanceof axios.AxiosError }),
    ),
  );
  const results = await Promise.all(calls);

  // An instance with no response interceptor next to one with some: the only
  // case where our one added handler delays the caller by a microtask.
  const mixedLog: string[] = [];
  const bare = axios.create({ adapter: adapter as never });
  await Promise.all([
    bare.get('/bare').then(() => mixedLog.push('bare done')),
    api.get('/a').then(() => mixedLog.push('api done')),
    bare.get('/bare-2').then(() => mixedLog.push('bare-2 done')),
  ]);

  const ok = (async (c: unknown) => ({ status: 200, data: 1, headers: {}, config: c })) as never;
  const withInterceptors = axios.create({ adapter: ok });
  withInterceptors.interceptors.request.use((c) => c);
  withInterceptors.interceptors.response.use((r) => r);
  const noInterceptors = axios.create({ adapter: ok });
  const responseOnly = axios.create({ adapter: ok });
  responseOnly.interceptors.response.use((r) => r);
  const requestOnly = axios.create({ adapter: ok });
  requestOnly.interceptors.request.use((c) => c);
  const throwing = axios.create({ adapter: (() => Promise.reject(new Error('down'))) as never });
  const adapterThrows = axios.create({
    adapter: (() => {
      throw new Error('adapter exploded');
    }) as never,
  });
  adapterThrows.interceptors.response.use((r) => r);
  const asyncRequest = axios.create({ adapter: ok });
  asyncRequest.interceptors.request.use(async (c) => c);
  const refusing = axios.create({ adapter: ok });
  refusing.interceptors.request.use(() => Promise.reject(new Error('no token')));
  const recoveringRequest = axios.create({ adapter: ok });
  recoveringRequest.interceptors.request.use(undefined, () => ({ url: '/recovered', headers: {}, adapter: ok }));
  recoveringRequest.interceptors.request.use(() => {
    throw new Error('no token yet');
  });
  const cancelledWhileHeld = axios.create({ adapter: ok });
  const controller = new AbortController();
  cancelledWhileHeld.interceptors.request.use(async (c) => (controller.abort(), c));
  const waited = {
    withInterceptors: await microtasksWaited(() => withInterceptors.get('/t')),
    noInterceptors: await microtasksWaited(() => noInterceptors.get('/t')),
    responseOnly: await microtasksWaited(() => responseOnly.get('/t')),
    requestOnly: await microtasksWaited(() => requestOnly.get('/t')),
    failing: await microtasksWaited(() => throwing.get('/t')),
    adapterThrows: await microtasksWaited(() => adapterThrows.get('/t')),
    asyncRequest: await microtasksWaited(() => asyncRequest.get('/t')),
    refusing: await microtasksWaited(() => refusing.get('/t')),
    recoveringRequest: await microtasksWaited(() => recoveringRequest.get('/t')),
    cancelledWhileHeld: await microtasksWaited(() => cancelledWhileHeld.get('/t', { signal: controller.signal })),
  };

  // Synchronous request interceptors run inside the call, before it returns.
  const syncLog: string[] = [];
  const syncApi = axios.create({ adapter: adapter as never });
  syncApi.interceptors.request.use((c) => (syncLog.push('interceptor'), c), undefined, { synchronous: true });
  const pending = syncApi.get('/sync');
  syncLog.push('returned');
  await pending;

  // Replaying with error.config, as refresh interceptors do.
  const failure = await api.get('/401-again').catch((e) => e);
  const replay = await api(failure.config).catch((e) => snap(e));

  const manager = api.interceptors.request as unknown as { clear?: () => void; handlers: unknown };
  let afterClear: unknown = 'no clear()';
  if (typeof manager.clear === 'function') {
    manager.clear();
    afterClear = [snap(manager.handlers), snap(await api.get('/after-clear'))];
  }
  const proto = axios.Axios.prototype as unknown as Record<string, Function>;
  const managerProto = Object.getPrototypeOf(api.interceptors.request) as Record<string, Function>;
  const reflect = (owner: object, key: string) => {
    const d = Object.getOwnPropertyDescriptor(owner, key)!;
    const fn = d.value as Function;
    return { source: Function.prototype.toString.call(fn), name: fn.name, length: fn.length, e: d.enumerable, w: d.writable, c: d.configurable, hasPrototype: 'prototype' in fn, tag: Object.prototype.toString.call(fn) };
  };
  return {
    used, handlers, results, log, sent, syncLog, mixedLog, replay, afterClear, waited,
    promise: Object.prototype.toString.call(pending),
    request: reflect(proto, 'request'),
    innerRequest: typeof proto._request === 'function' ? reflect(proto, '_request') : 'no _request',
    forEach: reflect(managerProto, 'forEach'),
    instanceKeys: Object.keys(api),
    protoKeys: Object.getOwnPropertyNames(proto),
    contextKeys: Object.keys(new axios.Axios({})),
  };
}

const baseline = new Map<string, Record<string, unknown>>();
const instrumented = new Map<string, Record<string, unknown>>();
const rec = recorder();
let unhandledBaseline: AxiosInstance;
let leftBaseline: AxiosInstance[];

beforeAll(async () => {
  for (const [name, load] of copies) baseline.set(name, await scenario(await load()));
  unhandledBaseline = (await importFreshAxios1()).create({ adapter: (() => Promise.reject(new Error('down'))) as never });
  leftBaseline = [leavesOneUnhandled(await importFreshAxios1()), leavesOneUnhandled(requireFresh027())];
  installAxiosHooks(rec.ctx);
  for (const [name, load] of copies) instrumented.set(name, await scenario(await load()));
});

describe.each(copies.map(([name]) => name))('%s', (name) => {
  it.each(['used', 'handlers', 'results', 'log', 'sent', 'syncLog', 'mixedLog', 'replay', 'afterClear', 'promise', 'request', 'innerRequest', 'forEach', 'instanceKeys', 'protoKeys', 'contextKeys'])(
    'the app sees the same %s',
    (key) => {
      expect(instrumented.get(name)![key]).toEqual(baseline.get(name)![key]);
    },
  );

  // 1.x: settle is seen on the promise axios awaits (inner-request-hook.ts);
  // 0.x, which returns its chain to the caller: through the adapter lent for
  // the dispatch (lent-adapter.ts).
  it('adds no microtask, with or without interceptors', () => {
    expect(instrumented.get(name)!.waited).toEqual(baseline.get(name)!.waited);
  });

  it('was really instrumented (the comparison is not vacuous)', () => {
    const calls = rec.steps().filter((s) => s.step === 'enter');
    expect(calls.length).toBeGreaterThan(0);
    expect(rec.errors).toEqual([]);
  });
});

/**
 * Synchronous mode: a request interceptor throws and its `rejected` returns a
 * rejected promise, which axios ignores (it dispatches the config the
 * interceptor was given): the app leaves that rejection unhandled.
 */
function leavesOneUnhandled(axios: AxiosStatic): AxiosInstance {
  const api = axios.create({ adapter: (async (c: unknown) => ({ status: 200, data: 1, headers: {}, config: c })) as never });
  api.interceptors.request.use(
    () => {
      throw new Error('no token');
    },
    () => Promise.reject(new Error('left unhandled by the app')),
    { synchronous: true },
  );
  return api;
}

it('keeps an unhandled rejection unhandled, once, with the same reason', async () => {
  const instrumentedApi = (await importFreshAxios1()).create({ adapter: (() => Promise.reject(new Error('down'))) as never });
  const leftInstrumented = [leavesOneUnhandled(await importFreshAxios1()), leavesOneUnhandled(requireFresh027())];
  const saved = process.listeners('unhandledRejection');
  process.removeAllListeners('unhandledRejection');
  const seen: string[] = [];
  process.on('unhandledRejection', (reason) => void seen.push((reason as Error).message));
  try {
    for (const api of [unhandledBaseline, instrumentedApi, ...leftBaseline, ...leftInstrumented]) {
      void api.get('https://x.test/never-handled');
      await new Promise((r) => setImmediate(r));
      await new Promise((r) => setImmediate(r));
    }
  } finally {
    process.removeAllListeners('unhandledRejection');
    for (const l of saved) process.on('unhandledRejection', l);
  }
  expect(seen).toEqual(['down', 'down', ...Array(4).fill('left unhandled by the app')]);
});

it('emits only events the protocol validator accepts', () => {
  expect(rec.events.length).toBeGreaterThan(0);
  expect(rec.invalid).toEqual([]);
});
