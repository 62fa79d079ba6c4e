/**
 * localStorage / sessionStorage, observed through Storage.prototype methods:
 * setItem and removeItem writes of token-like keys (or JWT values), clear()
 * of token-like keys, and getItem reads of token-like keys (counted). The
 * original always runs first with the page's `this` and the same number of
 * arguments (so "2 arguments required" errors stay the browser's); object
 * arguments are converted to strings once, by us, exactly as the original
 * would, so a page toString runs once. Direct property access
 * (`localStorage.token = x`) bypasses these methods and is not seen.
 */
import { isTokenLikeKey } from '../../tokens';
import type { InjectContext } from '../context';
import { replaceMethod, syncLike } from '../axios/patch';
import { asDOMString } from './document-cookie';
import type { ReadCounter } from './read-counter';
import type { TokenWrites } from './token-writes';
import { apply, OwnMap } from '../../protocol/intrinsics';

type Area = 'localStorage' | 'sessionStorage';
const toText = String;
const getOwn = Object.getOwnPropertyDescriptor;

function converted(args: ArrayLike<unknown>, count: number): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < args.length; i++) out[i] = i < count ? asDOMString(args[i]) : args[i];
  return out;
}

export function hookStorage(ctx: InjectContext, reads: ReadCounter, writes: TokenWrites): boolean {
  if (typeof Storage === 'undefined') return false;
  const proto = Storage.prototype;
  const keyAt = getOwn(proto, 'key')?.value as ((this: Storage, i: number) => string | null) | undefined;
  const lengthOf = getOwn(proto, 'length')?.get as ((this: Storage) => number) | undefined;
  // Resolved on first use: touching window.localStorage can throw (sandboxed frames).
  let areas: Map<unknown, Area> | undefined;
  const areaOf = (storage: unknown): Area | undefined => {
    if (!areas) {
      areas = new OwnMap();
      for (const name of ['localStorage', 'sessionStorage'] as const) {
        try {
          areas.set((globalThis as Record<string, unknown>)[name], name);
        } catch {
          // Storage disabled: calls on it fail in the original, never reach a record.
        }
      }
    }
    return areas.get(storage);
  };

  const setItem = replaceMethod(proto, 'setItem', (original) => syncLike(original, (self, argv) => {
    const args = converted(argv, 2);
    const result = apply(original, self, args);
    ctx.guard(() => {
      const area = areaOf(self);
      if (area && args.length >= 2) writes.set(area, toText(args[0]), toText(args[1]));
    });
    return result;
  }));
  const removeItem = replaceMethod(proto, 'removeItem', (original) => syncLike(original, (self, argv) => {
    const args = converted(argv, 1);
    const result = apply(original, self, args);
    ctx.guard(() => {
      const area = areaOf(self);
      if (area && args.length >= 1) writes.remove(area, toText(args[0]));
    });
    return result;
  }));
  const getItem = replaceMethod(proto, 'getItem', (original) => syncLike(original, (self, argv) => {
    const args = converted(argv, 1);
    const result = apply(original, self, args);
    ctx.guard(() => {
      const area = areaOf(self);
      if (area && args.length >= 1 && isTokenLikeKey(toText(args[0]))) reads.count(area);
    });
    return result;
  }));
  const clear = replaceMethod(proto, 'clear', (original) => syncLike(original, (self, argv) => {
    // The token-like keys present before clearing are the ones it removes.
    const doomed = ctx.guard(() => {
      const area = areaOf(self);
      if (!area || !keyAt || !lengthOf) return undefined;
      const keys: string[] = [];
      for (let i = 0, n = apply(lengthOf, self, []) as number; i < n; i++) {
        const key = apply(keyAt, self, [i]) as string | null;
        if (key !== null && isTokenLikeKey(key)) keys[keys.length] = key;
      }
      return { area, keys };
    });
    const result = apply(original, self, argv);
    if (doomed) ctx.guard(() => {
      for (let i = 0; i < doomed.keys.length; i++) writes.remove(doomed.area, doomed.keys[i]);
    });
    return result;
  }));
  return setItem && removeItem && getItem && clear;
}
