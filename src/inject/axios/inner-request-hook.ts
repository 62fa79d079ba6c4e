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
 * 0.x has no `_request`: its `request` returns the chain to the caller.
 */
import { observeValue, type Watcher } from './observe';
import { replaceMethod, syncLike } from './patch';
import type { Call } from './call';
import type { Tracker } from './tracker';

const apply = Reflect.apply;
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
    const wrapper = syncLike(original, innerImpl(original, tracker));
    setProto(wrapper, protoOf(original));
    return wrapper;
  });
}

/**
 * The call `_request` serves: the one our request wrapper is running, which
 * calls `_request` synchronously, first thing. Not one the app calls
 * `_request` for itself, nor a second `_request` within the same call.
 */
function claim(tracker: Tracker): Call | undefined {
  const call = tracker.active;
  if (call === undefined || call.inner || !call.viaWrapper) return undefined;
  call.inner = true;
  return call;
}

function innerImpl(original: Function, tracker: Tracker) {
  return (self: unknown, args: IArguments): unknown => {
    const call = claim(tracker);
    if (call === undefined) return apply(original, self, args);
    let result: unknown;
    try {
      result = apply(original, self, args);
    } catch (error) {
      new InnerWatcher(tracker, call).report(error, true);
      throw error;
    }
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
