/**
 * axios 1.x splits a call in two: `async request(...)` does
 * `return await this._request(...)`, and `_request` builds and returns the
 * chain. So the promise `_request` returns is always awaited by axios itself:
 * watching it on a side branch cannot change whether a rejection the caller
 * leaves unhandled is reported, and our reaction, queued before axios's
 * await, adds no microtask to anyone's chain. That is where a call's settle
 * is seen when the chain offers no tick-free point of its own:
 *  - no response interceptor (else response-side.ts would have to add a
 *    pass-through handler, one microtask later for the caller);
 *  - synchronous mode, where a throw in dispatchRequest made earlier 1.x
 *    releases return `Promise.reject(error)` without running the response
 *    interceptors (1.21 runs them);
 *  - axios failing before it builds the chain (a synchronous throw here).
 * `request` passes its arguments on untouched, first thing, so this is
 * also where a 1.x call enters (and `request` itself is left alone: one
 * wrapper per call, not two). 0.x has no `_request`: its `request` returns
 * the chain to the caller, and request-hook.ts wraps that.
 */
import { observeValue, type Watcher } from './observe';
import { hasPrototype, replaceMethod } from './patch';
import type { Call } from './call';
import type { Tracker } from './tracker';
import { applyArgs } from '../../protocol/intrinsics';

const setProto = Reflect.setPrototypeOf;
const protoOf = Reflect.getPrototypeOf;

class InnerWatcher implements Watcher {
  constructor(
    private readonly tracker: Tracker,
    private readonly call: Call,
  ) {}

  report(value: unknown, failed: boolean): void {
    try {
      this.tracker.finish(this.call, value, failed);
    } catch {
      // Ours alone: axios's promise goes on untouched.
    }
  }
}

/** Wraps `owner._request` when there is one (axios 1.x); false when not. */
export function wrapInnerRequest(owner: object, tracker: Tracker): boolean {
  return replaceMethod(owner, '_request', (original) => {
    const impl = innerImpl(original, tracker);
    // Its own wrapper literals: see chain-hook.ts.
    const wrapper = hasPrototype(original)
      ? function (this: unknown) {
          // eslint-disable-next-line prefer-rest-params
          return impl(this, arguments);
        }
      : {
          _request(this: unknown) {
            // eslint-disable-next-line prefer-rest-params
            return impl(this, arguments);
          },
        }._request;
    setProto(wrapper, protoOf(original));
    return wrapper;
  });
}

/** tracker.enter, with nothing of ours escaping (no closure per call: this runs for every request). */
function enter(tracker: Tracker, self: unknown, args: IArguments): Call | undefined {
  try {
    return tracker.enter(self, args);
  } catch {
    return undefined;
  }
}

function innerImpl(original: Function, tracker: Tracker) {
  return (self: unknown, args: IArguments): unknown => {
    const call = enter(tracker, self, args);
    if (call === undefined) return applyArgs(original, self, args);
    call.inner = true;
    const outer = tracker.active;
    tracker.active = call;
    let result: unknown;
    try {
      result = applyArgs(original, self, args);
    } catch (error) {
      tracker.active = outer;
      new InnerWatcher(tracker, call).report(error, true);
      throw error;
    }
    tracker.active = outer;
    // The response side's stand-ins report settle unless none were offered,
    // or synchronous mode may skip them; then axios's own promise tells.
    try {
      if (!call.responseWatched || call.syncMode) observeValue(result, new InnerWatcher(tracker, call));
    } catch {
      // Ours alone.
    }
    return result;
  };
}
