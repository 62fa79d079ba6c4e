import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReadCounter, READS_INTERVAL_MS } from './read-counter';
import { recorder } from '../axios/test-helpers';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('ReadCounter', () => {
  it('reports counts per store at most every interval, and only when there were reads', () => {
    const rec = recorder();
    const reads = new ReadCounter(rec.ctx, (fn, ms) => setTimeout(fn, ms));
    for (let i = 0; i < 1000; i++) reads.count('cookie');
    reads.count('localStorage');
    expect(rec.events).toEqual([]);
    vi.advanceTimersByTime(READS_INTERVAL_MS - 1);
    expect(rec.events).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(rec.events.map((e) => e.type === 'token-reads' && [e.store, e.count])).toEqual([['cookie', 1000], ['localStorage', 1]]);
    vi.advanceTimersByTime(10 * READS_INTERVAL_MS);
    expect(rec.events).toHaveLength(2);
    reads.count('cookie');
    vi.advanceTimersByTime(READS_INTERVAL_MS);
    expect(rec.events.at(-1)).toMatchObject({ type: 'token-reads', store: 'cookie', count: 1 });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps counting when the timer cannot be set', () => {
    const rec = recorder();
    const reads = new ReadCounter(rec.ctx, () => {
      throw new Error('no timers');
    });
    expect(() => reads.count('cookie')).not.toThrow();
    reads.flush();
    expect(rec.events).toEqual([expect.objectContaining({ store: 'cookie', count: 1 })]);
  });
});
