/**
 * Recognising axios objects by shape, passively (no getters run): axios has
 * no brand we could check across copies and versions, and a false positive
 * must cost nothing but a little tracking.
 */
import { hasOwn, inherited, isObjectLike, isPlainArray, own } from './passive';

export interface InterceptorPair {
  request: object;
  response: object;
}

/** An InterceptorManager: a `handlers` array and use/eject/forEach methods. */
export function isManager(value: unknown): value is object {
  return (
    isObjectLike(value) &&
    isPlainArray(own(value, 'handlers')) &&
    typeof inherited(value, 'use') === 'function' &&
    typeof inherited(value, 'eject') === 'function' &&
    typeof inherited(value, 'forEach') === 'function'
  );
}

/** The `{ request, response }` object the Axios constructor assigns to `interceptors`. */
export function isInterceptorPair(value: unknown): value is InterceptorPair {
  return isObjectLike(value) && isManager(own(value, 'request')) && isManager(own(value, 'response'));
}

/** An Axios context (what `new Axios(config)` builds): defaults, interceptors and a `request` method. */
export function isAxiosContext(receiver: object, interceptors: unknown): boolean {
  return (
    typeof receiver !== 'function' &&
    hasOwn(receiver, 'defaults') &&
    isInterceptorPair(interceptors) &&
    typeof inherited(receiver, 'request') === 'function'
  );
}

/** The Axios class: its prototype has request and getUri. */
export function isAxiosClass(value: unknown): value is Function {
  const proto = own(value, 'prototype');
  return typeof value === 'function' && typeof own(proto, 'request') === 'function' && typeof own(proto, 'getUri') === 'function';
}
