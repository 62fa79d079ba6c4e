import { describe, expect, it } from 'vitest';
import { TabLog } from './tab-log';
import { pageEvents } from './test-helpers';

describe('TabLog', () => {
  it('numbers events for the life of the tab, tags session and subframe, and applies each batch once', () => {
    const log = TabLog.empty('salt', 100);
    expect(log.apply({ link: 'L', batch: 1, session: 's', events: pageEvents(0, 2) })).toBe('applied');
    expect(log.apply({ link: 'L', batch: 1, session: 's', events: pageEvents(0, 2) })).toBe('duplicate');
    expect(log.apply({ link: 'L', batch: 3, session: 's', events: pageEvents(9, 1) })).toBe('gap');
    expect(log.apply({ link: 'L', batch: 2, session: 's', events: pageEvents(2, 1), frame: 7 })).toBe('applied');
    expect(log.meta.next).toBe(3);
    expect(log.events.map((e) => [e.seq, e.session, e.frame])).toEqual([[0, 's', undefined], [1, 's', undefined], [2, 's', 7]]);
    expect(log.meta.stats.received).toBe(3);
  });

  it('keeps the most recent events; what it pushes out is not counted as lost', () => {
    const log = TabLog.empty('salt', 5);
    log.apply({ session: 's', events: pageEvents(0, 7) });
    expect(log.meta.base).toBe(2);
    expect(log.slice(0, 4)).toEqual({ from: 2, events: log.events.slice(0, 2) });
    expect(log.meta.stats).toMatchObject({ received: 7, overflow: 0 });
  });

  it('places loss markers in the log and counts them by reason', () => {
    const log = TabLog.empty('salt', 100);
    log.apply({ session: 's', events: pageEvents(0, 2) });
    log.apply({ session: 's', events: pageEvents(5, 1), losses: [{ session: 's', from: 2, to: 4, count: 3, reason: 'overflow' }] });
    log.apply({ session: 's', events: [], losses: [{ session: 's', from: 6, to: 9, count: 4, reason: 'rate' }, { session: 's', from: 1, to: 1, count: 0, reason: 'rate' }] });
    expect(log.meta.stats).toMatchObject({ overflow: 3, rateLimited: 4 });
    expect(log.lossesBetween(0, 10).map((l) => [l.at, l.n, l.count])).toEqual([[2, 1, 3], [3, 2, 4]]);
    expect(log.lossesBetween(1, 10, 3).map((l) => l.n)).toEqual([2]);
  });

  it('adds reject counts and ignores nonsense counts', () => {
    const log = TabLog.empty('salt', 100);
    log.addStats({ malformed: 2, forged: -1, bogus: 5 } as never);
    expect(log.meta.stats).toMatchObject({ malformed: 2, forged: 0 });
    expect('bogus' in log.meta.stats).toBe(false);
  });

  it('forgets a bridge link only after many newer ones', () => {
    const log = TabLog.empty('salt', 100);
    for (let i = 0; i < 70; i++) log.apply({ link: `L${i}`, batch: 1, session: 's', events: [] });
    expect(Object.keys(log.meta.links)).toHaveLength(64);
    expect(log.meta.links.L69).toBe(1);
  });

  it('clears without reusing numbers', () => {
    const log = TabLog.empty('salt', 100);
    log.apply({ session: 's', events: pageEvents(0, 3), losses: [{ session: 's', from: 9, to: 9, count: 1, reason: 'rate' }] });
    log.clear();
    log.apply({ session: 's', events: pageEvents(3, 1) });
    expect([log.meta.base, log.meta.next, log.meta.clearedAt]).toEqual([3, 4, 3]);
    expect(log.meta.stats).toMatchObject({ received: 1, rateLimited: 0 });
    expect(log.meta.losses).toEqual([]);
  });
});
