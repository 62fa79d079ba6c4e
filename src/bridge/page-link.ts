import { checkPageMessage, envelope, LIMITS, type PageEvent, type RejectReason } from '../protocol';

export interface PageLinkHandlers {
  onBatch(session: string, events: PageEvent[]): void;
  onReject(reason: RejectReason | 'overflow', count?: number): void;
}

/**
 * The bridge's end of the page script's private port. Only the first port
 * offered is taken: our page script offers it before any page script runs, so
 * any later offer is a page forging our messages, and is counted as such.
 */
export class PageLink {
  private port: MessagePort | undefined;
  private salt: string | undefined;

  constructor(private readonly handlers: PageLinkHandlers) {}

  offer(event: MessageEvent): void {
    const port = event.ports?.[0];
    if (this.port || !port) {
      this.handlers.onReject('forged');
      return;
    }
    event.preventDefault();
    event.stopImmediatePropagation();
    this.port = port;
    port.onmessage = (message) => this.receive(message.data);
    if (this.salt !== undefined) this.welcome(this.salt);
  }

  welcome(salt: string): void {
    this.salt = salt;
    this.port?.postMessage({ ...envelope(), kind: 'welcome', salt });
  }

  private receive(data: unknown): void {
    try {
      const checked = checkPageMessage(data);
      if (!checked.ok) return this.handlers.onReject(checked.reason);
      const message = checked.message;
      if (message.kind === 'batch') {
        // The size is checked on the serialized form the runtime port will send anyway.
        if (JSON.stringify(message.events).length > LIMITS.batchBytes) return this.handlers.onReject('oversized');
        if (message.dropped > 0) this.handlers.onReject('overflow', message.dropped);
        if (message.events.length > 0) this.handlers.onBatch(message.session, message.events);
      }
    } catch {
      this.handlers.onReject('malformed');
    }
  }
}
