/**
 * The response side of the chain. axios runs response interceptors in
 * registration order (every version; they have no runWhen), right after
 * dispatchRequest settles. So the first app handler's input is the adapter's
 * result ('transport-end') and the last app handler's outcome is what the
 * caller gets ('settle'). Their stand-ins wrap both functions; a missing one
 * becomes a pass-through (identity / re-throw), which is what `then` does
 * for a missing callback, with no extra tick. With no response interceptor,
 * 1.x and 0.x are seen elsewhere (inner-request-hook.ts, lent-adapter.ts);
 * only an instance tracked from its chain alone, or an axios before 0.21.2
 * with no interceptor at all, gets one handler of ours, which costs its
 * caller one microtask.
 * Written to allocate little: this runs for every request of the page.
 */
import { observeCall, type Watcher } from './observe';
import type { Call } from './call';
import type { Tracker } from './tracker';
import { applyArgs, callWith } from '../../protocol/intrinsics';
import { canLendLater, concludeThroughDefaults } from './lent-adapter';

interface AppHandler {
  fulfilled?: unknown;
  rejected?: unknown;
  synchronous?: unknown;
  runWhen?: unknown;
}

const identity = (value: unknown) => value;
const rethrow = (error: unknown) => {
  throw error;
};

/** What the stand-ins of one call share; told the caller's outcome by observeCall. */
class ResponseSide implements Watcher {
  constructor(
    readonly call: Call,
    readonly tracker: Tracker,
  ) {}

  report(value: unknown, failed: boolean): void {
    try {
      this.tracker.settle(this.call, value, failed);
    } catch {
      // Ours alone: the caller's value passes on untouched.
    }
  }

  transportEnd(input: unknown, failed: boolean): void {
    try {
      this.tracker.transportEnd(this.call, input, failed);
    } catch {
      // As above.
    }
  }
}

function wrap(side: ResponseSide, f: unknown, failed: boolean, first: boolean, last: boolean): Function {
  const own = typeof f === 'function' ? f : failed ? rethrow : identity;
  return function (this: unknown, input: unknown) {
    if (first) side.transportEnd(input, failed);
    // eslint-disable-next-line prefer-rest-params
    return last ? observeCall(own, this, arguments, side, !failed) : applyArgs(own, this, arguments);
  };
}

function standIn(side: ResponseSide, h: AppHandler, first: boolean, last: boolean): AppHandler {
  return { fulfilled: wrap(side, h.fulfilled, false, first, last), rejected: wrap(side, h.rejected, true, first, last), synchronous: h.synchronous, runWhen: h.runWhen };
}

function offer(fn: Function, handler: unknown): void {
  try {
    fn(handler);
  } catch {
    // axios's collector only pushes; nothing of ours may surface.
  }
}

/**
 * Every call's response handlers are collected into this one array, above
 * where any call still being offered stopped (an app's getter read while
 * offering may start another call), and cut back once offered: no array
 * and no collector are made per call.
 */
const collected: AppHandler[] = [];
/**
 * Where the next handler goes: the array is not cut back (storing to an
 * array's length is a call into the engine's runtime), so slots above this
 * keep handlers of earlier calls, the app's own long-lived objects.
 */
let top = 0;
const collect = (h: AppHandler) => {
  collected[top++] = h;
};

/** `forEach` is the manager's own, called on `manager` with our collector. */
export function offerResponseSide(call: Call, tracker: Tracker, fn: Function, forEach: Function, manager: unknown): unknown {
  const from = top;
  try {
    return offerCollected(call, tracker, fn, callWith(forEach, manager, collect), from);
  } finally {
    top = from;
  }
}

function offerCollected(call: Call, tracker: Tracker, fn: Function, result: unknown, from: number): unknown {
  const handlers = collected;
  const last = top - 1;
  const side = new ResponseSide(call, tracker);
  if (last < from) {
    // 1.x: the promise axios awaits tells (inner-request-hook.ts); 0.x: the
    // adapter lent for the dispatch (lent-adapter.ts), in synchronous mode by
    // the request wrapper, else by the request handler whose outcome
    // dispatchRequest gets.
    if (call.inner || (call.viaWrapper && call.legacy && call.syncMode)) return result;
    if (canLendLater(call)) {
      call.lendLater = true;
      return result;
    }
    // Before 0.21.2, no interceptor at all: the adapter lent through the defaults.
    if (call.early && call.reads === 0 && concludeThroughDefaults(call, tracker)) return result;
    call.responseWatched = true;
    offer(fn, standIn(side, { fulfilled: identity, rejected: rethrow, synchronous: true }, true, true));
    return result;
  }
  call.responseWatched = true;
  // Offered after the iteration rather than during it: the collector only
  // pushes, and no app code runs while the response side is collected.
  for (let i = from; i <= last; i++) offer(fn, i === from || i === last ? standIn(side, handlers[i], i === from, i === last) : handlers[i]);
  return result;
}
