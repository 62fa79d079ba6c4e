import browser, { type Runtime } from 'webextension-polyfill';
import { envelope, PORT_BRIDGE, SOURCE, type BackgroundToBridge, type BridgeToBackground, type RejectReason } from '../protocol';

type RejectCounts = Partial<Record<RejectReason | 'overflow', number>>;

/**
 * A runtime port to the background that is opened again on the next message
 * after the service worker stopped. Reject counts are summed and sent with
 * the next flush rather than one message each.
 */
export class BackgroundLink {
  onSalt: (salt: string) => void = () => {};
  private port: Runtime.Port | undefined;
  private rejects: RejectCounts = {};
  private rejectTimer: ReturnType<typeof setTimeout> | undefined;

  send(message: BridgeToBackground): void {
    try {
      this.connect().postMessage(message);
    } catch {
      // The extension was reloaded or removed: this content script is orphaned.
      this.port = undefined;
    }
  }

  countReject(reason: RejectReason | 'overflow', count = 1): void {
    this.rejects[reason] = (this.rejects[reason] ?? 0) + count;
    this.rejectTimer ??= setTimeout(() => {
      this.rejectTimer = undefined;
      const counts = this.rejects;
      this.rejects = {};
      this.send({ ...envelope(), kind: 'rejects', counts });
    }, 100);
  }

  private connect(): Runtime.Port {
    if (this.port) return this.port;
    const port = browser.runtime.connect({ name: PORT_BRIDGE });
    port.onMessage.addListener((message: unknown) => {
      const m = message as BackgroundToBridge;
      if (m?.source === SOURCE && m.kind === 'welcome') this.onSalt(m.salt);
    });
    port.onDisconnect.addListener(() => {
      if (this.port === port) this.port = undefined;
    });
    this.port = port;
    return port;
  }

  /** Opens the port now so the salt arrives before the first batch is ready. */
  start(): void {
    this.send({ ...envelope(), kind: 'hello' });
  }
}
