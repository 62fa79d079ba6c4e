// @vitest-environment happy-dom
/**
 * The Cookie Store API (happy-dom implements it, as Chromium does): token
 * set/delete reported at call time, reads counted, and the page gets the
 * original's own promise.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { recorder, type Event } from '../axios/test-helpers';
import { installTokenStoreHooks } from './index';
import { READS_INTERVAL_MS } from './read-counter';

type Store = { set(...a: unknown[]): Promise<void>; delete(...a: unknown[]): Promise<void>; get(n: string): Promise<unknown>; getAll(): Promise<unknown[]> };
const proto = (globalThis as unknown as { CookieStore: { prototype: Store } }).CookieStore.prototype;
const store = (globalThis as unknown as { cookieStore: Store }).cookieStore;
const originalSet = proto.set;
const rec = recorder();
const writes = () => rec.events.filter((e): e is Event<'token-write'> => e.type === 'token-write');

beforeAll(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  installTokenStoreHooks(rec.ctx);
});
afterAll(() => vi.useRealTimers());

describe('cookieStore', () => {
  it('reports set(name, value), set(options) with expiry, and delete', async () => {
    await store.set('access_token', 'a1');
    const expires = Date.parse('2031-01-01T00:00:00Z');
    await store.set({ name: 'refresh_token', value: 'r1', expires });
    await store.set({ name: 'access_token', value: '', expires: Date.parse('2000-01-01T00:00:00Z') });
    await store.set('theme', 'dark');
    await store.delete('refresh_token');
    await store.delete({ name: 'access_token' });
    expect(writes().map((w) => [w.key, w.op, w.expires ?? null])).toEqual([
      ['access_token', 'set', null],
      ['refresh_token', 'set', new Date(expires).toUTCString()],
      ['access_token', 'remove', 'Sat, 01 Jan 2000 00:00:00 GMT'],
      ['refresh_token', 'remove', null],
      ['access_token', 'remove', null],
    ]);
    expect(writes()[0].token).toEqual(rec.ctx.tokenRef('a1'));
  });

  it('counts get and getAll as reads', async () => {
    vi.advanceTimersByTime(READS_INTERVAL_MS);
    rec.events.length = 0;
    await store.get('access_token');
    await store.getAll();
    vi.advanceTimersByTime(READS_INTERVAL_MS);
    expect(rec.events).toEqual([expect.objectContaining({ type: 'token-reads', store: 'cookieStore', count: 2 })]);
  });

  it('returns the original promise itself and keeps the method\'s face', async () => {
    expect(proto.set).not.toBe(originalSet);
    expect([proto.set.name, proto.set.length]).toEqual([originalSet.name, originalSet.length]);
    const result = store.set('a', 'b');
    expect(result).toBeInstanceOf(Promise);
    await expect(result).resolves.toBeUndefined();
    expect(rec.errors).toEqual([]);
  });
});

it('emits only events the protocol validator accepts', () => {
  expect(rec.events.length).toBeGreaterThan(0);
  expect(rec.invalid).toEqual([]);
});
