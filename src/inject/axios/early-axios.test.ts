/**
 * axios before 0.21.2 (0.21.1 here, long the version most apps pinned): its
 * `request` asks no runWhen and has no synchronous mode or VERSION. Our probe
 * would be a chain link of its own there, so such a copy is known by its
 * source and gets none: the first request handler to run tells the merged
 * config, and with no interceptor at all the adapter is lent through the
 * instance's defaults. The same scenarios run on copies loaded before the
 * hooks and after.
 */
import type { AxiosInstance, AxiosStatic } from 'axios';
import { beforeAll, describe, expect, it } from 'vitest';
import { installAxiosHooks } from './index';
import { lastEnter, microtasksWaited, recorder, requireFresh021, scriptTagAxios, serverAdapter } from './test-helpers';

const copies: Array<[string, () => AxiosStatic]> = [
  ['0.21.1 CommonJS', requireFresh021],
  ['0.21.1 minified <script>', () => scriptTagAxios('0.21', true)],
];

/** One instance per shape of interceptors, answering at once. */
function shapes(axios: AxiosStatic): Record<string, AxiosInstance> {
  const make = () => axios.create({ adapter: serverAdapter(() => ({ status: 200 })) as never });
  const all = { none: make(), requestOnly: make(), asyncRequest: make(), responseOnly: make(), both: make(), refusing: make() };
  all.requestOnly.interceptors.request.use((c) => c);
  all.asyncRequest.interceptors.request.use(async (c) => c);
  all.responseOnly.interceptors.response.use((r) => r);
  all.both.interceptors.request.use((c) => c);
  all.both.interceptors.response.use((r) => r);
  all.refusing.interceptors.request.use(() => Promise.reject(new Error('no token')));
  return all;
}

async function scenario(axios: AxiosStatic) {
  const all = shapes(axios);
  const waited: Record<string, number> = {};
  for (const [name, api] of Object.entries(all)) waited[name] = await microtasksWaited(() => api.get('https://x.test/spin'));
  // Settled within one task: the order the page sees.
  const order: string[] = [];
  await Promise.all(
    Object.entries(all).flatMap(([name, api]) => [1, 2].map((n) => api.get(`https://x.test/${name}/${n}`).then(() => order.push(`${name} ${n}`), () => order.push(`${name} ${n}!`)))),
  );
  return { waited, order };
}

const rec = recorder();
const baseline = new Map<string, Awaited<ReturnType<typeof scenario>>>();
const instrumented = new Map<string, Awaited<ReturnType<typeof scenario>>>();
const loaded = new Map<string, AxiosStatic>();

beforeAll(async () => {
  for (const [name, load] of copies) baseline.set(name, await scenario(load()));
  installAxiosHooks(rec.ctx);
  for (const [name, load] of copies) {
    const axios = load();
    loaded.set(name, axios);
    instrumented.set(name, await scenario(axios));
  }
});

describe.each(copies.map(([name]) => name))('%s', (name) => {
  it('waits the same microtasks, whatever the instance\'s interceptors', () => {
    expect(instrumented.get(name)!.waited).toEqual(baseline.get(name)!.waited);
  });

  it('settles concurrent calls in the same order', () => {
    expect(instrumented.get(name)!.order).toEqual(baseline.get(name)!.order);
    expect(baseline.get(name)!.order).toHaveLength(12);
  });

  it('lends the adapter through the defaults only while axios alone runs: the app sees its own everywhere', async () => {
    const seen: string[] = [];
    const answer = serverAdapter(() => ({ status: 200 }));
    const adapter = (c: { adapter?: unknown }) => (seen.push(`adapter ${c.adapter === adapter}`), answer(c as never));
    const bare = loaded.get(name)!.create({ adapter: adapter as never });
    const intercepted = loaded.get(name)!.create({ adapter: adapter as never });
    intercepted.interceptors.request.use((c) => (seen.push(`interceptor ${c.adapter === adapter}`), c));
    const pending = bare.get('https://x.test/lent-defaults');
    seen.push(`defaults after the call returned ${bare.defaults.adapter === adapter}`);
    const response = await pending;
    await intercepted.get('https://x.test/lent-defaults-2');
    expect(seen).toEqual(['defaults after the call returned true', 'adapter true', 'interceptor true', 'adapter true']);
    expect(response.config.adapter).toBe(adapter);
    const id = rec.steps().filter((s) => s.step === 'enter').at(-2)!.id;
    expect(rec.steps(id).map((s) => s.step)).toEqual(['enter', 'dispatch', 'transport-end', 'settle']);
  });

  it('a call that names its own adapter, or fails before the adapter, is still seen to end', async () => {
    const api = loaded.get(name)!.create({ adapter: serverAdapter(() => ({ status: 200 })) as never });
    await api.get('https://x.test/own', { adapter: serverAdapter(() => ({ status: 203 })) as never });
    expect(rec.steps(lastEnter(rec).id).at(-1)).toMatchObject({ step: 'settle', outcome: 'response', status: 203 });
    const broken = new Error('cannot serialise');
    const failing = loaded.get(name)!.create({
      adapter: serverAdapter(() => ({ status: 200 })) as never,
      transformRequest: [
        () => {
          throw broken;
        },
      ],
    });
    await expect(failing.post('https://x.test/unsendable', { a: 1 })).rejects.toBe(broken);
    const id = lastEnter(rec).id;
    await expect.poll(() => rec.steps(id).map((s) => `${s.step}:${s.outcome ?? ''}`)).toEqual(['enter:', 'dispatch:', 'settle:error']);
  });

  it('reports each step, with the method and URL of the merged config at enter', async () => {
    const api = loaded.get(name)!.create({ baseURL: 'https://x.test/api', adapter: serverAdapter(() => ({ status: 201 })) as never });
    api.interceptors.request.use(async (c) => ({ ...c, headers: { ...c.headers, Authorization: 'Bearer abc' } }) as never);
    api.interceptors.response.use((r) => r);
    await api.post('/items', { a: 1 });
    const steps = rec.steps(lastEnter(rec).id);
    expect(steps.map((s) => s.step)).toEqual(['enter', 'dispatch', 'transport-end', 'settle']);
    expect(steps[0]).toMatchObject({ method: 'POST', url: 'https://x.test/api/items' });
    expect(steps[1].token).toBeDefined();
    expect(steps[3]).toMatchObject({ outcome: 'response', status: 201 });
  });

  it('links a replay made with error.config to the request it replays', async () => {
    let first = true;
    const api = loaded.get(name)!.create({ adapter: serverAdapter(() => (first ? ((first = false), { status: 401 }) : { status: 200 })) as never });
    api.interceptors.request.use((c) => c);
    api.interceptors.response.use(undefined, (error) => api(error.config));
    await api.get('https://x.test/expires');
    const [original, replay] = rec.steps().filter((s) => s.step === 'enter').slice(-2);
    expect(replay).toMatchObject({ replayOf: original.id, attempt: 2 });
  });

  it('was really instrumented (the comparisons are not vacuous)', () => {
    expect(rec.steps().filter((s) => s.step === 'enter').length).toBeGreaterThan(0);
    expect(rec.errors).toEqual([]);
    expect(rec.invalid).toEqual([]);
  });
});
