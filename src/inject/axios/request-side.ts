/**
 * The request side of the chain. 'dispatch' is when the last app request
 * interceptor to run has returned a config (or its promise resolved): axios
 * calls dispatchRequest next. Which one runs last depends on the version
 * and `transitional.legacyInterceptorReqResOrdering` (reverse registration
 * order by default), and on runWhen; rather than re-deriving axios's rules we
 * count: a stand-in learns it was kept when axios's collector reads its
 * `fulfilled`, and when the N kept handlers have all run, the one that just
 * returned was the last. With none kept, axios dispatches synchronously right
 * after the chain is built (its synchronous mode), so dispatch is reported then.
 * A probe handler whose runWhen returns false hands us the merged config
 * (what the interceptors will see) without joining the chain.
 */
import { observeCall, type Watcher } from './observe';
import type { Call } from './call';
import type { Tracker } from './tracker';
import { applyArgs, callWith } from '../../protocol/intrinsics';
import { lendIfLast, takeBackFromMerged } from './lent-adapter';


interface AppHandler {
  fulfilled?: unknown;
  rejected?: unknown;
  synchronous?: unknown;
  runWhen?: unknown;
}

/** dispatch, with nothing of ours escaping. */
function dispatch(tracker: Tracker, call: Call, value: unknown): void {
  try {
    tracker.dispatch(call, value);
  } catch {
    // Ours alone: the interceptor's value passes on untouched.
  }
}

/** tracker.merged, with nothing of ours escaping. */
function merged(tracker: Tracker, call: Call, config: unknown): void {
  try {
    tracker.merged(call, config);
  } catch {
    // Ours alone.
  }
}

/** Stands in for one app handler: same functions (wrapped), same flags, runWhen called on the app's object. */
class StandIn implements Watcher {
  private index = -1;
  /** Its place among the handlers axios kept, in the order axios read them. */
  private order = -1;
  private done = false;
  /** Synchronous mode: `fulfilled` threw, and axios dispatches the config it was given once `rejected` returns. */
  private broke = false;
  private input: unknown = undefined;
  readonly rejected: unknown;
  readonly synchronous: unknown;
  readonly runWhen: unknown;
  private readonly original: unknown;

  constructor(
    private readonly call: Call,
    private readonly tracker: Tracker,
    h: AppHandler,
  ) {
    this.original = h.fulfilled;
    this.synchronous = h.synchronous;
    const { rejected, runWhen } = h;
    this.rejected = typeof rejected === 'function' ? this.wrap(rejected, false) : rejected;
    this.runWhen =
      typeof runWhen === 'function'
        ? function () {
            // eslint-disable-next-line prefer-rest-params
            return applyArgs(runWhen, h, arguments);
          }
        : runWhen;
  }

  /** How one of its functions ended. */
  report(value: unknown, failed: boolean): void {
    const call = this.call;
    if (this.index >= 0 && !this.done) {
      this.done = true;
      call.ran++;
    }
    if (!failed && call.ran === call.kept) dispatch(this.tracker, call, value);
    if (call.lendLater) lendIfLast(call, this.tracker, this.order, value, failed);
  }

  /** axios reads `fulfilled` only for a handler it keeps in the chain. */
  get fulfilled(): unknown {
    const call = this.call;
    if (!this.synchronous) call.syncMode = false;
    const order = (this.order = call.reads++);
    if (call.firstFulfilled < 0 && typeof this.original === 'function') call.firstFulfilled = order;
    if (call.firstRejected < 0 && typeof this.rejected === 'function') call.firstRejected = order;
    // One without a fulfilled function passes values through: not counted.
    if (typeof this.original !== 'function') return this.original;
    this.index = call.kept++;
    return this.wrap(this.original, true);
  }

  private wrap(f: Function, fulfilled: boolean): Function {
    const standIn = this;
    return function (this: unknown) {
      // eslint-disable-next-line prefer-rest-params
      const args = arguments;
      const call = standIn.call;
      // axios before 0.21.2 (no probe): the first handler to run was given the
      // merged config, which carries the adapter lent through the defaults.
      if (call.early && fulfilled && call.config === undefined) {
        takeBackFromMerged(call, args[0]);
        merged(standIn.tracker, call, args[0]);
      }
      return call.syncMode ? standIn.runSync(f, this, args, fulfilled) : observeCall(f, this, args, standIn, fulfilled);
    };
  }

  /**
   * Synchronous mode: axios calls `fulfilled` and uses what it returns as it
   * is (nothing is adopted, so nothing is watched: a promise there is the
   * app's to handle). When it throws, axios calls this handler's `rejected`,
   * ignores what that returns, stops running interceptors and dispatches the
   * config `fulfilled` was given.
   */
  private runSync(f: Function, self: unknown, args: IArguments, fulfilled: boolean): unknown {
    let out: unknown;
    try {
      out = applyArgs(f, self, args);
    } catch (error) {
      if (fulfilled) {
        this.broke = true;
        this.input = args[0];
        this.report(error, true);
      }
      throw error;
    }
    if (fulfilled) this.report(out, false);
    else if (this.broke) dispatch(this.tracker, this.call, this.input);
    return out;
  }
}

/**
 * The call whose request side is being offered, and to what: one collector
 * for every call rather than a closure (and its argument list) per call.
 * An app's runWhen runs inside the collection and may start another call,
 * so each offer puts back what it found.
 */
let offerCall: Call | undefined;
let offerTracker: Tracker | undefined;
let offerFn: Function | undefined;
const offerOne = (h: AppHandler) => offerFn!(new StandIn(offerCall!, offerTracker!, h));

/**
 * One probe handler for every call: axios calls its runWhen with the merged
 * config while the request side is collected, for the call in `offerCall`,
 * and skips it. It reads the call being offered rather than a "call being
 * probed" of its own: storing each call (a young object) into long-lived
 * state costs the engine's write barrier, once more per request.
 */
const probe = {
  fulfilled: undefined,
  rejected: undefined,
  synchronous: true,
  runWhen: (config: unknown): false => {
    const call = offerCall;
    if (call !== undefined) merged(offerTracker!, call, config);
    return false;
  },
};

/** `forEach` is the manager's own, called on `manager` with our collector. */
export function offerRequestSide(call: Call, tracker: Tracker, fn: Function, forEach: Function, manager: unknown): unknown {
  const outerCall = offerCall;
  const outerTracker = offerTracker;
  const outerFn = offerFn;
  offerCall = call;
  offerTracker = tracker;
  offerFn = fn;
  // axios before 0.21.2 has no runWhen: it would chain the probe as a link of
  // its own (a microtask more for the caller). There the first request
  // handler to run tells the merged config (wrap), and every call is asynchronous.
  if (call.early) call.syncMode = false;
  else {
    try {
      fn(probe);
    } catch {
      // axios's collector does not throw for a skipped handler; nothing of ours may surface.
    }
  }
  let result: unknown;
  try {
    result = callWith(forEach, manager, offerOne);
  } finally {
    offerCall = outerCall;
    offerTracker = outerTracker;
    offerFn = outerFn;
  }
  if (call.kept === 0) {
    // axios before 0.21.2 with no request interceptor: nothing hands us the
    // merged config, so what it will merge stands in (the real one is marked
    // for replays when a response interceptor sees it, at transport-end).
    if (call.early && call.config === undefined && call.requested !== undefined) merged(tracker, call, call.requested);
    dispatch(tracker, call, undefined);
  }
  return result;
}
