// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { Batcher } from './batcher';

const ORIGIN = 1_795_644_597_000;

describe('Batcher, by default', () => {
  it.each([
    ['pagehide', () => dispatchEvent(new Event('pagehide'))],
    ['freeze', () => document.dispatchEvent(new Event('freeze'))],
    ['visibilitychange', () => document.dispatchEvent(new Event('visibilitychange'))],
  ])('sends what it holds on %s, not waiting for the unwatched timer', (_name, fire) => {
    const sent: number[] = [];
    const timers: unknown[] = [];
    const batcher = new Batcher({
      maxEvents: 100,
      maxBytes: 1e6,
      maxDelayMs: 50,
      unwatchedDelayMs: 5000,
      capacity: 1000,
      origin: ORIGIN,
      send: (_body, _first, count) => sent.push(count),
      setTimer: (fn) => timers.push(fn),
      clearTimer: () => {},
    });
    batcher.connect();
    batcher.push({ type: 'request-end', id: 'r1', status: 200, t: ORIGIN + 1 });
    expect(sent).toEqual([]);
    fire();
    expect(sent).toEqual([1]);
  });
});
