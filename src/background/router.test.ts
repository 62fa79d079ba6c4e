import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, SOURCE, type BackgroundToPanel } from '../protocol';
import { Router } from './router';
import { TabStore } from './tab-store';
import type { TypedPort } from './ports';

function fakePort<In, Out>(name: string, tabId?: number) {
  const inbox: Out[] = [];
  const listeners: Array<(m: In) => void> = [];
  const disconnects: Array<() => void> = [];
  let disconnected = false;
  const port: TypedPort<In, Out> = {
    name,
    sender: tabId === undefined ? {} : { tab: { id: tabId } },
    postMessage: (m) => inbox.push(m),
    disconnect: () => (disconnected = true),
    onMessage: { addListener: (l) => listeners.push(l) },
    onDisconnect: { addListener: (l) => disconnects.push(l) },
  };
  return { port, inbox, send: (m: In) => listeners.forEach((l) => l(m)), close: () => disconnects.forEach((l) => l()), isDisconnected: () => disconnected };
}

const flush = () => new Promise((r) => setTimeout(r, 0));
const env = { source: SOURCE, v: PROTOCOL_VERSION } as const;
const ev = (seq: number, tabHint?: number) => ({ type: 'request-end' as const, seq, t: seq, id: `r${seq}`, status: tabHint ?? 200 });

function setup() {
  const storage = new Map<string, unknown>();
  const store = new TabStore(
    { get: async (k) => storage.get(k), set: async (k, v) => void storage.set(k, v), remove: async (k) => void storage.delete(k) },
    { maxEvents: 1000, persistEvents: 100, saveDelayMs: 1, newSalt: () => Math.random().toString(36) },
  );
  return new Router(store);
}

describe('Router', () => {
  it('routes by the sender tab, never mixing tabs, and gives a late panel the history', async () => {
    const router = setup();
    const tab1 = fakePort<any, any>('bridge', 1);
    const tab2 = fakePort<any, any>('bridge', 2);
    router.addBridge(tab1.port);
    router.addBridge(tab2.port);
    const panel1 = fakePort<any, BackgroundToPanel>('panel');
    router.addPanel(panel1.port);
    panel1.send({ ...env, kind: 'subscribe', tabId: 1 });
    await flush();
    tab1.send({ ...env, kind: 'events', session: 's1', events: [ev(0), ev(1)] });
    // A page cannot name another tab: tab 2's bridge writes to tab 2 whatever it says.
    tab2.send({ ...env, kind: 'events', session: 's2', events: [ev(0, 500)], tabId: 1 });
    await flush();
    const live = panel1.inbox.filter((m) => m.kind === 'events');
    expect(live.flatMap((m) => (m.kind === 'events' ? m.events.map((e) => e.session) : []))).toEqual(['s1', 's1']);

    const late = fakePort<any, BackgroundToPanel>('panel');
    router.addPanel(late.port);
    late.send({ ...env, kind: 'subscribe', tabId: 2 });
    await flush();
    const history = late.inbox.find((m) => m.kind === 'history');
    expect(history && history.kind === 'history' && history.events.map((e) => e.session)).toEqual(['s2']);
  });

  it('sends each bridge the salt of its tab, the same after a reconnect', async () => {
    const router = setup();
    const a = fakePort<any, any>('bridge', 5);
    const b = fakePort<any, any>('bridge', 5);
    router.addBridge(a.port);
    router.addBridge(b.port);
    await flush();
    expect(a.inbox[0]).toMatchObject({ kind: 'welcome', salt: expect.any(String) });
    expect(b.inbox[0].salt).toBe(a.inbox[0].salt);
  });

  it('refuses a port with no tab, drops malformed events, and forgets a closed tab', async () => {
    const router = setup();
    const orphan = fakePort<any, any>('bridge');
    router.addBridge(orphan.port);
    expect(orphan.isDisconnected()).toBe(true);

    const tab = fakePort<any, any>('bridge', 3);
    router.addBridge(tab.port);
    tab.send({ ...env, kind: 'events', session: 's', events: [ev(0), { type: 'evil' }] });
    tab.send({ ...env, kind: 'rejects', counts: { forged: 2 } });
    await flush();
    const panel = fakePort<any, BackgroundToPanel>('panel');
    router.addPanel(panel.port);
    panel.send({ ...env, kind: 'subscribe', tabId: 3 });
    await flush();
    expect(panel.inbox[0]).toMatchObject({ kind: 'history', stats: { received: 1, malformed: 1, forged: 2 } });

    await router.tabRemoved(3);
    const again = fakePort<any, BackgroundToPanel>('panel');
    router.addPanel(again.port);
    again.send({ ...env, kind: 'subscribe', tabId: 3 });
    await flush();
    expect(again.inbox[0]).toMatchObject({ kind: 'history', events: [] });
  });
});
