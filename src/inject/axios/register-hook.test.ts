/**
 * The opt-in hook, and instances created before the hooks were installed
 * (the case it exists for): `axios` and `axios-0.27` are imported, and
 * instances created, before installAxiosHooks runs.
 */
import axiosEarly from 'axios';
import axios027Early from 'axios-0.27';
import type { AxiosInstance, AxiosStatic } from 'axios';
import { beforeAll, describe, expect, it } from 'vitest';
import { GLOBAL_NAME, installAxiosHooks, type RefreshLensGlobal } from './index';
import { fakeAdapter, lastEnter, recorder, stepNames } from './test-helpers';

const early1: AxiosInstance = axiosEarly.create({ adapter: fakeAdapter() as never });
const early027 = (axios027Early as unknown as AxiosStatic).create({ adapter: fakeAdapter() as never });
const rec = recorder();
let lens: RefreshLensGlobal;

beforeAll(() => {
  installAxiosHooks(rec.ctx);
  lens = (globalThis as unknown as Record<string, RefreshLensGlobal>)[GLOBAL_NAME];
});

const hookEvents = () => rec.events.filter((e) => e.type === 'axios-instance' && e.via === 'hook');

describe('window.__REFRESH_LENS__', () => {
  it('is there, hidden from enumeration, and cannot be changed by the page', () => {
    expect(lens).toBeDefined();
    expect(Object.keys(globalThis)).not.toContain(GLOBAL_NAME);
    expect(Object.isFrozen(lens)).toBe(true);
    expect(Object.getOwnPropertyDescriptor(globalThis, GLOBAL_NAME)).toMatchObject({ enumerable: false, writable: false });
  });

  it('answers false, and never throws, for anything that is not an axios instance', () => {
    const hostile = new Proxy({}, { get: () => { throw new Error('trap'); }, getOwnPropertyDescriptor: () => { throw new Error('trap'); } });
    for (const value of [undefined, null, 42, 'axios', {}, () => 1, { interceptors: {} }, hostile]) {
      expect(lens.register(value, 'x')).toBe(false);
    }
    expect(hookEvents()).toEqual([]);
    // The proxy's traps threw inside our guard, not at the caller.
    expect(rec.errors.length).toBeGreaterThan(0);
    rec.errors.length = 0;
  });

  it('labels an instance it found by itself, once per label, under the same id', async () => {
    const api = axiosEarly.create({ adapter: fakeAdapter() as never });
    await Promise.resolve();
    const auto = rec.events.filter((e) => e.type === 'axios-instance').at(-1) as { instanceId: string };
    expect(lens.register(api, 'api')).toBe(true);
    expect(lens.register(api, 'api')).toBe(true);
    expect(hookEvents()).toEqual([expect.objectContaining({ instanceId: auto.instanceId, via: 'hook', label: 'api' })]);
    lens.register(api, 'renamed');
    expect(hookEvents().at(-1)).toMatchObject({ instanceId: auto.instanceId, label: 'renamed' });
  });

  it.each([
    ['1.x default instance', axiosEarly as unknown as AxiosInstance, '1.21.1'],
    ['1.x created instance', early1, undefined],
    ['0.27 created instance', early027 as unknown as AxiosInstance, undefined],
  ])('tracks the calls of a %s created before Refresh Lens started', async (_name, instance, version) => {
    expect(lens.register(instance, 'early')).toBe(true);
    const announced = hookEvents().at(-1)!;
    expect(announced).toMatchObject({ label: 'early', ...(version ? { version } : {}) });
    const adapter = fakeAdapter(201) as never;
    for (const call of [() => instance({ url: 'https://x.test/a', adapter }), () => instance.get('https://x.test/b', { adapter })]) {
      await call();
      const enter = lastEnter(rec);
      expect(enter.instanceId).toBe((announced as { instanceId: string }).instanceId);
      expect(stepNames(rec, enter.id)).toEqual(['enter', 'dispatch', 'transport-end', 'settle']);
      expect(rec.steps(enter.id).at(-1)).toMatchObject({ outcome: 'response', status: 201 });
    }
  });
});

describe('the page-wide hooks', () => {
  it('leave plain objects, functions and Object.prototype looking as before', () => {
    const o: Record<string, unknown> = { a: 1 };
    const keys: string[] = [];
    for (const k in o) keys.push(k);
    expect(keys).toEqual(['a']);
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(JSON.stringify({ ...o })).toBe('{"a":1}');
    expect(o.interceptors).toBeUndefined();
    expect((function f() {} as unknown as Record<string, unknown>).Axios).toBeUndefined();
    o.interceptors = 5;
    expect(Object.getOwnPropertyDescriptor(o, 'interceptors')).toEqual({ value: 5, writable: true, enumerable: true, configurable: true });
    expect(rec.errors).toEqual([]);
  });
});

it('emits only events the protocol validator accepts', () => {
  expect(rec.events.length).toBeGreaterThan(0);
  expect(rec.invalid).toEqual([]);
});

// Last in this file: retiring is for good in this module.
describe('a second copy of the page script asks the first whether it is live', () => {
  it('true while live, false once its extension said bye; no property of the hook tells', async () => {
    const { liveCopyIn } = await import('./register-hook');
    const { retireWrappers } = await import('../disguise');
    expect(Reflect.ownKeys(lens)).toEqual(['version', 'register']);
    expect(liveCopyIn(globalThis)).toBe(true);
    retireWrappers();
    expect(liveCopyIn(globalThis)).toBe(false);
  });
});
