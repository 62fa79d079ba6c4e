/**
 * Seeing how a function call of the app ends without changing how it ends:
 * a value, a throw (re-thrown by the caller of `observeCall`), or a promise
 * whose outcome we watch on a side branch. Watching a native promise that
 * axios is about to adopt anyway adds no tick to the app's chain and cannot
 * change its unhandled-rejection behaviour (axios handles it too).
 */
const NativePromise = Promise;
const nativeThen = Promise.prototype.then;
const apply = Reflect.apply;

export type Outcome = (value: unknown, failed: boolean) => void;

/** Reports `value` now, or when it settles if it is a thenable. */
export function observeValue(value: unknown, report: Outcome): void {
  if (value instanceof NativePromise) {
    apply(nativeThen, value, [(v: unknown) => report(v, false), (e: unknown) => report(e, true)]);
    return;
  }
  const then = typeof value === 'object' && value !== null ? (value as { then?: unknown }).then : undefined;
  if (typeof then === 'function') {
    // A foreign thenable (another promise library): the chain will call its
    // `then` too; the promise we wrap it in is ours and always handled.
    apply(nativeThen, NativePromise.resolve(value), [(v: unknown) => report(v, false), (e: unknown) => report(e, true)]);
    return;
  }
  report(value, false);
}

/** Calls `fn` as axios would and reports how it ended; its result or exception is passed on untouched. */
export function observeCall(fn: Function, self: unknown, args: ArrayLike<unknown>, report: Outcome): unknown {
  let out: unknown;
  try {
    out = apply(fn, self, args);
  } catch (error) {
    report(error, true);
    throw error;
  }
  observeValue(out, report);
  return out;
}
