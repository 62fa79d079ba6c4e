/**
 * Replacing a library method so the page can hardly tell: the property keeps
 * its attributes (enumerability matters: axios 0.27 copies enumerable
 * prototype members onto each instance), and the wrapper keeps the original's
 * name, length, source text (via the lead's disguise) and shape (a method
 * has no `prototype`, a `function` has one).
 */
import { disguise } from '../disguise';

const getOwn = Object.getOwnPropertyDescriptor;
const define = Reflect.defineProperty;

type Impl = (self: unknown, args: IArguments) => unknown;

/** Whether `fn` has its own `prototype` (a `function`), where a method has none. */
export function hasPrototype(fn: Function): boolean {
  return getOwn(fn, 'prototype') !== undefined;
}

/**
 * A plain (non-async) wrapper of the same shape as `orig`: a `function` (with
 * a `prototype`) when the original has one, else a method (which has none).
 * For hooks called now and then (the token store's): every wrapper made here
 * is one function literal, so V8 sees their calls as one megamorphic site.
 * The axios hooks, called on every request, write their own (chain-hook.ts).
 */
export function syncLike(orig: Function, impl: Impl): Function {
  if (hasPrototype(orig)) {
    return function (this: unknown) {
      // eslint-disable-next-line prefer-rest-params
      return impl(this, arguments);
    };
  }
  return {
    m(this: unknown) {
      // eslint-disable-next-line prefer-rest-params
      return impl(this, arguments);
    },
  }.m;
}

/**
 * Puts `make(original)` in place of `owner[key]`. Returns false (and changes
 * nothing) when the property is missing, not a function, or frozen.
 */
export function replaceMethod(owner: object, key: string, make: (orig: Function) => Function): boolean {
  const d = getOwn(owner, key);
  if (d === undefined || typeof d.value !== 'function' || !(d.writable || d.configurable)) return false;
  const original = d.value as Function;
  const wrapper = disguise(make(original), original);
  return define(owner, key, { __proto__: null, value: wrapper, writable: d.writable, enumerable: d.enumerable, configurable: d.configurable } as PropertyDescriptor);
}
