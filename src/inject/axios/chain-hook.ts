/**
 * Sees the interceptor chain from outside without adding a link to it.
 * For every request axios builds its chain by calling
 * `interceptors.request.forEach(fn)` then `interceptors.response.forEach(fn)`,
 * where `fn` copies each handler's `fulfilled`/`rejected` into a private
 * array. Our forEach wrapper (installed on the copy's InterceptorManager
 * prototype) hands `fn`, for the call being built, stand-ins for the app's
 * handlers whose functions wrap the app's: same `this`, same arguments, same
 * return value or exception. So:
 *  - `handlers`, `use`/`eject` ids, `clear` and the app's own forEach calls are untouched;
 *  - no promise link is added, so no microtask tick, so concurrent requests
 *    interleave exactly as without us (the differential test checks this);
 *  - runWhen and `synchronous` are read from, and runWhen called on, the
 *    app's own handler object, so skipping and sync mode are unchanged.
 * See request-side.ts and response-side.ts for what each side reports.
 */
import { hasPrototype, replaceMethod } from './patch';
import type { Call } from './call';
import type { Instance } from './registry';
import { offerRequestSide } from './request-side';
import { offerResponseSide } from './response-side';
import type { Tracker } from './tracker';
import { applyArgs } from '../../protocol/intrinsics';


export interface ChainHookDeps {
  tracker: Tracker;
  /** For hand-registered instances: the instance owning a request manager, and its response manager. */
  handRegistered(manager: object): { instance: Instance; response: object } | undefined;
}

/** The call whose chain `manager` is building (which side: tracker.side); nothing of ours escapes (no closure per call: this runs twice a request). */
function callOf(tracker: Tracker, manager: object, handRegistered: ChainHookDeps['handRegistered']): Call | undefined {
  try {
    const side = tracker.chainFor(manager);
    if (side) return side;
    const hand = handRegistered(manager);
    return hand && tracker.startUnwrapped(hand.instance, hand.response);
  } catch {
    return undefined;
  }
}

export function wrapForEach(owner: object, deps: ChainHookDeps): boolean {
  return replaceMethod(owner, 'forEach', (original) => {
    const impl = forEachImpl(original, deps);
    // Wrapper literals of its own, not patch.ts's syncLike: V8 keeps one
    // record of what a call site met per function literal, so one literal
    // shared by every wrapper (forEach, _request, the storage hooks) made
    // its `impl(...)` call megamorphic, never inlined, and its `arguments`
    // a real object on every call. In Node, this and the same for `_request`
    // counted 3.9k fewer instructions a request (23.1k added, from 27.0k).
    return hasPrototype(original)
      ? function (this: unknown) {
          // eslint-disable-next-line prefer-rest-params
          return impl(this, arguments);
        }
      : {
          forEach(this: unknown) {
            // eslint-disable-next-line prefer-rest-params
            return impl(this, arguments);
          },
        }.forEach;
  });
}

function forEachImpl(original: Function, { tracker, handRegistered }: ChainHookDeps) {
  return (self: unknown, args: IArguments): unknown => {
    const fn = args[0];
    const call = typeof fn === 'function' && typeof self === 'object' && self !== null ? callOf(tracker, self, handRegistered) : undefined;
    if (!call) return applyArgs(original, self, args);
    return tracker.side === 'request'
      ? offerRequestSide(call, tracker, fn as Function, original, self)
      : offerResponseSide(call, tracker, fn as Function, original, self);
  };
}
