import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PROTOCOL_VERSION, SOURCE, type BackgroundToPanel } from '../protocol';
import { wireBatch } from '../protocol/wire-testing';
import type { TypedPort } from './ports';
import { Router } from './router';
import { TabStore } from './tab-store';
import { memoryStorage, pageEvents } from './test-helpers';

const ORIGIN = 'chrome-extension://abc';
const INSTANCE = 'this-copy';

function fakePort<In, Out>(name: string, sender: TypedPort<In, Out>['sender']) {
  const inbox: Out[] = [];
  const listeners: Array<(m: In) => void> = [];
  const disconnects: Array<() => void> = [];
  let disconnected = false;
  const port: TypedPort<In, Out> = {
    name,
    sender,
    postMessage: (m) => inbox.push(structuredClone(m)),
    disconnect: () => (disconnected = true),
    onMessage: { addListener: (l) => listeners.push(l) },
    onDisconnect: { addListener: (l) => disconnects.push(l) },
  };
  return { port, inbox, send: (m: In) => listeners.forEach((l) => l(m)), close: () => disconnects.forEach((l) => l()), isDisconnected: () => disconnected };
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;
const bridge = (tabId?: number, frameId = 0) => fakePort<Any, Any>('bridge', tabId === undefined ? {} : { tab: { id: tabId }, frameId, url: 'http://127.0.0.1/' });
const panel = () => fakePort<Any, BackgroundToPanel>('panel', { url: `${ORIGIN}/src/panel/panel.html`, origin: ORIGIN });

const settle = () => vi.runAllTimersAsync();
const env = { source: SOURCE, v: PROTOCOL_VERSION } as const;
const batch = (n: number, events: unknown[], extra: object = {}) => ({ ...env, kind: 'events', session: 's', ...wireBatch(events), link: 'L', batch: n, ...extra });
const shown = (inbox: BackgroundToPanel[]) => inbox.flatMap((m) => (m.kind === 'events' || m.kind === 'history' ? m.events.map((e) => `${e.session}:${e.seq}`) : []));

function setup(storage = memoryStorage(), limits = { eventsPerSecond: 1e6, burstEvents: 1e6 }) {
  const store = new TabStore(storage, { maxEvents: 1000, persistEvents: 100, chunkSize: 10, saveDelayMs: 5, newSalt: () => Math.random().toString(36) });
  return { router: new Router(store, { extensionOrigin: ORIGIN, ...limits, instance: Promise.resolve(INSTANCE) }), storage };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('Router', () => {
  it('routes by the sender tab, never mixing tabs, and gives a late panel the history', async () => {
    const { router } = setup();
    const tab1 = bridge(1);
    const tab2 = bridge(2);
    router.addBridge(tab1.port);
    router.addBridge(tab2.port);
    const panel1 = panel();
    router.addPanel(panel1.port);
    panel1.send({ ...env, kind: 'subscribe', tabId: 1 });
    await settle();
    tab1.send({ ...env, kind: 'events', session: 's1', ...wireBatch(pageEvents(0, 2)) });
    // A page cannot name another tab: tab 2's bridge writes to tab 2 whatever it says.
    tab2.send({ ...env, kind: 'events', session: 's2', ...wireBatch(pageEvents(0, 1)), tabId: 1 });
    await settle();
    expect(shown(panel1.inbox)).toEqual(['s1:0', 's1:1']);

    const late = panel();
    router.addPanel(late.port);
    late.send({ ...env, kind: 'subscribe', tabId: 2 });
    await settle();
    expect(late.inbox[0]).toMatchObject({ kind: 'history', from: 0 });
    expect(shown(late.inbox)).toEqual(['s2:0']);
  });

  it('sends each bridge the salt of its tab, the same after a reconnect', async () => {
    const { router } = setup();
    const a = bridge(5);
    const b = bridge(5);
    router.addBridge(a.port);
    router.addBridge(b.port);
    await settle();
    expect(a.inbox[0]).toMatchObject({ kind: 'welcome', salt: expect.any(String) });
    expect(b.inbox[0].salt).toBe(a.inbox[0].salt);
  });

  it('names its instance in every welcome, and ignores a bridge whose hello names another (a content script from before a reload)', async () => {
    const { router } = setup();
    const watcher = panel();
    router.addPanel(watcher.port);
    watcher.send({ ...env, kind: 'subscribe', tabId: 3 });
    const stale = bridge(3);
    router.addBridge(stale.port);
    stale.send({ ...env, kind: 'hello', instance: 'before-reload' });
    stale.send(batch(1, pageEvents(0, 2)));
    const mine = bridge(3, 1);
    router.addBridge(mine.port);
    mine.send({ ...env, kind: 'hello', instance: INSTANCE });
    mine.send({ ...env, kind: 'events', session: 'm', ...wireBatch(pageEvents(0, 1)), link: 'M', batch: 1 });
    await settle();
    expect(stale.inbox).toEqual([{ ...env, kind: 'welcome', salt: expect.any(String), instance: INSTANCE, watched: true }]);
    expect(mine.inbox[0]).toMatchObject({ kind: 'welcome', instance: INSTANCE });
    expect(shown(watcher.inbox)).toEqual(['m:0']);
    // The panel is told the instance too: a reconnect that reaches a reloaded extension shows it another.
    expect(watcher.inbox.find((m) => m.kind === 'history')).toMatchObject({ instance: INSTANCE });
    expect(router.hasBridge(3)).toBe(true);
    mine.close();
    expect(router.hasBridge(3)).toBe(false);
  });

  it('tells a tab’s bridges whether a panel watches it: in the welcome, when the first subscribes and when the last leaves', async () => {
    const { router } = setup();
    const early = bridge(4);
    const other = bridge(6);
    router.addBridge(early.port);
    router.addBridge(other.port);
    await settle();
    const watching = (b: ReturnType<typeof bridge>) => b.inbox.flatMap((m) => (m.kind === 'watch' ? [m.watched] : m.kind === 'welcome' ? [`welcome ${m.watched ?? false}`] : []));
    expect(watching(early)).toEqual(['welcome false']);
    const one = panel();
    const two = panel();
    router.addPanel(one.port);
    router.addPanel(two.port);
    one.send({ ...env, kind: 'subscribe', tabId: 4 });
    // A panel subscribing again (even the only one), and a second panel, change nothing.
    one.send({ ...env, kind: 'subscribe', tabId: 4, after: 0 });
    two.send({ ...env, kind: 'subscribe', tabId: 4 });
    one.send({ ...env, kind: 'subscribe', tabId: 4, after: 0 });
    const late = bridge(4, 1);
    router.addBridge(late.port);
    await settle();
    expect(watching(early)).toEqual(['welcome false', true]);
    expect(watching(late)).toEqual(['welcome true']);
    one.close();
    expect(watching(early)).toEqual(['welcome false', true]);
    // The last panel moves to another tab: this one is no longer watched, that one is.
    two.send({ ...env, kind: 'subscribe', tabId: 6 });
    expect(watching(early)).toEqual(['welcome false', true, false]);
    expect(watching(late)).toEqual(['welcome true', false]);
    expect(watching(other)).toEqual(['welcome false', true]);
    two.close();
    expect(watching(other)).toEqual(['welcome false', true, false]);
  });

  it('refuses a bridge with no tab, and a panel port opened by anything but our own pages', async () => {
    const { router } = setup();
    const orphan = bridge();
    router.addBridge(orphan.port);
    expect(orphan.isDisconnected()).toBe(true);
    const contentScriptAsPanel = fakePort<Any, Any>('panel', { tab: { id: 1 }, url: 'http://127.0.0.1/', origin: 'http://127.0.0.1' });
    router.addPanel(contentScriptAsPanel.port);
    contentScriptAsPanel.send({ ...env, kind: 'subscribe', tabId: 1 });
    await settle();
    expect(contentScriptAsPanel.isDisconnected()).toBe(true);
    expect(contentScriptAsPanel.inbox).toEqual([]);
  });

  it('counts malformed events and rejects, and forgets a closed tab', async () => {
    const { router } = setup();
    const tab = bridge(3);
    router.addBridge(tab.port);
    tab.send(batch(1, [...pageEvents(0, 1), { type: 'evil' }], { rejects: { forged: 2, received: 99 } }));
    tab.send({ ...env, kind: 'rejects', counts: { version: 1 } });
    // A count no bridge sends (it refuses batches over the limit) is not believed, nor counted.
    tab.send(batch(2, [], { first: 0, count: 1e9, body: '{}' }));
    await settle();
    const p = panel();
    router.addPanel(p.port);
    p.send({ ...env, kind: 'subscribe', tabId: 3 });
    await settle();
    expect(p.inbox[0]).toMatchObject({ kind: 'history', stats: { received: 1, malformed: 1, forged: 2, version: 1 } });

    await router.tabRemoved(3);
    const again = panel();
    router.addPanel(again.port);
    again.send({ ...env, kind: 'subscribe', tabId: 3 });
    await settle();
    expect(again.inbox[0]).toMatchObject({ kind: 'history', events: [] });
  });

  it('acknowledges a batch only once it is saved, publishes it at that moment, and stores a resent batch once', async () => {
    const { router } = setup();
    const tab = bridge(1);
    const p = panel();
    router.addBridge(tab.port);
    router.addPanel(p.port);
    p.send({ ...env, kind: 'subscribe', tabId: 1 });
    await settle();
    tab.send(batch(1, pageEvents(0, 2)));
    await Promise.resolve();
    expect(tab.inbox.filter((m) => m.kind === 'ack')).toEqual([]);
    expect(shown(p.inbox)).toEqual([]);
    await settle();
    expect(tab.inbox.filter((m) => m.kind === 'ack')).toEqual([{ ...env, kind: 'ack', batch: 1 }]);
    expect(shown(p.inbox)).toEqual(['s:0', 's:1']);

    // The bridge reconnects and sends everything it holds again.
    const again = bridge(1);
    router.addBridge(again.port);
    again.send(batch(1, pageEvents(0, 2)));
    again.send(batch(2, pageEvents(2, 1)));
    await settle();
    expect(again.inbox.filter((m) => m.kind === 'ack').map((m) => m.batch)).toEqual([1, 2]);
    expect(shown(p.inbox)).toEqual(['s:0', 's:1', 's:2']);
  });

  it('resumes a panel after the position it gives, says what is no longer kept, and splits a long history', async () => {
    const { router } = setup();
    const tab = bridge(1);
    router.addBridge(tab.port);
    tab.send(batch(1, pageEvents(0, 1000)));
    tab.send(batch(2, pageEvents(1000, 500)));
    await settle();
    const resumed = panel();
    router.addPanel(resumed.port);
    resumed.send({ ...env, kind: 'subscribe', tabId: 1, after: 1200 });
    await settle();
    expect(resumed.inbox).toHaveLength(1);
    expect(resumed.inbox[0]).toMatchObject({ kind: 'history', from: 1201 });
    expect(shown(resumed.inbox)).toHaveLength(299);

    const behind = panel();
    router.addPanel(behind.port);
    behind.send({ ...env, kind: 'subscribe', tabId: 1, after: 100 });
    await settle();
    expect(behind.inbox[0]).toMatchObject({ kind: 'history', from: 500, notKept: 399 });

    const fresh = panel();
    router.addPanel(fresh.port);
    fresh.send({ ...env, kind: 'subscribe', tabId: 1 });
    await settle();
    expect(fresh.inbox[0]).toMatchObject({ kind: 'history', from: 500, notKept: 500 });
  });

  it('a cleared history is not reported as lost', async () => {
    const { router } = setup();
    const tab = bridge(1);
    router.addBridge(tab.port);
    tab.send(batch(1, pageEvents(0, 5)));
    await settle();
    const p = panel();
    router.addPanel(p.port);
    p.send({ ...env, kind: 'clear', tabId: 1 });
    await settle();
    p.send({ ...env, kind: 'subscribe', tabId: 1 });
    await settle();
    expect(p.inbox.find((m) => m.kind === 'history')).toMatchObject({ from: 5, events: [] });
    expect(p.inbox.find((m) => m.kind === 'history')).not.toHaveProperty('notKept');
  });

  it('acknowledges every eighth batch at once, and the rest once the bridge has been quiet for two seconds', async () => {
    const { router } = setup();
    const tab = bridge(1);
    router.addBridge(tab.port);
    await settle();
    const acks = () => tab.inbox.filter((m) => m.kind === 'ack').map((m) => m.batch);
    for (let n = 1; n <= 10; n++) {
      tab.send(batch(n, pageEvents(2 * (n - 1), 2)));
      // Saved (the store's delay is 5 ms), and a batch every 100 ms: never quiet for long.
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(acks()).toEqual([8]);
    await vi.advanceTimersByTimeAsync(1800);
    expect(acks()).toEqual([8]);
    await vi.advanceTimersByTimeAsync(200);
    expect(acks()).toEqual([8, 10]);
    // Gone before its quiet time: nothing is posted to a closed port.
    tab.send(batch(11, pageEvents(20, 2)));
    await vi.advanceTimersByTimeAsync(100);
    tab.close();
    await settle();
    expect(acks()).toEqual([8, 10]);
  });

  it('limits the rate per tab across frames, turning what it refuses into a loss marker', async () => {
    const { router } = setup(memoryStorage(), { eventsPerSecond: 10, burstEvents: 5 });
    const top = bridge(1, 0);
    const frame = bridge(1, 4);
    router.addBridge(top.port);
    router.addBridge(frame.port);
    const p = panel();
    router.addPanel(p.port);
    p.send({ ...env, kind: 'subscribe', tabId: 1 });
    await settle();
    top.send(batch(1, pageEvents(0, 4)));
    frame.send({ ...batch(1, pageEvents(0, 4)), link: 'F', session: 'f' });
    await settle();
    expect(shown(p.inbox)).toEqual(['s:0', 's:1', 's:2', 's:3']);
    const live = p.inbox.find((m) => m.kind === 'events' && m.losses);
    expect(live).toMatchObject({ losses: [{ session: 'f', from: 0, to: 3, count: 4, reason: 'rate', n: 1 }] });
    expect(p.inbox.filter((m) => m.kind === 'stats').at(-1)).toMatchObject({ stats: { rateLimited: 4 } });
    // Refused, but applied: the bridge is acknowledged and will not send it again.
    expect(frame.inbox.filter((m) => m.kind === 'ack')).toEqual([{ ...env, kind: 'ack', batch: 1 }]);
  });

  it('tags events of a subframe with its frame id', async () => {
    const { router } = setup();
    const frame = bridge(1, 9);
    router.addBridge(frame.port);
    frame.send(batch(1, pageEvents(0, 1)));
    await settle();
    const p = panel();
    router.addPanel(p.port);
    p.send({ ...env, kind: 'subscribe', tabId: 1 });
    await settle();
    expect(p.inbox[0]).toMatchObject({ events: [{ frame: 9, session: 's' }] });
  });
});

describe('Router, a panel that subscribes while a save is being written', () => {
  it('gets every event, in history or live, wherever the end of the write falls', async () => {
    for (let ticks = 0; ticks < 20; ticks++) {
      // Writes wait for `release`, so the subscribe can land anywhere in one.
      const storage = memoryStorage();
      let release: () => void = () => {};
      const set = storage.set;
      storage.set = async (items) => {
        await new Promise<void>((done) => (release = done));
        return set(items);
      };
      const { router } = setup(storage);
      const tab = bridge(1);
      router.addBridge(tab.port);
      tab.send(batch(1, pageEvents(0, 3)));
      await vi.advanceTimersByTimeAsync(10);
      const p = panel();
      router.addPanel(p.port);
      release();
      for (let i = 0; i < ticks; i++) await Promise.resolve();
      p.send({ ...env, kind: 'subscribe', tabId: 1 });
      await settle();
      expect(shown(p.inbox), `subscribed ${ticks} microtasks after the write was let go`).toEqual(['s:0', 's:1', 's:2']);
    }
  });
});
