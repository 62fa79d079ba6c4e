/**
 * The whole delivery path in one process (bridge outbox and link, router,
 * tab store, panel subscription) with a fake runtime whose service worker can
 * be stopped at any moment: its memory, timers, ports and unfinished storage
 * calls are gone; only what storage already took survives.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BackgroundToPanel } from '../protocol';
import { BackgroundLink, type RuntimePort } from '../bridge/background-link';
import { Outbox } from '../bridge/outbox';
import { Relay } from '../bridge/relay';
import { RateLimiter } from '../bridge/token-bucket';
import { pageBatch } from '../bridge/test-helpers';
import { subscribe, type PanelPortLike } from '../panel/subscription';
import type { KeyValueStore } from './log-storage';
import type { TypedPort } from './ports';
import { extensionInstance } from './extension-instance';
import { Router } from './router';
import { TabStore } from './tab-store';
import { memoryStorage, pageEvents } from './test-helpers';

const ORIGIN = 'chrome-extension://abc';

/**
 * chrome.storage as the browser process runs it: one call after another, each
 * taking a while. A call a worker made before it stopped still completes (in
 * order, before any call of the next worker), but that worker never hears back.
 */
class BrowserStorage {
  private queue: Promise<unknown> = Promise.resolve();
  constructor(private readonly data: KeyValueStore, private readonly random: () => number) {}

  for(worker: { alive: boolean }): KeyValueStore {
    const run = <T>(op: () => Promise<T>): Promise<T> => {
      if (!worker.alive) return new Promise(() => {});
      const done = this.queue.then(() => new Promise<T>((resolve) => setTimeout(() => void op().then(resolve), Math.floor(this.random() * 4))));
      this.queue = done;
      return done.then((value) => new Promise<T>((resolve) => worker.alive && resolve(value)));
    };
    return {
      get: (keys) => run(() => this.data.get(keys)),
      remove: (keys) => run(() => this.data.remove(keys)),
      set: (items) => {
        const copy = structuredClone(items);
        return run(() => this.data.set(copy));
      },
    };
  }
}

class Worker {
  alive = true;
  readonly router: Router;
  constructor(browserStorage: BrowserStorage) {
    const storage = browserStorage.for(this);
    const store = new TabStore(storage, { maxEvents: 200_000, persistEvents: 10_000, chunkSize: 250, saveDelayMs: 5, newSalt: () => 'salt' });
    // As index.ts names it: from the storage a restarted worker finds again.
    this.router = new Router(store, { extensionOrigin: ORIGIN, eventsPerSecond: 1e9, burstEvents: 1e9, instance: extensionInstance(storage) });
  }
}

class FakeRuntime {
  worker: Worker | undefined;
  stops = 0;
  private disconnectors = new Set<() => void>();
  constructor(private readonly storage: BrowserStorage) {}

  connect(name: string, sender: TypedPort<unknown, unknown>['sender']): RuntimePort & PanelPortLike {
    this.worker ??= new Worker(this.storage);
    const worker = this.worker;
    let open = true;
    const toClient: Array<(m: unknown) => void> = [];
    const toWorker: Array<(m: unknown) => void> = [];
    const clientGone: Array<() => void> = [];
    // One queue per direction, drained in order: a runtime port is FIFO.
    const queue = (listeners: Array<(m: unknown) => void>) => {
      const pending: unknown[] = [];
      return (message: unknown) => {
        pending.push(structuredClone(message));
        if (pending.length === 1)
          setTimeout(() => {
            while (pending.length > 0) {
              const next = pending.shift();
              if (open && worker.alive) listeners.forEach((l) => l(next));
            }
          }, 0);
      };
    };
    const sendToClient = queue(toClient);
    const sendToWorker = queue(toWorker);
    const workerSide: TypedPort<unknown, unknown> = {
      name, sender,
      postMessage: (m) => open && worker.alive && sendToClient(m),
      disconnect: () => void (open = false),
      onMessage: { addListener: (l) => toWorker.push(l) },
      onDisconnect: { addListener: () => {} },
    };
    const drop = () => {
      if (!open) return;
      open = false;
      setTimeout(() => clientGone.forEach((l) => l()), 0);
    };
    this.disconnectors.add(drop);
    if (name === 'bridge') worker.router.addBridge(workerSide as never);
    else worker.router.addPanel(workerSide as never);
    return {
      postMessage: (m: unknown) => {
        if (!open) throw new Error('Attempting to use a disconnected port object');
        sendToWorker(m);
      },
      disconnect: () => void (open = false),
      onMessage: { addListener: (l) => toClient.push(l) },
      onDisconnect: { addListener: (l) => clientGone.push(l) },
    };
  }

  stopWorker(): void {
    if (!this.worker) return;
    this.stops++;
    this.worker.alive = false;
    this.worker = undefined;
    for (const drop of this.disconnectors) drop();
    this.disconnectors.clear();
  }
}

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('delivery across service worker stops', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`a 10k-event stream reaches the panel exactly once through 20 stops (seed ${seed})`, async () => {
      const random = lcg(seed);
      const runtime = new FakeRuntime(new BrowserStorage(memoryStorage(), random));
      const outbox = new Outbox('L', { maxEvents: 150_000, maxBytes: 64 * 1024 * 1024 });
      const link = new BackgroundLink(
        { connect: () => runtime.connect('bridge', { tab: { id: 1 }, frameId: 0, url: 'http://127.0.0.1/' }), alive: () => true, setTimer: (fn, ms) => setTimeout(fn, ms) },
        outbox,
      );
      const relay = new Relay({ outbox, limiter: new RateLimiter({ eventsPerSecond: 1e9, burstEvents: 1e9, bytesPerSecond: 1e12, burstBytes: 1e12 }), send: (e) => link.send(e), setTimer: (fn, ms) => setTimeout(fn, ms) });
      link.start();

      const received = new Map<number, number>();
      const panel = subscribe(() => runtime.connect('panel', { url: `${ORIGIN}/src/panel/panel.html` }), 1, (message: BackgroundToPanel) => {
        if (message.kind === 'events' || message.kind === 'history') for (const e of message.events) received.set(e.seq, (received.get(e.seq) ?? 0) + 1);
      });

      const total = 10_000;
      const stopAt = new Set(Array.from({ length: 20 }, () => 1 + Math.floor(random() * 110)));
      while (stopAt.size < 20) stopAt.add(1 + Math.floor(random() * 110));
      for (let ms = 0; ms < 130; ms++) {
        if (ms < 100) relay.onEvents(pageBatch('s', pageEvents(ms * 100, 100), 100 * 80));
        if (stopAt.has(ms)) runtime.stopWorker();
        await vi.advanceTimersByTimeAsync(1);
      }
      await vi.advanceTimersByTimeAsync(5000);

      expect(runtime.stops).toBe(20);
      expect(received.size).toBe(total);
      expect([...received.values()].every((n) => n === 1)).toBe(true);
      expect(panel.delivery.lost).toBe(0);
      expect(outbox.unacked).toHaveLength(0);
    });
  }
});
