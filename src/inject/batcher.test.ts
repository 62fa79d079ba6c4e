import { describe, expect, it } from 'vitest';
import type { PageEvent } from '../protocol';
import { Batcher, type BatcherOptions } from './batcher';

function setup(overrides: Partial<BatcherOptions> = {}) {
  const sent: Array<{ events: PageEvent[]; first: number; dropped: number }> = [];
  const timers: Array<{ fn: () => void; ms: number; cleared: boolean }> = [];
  const batcher = new Batcher({
    maxEvents: 100,
    maxDelayMs: 50,
    capacity: 1000,
    send: (events, first, dropped) => sent.push({ events, first, dropped }),
    setTimer: (fn, ms) => {
      const timer = { fn, ms, cleared: false };
      timers.push(timer);
      return timer;
    },
    clearTimer: (t) => ((t as { cleared: boolean }).cleared = true),
    ...overrides,
  });
  const fireTimers = () => timers.filter((t) => !t.cleared).forEach((t) => ((t.cleared = true), t.fn()));
  return { batcher, sent, timers, fireTimers };
}

const ev = (i: number) => ({ type: 'request-end' as const, id: `r${i}`, status: 200, t: i });

describe('Batcher', () => {
  it('holds events until connected, then sends them in order with sequence numbers', () => {
    const { batcher, sent } = setup();
    for (let i = 0; i < 5; i++) batcher.push(ev(i));
    expect(sent).toHaveLength(0);
    batcher.connect();
    expect(sent).toHaveLength(1);
    expect(sent[0].events.map((e) => e.seq)).toEqual([0, 1, 2, 3, 4]);
  });

  it('flushes after the delay when fewer than maxEvents are queued', () => {
    const { batcher, sent, timers, fireTimers } = setup();
    batcher.connect();
    batcher.push(ev(1));
    batcher.push(ev(2));
    expect(sent).toHaveLength(0);
    expect(timers.filter((t) => !t.cleared).map((t) => t.ms)).toEqual([50]);
    fireTimers();
    expect(sent).toHaveLength(1);
    expect(sent[0].events).toHaveLength(2);
  });

  it('flushes at once when maxEvents are queued, in batches of at most maxEvents', () => {
    const { batcher, sent } = setup();
    for (let i = 0; i < 250; i++) batcher.push(ev(i));
    batcher.connect();
    expect(sent.map((b) => b.events.length)).toEqual([100, 100, 50]);
    for (let i = 0; i < 100; i++) batcher.push(ev(i));
    expect(sent).toHaveLength(4);
    expect(sent.flatMap((b) => b.events.map((e) => e.seq))).toEqual([...Array(350).keys()]);
  });

  it('reports drops with the last batch of a flush, right before the sequence numbers they took', () => {
    const { batcher, sent } = setup({ capacity: 150 });
    for (let i = 0; i < 160; i++) batcher.push(ev(i));
    batcher.connect();
    expect(sent.map((b) => [b.first, b.events.length, b.events.at(-1)?.seq, b.dropped])).toEqual([[0, 100, 99, 0], [100, 50, 149, 10]]);
    batcher.push(ev(160));
    batcher.flush();
    expect(sent.at(-1)?.events[0].seq).toBe(160);
  });

  it('flushes when the page hides, so the last events of a page are not lost on navigation', () => {
    let hide = () => {};
    const { batcher, sent } = setup({ onHide: (flush) => (hide = flush) });
    batcher.connect();
    batcher.push(ev(1));
    expect(sent).toHaveLength(0);
    hide();
    expect(sent).toHaveLength(1);
  });

  it('drops beyond capacity, counts the drops, and leaves a gap in the sequence where they were', () => {
    const { batcher, sent } = setup({ capacity: 3 });
    for (let i = 0; i < 5; i++) batcher.push(ev(i));
    batcher.connect();
    expect(sent).toEqual([{ events: expect.any(Array), first: 0, dropped: 2 }]);
    batcher.push(ev(5));
    batcher.flush();
    expect(sent.flatMap((b) => b.events.map((e) => e.seq))).toEqual([0, 1, 2, 5]);
    expect(sent.at(-1)?.first).toBe(5);
  });

  it('names where drops alone begin when nothing else is queued', () => {
    const { batcher, sent } = setup({ capacity: 0 });
    batcher.connect();
    batcher.push(ev(0));
    batcher.push(ev(1));
    batcher.flush();
    expect(sent).toEqual([{ events: [], first: 0, dropped: 2 }]);
  });
});
