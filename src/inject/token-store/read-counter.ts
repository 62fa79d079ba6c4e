/**
 * Reads of token stores, counted cheaply: axios reads document.cookie on
 * every request and apps read their token from storage in every interceptor,
 * so a read is one increment. A timer started by the first read reports the
 * counts ~250 ms later, as one `token-reads` event per store that was read;
 * no reads, no timer, no event.
 */
import type { TokenStore } from '../../protocol';
import type { InjectContext } from '../context';
import { OwnMap } from '../../protocol/intrinsics';

export const READS_INTERVAL_MS = 250;

export type ReadStore = Exclude<TokenStore, 'httpOnlyCookie'>;

export class ReadCounter {
  private counts = new OwnMap<ReadStore, number>();
  private scheduled = false;

  constructor(
    private readonly ctx: InjectContext,
    private readonly setTimer: (fn: () => void, ms: number) => unknown,
  ) {}

  count(store: ReadStore): void {
    this.counts.set(store, (this.counts.get(store) ?? 0) + 1);
    if (this.scheduled) return;
    this.scheduled = true;
    try {
      this.setTimer(() => this.ctx.guard(() => this.flush()), READS_INTERVAL_MS);
    } catch {
      this.scheduled = false;
    }
  }

  flush(): void {
    this.scheduled = false;
    const counts = this.counts;
    this.counts = new OwnMap();
    const t = this.ctx.now();
    // forEach, not for-of: a Map's iterator is the page's to replace.
    counts.forEach((count, store) => this.ctx.emit({ type: 'token-reads', t, store, count }));
  }
}
