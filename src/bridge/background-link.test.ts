import { describe, expect, it } from 'vitest';
import { pageBatch } from './test-helpers';
import { PROTOCOL_VERSION, SOURCE, type BridgeToBackground } from '../protocol';
import { BackgroundLink, type RuntimePort } from './background-link';
import { Outbox } from './outbox';

const env = { source: SOURCE, v: PROTOCOL_VERSION } as const;
const welcome = (instance = 'I1') => ({ ...env, kind: 'welcome', salt: 'abc', instance });
const ev = (seq: number) => ({ type: 'request-end' as const, seq, t: 0, id: 'x', status: 200 });

function harness() {
  const ports: Array<{ sent: BridgeToBackground[]; receive(m: unknown): void; drop(): void; disconnected: boolean }> = [];
  const timers: Array<{ fn: () => void; ms: number }> = [];
  let alive = true;
  let aliveAsked = 0;
  let refuse = false;
  const outbox = new Outbox('L', { maxEvents: 100, maxBytes: 1e6 });
  const link = new BackgroundLink(
    {
      connect: (): RuntimePort => {
        if (refuse) throw new Error('Extension context invalidated.');
        const onMessage: Array<(m: unknown) => void> = [];
        const onDisconnect: Array<() => void> = [];
        const port = { sent: [] as BridgeToBackground[], disconnected: false, receive: (m: unknown) => onMessage.forEach((l) => l(m)), drop: () => onDisconnect.forEach((l) => l()) };
        ports.push(port);
        return {
          postMessage: (m) => {
            if (port.disconnected) throw new Error('disconnected');
            port.sent.push(m);
          },
          disconnect: () => void (port.disconnected = true),
          onMessage: { addListener: (l) => onMessage.push(l) },
          onDisconnect: { addListener: (l) => onDisconnect.push(l) },
        };
      },
      alive: () => (aliveAsked++, alive),
      setTimer: (fn, ms) => timers.push({ fn, ms }),
    },
    outbox,
  );
  const runTimers = () => timers.splice(0).forEach((t) => t.fn());
  let orphaned = 0;
  link.onOrphaned = () => orphaned++;
  return { link, outbox, ports, timers, runTimers, orphaned: () => orphaned, aliveAsked: () => aliveAsked, kill: () => (alive = false), refuse: () => (refuse = true) };
}

describe('BackgroundLink', () => {
  it('says hello, takes the salt, and forgets what the background acknowledges', () => {
    const h = harness();
    let salt = '';
    h.link.onSalt = (s) => (salt = s);
    h.link.start();
    h.ports[0].receive(welcome());
    h.link.send(h.outbox.addEvents(pageBatch('s', [ev(0)], 10))!);
    h.link.send(h.outbox.addEvents(pageBatch('s', [ev(1)], 10))!);
    expect(h.ports[0].sent.map((m) => m.kind)).toEqual(['hello', 'events', 'events']);
    h.ports[0].receive({ ...env, kind: 'ack', batch: 1 });
    expect(salt).toBe('abc');
    expect(h.outbox.unacked.map((e) => e.batch)).toEqual([2]);
  });

  it('passes on whether a panel watches: from the welcome, then each change, but nothing a port says before its welcome', () => {
    const h = harness();
    const told: boolean[] = [];
    h.link.onWatch = (watched) => told.push(watched);
    h.link.start();
    // Sent before the welcome was written, which says how things stand since.
    h.ports[0].receive({ ...env, kind: 'watch', watched: true });
    h.ports[0].receive({ ...welcome(), watched: true });
    h.ports[0].receive({ ...env, kind: 'watch', watched: false });
    h.ports[0].receive({ ...env, kind: 'watch', watched: 'no' });
    // A new port (a back/forward cache restore): a welcome without `watched` means no panel watches.
    h.link.reconnect();
    h.ports[1].receive(welcome());
    expect(told).toEqual([true, false, false]);
  });

  it('opens its port when pinged while it has none, so that the welcome can say a panel watches', () => {
    const h = harness();
    const told: boolean[] = [];
    h.link.onWatch = (watched) => told.push(watched);
    h.link.start();
    h.ports[0].receive(welcome());
    // The worker stopped; an idle bridge with nothing to send stays without a port.
    h.ports[0].drop();
    h.runTimers();
    expect(h.ports).toHaveLength(1);
    expect(h.link.answerPing('I1')).toBe(true);
    expect(h.ports).toHaveLength(2);
    h.ports[1].receive({ ...welcome(), watched: true });
    expect(told).toEqual([false, true]);
    // A ping while the port is open opens no other.
    h.link.answerPing('I1');
    expect(h.ports).toHaveLength(2);
  });

  it('reconnects when the worker stops and sends everything unacknowledged again, in order', () => {
    const h = harness();
    h.link.start();
    h.ports[0].receive(welcome());
    h.link.send(h.outbox.addEvents(pageBatch('s', [ev(0)], 10))!);
    h.link.send(h.outbox.addEvents(pageBatch('s', [ev(1)], 10))!);
    h.ports[0].drop();
    h.runTimers();
    expect(h.ports).toHaveLength(2);
    // Nothing but the hello until the background says which extension it is.
    expect(h.ports[1].sent).toEqual([{ ...env, kind: 'hello', instance: 'I1' }]);
    h.link.send(h.outbox.addEvents(pageBatch('s', [ev(2)], 10))!);
    expect(h.ports[1].sent).toHaveLength(1);
    h.ports[1].receive(welcome());
    expect(h.ports[1].sent.map((m) => (m.kind === 'events' ? m.batch : m.kind))).toEqual(['hello', 1, 2, 3]);
  });

  it('retires when a reconnect reaches another extension instance (a reload), sending it nothing', () => {
    const h = harness();
    h.link.start();
    expect(h.ports[0].sent).toEqual([{ ...env, kind: 'hello' }]);
    h.ports[0].receive(welcome('I1'));
    h.link.send(h.outbox.addEvents(pageBatch('s', [ev(0)], 10))!);
    h.ports[0].drop();
    h.runTimers();
    h.ports[1].receive(welcome('I2'));
    expect(h.orphaned()).toBe(1);
    expect(h.ports[1].sent.map((m) => m.kind)).toEqual(['hello']);
    expect(h.ports[1].disconnected).toBe(true);
    // And stays quiet: no reconnect, nothing sent, pings answered no.
    h.link.send(h.outbox.addEvents(pageBatch('s', [ev(1)], 10))!);
    h.runTimers();
    expect(h.ports).toHaveLength(2);
    expect(h.link.answerPing('I1')).toBe(false);
  });

  it('answers a ping from its own instance, and retires on one from another', () => {
    const h = harness();
    h.link.start();
    // Not welcomed yet: a live bridge on its way.
    expect(h.link.answerPing('I1')).toBe(true);
    h.ports[0].receive(welcome('I1'));
    expect(h.link.answerPing('I1')).toBe(true);
    expect(h.orphaned()).toBe(0);
    expect(h.link.answerPing('I2')).toBe(false);
    expect(h.orphaned()).toBe(1);
    expect(h.ports[0].disconnected).toBe(true);
  });

  it('stays disconnected while idle: nothing to resend, salt known', () => {
    const h = harness();
    h.link.start();
    h.ports[0].receive(welcome());
    h.ports[0].drop();
    expect(h.timers).toEqual([]);
  });

  it('retires when asked to look and the extension is gone, though its port dropped while it was still there (a reload)', () => {
    const h = harness();
    h.link.start();
    h.ports[0].receive(welcome());
    h.ports[0].drop();
    // Another bridge starting in the page makes every bridge look (index.ts).
    h.link.checkAlive();
    expect(h.orphaned()).toBe(0);
    h.kill();
    h.link.checkAlive();
    h.link.checkAlive();
    expect(h.orphaned()).toBe(1);
    expect(h.timers).toEqual([]);
  });

  it('retires when a reconnect opens a port that never answers and the extension is gone', () => {
    const h = harness();
    h.link.start();
    h.ports[0].receive(welcome());
    h.link.send(h.outbox.addEvents(pageBatch('s', [ev(0)], 10))!);
    h.ports[0].drop();
    // The reconnect: a port opens, and no welcome comes.
    h.runTimers();
    expect(h.ports).toHaveLength(2);
    h.kill();
    // The page's next batch finds out.
    h.link.send(h.outbox.addEvents(pageBatch('s', [ev(1)], 10))!);
    expect(h.orphaned()).toBe(1);
    expect(h.ports[1].sent.map((m) => m.kind)).toEqual(['hello']);
  });

  it('posts to a welcoming port without asking the bindings whether the extension is there; a post that fails does', () => {
    const h = harness();
    h.link.start();
    h.ports[0].receive(welcome());
    const asked = h.aliveAsked();
    h.link.send(h.outbox.addEvents(pageBatch('s', [ev(0)], 10))!);
    h.link.send(h.outbox.addEvents(pageBatch('s', [ev(1)], 10))!);
    expect(h.aliveAsked()).toBe(asked);
    expect(h.ports[0].sent.map((m) => m.kind)).toEqual(['hello', 'events', 'events']);
    // The extension goes away: its port throws on the next post.
    h.kill();
    h.ports[0].disconnected = true;
    expect(() => h.link.send(h.outbox.addEvents(pageBatch('s', [ev(2)], 10))!)).not.toThrow();
    expect(h.orphaned()).toBe(1);
    expect(h.timers).toEqual([]);
  });

  it('drops a port that may be dead after a back/forward cache restore, and opens a new one', () => {
    const h = harness();
    h.link.start();
    h.link.send(h.outbox.addEvents(pageBatch('s', [ev(0)], 10))!);
    h.link.reconnect();
    expect(h.ports[0].disconnected).toBe(true);
    h.ports[1].receive(welcome());
    expect(h.ports[1].sent.map((m) => m.kind)).toEqual(['hello', 'events']);
  });

  it('goes quiet, once, when the extension is gone, without throwing', () => {
    const h = harness();
    h.link.start();
    h.kill();
    h.refuse();
    h.ports[0].drop();
    expect(() => h.link.send(h.outbox.addEvents(pageBatch('s', [ev(0)], 10))!)).not.toThrow();
    h.runTimers();
    expect(h.orphaned()).toBe(1);
    expect(h.ports).toHaveLength(1);
  });

  it('backs off while the background keeps closing the port without answering', () => {
    const h = harness();
    h.link.start();
    h.link.send(h.outbox.addEvents(pageBatch('s', [ev(0)], 10))!);
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      h.ports[h.ports.length - 1].drop();
      delays.push(...h.timers.map((t) => t.ms));
      h.runTimers();
    }
    expect(delays).toEqual([0, 50, 100, 200, 400, 800]);
  });
});
