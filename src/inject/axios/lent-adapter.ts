/**
 * Seeing where an axios 0.x call ends when nothing of ours is in its chain.
 * 0.x hands the caller the chain's last promise itself, so with no response
 * interceptor (or in synchronous mode, where a throw in dispatchRequest skips
 * the response interceptors) our stand-ins cannot report the end, and
 * watching the caller's promise would add a link (a microtask later for the
 * caller) or mark it handled (hiding a rejection the caller leaves unhandled).
 *
 * Instead the config dispatchRequest receives lends it a stand-in adapter,
 * from the moment the last request interceptor has handed that config on
 * until dispatchRequest reads `config.adapter` (its transformRequest and
 * header flattening run in between). The stand-in puts the app's adapter
 * back first thing, calls it as dispatchRequest would, and returns a thenable
 * whose `then` (dispatchRequest calls it once, at once) chains
 * dispatchRequest's own handlers on the adapter's promise; with no response
 * interceptor, what those handlers return is what the caller gets. So:
 *  - 'chained': dispatchRequest returned its promise; the response stand-ins,
 *    or with none the handlers passed to `then`, report the end;
 *  - 'threw': the adapter threw; the caller gets that error;
 *  - never called, stand-in still in place: dispatchRequest threw before the
 *    adapter (a transformRequest threw, the request was cancelled before it
 *    was sent); the caller gets that error, which only a cancellation tells.
 *
 * When the loan is made:
 *  - synchronous mode (no request interceptor, or only `synchronous` ones):
 *    dispatchRequest runs inside `request`, so the request wrapper takes the
 *    loan back when `request` returns (settledWithoutLink);
 *  - asynchronous mode, no response interceptor: 0.x chains the request
 *    handlers it kept in the reverse of the order it read them, each
 *    `then(fulfilled, rejected)`, then `then(dispatchRequest, undefined)`.
 *    An outcome no later handler can take up (no later `fulfilled` for a
 *    value, no later `rejected` for an error) is what dispatchRequest gets,
 *    or, an error, what the caller gets (lendIfLast). dispatchRequest then
 *    runs in the same microtask checkpoint, so a timer tells whether the
 *    stand-in was reached;
 *  - axios before 0.21.2 with no interceptor at all: through the instance's
 *    defaults, which mergeConfig copies into the call's config
 *    (lendThroughDefaults).
 */
import { observeCall, type Watcher } from './observe';
import type { Call } from './call';
import type { Tracker } from './tracker';
import { apply, OwnWeakSet } from '../../protocol/intrinsics';
import { configArgument } from './request-info';

const getOwn = Reflect.getOwnPropertyDescriptor;
const reflectSet = Reflect.set;
const protoOf = Reflect.getPrototypeOf;
const nativeThen = Promise.prototype.then;
// Taken when the page script starts: a page that wraps timers later (Zone.js) must not see ours.
const later = globalThis.setTimeout;
const abortedGetter = globalThis.AbortSignal ? getOwn(AbortSignal.prototype, 'aborted')?.get : undefined;

/** Every stand-in lent out: a config two calls hand to dispatchRequest at once lends only to the first. */
const standIns = new OwnWeakSet<Function>();

/** Where a loan got to (numbers: compared on every 0.x call that lends). */
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
    /** Undefined until the stand-in reaches it: lent through the instance's defaults (lendThroughDefaults). */
    public config: object | undefined,
    readonly adapter: Function,
    /** Made from a request handler's outcome (asynchronous mode): nobody takes it back when `request` returns. */
    readonly async: boolean,
    readonly t: number,
  ) {
    const loan = this;
    this.standIn = function (this: unknown) {
      // eslint-disable-next-line prefer-rest-params
      return loan.run(this, arguments);
    };
  }

  /** Whether our stand-in is still the config's adapter. */
  lent(): boolean {
    return this.config !== undefined && holds(this.config, this.standIn);
  }

  /** Puts the app's adapter back on the config, if ours is still there. */
  restore(): void {
    if (this.config !== undefined) putBack(this.config, this);
  }

  private run(self: unknown, args: IArguments): unknown {
    const config = args[0];
    if (this.config === undefined && typeof config === 'object' && config !== null) this.config = config;
    this.restore();
    this.state = CALLED;
    let promise: unknown;
    try {
      promise = apply(this.adapter, self, args);
    } catch (error) {
      this.state = THREW;
      this.error = error;
      // dispatchRequest lets it through, so the caller's promise rejects with it.
      if (this.async) finish(this.tracker, this.call, error);
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
      return observeCall(handler, this, arguments, loan, !failed);
    };
  }

  report(value: unknown, failed: boolean): void {
    try {
      this.tracker.settle(this.call, value, failed);
    } catch {
      // As above.
    }
  }

  /**
   * Called once dispatchRequest has run: reports how it failed, if it did.
   * False when where the call ended is unknown (an app's transformRequest
   * replaced our stand-in).
   */
  conclude(): boolean {
    const state = this.state;
    if (state === CHAINED) return true;
    if (state === THREW) {
      if (!this.async) finish(this.tracker, this.call, this.error);
      return true;
    }
    // The adapter returned no thenable, or its `then` threw: so did dispatchRequest, with an error we do not see.
    if (state === CALLED) finish(this.tracker, this.call, undefined);
    // Lent through the defaults and never reached: dispatchRequest threw before it read the adapter.
    else if (this.config === undefined) finish(this.tracker, this.call, undefined, this.t);
    else if (!this.lent()) return false;
    // dispatchRequest threw before it read `config.adapter`.
    else finish(this.tracker, this.call, cancellation(this.config!), this.t);
    return true;
  }
}

/** Whether `target`'s own `adapter` is `standIn`. */
function holds(target: object, standIn: Function): boolean {
  try {
    return getOwn(target, 'adapter')?.value === standIn;
  } catch {
    // A Proxy whose trap throws.
    return false;
  }
}

/** Puts `loan`'s adapter back on `target` (a config, or the defaults it was lent through), if ours is still there. */
function putBack(target: object, loan: Loan): void {
  try {
    if (holds(target, loan.standIn)) reflectSet(target, 'adapter', loan.adapter);
  } catch {
    // As above: nothing more we can do without page code noticing.
  }
}

/**
 * Makes `target`'s own `adapter` (a writable function, not already a
 * stand-in of ours) the stand-in of a new loan for `call`; undefined when
 * it cannot. `config` is where the stand-in is first seen, if known.
 */
function lendOn(target: object, call: Call, tracker: Tracker, config: object | undefined, async: boolean): Loan | undefined {
  const own = getOwn(target, 'adapter');
  if (own === undefined || !('value' in own) || !own.writable || typeof own.value !== 'function' || standIns.has(own.value)) return undefined;
  const loan = new Loan(call, tracker, config, own.value as Function, async, tracker.now());
  if (!reflectSet(target, 'adapter', loan.standIn)) return undefined;
  standIns.add(loan.standIn);
  call.loan = loan;
  return loan;
}

function finish(tracker: Tracker, call: Call, error: unknown, t?: number): void {
  try {
    if (t === undefined) tracker.finish(call, error, true);
    else tracker.settle(call, error, true, t);
  } catch {
    // Ours alone.
  }
}

/** What 0.x's throwIfCancellationRequested threw, as far as the config tells without page code: its CancelToken's reason, or an aborted signal's code. */
function cancellation(config: object): unknown {
  const { cancelToken, signal } = config as { cancelToken?: unknown; signal?: unknown };
  const reason = typeof cancelToken === 'object' && cancelToken !== null ? getOwn(cancelToken, 'reason')?.value : undefined;
  if (reason !== undefined) return reason;
  if (abortedGetter !== undefined && typeof signal === 'object' && signal !== null) {
    try {
      if (apply(abortedGetter, signal, []) === true) return { code: 'ERR_CANCELED' };
    } catch {
      // Not a real AbortSignal: axios's own read would tell, ours cannot.
    }
  }
  return undefined;
}

/** Lends `config` a stand-in adapter for this call's dispatch; false when it cannot (no own writable function there). Never throws. */
export function lendAdapter(call: Call, tracker: Tracker, config: object, async = false): boolean {
  try {
    return lendOn(config, call, tracker, config, async) !== undefined;
  } catch {
    // A Proxy config whose trap throws: the call is watched another way.
    return false;
  }
}

/**
 * After axios's `request` returned (or threw) in synchronous mode: whether the
 * call's end is seen without watching the caller's promise. Takes the loan
 * back. Never throws.
 */
export function settledWithoutLink(call: Call): boolean {
  const loan = call.loan;
  if (loan === undefined) return false;
  call.loan = undefined;
  try {
    return loan.conclude();
  } finally {
    loan.restore();
  }
}

/**
 * axios before 0.21.2 with no interceptor gives us no config before
 * dispatchRequest, so the loan goes through the instance's defaults: for the
 * synchronous part of `request` (where only axios runs: mergeConfig copies it
 * into the call's config) `defaults.adapter` is our stand-in, put back as
 * soon as `request` returns. The first request handler to run, if any, takes
 * it off the config before app code sees it (takeBackFromMerged). Undefined
 * when the call's own config names an adapter (mergeConfig would take that).
 */
export function lendThroughDefaults(call: Call, tracker: Tracker, context: unknown, args: ArrayLike<unknown>): { giveBack(): void } | undefined {
  try {
    const defaults = (context as { defaults?: unknown }).defaults;
    if (typeof defaults !== 'object' || defaults === null) return undefined;
    const own = configArgument(args);
    if (own !== undefined && inheritedValue(own, 'adapter') !== undefined) return undefined;
    const loan = lendOn(defaults, call, tracker, undefined, true);
    return loan && { giveBack: () => putBack(defaults, loan) };
  } catch {
    return undefined;
  }
}

/** A value along `obj`'s prototype chain, or undefined; an accessor counts as a value (we cannot tell without running it). */
function inheritedValue(obj: object, key: string): unknown {
  for (let o: object | null = obj, depth = 0; o !== null && depth < 32; o = protoOf(o), depth++) {
    const d = getOwn(o, key);
    if (d !== undefined) return 'value' in d ? d.value : d;
  }
  return undefined;
}

/** The first request handler received the merged config: our stand-in comes off it before app code runs. */
export function takeBackFromMerged(call: Call, config: unknown): void {
  const loan = call.loan;
  if (loan === undefined || loan.config !== undefined || typeof config !== 'object' || config === null) return;
  call.loan = undefined;
  loan.config = config;
  loan.restore();
}

/** No interceptor at all (before 0.21.2): the loan made through the defaults reports the end; a timer tells if it was reached. */
export function concludeThroughDefaults(call: Call, tracker: Tracker): boolean {
  if (call.loan === undefined || call.loan.config !== undefined) return false;
  apply(later, globalThis, [() => concludeLater(call, tracker), 0]);
  return true;
}

/** At response collection: an 0.x call in asynchronous mode with no response interceptor whose end the lent adapter can see. */
export function canLendLater(call: Call): boolean {
  return call.legacy && call.viaWrapper && !call.inner && !call.syncMode && call.firstFulfilled >= 0;
}

/**
 * A kept request handler (read `order`-th by axios) ended; in a lendLater
 * call, if no later handler can take its outcome up, that outcome is what
 * dispatchRequest gets (a value) or what the caller gets (an error).
 */
export function lendIfLast(call: Call, tracker: Tracker, order: number, value: unknown, failed: boolean): void {
  if (order < 0) return;
  // 0.x chains handlers in the reverse of the order it read them: those read earlier run later.
  const next = failed ? call.firstRejected : call.firstFulfilled;
  if (next >= 0 && next < order) return;
  call.lendLater = false;
  if (failed) return finish(tracker, call, value);
  if ((typeof value !== 'object' || value === null) && typeof value !== 'function') {
    // dispatchRequest's first read of the config throws a TypeError.
    return finish(tracker, call, undefined);
  }
  if (lendAdapter(call, tracker, value, true)) {
    apply(later, globalThis, [() => concludeLater(call, tracker), 0]);
    return;
  }
  watchCaller(call, tracker);
}

/** dispatchRequest has run (it runs in the microtask checkpoint where the loan was made). */
function concludeLater(call: Call, tracker: Tracker): void {
  const loan = call.loan;
  call.loan = undefined;
  if (loan === undefined || loan.conclude()) return;
  watchCaller(call, tracker);
}

/**
 * The last resort: the caller's promise, on a side branch. It adds no tick,
 * but marks that promise handled: a rejection the caller leaves unhandled
 * would no longer reach the page's unhandledrejection handlers.
 */
function watchCaller(call: Call, tracker: Tracker): void {
  const caller = call.caller;
  call.caller = undefined;
  if (!(caller instanceof Promise)) return;
  apply(nativeThen, caller, [(value: unknown) => tracker.finish(call, value, false), (error: unknown) => tracker.finish(call, error, true)]);
}
