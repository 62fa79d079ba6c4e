import { useEffect, useState } from 'preact/hooks';
import type { PanelState, PanelStore } from './store/panel-store';

// A timer rather than requestAnimationFrame: rAF never fires in a tab that is
// not in front, and a panel opened as a tab must still keep up.
const RENDER_INTERVAL_MS = 16;
/**
 * A render (analysis snapshot included) may take at most this share of the
 * panel's thread: under a burst of events the next render waits longer, so
 * the events themselves are taken in rather than queued behind redraws.
 */
const RENDER_SHARE = 1 / 3;

/** The wait before the next render, given what the last one cost. */
export function nextRenderDelay(lastRenderMs: number): number {
  return Math.max(RENDER_INTERVAL_MS, lastRenderMs / RENDER_SHARE - lastRenderMs);
}

/** Re-renders on store changes, at most once per frame's worth of time, less often while renders are slow. */
export function useStore(store: PanelStore): PanelState {
  const [, setVersion] = useState(store.state.version);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let lastRenderMs = 0;
    const update = () => {
      timer ??= setTimeout(() => {
        timer = undefined;
        const start = performance.now();
        setVersion(store.state.version);
        // Preact renders in a microtask queued by setVersion: this one runs after it.
        void Promise.resolve().then(() => (lastRenderMs = performance.now() - start));
      }, nextRenderDelay(lastRenderMs));
    };
    const unsubscribe = store.subscribe(update);
    // Messages that arrived between the first render and this effect.
    update();
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [store]);
  return store.state;
}
