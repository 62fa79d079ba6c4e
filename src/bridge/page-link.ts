import {
  checkPageMessage,
  envelope,
  LIMITS,
  TO_BRIDGE_EVENT,
  TO_PAGE_EVENT,
  type BridgeToPage,
  type LossMarker,
  type LossReason,
  type RejectReason,
} from '../protocol';
import { SeqTracker } from './seq-tracker';

/** A batch as the bridge relays it: its body unread, for the background to decode and check. */
export interface PageBatchIn {
  session: string;
  /** `count` events numbered from `first`. */
  first: number;
  count: number;
  body: string;
  /** The size of the message as the page sent it. */
  bytes: number;
}

/** The loss marker for a whole batch the bridge could not keep. */
export const lossOf = ({ session, first, count }: PageBatchIn, reason: LossReason): LossMarker => ({ session, from: first, to: first + count - 1, count, reason });

export interface PageLinkHandlers {
  /** A batch of one page session, in order, whose header was checked. */
  onEvents(batch: PageBatchIn): void;
  onLoss(marker: LossMarker): void;
  onReject(reason: RejectReason): void;
}

/**
 * The bridge's end of the page script's private channel. Only the first node
 * offered is taken: our page script offers it before any page script runs, so
 * any later offer is a page forging our messages, and is counted as such. The
 * first message names the page session; a message for another session, or
 * one whose sequence numbers go backwards, is not from our page script.
 */
export class PageLink {
  private node: EventTarget | undefined;
  private stream: SeqTracker | undefined;
  private salt: string | undefined;
  private watched: boolean | undefined;

  constructor(private readonly handlers: PageLinkHandlers) {}

  /** The connect event; its relatedTarget is the private node. */
  offer(event: Event): void {
    const node = (event as FocusEvent).relatedTarget;
    if (this.node || !node || typeof (node as EventTarget).addEventListener !== 'function') {
      this.handlers.onReject('forged');
      return;
    }
    event.preventDefault();
    event.stopImmediatePropagation();
    this.node = node;
    node.addEventListener(TO_BRIDGE_EVENT, (message) => this.receive((message as CustomEvent<unknown>).detail));
    if (this.salt !== undefined) this.welcome(this.salt);
    if (this.watched !== undefined) this.watch(this.watched);
  }

  welcome(salt: string): void {
    this.salt = salt;
    this.post({ ...envelope(), kind: 'welcome', salt });
  }

  /** Whether a panel watches the tab; told again to a page script whose channel is taken later. */
  watch(watched: boolean): void {
    this.watched = watched;
    this.post({ ...envelope(), kind: 'watch', watched });
  }

  /** The extension went away: the page script goes quiet. */
  bye(): void {
    this.post({ ...envelope(), kind: 'bye' });
  }

  get session(): string | undefined {
    return this.stream?.session;
  }

  private post(message: BridgeToPage): void {
    this.node?.dispatchEvent(new CustomEvent(TO_PAGE_EVENT, { detail: JSON.stringify(message) }));
  }

  /** Never throws: whatever the page sends is either relayed or counted. */
  receive(detail: unknown): void {
    try {
      if (typeof detail !== 'string') return this.handlers.onReject('malformed');
      // Checked before parsing: the page must not make us parse 100 MB.
      if (detail.length > LIMITS.batchBytes) return this.handlers.onReject('oversized');
      // Only the header is read here, on the app's thread; the body is the
      // background's to decode and check (wire-format.ts).
      const newline = detail.indexOf('\n');
      let data: unknown;
      try {
        data = JSON.parse(newline < 0 ? detail : detail.slice(0, newline));
      } catch {
        return this.handlers.onReject('malformed');
      }
      const checked = checkPageMessage(data, detail.length);
      if (!checked.ok) return this.handlers.onReject(checked.reason);
      const message = checked.message;
      if (message.kind === 'batch' && message.count > 0 && newline < 0) return this.handlers.onReject('malformed');
      this.stream ??= new SeqTracker(message.session);
      if (message.session !== this.stream.session) return this.handlers.onReject('forged');
      if (message.kind !== 'batch') return;
      const seq = this.stream.check(message.first, message.count, message.dropped);
      if (!seq.ok) return this.handlers.onReject('malformed');
      for (const loss of seq.losses) this.handlers.onLoss(loss);
      if (message.count > 0) {
        const { session, first, count } = message;
        this.handlers.onEvents({ session, first, count, body: detail.slice(newline + 1), bytes: detail.length });
      }
    } catch {
      this.handlers.onReject('malformed');
    }
  }
}
