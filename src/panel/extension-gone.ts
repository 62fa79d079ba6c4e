/** How often the panel looks whether its extension is still there. */
export const GONE_CHECK_MS = 1000;

export interface GoneWatch {
  /** Report now that the extension is gone (a connect failed); once, whoever reports first. */
  gone(): void;
}

/**
 * Tells `onGone`, once, that the extension was reloaded or removed under
 * this page. Chrome keeps an extension's DevTools panel on screen after a
 * reload, but tells it nothing: its ports' disconnect listeners never run
 * again, and only its runtime id going missing gives it away.
 */
export function watchExtensionGone(
  alive: () => boolean,
  onGone: () => void,
  timers: { set(fn: () => void, ms: number): unknown; clear(handle: unknown): void } = {
    set: (fn, ms) => setInterval(fn, ms),
    clear: (handle) => clearInterval(handle as number),
  },
): GoneWatch {
  let done = false;
  const gone = () => {
    if (done) return;
    done = true;
    timers.clear(handle);
    onGone();
  };
  const handle = timers.set(() => {
    if (!alive()) gone();
  }, GONE_CHECK_MS);
  return { gone };
}
