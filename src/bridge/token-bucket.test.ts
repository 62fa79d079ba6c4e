import { describe, expect, it } from 'vitest';
import { RateLimiter, TokenBucket } from './token-bucket';

describe('TokenBucket', () => {
  it('allows a burst, then the refill rate', () => {
    let now = 0;
    const bucket = new TokenBucket(100, 50, () => now);
    expect(bucket.take(50)).toBe(true);
    expect(bucket.take(1)).toBe(false);
    now = 100;
    expect(bucket.take(10)).toBe(true);
    expect(bucket.take(1)).toBe(false);
    now = 10_000;
    expect(bucket.take(51)).toBe(false);
    expect(bucket.take(50)).toBe(true);
  });

  it('limits events and bytes together, taking from neither when one refuses', () => {
    let now = 0;
    const limiter = new RateLimiter({ eventsPerSecond: 10, burstEvents: 10, bytesPerSecond: 1000, burstBytes: 1000 }, () => now);
    expect(limiter.take(1, 2000)).toBe(false);
    expect(limiter.take(10, 100)).toBe(true);
    expect(limiter.take(1, 1)).toBe(false);
    now = 1000;
    expect(limiter.take(10, 900)).toBe(true);
  });

  it('reads the clock once a batch, for both buckets', () => {
    let reads = 0;
    const limiter = new RateLimiter({ eventsPerSecond: 10, burstEvents: 10, bytesPerSecond: 1000, burstBytes: 1000 }, () => (reads++, 0));
    reads = 0;
    expect(limiter.take(1, 10)).toBe(true);
    expect(limiter.take(100, 10)).toBe(false);
    expect(reads).toBe(2);
  });
});
