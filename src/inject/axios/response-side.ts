/**
 * The response side of the chain. axios runs response interceptors in
 * registration order (every version; they have no runWhen), right after
 * dispatchRequest settles. So the first app handler's input is the adapter's
 * result ('transport-end') and the last app handler's outcome is what the
 * caller gets ('settle'). Their stand-ins wrap both functions; a missing one
 * becomes a pass-through (identity / re-throw), which is what `then` does
 * for a missing callback, with no extra tick. When the app has no response
 * interceptor we must add one handler of ours: that case costs the caller
 * one microtask (so does 0.x in synchronous mode, see request-hook.ts).
 */
import type { InjectContext } from '../context';
import { observeCall } from './observe';
import type { Call } from './call';
import type { Tracker } from './tracker';

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

export function offerResponseSide(call: Call, tracker: Tracker, ctx: InjectContext, fn: Function, iterate: (collect: (h: AppHandler) => void) => unknown): unknown {
  const handlers: AppHandler[] = [];
  const result = iterate((h) => void handlers.push(h));
  const last = handlers.length - 1;
  const settle = (value: unknown, failed: boolean) => ctx.guard(() => tracker.settle(call, value, failed));
  const offer = (handler: unknown) => {
    try {
      fn(handler);
    } catch {
      // axios's collector only pushes; nothing of ours may surface.
    }
  };
  if (last < 0) {
    // In 0.x synchronous mode the request wrapper watches the caller's promise anyway (see Call.legacy).
    if (!(call.viaWrapper && call.legacy && call.syncMode)) offer(standIn({ fulfilled: identity, rejected: rethrow }, true, true));
    return result;
  }
  // Offered after the iteration rather than during it: the collector only
  // pushes, and no app code runs while the response side is collected.
  handlers.forEach((h, i) => offer(i === 0 || i === last ? standIn(h, i === 0, i === last) : h));
  return result;

  function standIn(h: AppHandler, first: boolean, isLast: boolean): AppHandler {
    const wrap = (f: unknown, failed: boolean) => {
      const own = typeof f === 'function' ? f : failed ? rethrow : identity;
      return function (this: unknown, input: unknown) {
        if (first) ctx.guard(() => tracker.transportEnd(call, input, failed));
        // eslint-disable-next-line prefer-rest-params
        return isLast ? observeCall(own, this, arguments, settle) : Reflect.apply(own, this, arguments);
      };
    };
    return { fulfilled: wrap(h.fulfilled, false), rejected: wrap(h.rejected, true), synchronous: h.synchronous, runWhen: h.runWhen };
  }
}
