/**
 * Wraps Axios.prototype.request of one axios copy without `_request` (0.x;
 * 1.x enters through inner-request-hook.ts). Every way into axios ends
 * there: `instance(config)` and `instance.request` are bound to it when the
 * instance is created (after our detection ran), and the method aliases
 * (`get`, `post`, ...) call `this.request`. So the wrapper sees the caller's
 * own arguments (replay identity) before any request interceptor runs.
 *
 * It returns axios's own promise, untouched (settle is seen at the end of
 * the chain, response-side.ts), so timing, identity and unhandled
 * rejections are exactly axios's. It shares the original's [[Prototype]]
 * (AsyncFunction.prototype for 1.x built from source), so reflection sees
 * the same kind of function. Two paths return a promise derived from
 * axios's instead (same value or reason, one microtask later, rejection
 * still unhandled if the caller leaves it so): a call that fails before
 * axios builds its chain (invalid options), and 0.x calls in synchronous
 * mode (no async request interceptor) whose transformRequest replaced the
 * adapter lent for the dispatch (lent-adapter.ts), so that whether
 * dispatchRequest threw (which bypasses the response chain) is unknown. A
 * synchronous throw (0.x validates some options synchronously) is reported
 * and re-thrown as is.
 */
import type { InjectContext } from '../context';
import { hasPrototype, replaceMethod } from './patch';
import type { Call } from './call';
import type { Tracker } from './tracker';
import { apply, applyArgs } from '../../protocol/intrinsics';
import { lendThroughDefaults, settledWithoutLink } from './lent-adapter';

const setProto = Reflect.setPrototypeOf;
const protoOf = Reflect.getPrototypeOf;

export function wrapRequest(owner: object, tracker: Tracker, ctx: InjectContext): boolean {
  return replaceMethod(owner, 'request', (original) => {
    const impl = requestImpl(original, tracker, ctx);
    // Its own wrapper literals: see chain-hook.ts.
    const wrapper = hasPrototype(original)
      ? function (this: unknown) {
          // eslint-disable-next-line prefer-rest-params
          return impl(this, arguments);
        }
      : {
          request(this: unknown) {
            // eslint-disable-next-line prefer-rest-params
            return impl(this, arguments);
          },
        }.request;
    setProto(wrapper, protoOf(original));
    return wrapper;
  });
}

/** tracker.enter, with nothing of ours escaping (ctx.guard without a closure per call: this runs for every request). */
function enter(tracker: Tracker, self: unknown, args: IArguments): Call | undefined {
  try {
    return tracker.enter(self, args);
  } catch {
    return undefined;
  }
}

function finish(tracker: Tracker, call: Call, value: unknown, failed: boolean): void {
  try {
    tracker.finish(call, value, failed);
  } catch {
    // Ours alone: the caller's value passes on untouched.
  }
}

function requestImpl(original: Function, tracker: Tracker, ctx: InjectContext) {
  return (self: unknown, args: IArguments): unknown => {
    const call = enter(tracker, self, args);
    if (!call) return applyArgs(original, self, args);
    const outer = tracker.active;
    tracker.active = call;
    const throughDefaults = call.early ? lendThroughDefaults(call, tracker, self, args) : undefined;
    let result: unknown;
    try {
      result = applyArgs(original, self, args);
    } catch (error) {
      tracker.active = outer;
      throughDefaults?.giveBack();
      settledWithoutLink(call);
      ctx.guard(() => tracker.settle(call, error, true));
      throw error;
    }
    tracker.active = outer;
    throughDefaults?.giveBack();
    if (call.lendLater) call.caller = result;
    // The chain's ends report settle, unless axios failed before building the
    // chain (the response side was never collected), or 0.x in synchronous
    // mode, which skips the response chain when dispatchRequest throws: there
    // the adapter lent for the dispatch tells whether it did (lent-adapter.ts).
    if (call.resMgr === undefined && (!(call.legacy && call.syncMode) || settledWithoutLink(call))) return result;
    const then = typeof result === 'object' && result !== null ? (result as { then?: unknown }).then : undefined;
    if (typeof then !== 'function') {
      ctx.guard(() => tracker.settle(call, result, false));
      return result;
    }
    return apply(then, result, [
      (value: unknown) => {
        finish(tracker, call, value, false);
        return value;
      },
      (error: unknown) => {
        finish(tracker, call, error, true);
        throw error;
      },
    ]);
  };
}
