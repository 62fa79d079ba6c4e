/**
 * Seeing how a function call of the app ends without changing how it ends:
 * a value, a throw (re-thrown by the caller of `observeCall`), or a promise
 * whose outcome we watch on a side branch. Watching a native promise that
 * axios is about to adopt anyway adds no tick to the app's chain and cannot
 * change its unhandled-rejection behaviour (axios handles it too).
 */
import { apply, applyArgs } from '../../protocol/intrinsics';

const NativePromise = Promise;
const nativeThen = Promise.prototype.then;

/** Told how a call ended: an object with a method rather than a function, so a stand-in is its own watcher and makes no closure per request. */
export interface Watcher {
  report(value: unknown, failed: boolean): void;
}

function watch(promise: unknown, watcher: Watcher): void {
  apply(nativeThen, promise, [(v: unknown) => watcher.report(v, false), (e: unknown) => watcher.report(e, true)]);
}

/** Reports `value` now, or when it settles if it is a thenable. */
export function observeValue(value: unknown, watcher: Watcher): void {
  if (value instanceof NativePromise) return watch(value, watcher);
  const then = typeof value === 'object' && value !== null ? (value as { then?: unknown }).then : undefined;
  // A foreign thenable (another promise library): the chain will call its
  // `then` too; the promise we wrap it in is ours and always handled.
  if (typeof then === 'function') return watch(NativePromise.resolve(value), watcher);
  watcher.report(value, false);
}

/**
 * Calls `fn` as axios would and reports how it ended; its result or
 * exception is passed on untouched. `fulfilment`: `fn` is a promise's
 * fulfilment handler, so its first argument is a value the promise did not
 * adopt, no thenable; handed back unchanged (an interceptor returning its
 * config or response, the common case) it is reported as it is, without
 * looking for a `then` on it (a slow lookup on axios's config, an object
 * the engine keeps as a hash table).
 */
export function observeCall(fn: Function, self: unknown, args: ArrayLike<unknown>, watcher: Watcher, fulfilment = false): unknown {
  let out: unknown;
  try {
    out = applyArgs(fn, self, args);
  } catch (error) {
    watcher.report(error, true);
    throw error;
  }
  if (fulfilment && out === args[0] && args.length > 0) watcher.report(out, false);
  else observeValue(out, watcher);
  return out;
}
