import { envelope, type BackgroundToPanel, type PanelToBackground } from '../protocol';
import { Delivery } from './delivery';

/** The part of a runtime port the panel uses. */
export interface PanelPortLike {
  postMessage(message: PanelToBackground): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

export interface Subscription {
  readonly delivery: Delivery;
  clear(): void;
  close(): void;
}

/**
 * Subscribes to one tab's events over ports from `connect`. When the service
 * worker stops, the port disconnects; the panel connects again and subscribes
 * from the last event it has, so nothing is missed and nothing comes twice.
 * Every event the background sends is already saved, so that position
 * survives the restart. When `connect` throws, the extension was reloaded or
 * removed under the panel (DevTools keeps showing it): `onGone`, once, and
 * no more tries.
 */
export function subscribe(
  connect: () => PanelPortLike,
  tabId: number,
  onMessage: (message: BackgroundToPanel) => void,
  delivery: Delivery = new Delivery(),
  onGone: () => void = () => {},
): Subscription {
  let port: PanelPortLike | undefined;
  let closed = false;
  /** The extension instance the first history named. */
  let instance: string | undefined;
  const close = () => {
    closed = true;
    try {
      port?.disconnect();
    } catch {
      // The extension is gone, and its ports with it.
    }
    port = undefined;
  };
  const gone = () => {
    close();
    onGone();
  };

  const post = (message: PanelToBackground) => port?.postMessage(message);
  const open = () => {
    if (closed) return;
    let p: PanelPortLike;
    try {
      p = connect();
    } catch {
      return gone();
    }
    port = p;
    p.onMessage.addListener((message) => {
      if (port !== p) return;
      const m = message as BackgroundToPanel;
      if (m?.kind === 'history' && typeof m.instance === 'string') {
        // A reconnect that reached a reloaded extension: its log is another.
        if (instance !== undefined && m.instance !== instance) return gone();
        instance = m.instance;
      }
      onMessage(delivery.accept(m));
    });
    p.onDisconnect.addListener(() => {
      if (port !== p) return;
      port = undefined;
      open();
    });
    const after = delivery.after;
    post({ ...envelope(), kind: 'subscribe', tabId, ...(after === undefined ? {} : { after }) });
  };
  open();

  return {
    delivery,
    clear: () => {
      delivery.clear();
      post({ ...envelope(), kind: 'clear', tabId });
    },
    close,
  };
}
