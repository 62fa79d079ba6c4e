import { describe, expect, it } from 'vitest';
import { emptyStats, PROTOCOL_VERSION, SOURCE, type BackgroundToPanel, type TabEvent } from '../protocol';
import { Delivery } from './delivery';

const env = { source: SOURCE, v: PROTOCOL_VERSION } as const;
const events = (from: number, n: number): TabEvent[] =>
  Array.from({ length: n }, (_, i) => ({ type: 'request-end', seq: from + i, t: 1000 + from + i, id: 'x', status: 200, session: 's' }));
const live = (from: number, n: number, extra: object = {}): BackgroundToPanel => ({ ...env, kind: 'events', tabId: 1, events: events(from, n), from, ...extra });

describe('Delivery', () => {
  it('remembers where it is and drops what it already has', () => {
    const d = new Delivery();
    expect(d.after).toBeUndefined();
    d.accept(live(0, 3));
    expect(d.after).toBe(2);
    const again = d.accept({ ...env, kind: 'history', tabId: 1, events: events(1, 4), stats: emptyStats(), from: 1 });
    expect(again.kind === 'history' && again.events.map((e) => e.seq)).toEqual([3, 4]);
    expect(d.after).toBe(4);
  });

  it('collects loss markers once each, placed after the event before them', () => {
    const d = new Delivery();
    const marker = { session: 's', from: 3, to: 7, count: 5, reason: 'overflow' as const, at: 3, n: 1 };
    d.accept(live(0, 5, { losses: [marker] }));
    d.accept(live(5, 1, { losses: [marker, { ...marker, n: 2, at: 6, reason: 'rate', count: 2 }] }));
    expect(d.list).toEqual([
      { key: 'loss:1', count: 5, reason: 'overflow', session: 's', from: 3, to: 7, after: 1002 },
      { key: 'loss:2', count: 2, reason: 'rate', session: 's', from: 3, to: 7, after: 1005 },
    ]);
    expect(d.lost).toBe(7);
  });

  it('reports history no longer kept as a gap, and forgets gaps on clear but keeps its place', () => {
    const d = new Delivery();
    let calls = 0;
    d.subscribe(() => calls++);
    d.accept({ ...env, kind: 'history', tabId: 1, events: events(500, 2), stats: emptyStats(), from: 500, notKept: 500 });
    expect(d.list).toEqual([{ key: 'not-kept:500', count: 500, reason: 'not-kept', after: undefined }]);
    d.clear();
    expect(d.list).toEqual([]);
    expect(d.after).toBe(501);
    expect(calls).toBe(2);
  });

  it('passes other messages through untouched', () => {
    const d = new Delivery();
    const stats: BackgroundToPanel = { ...env, kind: 'stats', tabId: 1, stats: emptyStats() };
    expect(d.accept(stats)).toBe(stats);
  });
});
