/**
 * local/session storage with our methods in place: token writes, removals and
 * clear() are reported, token reads counted, and everything else (results,
 * errors, argument conversion, attributes) is what the original does.
 * happy-dom's Storage is a Proxy whose methods are pre-bound to a hidden
 * target (so `this` is never `localStorage`, unlike in browsers); this file
 * uses a small Storage written to the Web IDL rules instead: methods on the
 * prototype, a brand check, argument counting and string conversion.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { recorder, type Event } from '../axios/test-helpers';
import { installTokenStoreHooks } from './index';
import { READS_INTERVAL_MS } from './read-counter';

const brand = new WeakMap<object, Map<string, string>>();
function dataOf(self: unknown, method: string, args: IArguments, needed: number): Map<string, string> {
  const data = typeof self === 'object' && self !== null ? brand.get(self) : undefined;
  if (!data) throw new TypeError('Illegal invocation');
  if (args.length < needed) throw new TypeError(`Failed to execute '${method}' on 'Storage': ${needed} arguments required, but only ${args.length} present.`);
  return data;
}
class IdlStorage {
  constructor() {
    brand.set(this, new Map());
  }
  get length(): number {
    return dataOf(this, 'length', arguments, 0).size;
  }
  key(index: number): string | null {
    return [...dataOf(this, 'key', arguments, 1).keys()][index] ?? null;
  }
  getItem(key: string): string | null {
    return dataOf(this, 'getItem', arguments, 1).get(String(key)) ?? null;
  }
  setItem(key: string, value: string): void {
    dataOf(this, 'setItem', arguments, 2).set(String(key), String(value));
  }
  removeItem(key: string): void {
    dataOf(this, 'removeItem', arguments, 1).delete(String(key));
  }
  clear(): void {
    dataOf(this, 'clear', arguments, 0).clear();
  }
}
Object.assign(globalThis, { Storage: IdlStorage, localStorage: new IdlStorage(), sessionStorage: new IdlStorage() });

const METHODS = ['setItem', 'getItem', 'removeItem', 'clear'] as const;
const originals = Object.fromEntries(METHODS.map((m) => [m, Object.getOwnPropertyDescriptor(Storage.prototype, m)!])) as Record<(typeof METHODS)[number], PropertyDescriptor>;
const rec = recorder();
const writes = () => rec.events.filter((e): e is Event<'token-write'> => e.type === 'token-write');
const jwt = `eyJhbGciOiJIUzI1NiJ9.${btoa(JSON.stringify({ exp: 1_900_000_000, sub: 'u1' })).replace(/=+$/, '')}.c2lnbmF0dXJl`;

beforeAll(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  installTokenStoreHooks(rec.ctx);
});
afterAll(() => vi.useRealTimers());

describe('Storage', () => {
  it('keeps each method looking and behaving like the original', () => {
    for (const m of METHODS) {
      const now = Object.getOwnPropertyDescriptor(Storage.prototype, m)!;
      expect(now.value).not.toBe(originals[m].value);
      expect({ ...now, value: 0 }).toEqual({ ...originals[m], value: 0 });
      expect([now.value.name, now.value.length, 'prototype' in now.value]).toEqual([originals[m].value.name, originals[m].value.length, 'prototype' in originals[m].value]);
      expect(Function.prototype.toString.call(now.value)).toBe(Function.prototype.toString.call(originals[m].value));
    }
    localStorage.setItem('k', 'v');
    expect(localStorage.getItem('k')).toBe('v');
    expect(originals.getItem.value.call(localStorage, 'k')).toBe('v');
  });

  it('reports token writes to each storage area, and token removals', () => {
    localStorage.setItem('access_token', 'opaque-1');
    sessionStorage.setItem('refreshToken', jwt);
    localStorage.setItem('persist:root', JSON.stringify({ auth: { accessToken: jwt } }));
    localStorage.setItem('theme', 'dark');
    localStorage.removeItem('access_token');
    localStorage.removeItem('theme');
    expect(writes()).toEqual([
      expect.objectContaining({ store: 'localStorage', key: 'access_token', op: 'set', token: rec.ctx.tokenRef('opaque-1') }),
      expect.objectContaining({ store: 'sessionStorage', key: 'refreshToken', op: 'set', token: expect.objectContaining({ kind: 'jwt', sub: 'u1' }) }),
      expect.objectContaining({ store: 'localStorage', key: 'persist:root', op: 'set', token: rec.ctx.tokenRef(jwt) }),
      expect.objectContaining({ store: 'localStorage', key: 'access_token', op: 'remove' }),
    ]);
    expect(JSON.stringify(rec.events)).not.toContain('opaque-1');
  });

  it('reports the token keys that clear() removes', () => {
    rec.events.length = 0;
    localStorage.setItem('id_token', 'i');
    localStorage.setItem('color', 'red');
    localStorage.clear();
    expect(localStorage.length).toBe(0);
    expect(writes().filter((w) => w.op === 'remove').map((w) => w.key)).toEqual(['id_token']);
  });

  it('counts reads of token keys only', () => {
    vi.advanceTimersByTime(READS_INTERVAL_MS);
    rec.events.length = 0;
    localStorage.getItem('access_token');
    localStorage.getItem('access_token');
    sessionStorage.getItem('jwt');
    localStorage.getItem('theme');
    vi.advanceTimersByTime(READS_INTERVAL_MS);
    expect(rec.events.map((e) => e.type === 'token-reads' && [e.store, e.count])).toEqual([['localStorage', 2], ['sessionStorage', 1]]);
  });

  it('converts object arguments once and keeps the argument count, so errors stay the original\'s', () => {
    let calls = 0;
    const key = { toString: () => (calls++, 'auth') };
    localStorage.setItem(key as unknown as string, 'x');
    expect(calls).toBe(1);
    expect(localStorage.getItem('auth')).toBe('x');
    const errorOf = (fn: () => unknown) => {
      try {
        fn();
        return 'no error';
      } catch (e) {
        return `${(e as Error).constructor.name}: ${(e as Error).message}`;
      }
    };
    const ours = Storage.prototype.setItem;
    expect(errorOf(() => (ours as (k: string) => void).call(localStorage, 'only-one'))).toBe(errorOf(() => originals.setItem.value.call(localStorage, 'only-one')));
    expect(errorOf(() => ours.call({} as Storage, 'a', 'b'))).toBe(errorOf(() => originals.setItem.value.call({}, 'a', 'b')));
  });

  it('keeps reporting when the page wraps setItem later and freezes the prototype', () => {
    const ours = Storage.prototype.setItem;
    Storage.prototype.setItem = function (this: Storage, k: string, v: string) {
      return ours.call(this, k, v);
    };
    Object.freeze(Storage.prototype);
    localStorage.setItem('session_token', 's2');
    expect(writes().at(-1)).toMatchObject({ key: 'session_token', op: 'set' });
    expect(rec.errors).toEqual([]);
  });
});

it('emits only events the protocol validator accepts', () => {
  expect(rec.events.length).toBeGreaterThan(0);
  expect(rec.invalid).toEqual([]);
});
