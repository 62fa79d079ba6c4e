// @vitest-environment happy-dom
/**
 * document.cookie with our accessor in place must behave as the browser's:
 * same values, same errors, same attributes, one toString per written
 * object, and it keeps reporting when the page wraps or freezes it later.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { recorder, type Event } from '../axios/test-helpers';
import { installTokenStoreHooks } from './index';
import { READS_INTERVAL_MS } from './read-counter';

const findOwner = () => {
  for (let o: object | null = Object.getPrototypeOf(document); o; o = Object.getPrototypeOf(o)) if (Object.getOwnPropertyDescriptor(o, 'cookie')) return o;
  throw new Error('no cookie accessor');
};
const original = Object.getOwnPropertyDescriptor(findOwner(), 'cookie')!;
const rec = recorder();
const writes = () => rec.events.filter((e): e is Event<'token-write'> => e.type === 'token-write');
const jwt = `eyJhbGciOiJIUzI1NiJ9.${btoa(JSON.stringify({ exp: 1_900_000_000 })).replace(/=+$/, '')}.c2lnbmF0dXJl`;

beforeAll(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  installTokenStoreHooks(rec.ctx);
});
afterAll(() => vi.useRealTimers());

describe('document.cookie', () => {
  it('is replaced on its own prototype with the same attributes and the same face', () => {
    const now = Object.getOwnPropertyDescriptor(findOwner(), 'cookie')!;
    expect(now.get).not.toBe(original.get);
    expect({ e: now.enumerable, c: now.configurable }).toEqual({ e: original.enumerable, c: original.configurable });
    for (const k of ['get', 'set'] as const) {
      expect(now[k]!.name).toBe(original[k]!.name);
      expect(now[k]!.length).toBe(original[k]!.length);
      expect(Function.prototype.toString.call(now[k])).toBe(Function.prototype.toString.call(original[k]));
      expect('prototype' in now[k]!).toBe('prototype' in original[k]!);
    }
  });

  it('reports token cookie writes with fingerprint and lifetime, and removals', () => {
    document.cookie = `access_token=${jwt}; path=/; max-age=900`;
    document.cookie = 'theme=dark';
    document.cookie = 'access_token=; expires=Thu, 01 Jan 1970 00:00:00 GMT';
    document.cookie = `x=${jwt}`;
    expect(writes()).toEqual([
      { type: 'token-write', t: expect.any(Number), store: 'cookie', key: 'access_token', op: 'set', token: rec.ctx.tokenRef(jwt), maxAge: 900 },
      { type: 'token-write', t: expect.any(Number), store: 'cookie', key: 'access_token', op: 'remove', expires: 'Thu, 01 Jan 1970 00:00:00 GMT' },
      expect.objectContaining({ key: 'x', op: 'set', token: expect.objectContaining({ kind: 'jwt', exp: 1_900_000_000 }) }),
    ]);
    expect(JSON.stringify(rec.events)).not.toContain(jwt);
    expect(document.cookie).toContain('theme=dark');
  });

  it('counts reads and reports them on a timer', () => {
    vi.advanceTimersByTime(READS_INTERVAL_MS); // report earlier reads first
    rec.events.length = 0;
    for (let i = 0; i < 5; i++) void document.cookie;
    vi.advanceTimersByTime(READS_INTERVAL_MS);
    expect(rec.events).toEqual([expect.objectContaining({ type: 'token-reads', store: 'cookie', count: 5 })]);
  });

  it('converts a written object to a string once, as the browser setter does', () => {
    let calls = 0;
    document.cookie = { toString: () => (calls++, 'session=s1') } as unknown as string;
    expect(calls).toBe(1);
    expect(writes().at(-1)).toMatchObject({ key: 'session', op: 'set' });
  });

  it('throws what the browser throws, for the same misuse', () => {
    const now = Object.getOwnPropertyDescriptor(findOwner(), 'cookie')!;
    const errorOf = (fn: () => unknown) => {
      try {
        fn();
        return 'no error';
      } catch (e) {
        return (e as Error).constructor.name;
      }
    };
    expect(errorOf(() => now.get!.call({}))).toBe(errorOf(() => original.get!.call({})));
    expect(errorOf(() => now.set!.call(document, Symbol('s')))).toBe(errorOf(() => original.set!.call(document, Symbol('s'))));
  });

  it('keeps reporting when the page wraps the accessor later, then freezes the prototype', () => {
    const ours = Object.getOwnPropertyDescriptor(findOwner(), 'cookie')!;
    const seenByPage: string[] = [];
    Object.defineProperty(findOwner(), 'cookie', {
      get() {
        return ours.get!.call(this);
      },
      set(v) {
        seenByPage.push(String(v));
        ours.set!.call(this, v);
      },
      configurable: true,
      enumerable: true,
    });
    Object.freeze(findOwner());
    document.cookie = 'refresh_token=r1';
    expect(seenByPage).toEqual(['refresh_token=r1']);
    expect(writes().at(-1)).toMatchObject({ key: 'refresh_token', op: 'set' });
  });

  it('never lets a failure of ours reach the page', () => {
    const tokenRef = rec.ctx.tokenRef;
    rec.ctx.tokenRef = () => {
      throw new Error('ours');
    };
    try {
      expect(() => (document.cookie = 'auth=x')).not.toThrow();
      expect(document.cookie).toContain('auth=x');
    } finally {
      rec.ctx.tokenRef = tokenRef;
    }
    expect(rec.errors).toHaveLength(1);
  });
});

it('emits only events the protocol validator accepts', () => {
  expect(rec.events.length).toBeGreaterThan(0);
  expect(rec.invalid).toEqual([]);
});
