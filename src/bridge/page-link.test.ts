import { describe, expect, it } from 'vitest';
import { LIMITS, PROTOCOL_VERSION, SOURCE } from '../protocol';
import { batch, end, hello, pageLinkHarness } from './test-helpers';

describe('PageLink', () => {
  it('takes the first node, sends the salt on it, and relays good batches in order', () => {
    const h = pageLinkHarness();
    h.link.welcome('salt-1');
    const page = h.offer();
    expect(page.taken).toBe(true);
    expect(h.toPage).toEqual([{ source: SOURCE, v: PROTOCOL_VERSION, kind: 'welcome', salt: 'salt-1' }]);
    page.send(hello());
    page.send(batch([end(0), end(1)]));
    page.send(batch([end(2)]));
    expect(h.events.map((b) => b.events.map((e) => e.seq))).toEqual([[0, 1], [2]]);
    expect(h.events[0].bytes).toBe(batch([end(0), end(1)]).length);
    expect(h.rejects).toEqual([]);
  });

  it('counts a second node, or a connect without one, as forged and never listens to it', () => {
    const h = pageLinkHarness();
    h.offer();
    const forged = h.offer();
    expect(forged.taken).toBe(false);
    h.offer(null);
    forged.send(batch([end(0)]));
    expect(h.rejects).toEqual(['forged', 'forged']);
    expect(h.events).toEqual([]);
  });

  it('pins the page session: a message for another session is forged', () => {
    const h = pageLinkHarness();
    const page = h.offer();
    page.send(hello('s'));
    page.send(batch([end(0)], { session: 'other' }));
    expect(h.rejects).toEqual(['forged']);
  });

  it('turns sequence gaps and the page’s own drops into loss markers at their place', () => {
    const h = pageLinkHarness();
    const page = h.offer();
    page.send(batch([end(0), end(1)]));
    page.send(batch([end(4), end(5)], { dropped: 3 }));
    page.send(batch([end(9)]));
    expect(h.losses).toEqual([
      { session: 's', from: 2, to: 3, count: 2, reason: 'overflow' },
      { session: 's', from: 6, to: 8, count: 3, reason: 'overflow' },
    ]);
    expect(h.events.flatMap((b) => b.events.map((e) => e.seq))).toEqual([0, 1, 4, 5, 9]);
  });

  it('refuses a batch that goes backwards', () => {
    const h = pageLinkHarness();
    const page = h.offer();
    page.send(batch([end(0), end(1)]));
    page.send(batch([end(1)]));
    page.send(batch([end(0)]));
    page.send(batch([], { first: 1, dropped: 1 }));
    expect(h.rejects).toEqual(['malformed', 'malformed', 'malformed']);
    expect(h.events).toHaveLength(1);
  });

  it('drops and counts malformed, wrong-version and oversized messages without parsing huge ones', () => {
    const h = pageLinkHarness();
    const page = h.offer();
    page.send('garbage{');
    page.sendRaw({ not: 'a string' });
    page.send(batch([end(0)], { v: PROTOCOL_VERSION - 1 }));
    page.send(batch(Array.from({ length: LIMITS.eventsPerBatch + 1 }, (_, i) => end(i))));
    page.send('x'.repeat(LIMITS.batchBytes + 1));
    page.send(JSON.parse(batch([end(0)]).split('\n')[0]));
    expect(h.rejects).toEqual(['malformed', 'malformed', 'version', 'oversized', 'oversized', 'malformed']);
    expect(h.events).toEqual([]);
  });

  it('leaves the events of a batch to the background: a bad one is relayed, then refused and counted there', () => {
    const h = pageLinkHarness();
    const page = h.offer();
    page.send(batch([end(0), { ...end(1), status: 'x' }, end(2)]));
    expect(h.rejects).toEqual([]);
    expect(h.events.map((b) => [b.events.map((e) => e.seq), b.malformed])).toEqual([[[0, 2], 1]]);
  });

  it('tells the page script to go quiet when the extension goes away', () => {
    const h = pageLinkHarness();
    h.offer();
    h.link.bye();
    expect(h.toPage).toEqual([{ source: SOURCE, v: PROTOCOL_VERSION, kind: 'bye' }]);
  });

  it('tells the page script whether a panel watches, and tells a node taken later what it missed', () => {
    const h = pageLinkHarness();
    h.link.welcome('salt-1');
    h.link.watch(true);
    h.link.watch(false);
    h.offer();
    expect(h.toPage).toEqual([
      { source: SOURCE, v: PROTOCOL_VERSION, kind: 'welcome', salt: 'salt-1' },
      { source: SOURCE, v: PROTOCOL_VERSION, kind: 'watch', watched: false },
    ]);
    h.link.watch(true);
    expect(h.toPage.at(-1)).toEqual({ source: SOURCE, v: PROTOCOL_VERSION, kind: 'watch', watched: true });
  });
});
