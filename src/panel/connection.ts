import browser from 'webextension-polyfill';
import { PORT_PANEL, type BackgroundToPanel } from '../protocol';
import type { Delivery } from './delivery';
import { subscribe, type PanelPortLike } from './subscription';

/** What the panel needs from the background; tests pass a fake. */
export interface PanelTransport {
  clear(): void;
  close(): void;
  /** What was lost on the way, and where: for markers in the list and the timeline. */
  readonly delivery?: Delivery;
}

/** Subscribes to one tab's events through the extension's runtime ports (see subscribe). */
export function connectToBackground(tabId: number, onMessage: (message: BackgroundToPanel) => void, delivery?: Delivery): PanelTransport & { delivery: Delivery } {
  return subscribe(() => browser.runtime.connect({ name: PORT_PANEL }) as unknown as PanelPortLike, tabId, onMessage, delivery);
}

/** The inspected tab: DevTools tells us, or `?tabId=N` when opened as a page (tests). */
export function inspectedTabId(): number | undefined {
  const fromDevTools = browser.devtools?.inspectedWindow?.tabId;
  if (typeof fromDevTools === 'number') return fromDevTools;
  const fromQuery = Number(new URLSearchParams(location.search).get('tabId'));
  return Number.isSafeInteger(fromQuery) && fromQuery >= 0 && location.search.includes('tabId=') ? fromQuery : undefined;
}
