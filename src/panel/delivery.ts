import type { BackgroundToPanel, LossReason } from '../protocol';

/** Events the panel will never get, and where they would have been. */
export interface Gap {
  /** Stable, for rendering lists. */
  key: string;
  count: number;
  /** 'not-kept': the background's bounded history moved past them before this panel got them. */
  reason: LossReason | 'not-kept';
  /** The page session and sequence numbers lost (for overflow and rate). */
  session?: string;
  from?: number;
  to?: number;
  /** Time of the last event before the gap that this panel has (epoch ms), if any: where to draw the marker. */
  after?: number;
}

type Listener = () => void;

/**
 * The panel's side of delivery. It remembers the log position of the last
 * event it passed on, so a reconnect asks only for what comes after; it drops
 * anything it already has; and it collects the gaps the background reports
 * (loss markers and history no longer kept) so the panel can show exactly how
 * many events were lost and where.
 */
export class Delivery {
  private have = -1;
  private lastTime: number | undefined;
  private gaps: Gap[] = [];
  private seenMarkers = new Set<number>();
  private listeners = new Set<Listener>();

  /** The log index to resume after, once anything arrived. */
  get after(): number | undefined {
    return this.have >= 0 ? this.have : undefined;
  }

  get list(): readonly Gap[] {
    return this.gaps;
  }

  get lost(): number {
    return this.gaps.reduce((sum, g) => sum + g.count, 0);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Returns the message to hand to the store, without what the panel already has. */
  accept(message: BackgroundToPanel): BackgroundToPanel {
    if ((message.kind !== 'history' && message.kind !== 'events') || typeof message.from !== 'number') return message;
    const { from, events } = message;
    const before = this.gaps.length;
    if (message.notKept && message.notKept > 0) {
      this.gaps.push({ key: `not-kept:${from}`, count: message.notKept, reason: 'not-kept', after: this.lastTime });
    }
    for (const loss of message.losses ?? []) {
      if (this.seenMarkers.has(loss.n)) continue;
      this.seenMarkers.add(loss.n);
      // The event just before the marker's place, if this panel has it.
      const before = loss.at - 1 - from;
      const after = before >= 0 && before < events.length ? events[before].t : this.lastTime;
      const { session, from: f, to, count, reason } = loss;
      this.gaps.push({ key: `loss:${loss.n}`, count, reason, session, from: f, to, after });
    }
    const skip = Math.max(0, this.have + 1 - from);
    const fresh = skip > 0 ? events.slice(skip) : events;
    if (fresh.length > 0) {
      this.have = from + events.length - 1;
      this.lastTime = fresh[fresh.length - 1].t;
    }
    if (this.gaps.length > before) for (const listener of this.listeners) listener();
    return skip > 0 ? { ...message, events: fresh } : message;
  }

  /** The user cleared the panel: forget the gaps, keep the position. */
  clear(): void {
    this.gaps = [];
    for (const listener of this.listeners) listener();
  }
}
