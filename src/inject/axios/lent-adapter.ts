/**
 * axios 0.x in synchronous mode (every request interceptor it keeps is
 * `synchronous`, or there is none, the common case of an instance whose
 * refresh logic is all in a response interceptor): `request` runs the
 * interceptors and dispatchRequest before it returns, and hands the caller
 * dispatchRequest's promise with the response interceptors chained on it.
 * Unless dispatchRequest throws: then the caller gets `Promise.reject(error)`
 * and no response interceptor runs, so nothing of ours in the chain would
 * report the end. Watching the caller's promise to cover that would add a
 * link (a microtask later for the caller) or mark it handled.
 *
 * Instead the config dispatchRequest receives lends it a stand-in adapter for
 * the synchronous steps between the last request interceptor and the
 * adapter's call (dispatchRequest's transformRequest and header flattening).
 * The stand-in puts the app's adapter back first thing, calls it as
 * dispatchRequest would, and returns a thenable whose `then` (dispatchRequest
 * calls it once, at once) chains on the adapter's promise. So when `request`
 * returns, the request wrapper knows which of three things happened:
 *  - 'chained': dispatchRequest returned its promise; the response stand-ins
 *    report the end or, with no response interceptor, the functions passed
 *    to `then` do (what they return is what the caller gets);
 *  - 'threw': the adapter threw; the caller gets that error, reported at once;
 *  - anything else (dispatchRequest threw before the adapter, the adapter
 *    returned no thenable, the config could not lend): the wrapper watches
 *    the caller's promise as before, a microtask later for the caller.
 */
import { observeCall, type Watcher } from './observe';
import type { Call } from './call';
import type { Tracker } from './tracker';
import { apply } from '../../protocol/intrinsics';

const getOwn = Reflect.getOwnPropertyDescriptor;
const reflectSet = Reflect.set;

/** Where a loan got to (numbers: compared on every 0.x call in synchronous mode). */
const LENT = 0;
const CALLED = 1;
const CHAINED = 2;
const THREW = 3;

/** One call's loan of its config's `adapter`. */
export class Loan implements Watcher {
  state = LENT;
  error: unknown = undefined;
  readonly standIn: Function;

  constructor(
    readonly call: Call,
    readonly tracker: Tracker,
    readonly config: object,
    readonly adapter: Function,
  ) {
    const loan = this;
    this.standIn = function (this: unknown) {
      // eslint-disable-next-line prefer-rest-params
      return loan.run(this, arguments);
    };
  }

  /** Puts the app's adapter back, if ours is still there. */
  restore(): void {
    const config = this.config as { adapter?: unknown };
    try {
      if (getOwn(config, 'adapter')?.value === this.standIn) reflectSet(config, 'adapter', this.adapter);
    } catch {
      // A Proxy config whose trap throws: nothing more we can do without page code noticing.
    }
  }

  private run(self: unknown, args: IArguments): unknown {
    this.restore();
    this.state = CALLED;
    let promise: unknown;
    try {
      promise = apply(this.adapter, self, args);
    } catch (error) {
      this.state = THREW;
      this.error = error;
      throw error;
    }
    // dispatchRequest reads `then` once; so do we, and hand it on.
    const then = (typeof promise === 'object' && promise !== null) || typeof promise === 'function' ? (promise as { then?: unknown }).then : undefined;
    if (typeof then !== 'function') return promise;
    const loan = this;
    return {
      then(onResolved: unknown, onRejected: unknown) {
        const chained = apply(then, promise, [loan.ending(onResolved, false), loan.ending(onRejected, true)]);
        loan.state = CHAINED;
        return chained;
      },
    };
  }

  /** dispatchRequest's handler for the adapter's outcome; with no response interceptor, what it returns is what the caller gets. */
  private ending(handler: unknown, failed: boolean): unknown {
    if (typeof handler !== 'function' || this.call.responseWatched) return handler;
    const loan = this;
    return function (this: unknown, input: unknown) {
      try {
        loan.tracker.transportEnd(loan.call, input, failed);
      } catch {
        // Ours alone: the adapter's outcome passes on untouched.
      }
      // eslint-disable-next-line prefer-rest-params
      return observeCall(handler, this, arguments, loan);
    };
  }

  report(value: unknown, failed: boolean): void {
    try {
      this.tracker.settle(this.call, value, failed);
    } catch {
      // As above.
    }
  }
}

/** Lends `config` a stand-in adapter for this call's dispatch; false when it cannot (no own writable function there). Never throws. */
export function lendAdapter(call: Call, tracker: Tracker, config: object): boolean {
  try {
    const own = getOwn(config, 'adapter');
    if (own === undefined || !('value' in own) || !own.writable || typeof own.value !== 'function') return false;
    const loan = new Loan(call, tracker, config, own.value as Function);
    if (!reflectSet(config, 'adapter', loan.standIn)) return false;
    call.loan = loan;
    return true;
  } catch {
    // A Proxy config whose trap throws: the call is watched as before.
    return false;
  }
}

/**
 * After axios's `request` returned (or threw) in synchronous mode: whether the
 * call's end is seen without watching the caller's promise. Takes the loan
 * back. Never throws.
 */
export function settledWithoutLink(call: Call, tracker: Tracker): boolean {
  const loan = call.loan;
  if (loan === undefined) return false;
  call.loan = undefined;
  loan.restore();
  if (loan.state === CHAINED) return true;
  if (loan.state !== THREW) return false;
  // dispatchRequest let the adapter's throw through: the caller's promise is rejected with it.
  try {
    tracker.finish(call, loan.error, true);
  } catch {
    // Ours alone.
  }
  return true;
}
