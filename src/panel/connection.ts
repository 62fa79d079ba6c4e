import browser, { type Runtime } from 'webextension-polyfill';
import { envelope, PORT_PANEL, type BackgroundToPanel, type PanelToBackground } from '../protocol';

/** What the panel needs from the background; tests pass a fake. */
export interface PanelTransport {
  clear(): void;
  close(): void;
}

/**
 * Subscribes to one tab's events. When the service worker stops, the port
 * disconnects; the panel connects again and subscribes anew, and the store
 * drops what it already has from the history that comes back.
 */
export function connectToBackground(tabId: number, onMessage: (message: BackgroundToPanel) => void): PanelTransport {
  let port: Runtime.Port | undefined;
  let closed = false;

  const post = (message: PanelToBackground) => port?.postMessage(message);
  const connect = () => {
    if (closed) return;
    const p = browser.runtime.connect({ name: PORT_PANEL });
    port = p;
    p.onMessage.addListener((message: unknown) => onMessage(message as BackgroundToPanel));
    p.onDisconnect.addListener(() => {
      if (port === p) port = undefined;
      connect();
    });
    post({ ...envelope(), kind: 'subscribe', tabId });
  };
  connect();

  return {
    clear: () => post({ ...envelope(), kind: 'clear', tabId }),
    close: () => {
      closed = true;
      port?.disconnect();
    },
  };
}

/** The inspected tab: DevTools tells us, or `?tabId=N` when opened as a page (tests). */
export function inspectedTabId(): number | undefined {
  const fromDevTools = browser.devtools?.inspectedWindow?.tabId;
  if (typeof fromDevTools === 'number') return fromDevTools;
  const fromQuery = Number(new URLSearchParams(location.search).get('tabId'));
  return Number.isSafeInteger(fromQuery) && fromQuery >= 0 && location.search.includes('tabId=') ? fromQuery : undefined;
}
