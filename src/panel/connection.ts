import browser from 'webextension-polyfill';
import { PORT_PANEL, type BackgroundToPanel } from '../protocol';
import type { Delivery } from './delivery';
import { watchExtensionGone } from './extension-gone';
import { subscribe, type PanelPortLike, type Subscription } from './subscription';

/** What the panel needs from the background; tests pass a fake. */
export interface PanelTransport {
  clear(): void;
  close(): void;
  /** What was lost on the way, and where: for markers in the list and the timeline. */
  readonly delivery?: Delivery;
}

/** Subscribes to one tab's events through the extension's runtime ports (see subscribe); `onGone` when the extension was reloaded or removed. */
export function connectToBackground(
  tabId: number,
  onMessage: (message: BackgroundToPanel) => void,
  onGone: () => void,
  delivery?: Delivery,
): PanelTransport & { delivery: Delivery } {
  const alive = () => typeof browser.runtime?.id === 'string';
  const connect = () => {
    // A reloaded extension's old pages lose their id first; a port opened
    // just then could reach the new worker and mix two recordings.
    if (!alive()) throw new Error('Extension context invalidated.');
    return browser.runtime.connect({ name: PORT_PANEL }) as unknown as PanelPortLike;
  };
  // Declared first: a first connect that fails reports from inside subscribe().
  let subscription: Subscription | undefined;
  const watch = watchExtensionGone(alive, () => {
    subscription?.close();
    onGone();
  });
  subscription = subscribe(connect, tabId, onMessage, delivery, () => watch.gone());
  return subscription;
}

/** The inspected tab: DevTools tells us, or `?tabId=N` when opened as a page (tests). */
export function inspectedTabId(): number | undefined {
  const fromDevTools = browser.devtools?.inspectedWindow?.tabId;
  if (typeof fromDevTools === 'number') return fromDevTools;
  const fromQuery = Number(new URLSearchParams(location.search).get('tabId'));
  return Number.isSafeInteger(fromQuery) && fromQuery >= 0 && location.search.includes('tabId=') ? fromQuery : undefined;
}
