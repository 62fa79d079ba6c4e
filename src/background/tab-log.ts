import { emptyStats, type LossMarker, type PageEvent, type PlacedLossMarker, type RejectReason, type TabEvent, type TabStats } from '../protocol';

type PlacedLoss = PlacedLossMarker;

/** What a tab's log saves besides its events. */
export interface TabLogMeta {
  salt: string;
  /** Log index of the first event kept. */
  base: number;
  /** Log index of the next event. */
  next: number;
  /** Where the last clear happened: events before it were cleared, not lost. */
  clearedAt: number;
  stats: TabStats;
  /** The last batch applied, per bridge link: a batch sent again is applied once. */
  links: Record<string, number>;
  losses: PlacedLoss[];
  /** Markers placed so far (the last one's `n`). */
  lossCount: number;
}

export interface BatchIn {
  link?: string;
  batch?: number;
  session: string;
  events: PageEvent[];
  losses?: LossMarker[];
  rejects?: Partial<Record<RejectReason, number>>;
  /** Chrome's frame id of the sender; 0 is the top frame. */
  frame?: number;
}

const MAX_LINKS = 64;
const MAX_LOSSES = 1000;

/**
 * One tab's events, numbered 0, 1, 2... for as long as the tab lives (a
 * clear does not reset the numbers), with the most recent `maxEvents` kept.
 * Pure: storage and ports are someone else's business.
 */
export class TabLog {
  events: TabEvent[];

  constructor(readonly meta: TabLogMeta, events: TabEvent[], private readonly maxEvents: number) {
    this.events = events;
  }

  static empty(salt: string, maxEvents: number): TabLog {
    return new TabLog({ salt, base: 0, next: 0, clearedAt: 0, stats: emptyStats(), links: {}, losses: [], lossCount: 0 }, [], maxEvents);
  }

  /**
   * Applies a batch from a bridge: 'duplicate' when this (link, batch) was
   * applied before, 'gap' when an earlier batch of the link is missing (it
   * must come first, or a later one would mark it applied).
   */
  apply(batch: BatchIn): 'applied' | 'duplicate' | 'gap' {
    const { link, batch: n } = batch;
    if (link !== undefined && n !== undefined) {
      const last = this.meta.links[link];
      if (last !== undefined && last >= n) return 'duplicate';
      // A link not seen yet (or long forgotten) may start anywhere.
      if (last !== undefined && n > last + 1) return 'gap';
      delete this.meta.links[link];
      this.meta.links[link] = n;
      const names = Object.keys(this.meta.links);
      if (names.length > MAX_LINKS) delete this.meta.links[names[0]];
    }
    for (const loss of batch.losses ?? []) this.addLoss(loss);
    this.addStats(batch.rejects ?? {});
    const frame = batch.frame ? { frame: batch.frame } : {};
    this.append(batch.events.map((event) => ({ ...event, session: batch.session, ...frame }) as TabEvent));
    return 'applied';
  }

  append(events: TabEvent[]): void {
    for (const event of events) this.events.push(event);
    this.meta.next += events.length;
    this.meta.stats.received += events.length;
    const excess = this.events.length - this.maxEvents;
    if (excess > 0) {
      // History the panel can no longer ask for; not a loss for a panel that was there.
      this.events.splice(0, excess);
      this.meta.base += excess;
    }
  }

  addLoss(loss: LossMarker): void {
    if (!(Number.isSafeInteger(loss.count) && loss.count > 0)) return;
    this.meta.losses.push({ ...loss, at: this.meta.next, n: ++this.meta.lossCount });
    if (this.meta.losses.length > MAX_LOSSES) this.meta.losses.shift();
    if (loss.reason === 'rate') this.meta.stats.rateLimited += loss.count;
    else this.meta.stats.overflow += loss.count;
  }

  addStats(counts: Partial<TabStats>): void {
    for (const [name, n] of Object.entries(counts)) {
      if (Object.hasOwn(this.meta.stats, name) && Number.isSafeInteger(n) && (n as number) > 0) this.meta.stats[name as keyof TabStats] += n as number;
    }
  }

  clear(): void {
    this.events = [];
    this.meta.base = this.meta.next;
    this.meta.clearedAt = this.meta.next;
    this.meta.stats = emptyStats();
    this.meta.losses = [];
  }

  /** Events with log indices in [from, to), clipped to what is kept. */
  slice(from: number, to: number): { from: number; events: TabEvent[] } {
    const start = Math.max(from, this.meta.base);
    const end = Math.min(to, this.meta.next);
    return { from: start, events: end > start ? this.events.slice(start - this.meta.base, end - this.meta.base) : [] };
  }

  /** Markers numbered in (afterN, uptoN], placed at or after log index `fromAt`. */
  lossesBetween(afterN: number, uptoN: number, fromAt = 0): PlacedLoss[] {
    return this.meta.losses.filter((l) => l.n > afterN && l.n <= uptoN && l.at >= fromAt);
  }
}
