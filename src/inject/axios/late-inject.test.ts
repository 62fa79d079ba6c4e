/**
 * The inject script can arrive after the page loaded axios (an extension
 * enabled on an open tab). A `window.axios` from a <script> tag is then taken
 * as found, and instances created before us are picked up when first used.
 */
import type { AxiosStatic } from 'axios';
import { beforeAll, expect, it } from 'vitest';
import { installAxiosHooks } from './index';
import { fakeAdapter, lastEnter, recorder, scriptTagAxios, stepNames } from './test-helpers';

const rec = recorder();
const ALL = ['enter', 'dispatch', 'transport-end', 'settle'];
let axios: AxiosStatic;
let early: ReturnType<AxiosStatic['create']>;
let later: ReturnType<AxiosStatic['create']>;

beforeAll(async () => {
  axios = scriptTagAxios('1');
  (globalThis as { axios?: unknown }).axios = axios;
  early = axios.create({ adapter: fakeAdapter() as never });
  installAxiosHooks(rec.ctx);
  // Before any call: only the registration of window.axios has told us of its copy.
  later = axios.create({ adapter: fakeAdapter() as never });
  await Promise.resolve();
});

it('announces the window.axios already on the page', () => {
  expect(rec.events.filter((e) => e.type === 'axios-instance')[0]).toEqual(expect.objectContaining({ via: 'auto', label: 'window.axios', version: '1.21.1' }));
});

it('tracks window.axios whichever way it is called', async () => {
  const id = (rec.events[0] as { instanceId: string }).instanceId;
  const adapter = fakeAdapter() as never;
  for (const call of [() => axios({ url: 'https://x.test/a', adapter }), () => axios.get('https://x.test/b', { adapter })]) {
    await call();
    expect(lastEnter(rec).instanceId).toBe(id);
    expect(stepNames(rec, lastEnter(rec).id)).toEqual(ALL);
  }
});

it('picks up an instance created before it on first use, then tracks all its calls', async () => {
  await early.get('https://x.test/c');
  const id = lastEnter(rec).instanceId;
  expect(stepNames(rec, lastEnter(rec).id)).toEqual(ALL);
  await early({ url: 'https://x.test/d' });
  expect(lastEnter(rec)).toMatchObject({ instanceId: id, method: 'GET', url: 'https://x.test/d' });
  expect(stepNames(rec, lastEnter(rec).id)).toEqual(ALL);
  expect(rec.errors).toEqual([]);
});

it('finds an instance window.axios creates afterwards as of its copy: its version, all its calls', async () => {
  // The second instance announced, at its creation (the one created before us is announced at its first call).
  const found = rec.events.filter((e) => e.type === 'axios-instance');
  expect(found[1]).toMatchObject({ via: 'auto', version: '1.21.1' });
  await later.get('https://x.test/e');
  expect(lastEnter(rec).instanceId).toBe((found[1] as { instanceId: string }).instanceId);
  expect(stepNames(rec, lastEnter(rec).id)).toEqual(ALL);
});

it('emits only events the protocol validator accepts', () => {
  expect(rec.events.length).toBeGreaterThan(0);
  expect(rec.invalid).toEqual([]);
});
