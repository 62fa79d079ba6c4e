import { describe, expect, it } from 'vitest';
import { emptyStats, PROTOCOL_VERSION, SOURCE, type PanelToBackground } from '../protocol';
import { subscribe, type PanelPortLike } from './subscription';

const env = { source: SOURCE, v: PROTOCOL_VERSION } as const;

function fakePorts() {
  const opened: Array<{ sent: PanelToBackground[]; drop(): void; receive(m: unknown): void; disconnected: boolean }> = [];
  let gone = false;
  const connect = (): PanelPortLike => {
    if (gone) throw new Error('Extension context invalidated.');
    const drops: Array<() => void> = [];
    const listeners: Array<(m: unknown) => void> = [];
    const port = { sent: [] as PanelToBackground[], drop: () => drops.forEach((d) => d()), receive: (m: unknown) => listeners.forEach((l) => l(m)), disconnected: false };
    opened.push(port);
    return {
      postMessage: (m) => port.sent.push(m),
      disconnect: () => void (port.disconnected = true),
      onMessage: { addListener: (l) => listeners.push(l) },
      onDisconnect: { addListener: (l) => drops.push(l) },
    };
  };
  return { opened, connect, goAway: () => (gone = true) };
}

describe('subscribe', () => {
  it('subscribes again when the port drops (the worker stopped)', () => {
    const f = fakePorts();
    let gone = 0;
    subscribe(f.connect, 7, () => {}, undefined, () => gone++);
    f.opened[0].drop();
    expect(f.opened).toHaveLength(2);
    expect(f.opened[1].sent[0]).toMatchObject({ kind: 'subscribe', tabId: 7 });
    expect(gone).toBe(0);
  });

  it('says the extension is gone, once, when it can no longer connect, and stops trying', () => {
    const f = fakePorts();
    let gone = 0;
    const sub = subscribe(f.connect, 7, () => {}, undefined, () => gone++);
    f.goAway();
    expect(() => f.opened[0].drop()).not.toThrow();
    expect(gone).toBe(1);
    expect(() => sub.clear()).not.toThrow();
    expect(f.opened).toHaveLength(1);
  });

  it('takes a history from another extension instance after a reconnect as the extension gone', () => {
    const f = fakePorts();
    let gone = 0;
    const shown: unknown[] = [];
    const history = (instance: string, seq: number) => ({
      ...env, kind: 'history', tabId: 7, from: seq, events: [{ type: 'page-start', seq, t: seq, url: 'http://x/', readyState: 'loading', session: 's' }], stats: emptyStats(), instance,
    });
    subscribe(f.connect, 7, (m) => shown.push(m), undefined, () => gone++);
    f.opened[0].receive(history('I1', 0));
    // The worker restarted: same instance, and the panel goes on.
    f.opened[0].drop();
    f.opened[1].receive(history('I1', 1));
    expect(gone).toBe(0);
    f.opened[1].drop();
    f.opened[2].receive(history('I2', 0));
    expect(gone).toBe(1);
    expect(shown).toHaveLength(2);
    expect(f.opened[2].disconnected).toBe(true);
    f.opened[2].drop();
    expect(f.opened).toHaveLength(3);
  });

  it('says so at once when the first connect fails', () => {
    const f = fakePorts();
    f.goAway();
    let gone = 0;
    subscribe(f.connect, 7, () => {}, undefined, () => gone++);
    expect(gone).toBe(1);
  });
});
