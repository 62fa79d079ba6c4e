import { useEffect, useState } from 'preact/hooks';
import type { PanelState, PanelStore } from './store/panel-store';

// A timer rather than requestAnimationFrame: rAF never fires in a tab that is
// not in front, and a panel opened as a tab must still keep up.
const RENDER_INTERVAL_MS = 16;

/** Re-renders on store changes, at most once per frame's worth of time. */
export function useStore(store: PanelStore): PanelState {
  const [, setVersion] = useState(store.state.version);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const update = () => {
      timer ??= setTimeout(() => {
        timer = undefined;
        setVersion(store.state.version);
      }, RENDER_INTERVAL_MS);
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
