import { describe, expect, it } from 'vitest';
import type { PanelToBackground } from '../protocol';
import { subscribe, type PanelPortLike } from './subscription';

function fakePorts() {
  const opened: Array<{ sent: PanelToBackground[]; drop(): void }> = [];
  let gone = false;
  const connect = (): PanelPortLike => {
    if (gone) throw new Error('Extension context invalidated.');
    const drops: Array<() => void> = [];
    const port = { sent: [] as PanelToBackground[], drop: () => drops.forEach((d) => d()) };
    opened.push(port);
    return {
      postMessage: (m) => port.sent.push(m),
      disconnect: () => {},
      onMessage: { addListener: () => {} },
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

  it('says so at once when the first connect fails', () => {
    const f = fakePorts();
    f.goAway();
    let gone = 0;
    subscribe(f.connect, 7, () => {}, undefined, () => gone++);
    expect(gone).toBe(1);
  });
});
