import type { BridgeEvents, LossMarker, RejectReason } from '../protocol';
import { envelope } from '../protocol';
import { lossOf, type PageBatchIn } from './page-link';

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
  addEvents(batch: PageBatchIn): BridgeEvents | undefined {
    const { session, first, count, bytes } = batch;
    if (this.events + count > this.limits.maxEvents || this.bytes + bytes > this.limits.maxBytes) {
      this.addLoss(lossOf(batch, 'overflow'));
      return undefined;
    }
    this.events += count;
    this.bytes += bytes;
    const entry = this.entry(session, first, count, batch.body);
    this.sizes.set(entry.batch!, bytes);
    return entry;
  }

  /** An entry with only the pending loss markers and reject counts, if there are any. */
  takeExtras(session: string): BridgeEvents | undefined {
    if (this.losses.length === 0 && Object.keys(this.rejects).length === 0) return undefined;
    return this.entry(session, 0, 0, undefined);
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
      this.events -= entry.count;
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

  private entry(session: string, first: number, count: number, body: string | undefined): BridgeEvents {
    const entry: BridgeEvents = { ...envelope(), kind: 'events', session, first, count, link: this.link, batch: this.nextBatch++ };
    if (body !== undefined) entry.body = body;
    if (this.losses.length > 0) entry.losses = this.losses;
    if (Object.keys(this.rejects).length > 0) entry.rejects = this.rejects;
    this.losses = [];
    this.rejects = {};
    this.entries.push(entry);
    return entry;
  }
}
