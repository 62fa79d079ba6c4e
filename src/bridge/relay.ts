import type { BridgeEvents, LossMarker, RejectReason } from '../protocol';
import type { Outbox } from './outbox';
import { lossOf, type PageBatchIn, type PageLinkHandlers } from './page-link';
import type { RateLimiter } from './token-bucket';

export interface RelayDeps {
  outbox: Outbox;
  limiter: RateLimiter;
  send(entry: BridgeEvents): void;
  setTimer(fn: () => void, ms: number): unknown;
}

/** Loss markers and reject counts wait this long for a batch to ride with. */
const EXTRAS_DELAY_MS = 100;
/** The session named on entries that carry only counts, before the page said hello. */
const NO_SESSION = '-';

/**
 * From the page link to the outbox: applies the rate limit, and turns what
 * it refuses into loss markers, so the panel can say how many events were
 * dropped and where.
 */
export class Relay implements PageLinkHandlers {
  private extrasTimer: unknown;
  private session: string | undefined;

  constructor(private readonly deps: RelayDeps) {}

  onEvents(batch: PageBatchIn): void {
    this.session = batch.session;
    const { outbox, limiter } = this.deps;
    if (!limiter.take(batch.count, batch.bytes)) {
      outbox.addLoss(lossOf(batch, 'rate'));
      return this.soon();
    }
    const entry = outbox.addEvents(batch);
    if (entry) this.deps.send(entry);
    else this.soon();
  }

  onLoss(marker: LossMarker): void {
    this.deps.outbox.addLoss(marker);
    this.soon();
  }

  onReject(reason: RejectReason): void {
    this.deps.outbox.countReject(reason);
    this.soon();
  }

  private soon(): void {
    if (this.extrasTimer !== undefined) return;
    this.extrasTimer = this.deps.setTimer(() => {
      this.extrasTimer = undefined;
      const entry = this.deps.outbox.takeExtras(this.session ?? NO_SESSION);
      if (entry) this.deps.send(entry);
    }, EXTRAS_DELAY_MS);
  }
}
