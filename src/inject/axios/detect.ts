/**
 * Detecting axios instances with no global to patch.
 *
 * Apps bundle axios, so there is no `window.axios`. What every axios build
 * does (0.x and 1.x, the ESM source, the UMD bundle, minified or not) is
 * construct its context object with plain assignments:
 *
 *     this.defaults = instanceConfig; this.interceptors = { request, response };
 *
 * and, once per copy, `axios.Axios = Axios` on the default instance, a function.
 * An ordinary assignment to a property the receiver does not own walks the
 * prototype chain, and a setter found there is called instead. So accessors
 * on Function.prototype see what axios assigns to its instance functions:
 * `Axios` (each copy's default export, right after its default instance is
 * built: the copy's `request`/`_request` and `InterceptorManager.forEach`
 * are wrapped then, see request-hook.ts, chain-hook.ts), `interceptors`
 * (0.x's `extend` copies the context's onto every instance function) and
 * `create` (`createInstance` gives every instance one). 0.x's default
 * instance, bound to the original `request` before `axios.Axios = Axios`,
 * reaches the wrapper through an own `apply` on that function (instrument.ts).
 * It needs nothing from the app.
 *
 * Why these and not others: an accessor on Object.prototype (which would see
 * every context as `new Axios` builds it) makes every Object.defineProperty in
 * the page take V8's slow path for good (bench/prototype-hook-cost.ts: 1.9x,
 * and axios 1.21 calls it about five times a request); config objects are
 * null-prototype in axios 1.x and read through own-property checks; a
 * Function.prototype.apply/call hook would run on every function call in the
 * page. `Axios` and `interceptors` are rare names on a function; `create` less
 * so, and its setter only defines what the assignment would have.
 *
 * Invisible: the setter does exactly what the assignment would have done
 * (an own, writable, enumerable, configurable data property on the receiver);
 * the getter returns undefined, as the missing property would; both are
 * non-enumerable, so for-in, Object.keys, spread and JSON see nothing.
 * Known differences (README, "Known gaps"): `'create' in aFunction` is true
 * (and `Axios`, `interceptors`), the names show in
 * Object.getOwnPropertyNames(Function.prototype), and an assignment that the
 * language would reject in strict mode (a frozen function) is ignored
 * silently instead of throwing.
 */
import { isObjectLike } from './passive';

const getOwn = Object.getOwnPropertyDescriptor;
const define = Reflect.defineProperty;

export type OnAssign = (receiver: object, value: unknown) => void;

/**
 * Installs a non-enumerable accessor `key` on `target` that turns assignments
 * into own data properties and then reports them. Does nothing when `target`
 * already has its own `key` (then someone else owns it; we must not break it).
 */
export function installAssignHook(target: object, key: string, onAssign: OnAssign, guard: <T>(fn: () => T) => T | undefined): boolean {
  if (getOwn(target, key) !== undefined) return false;
  const get = function (): undefined {
    return undefined;
  };
  const set = function (this: unknown, value: unknown) {
    const receiver = this;
    // A primitive receiver: the assignment creates nothing. A non-extensible
    // one: defineProperty reports false (no throw) and nothing is created.
    if (!isObjectLike(receiver)) return;
    const made = define(receiver, key, { __proto__: null, value, writable: true, enumerable: true, configurable: true } as PropertyDescriptor);
    if (made) guard(() => onAssign(receiver, value));
  };
  return define(target, key, { __proto__: null, get, set, enumerable: false, configurable: true } as PropertyDescriptor);
}
