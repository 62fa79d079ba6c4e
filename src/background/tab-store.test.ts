import { afterEach, describe, expect, it, vi } from 'vitest';
import { TabStore, type Durable } from './tab-store';
import { memoryStorage, pageEvents } from './test-helpers';

let salts = 0;
const options = { maxEvents: 50, persistEvents: 20, chunkSize: 4, saveDelayMs: 10, newSalt: () => `salt${++salts}` };

afterEach(() => vi.useRealTimers());

function recordDurable(store: TabStore) {
  const seen: Array<[number, Durable, Durable]> = [];
  store.onDurable = (tabId, _log, before, now) => seen.push([tabId, before, now]);
  return seen;
}

describe('TabStore', () => {
  it('keeps a salt per tab, saves shortly after a change and reports what became durable', async () => {
    vi.useFakeTimers();
    const store = new TabStore(memoryStorage(), options);
    const seen = recordDurable(store);
    const log = await store.get(1);
    log.apply({ link: 'L', batch: 3, session: 's', events: pageEvents(0, 5) });
    store.changed(1);
    expect(seen).toEqual([]);
    await vi.runAllTimersAsync();
    expect(seen).toEqual([[1, { next: 0, lossCount: 0, links: {} }, { next: 5, lossCount: 0, links: { L: 3 } }]]);
    expect((await store.get(2)).meta.salt).not.toBe(log.meta.salt);
  });

  it('survives a worker restart through storage: same salt, the saved tail, numbering and batch links', async () => {
    vi.useFakeTimers();
    const storage = memoryStorage();
    const first = new TabStore(storage, options);
    const log = await first.get(7);
    for (let i = 0; i < 10; i++) {
      log.apply({ link: 'L', batch: i + 1, session: 's', events: pageEvents(i * 3, 3) });
      first.changed(7);
      await vi.runAllTimersAsync();
    }
    // Not saved yet when the worker stops: this batch must come again from the bridge.
    log.apply({ link: 'L', batch: 11, session: 's', events: pageEvents(30, 3) });
    first.changed(7);

    const restarted = new TabStore(storage, options);
    const again = await restarted.get(7);
    expect(again.meta.salt).toBe(log.meta.salt);
    expect(again.meta.next).toBe(30);
    expect(again.events.map((e) => e.seq)).toEqual([...Array(30).keys()].slice(-again.events.length));
    expect(again.events.length).toBeGreaterThanOrEqual(options.persistEvents);
    expect(again.meta.links).toEqual({ L: 10 });
    expect(await restarted.durable(7)).toEqual({ next: 30, lossCount: 0, links: { L: 10 } });
    // Chunks that fell out of the saved window were removed.
    const chunkKeys = [...storage.data.keys()].filter((k) => k.startsWith('tab:7:'));
    expect(chunkKeys.length).toBeLessThanOrEqual(options.persistEvents / options.chunkSize + 1);
  });

  it('writes only new chunks on each save', async () => {
    vi.useFakeTimers();
    const storage = memoryStorage();
    const store = new TabStore(storage, { ...options, maxEvents: 10_000, chunkSize: 100, persistEvents: 1000 });
    const log = await store.get(1);
    const sets: string[][] = [];
    const set = storage.set;
    storage.set = async (items) => (sets.push(Object.keys(items)), set(items));
    for (let i = 0; i < 3; i++) {
      log.apply({ session: 's', events: pageEvents(i * 150, 150) });
      store.changed(1);
      await vi.runAllTimersAsync();
    }
    expect(sets).toEqual([['tab:1', 'tab:1:0', 'tab:1:1'], ['tab:1', 'tab:1:1', 'tab:1:2'], ['tab:1', 'tab:1:3', 'tab:1:4']]);
  });

  it('keeps fewer events across a restart when storage is full, and still reports them durable', async () => {
    vi.useFakeTimers();
    const storage = memoryStorage({ quotaBytes: 2000 });
    const store = new TabStore(storage, { ...options, persistEvents: 40 });
    const seen = recordDurable(store);
    const log = await store.get(1);
    log.apply({ session: 's', events: pageEvents(0, 45) });
    store.changed(1);
    await vi.runAllTimersAsync();
    expect(seen.at(-1)?.[2].next).toBe(45);
    const restarted = await new TabStore(storage, options).get(1);
    expect(restarted.events.length).toBeGreaterThan(0);
    expect(restarted.events.length).toBeLessThan(40);
    expect(restarted.events.at(-1)?.seq).toBe(44);
  });

  it('forgets a removed tab, in memory and in storage', async () => {
    vi.useFakeTimers();
    const storage = memoryStorage();
    const store = new TabStore(storage, options);
    (await store.get(3)).apply({ session: 's', events: pageEvents(0, 6) });
    store.changed(3);
    await vi.runAllTimersAsync();
    expect([...storage.data.keys()].some((k) => k.startsWith('tab:3'))).toBe(true);
    await store.remove(3);
    expect([...storage.data.keys()].some((k) => k.startsWith('tab:3'))).toBe(false);
    expect((await store.get(3)).events).toEqual([]);
  });
});
