import type { BridgeEvents, LossMarker, PageEvent, RejectReason } from '../protocol';
import { envelope } from '../protocol';

type Counts = Partial<Record<RejectReason, number>>;

export interface OutboxLimits {
  /** Unacknowledged events held at most; beyond it new events are dropped and marked. */
  maxEvents: number;
  maxBytes: number;
}

/**
 * What the bridge has sent but the background has not yet acknowledged as
 * stored. Every entry has a batch number; after a reconnect every entry still
 * here is sent again, in order, and the background applies each batch once.
 * Loss markers and reject counts ride with the next entry, so they are
 * delivered, and counted, exactly once too.
 */
export class Outbox {
  private entries: BridgeEvents[] = [];
  private nextBatch = 1;
  private events = 0;
  private bytes = 0;
  private sizes = new Map<number, number>();
  private losses: LossMarker[] = [];
  private rejects: Counts = {};

  constructor(private readonly link: string, private readonly limits: OutboxLimits) {}

  /** Queues a batch of page events; undefined (and a loss marker) when it does not fit. */
  addEvents(session: string, events: PageEvent[], bytes: number): BridgeEvents | undefined {
    if (this.events + events.length > this.limits.maxEvents || this.bytes + bytes > this.limits.maxBytes) {
      this.addLoss({ session, from: events[0].seq, to: events[events.length - 1].seq, count: events.length, reason: 'overflow' });
      return undefined;
    }
    this.events += events.length;
    this.bytes += bytes;
    const entry = this.entry(session, events);
    this.sizes.set(entry.batch!, bytes);
    return entry;
  }

  /** An entry with only the pending loss markers and reject counts, if there are any. */
  takeExtras(session: string): BridgeEvents | undefined {
    if (this.losses.length === 0 && Object.keys(this.rejects).length === 0) return undefined;
    return this.entry(session, []);
  }

  addLoss(marker: LossMarker): void {
    const last = this.losses[this.losses.length - 1];
    if (last && last.session === marker.session && last.reason === marker.reason && last.to < marker.from) {
      last.to = marker.to;
      last.count += marker.count;
    } else this.losses.push(marker);
  }

  countReject(reason: RejectReason): void {
    this.rejects[reason] = (this.rejects[reason] ?? 0) + 1;
  }

  /** The background stored every batch up to `batch`. */
  ack(batch: number): void {
    while (this.entries.length > 0 && this.entries[0].batch! <= batch) {
      const entry = this.entries.shift()!;
      this.events -= entry.events.length;
      this.bytes -= this.sizes.get(entry.batch!) ?? 0;
      this.sizes.delete(entry.batch!);
    }
  }

  /** Everything not yet acknowledged, oldest first. */
  get unacked(): readonly BridgeEvents[] {
    return this.entries;
  }

  get pendingExtras(): boolean {
    return this.losses.length > 0 || Object.keys(this.rejects).length > 0;
  }

  private entry(session: string, events: PageEvent[]): BridgeEvents {
    const entry: BridgeEvents = { ...envelope(), kind: 'events', session, events, link: this.link, batch: this.nextBatch++ };
    if (this.losses.length > 0) entry.losses = this.losses;
    if (Object.keys(this.rejects).length > 0) entry.rejects = this.rejects;
    this.losses = [];
    this.rejects = {};
    this.entries.push(entry);
    return entry;
  }
}
