// @vitest-environment happy-dom
/**
 * Instance detection, for every way a page gets axios: bundled (ESM bundle,
 * 0.27's CommonJS source), a <script> tag (UMD, plain and minified), 0.27
 * and 1.x side by side, and 0.21.1 (before runWhen and VERSION). Each copy is evaluated AFTER the hooks are installed,
 * as at document_start; `axios`/`axios-0.27` imported statically were loaded
 * before, like a copy that beat us, and only their later instances are found.
 */
import axiosEarly from 'axios';
import axios027Early from 'axios-0.27';
import type { AxiosInstance, AxiosStatic } from 'axios';
import { beforeAll, describe, expect, it } from 'vitest';
import { installAxiosHooks } from './index';
import { claimAxiosId } from './transport-link';
import {
  fakeAdapter, fakeXhrClass, importFreshAxios1, lastEnter, lastInstance, recorder, requireFresh021, requireFresh027, scriptTagAxios, stepNames,
} from './test-helpers';

const rec = recorder();
beforeAll(() => {
  expect(Object.getOwnPropertyDescriptor(Object.prototype, 'interceptors')).toBeUndefined();
  installAxiosHooks(rec.ctx);
  // Nothing on Object.prototype: defining anything there slows every defineProperty in the page (detect.ts).
  expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('interceptors');
});

const ALL_STEPS = ['enter', 'dispatch', 'transport-end', 'settle'];

const copies: Array<[string, () => Promise<AxiosStatic> | AxiosStatic, string | undefined, boolean]> = [
  ['1.x ESM bundle (bundled by the app)', importFreshAxios1, '1.21.1', true],
  ['1.x UMD <script>', () => scriptTagAxios('1'), '1.21.1', false],
  ['1.x UMD minified <script>', () => scriptTagAxios('1', true), '1.21.1', false],
  ['0.27 CommonJS source (bundled by the app)', requireFresh027, '0.27.2', true],
  ['0.27 UMD <script>', () => scriptTagAxios('0.27'), '0.27.2', false],
  ['0.27 UMD minified <script>', () => scriptTagAxios('0.27', true), '0.27.2', false],
  // Before 0.22 axios had no VERSION.
  ['0.21.1 CommonJS source (bundled by the app)', requireFresh021, undefined, true],
  ['0.21.1 UMD minified <script>', () => scriptTagAxios('0.21', true), undefined, false],
];

/** Calls `call`, checks it went through all four steps on `instanceId`, and returns its enter event. */
async function tracked(instanceId: string, call: () => Promise<unknown>) {
  const entersBefore = rec.steps().filter((s) => s.step === 'enter').length;
  await call();
  const enters = rec.steps().filter((s) => s.step === 'enter');
  expect(enters.length, 'exactly one call into axios').toBe(entersBefore + 1);
  const enter = lastEnter(rec);
  expect(enter.instanceId).toBe(instanceId);
  expect(stepNames(rec, enter.id)).toEqual(ALL_STEPS);
  return enter;
}

describe.each(copies)('%s', (_name, load, version, bundled) => {
  let axios: AxiosStatic;
  let defaultId: string;
  let api: AxiosInstance;
  let apiId: string;

  beforeAll(async () => {
    const before = rec.events.length;
    axios = await load();
    await Promise.resolve();
    const found = rec.events.slice(before).filter((e) => e.type === 'axios-instance');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ via: 'auto', label: 'default', ...(version ? { version } : {}) });
    expect('version' in found[0]).toBe(version !== undefined);
    defaultId = (found[0] as { instanceId: string }).instanceId;
    api = axios.create({ baseURL: 'https://api.test/v1', adapter: fakeAdapter() as never });
    await Promise.resolve();
    expect(lastInstance(rec)).toMatchObject({ via: 'auto', ...(version ? { version } : {}) });
    apiId = lastInstance(rec).instanceId;
    expect(apiId).not.toBe(defaultId);
  });

  it('needs no global (a bundled copy sets none), and finds instances of instances', async () => {
    if (bundled) expect(globalThis).not.toHaveProperty('axios');
    // Instances of 0.21 have no create() of their own.
    if (version === undefined) return expect((api as unknown as { create?: unknown }).create).toBeUndefined();
    const child = (api as unknown as AxiosStatic).create({ adapter: fakeAdapter() as never });
    await Promise.resolve();
    const childId = lastInstance(rec).instanceId;
    await tracked(childId, () => child.get('https://x.test/child'));
  });

  it('tracks every way of calling the default instance', async () => {
    const adapter = fakeAdapter() as never;
    await tracked(defaultId, () => axios({ url: 'https://x.test/a', adapter }));
    await tracked(defaultId, () => axios('https://x.test/b', { adapter }));
    await tracked(defaultId, () => axios.request({ url: 'https://x.test/c', adapter }));
    const get = await tracked(defaultId, () => axios.get('https://x.test/d?q=1', { adapter, params: { page: 2 } }));
    expect(get).toMatchObject({ method: 'GET', url: 'https://x.test/d?q=1&page=2', attempt: 1 });
    const post = await tracked(defaultId, () => axios.post('https://x.test/e', { a: 1 }, { adapter }));
    expect(post.method).toBe('POST');
  });

  it('tracks every way of calling a created instance, with baseURL resolved', async () => {
    const enter = await tracked(apiId, () => api({ url: '/users', method: 'put' }));
    expect(enter).toMatchObject({ method: 'PUT', url: 'https://api.test/v1/users' });
    await tracked(apiId, () => api('/users'));
    await tracked(apiId, () => api.request({ url: '/users' }));
    await tracked(apiId, () => api.delete('/users/1'));
    await tracked(apiId, () => api.patch('/users/1', {}));
    const steps = rec.steps(lastEnter(rec).id);
    expect(steps[0]).toMatchObject({ step: 'enter', method: 'PATCH', url: 'https://api.test/v1/users/1' });
    // No interceptor changed them: 'dispatch' does not say them again.
    const dispatch = steps.find((s) => s.step === 'dispatch');
    expect(dispatch).toBeDefined();
    expect(dispatch).not.toHaveProperty('method');
    expect(dispatch).not.toHaveProperty('url');
  });

  it('sends through the real xhr adapter, and the XHR is linked to its axios call', async () => {
    const { FakeXHR, sent } = fakeXhrClass(claimAxiosId, 201);
    const real = globalThis.XMLHttpRequest;
    globalThis.XMLHttpRequest = FakeXHR as unknown as typeof XMLHttpRequest;
    try {
      // No adapter option: in a browser both versions default to xhr.
      const xhrApi = axios.create({ baseURL: 'https://api.test', headers: { Authorization: 'Bearer t0k3n' } });
      await Promise.resolve();
      const response = await xhrApi.get('/me');
      expect(response.status).toBe(201);
      expect(response.data).toEqual({ ok: true });
      const enter = lastEnter(rec);
      expect(sent).toHaveLength(1);
      expect(sent[0].axiosId).toBe(enter.id);
      expect(rec.steps(enter.id).find((s) => s.step === 'dispatch')?.token?.fp).toBe(rec.ctx.tokenRef('t0k3n').fp);
      expect(rec.steps(enter.id).find((s) => s.step === 'transport-end')).toMatchObject({ outcome: 'response', status: 201 });
    } finally {
      globalThis.XMLHttpRequest = real;
    }
  });
});

describe('copies loaded before the hooks were installed', () => {
  it.each([
    ['1.x', axiosEarly as AxiosStatic],
    ['0.27', axios027Early as unknown as AxiosStatic],
  ])('%s: instances created afterwards are found and tracked', async (_v, early) => {
    const api = early.create({ adapter: fakeAdapter() as never });
    await Promise.resolve();
    const id = lastInstance(rec).instanceId;
    await tracked(id, () => api({ url: 'https://x.test/late' }));
    await tracked(id, () => api.get('https://x.test/late'));
  });
});

it('keeps two versions side by side apart, also when their calls overlap', async () => {
  const a1 = await importFreshAxios1();
  const a0 = scriptTagAxios('0.27');
  const one = a1.create({ adapter: fakeAdapter() as never });
  await Promise.resolve();
  const oneId = lastInstance(rec).instanceId;
  const zero = a0.create({ adapter: fakeAdapter() as never });
  await Promise.resolve();
  const zeroId = lastInstance(rec).instanceId;
  expect(oneId).not.toBe(zeroId);
  await tracked(oneId, () => one.get('https://x.test/1'));
  await tracked(zeroId, () => zero.get('https://x.test/0'));
  await Promise.all([one.get('https://x.test/1'), zero.get('https://x.test/0'), one.get('https://x.test/1')]);
  const enters = rec.steps().filter((s) => s.step === 'enter').slice(-3);
  expect(enters.map((s) => s.instanceId)).toEqual([oneId, zeroId, oneId]);
  for (const e of enters) expect(stepNames(rec, e.id)).toEqual(ALL_STEPS);
  expect(rec.errors).toEqual([]);
});

it('emits only events the protocol validator accepts', () => {
  expect(rec.events.length).toBeGreaterThan(0);
  expect(rec.invalid).toEqual([]);
});
