/**
 * A token bucket: `burst` tokens at most, refilled at `ratePerSecond`. The
 * bridge (per frame) and the background (per tab) use it so that a page that
 * floods us with events cannot starve the service worker; what it refuses is
 * counted where it was dropped, never silently lost.
 */
/** The clock both classes use unless given another (milliseconds). */
const performanceNow = () => performance.now();

export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly now: () => number = performanceNow,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /** True when `n` tokens are there now (`now`: the clock read already). */
  has(n: number, now = this.now()): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
    this.last = now;
    return n <= this.tokens;
  }

  /** Takes `n` tokens when there are that many; otherwise takes none. */
  take(n: number, now = this.now()): boolean {
    if (!this.has(n, now)) return false;
    this.spend(n);
    return true;
  }

  /** Takes `n` that `has` just allowed, with no second refill. */
  spend(n: number): void {
    this.tokens -= n;
  }
}

export interface RateLimits {
  eventsPerSecond: number;
  burstEvents: number;
  bytesPerSecond: number;
  burstBytes: number;
}

/** Events and bytes, both: a few huge events cost the worker as much as many small ones. */
export class RateLimiter {
  private readonly events: TokenBucket;
  private readonly bytes: TokenBucket;

  private readonly now: () => number;

  constructor(limits: RateLimits, now: () => number = performanceNow) {
    this.now = now;
    this.events = new TokenBucket(limits.eventsPerSecond, limits.burstEvents, now);
    this.bytes = new TokenBucket(limits.bytesPerSecond, limits.burstBytes, now);
  }

  /** Takes from both buckets, or from neither: the clock read once (it runs on the page's thread, once a batch). */
  take(events: number, bytes: number): boolean {
    const now = this.now();
    if (!this.events.has(events, now) || !this.bytes.has(bytes, now)) return false;
    this.events.spend(events);
    this.bytes.spend(bytes);
    return true;
  }
}
