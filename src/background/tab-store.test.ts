import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TabEvent } from '../protocol';
import { TabStore, type KeyValueStore } from './tab-store';

function memoryStorage(): KeyValueStore & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    get: async (k) => structuredClone(data.get(k)),
    set: async (k, v) => void data.set(k, structuredClone(v)),
    remove: async (k) => void data.delete(k),
  };
}

const events = (from: number, n: number): TabEvent[] =>
  Array.from({ length: n }, (_, i) => ({ type: 'request-end', id: `r${from + i}`, status: 200, seq: from + i, t: from + i, session: 's' }));

let salts = 0;
const options = { maxEvents: 5, persistEvents: 3, saveDelayMs: 10, newSalt: () => `salt${++salts}` };

afterEach(() => vi.useRealTimers());

describe('TabStore', () => {
  it('keeps a salt per tab and the most recent events, counting what it dropped', async () => {
    const store = new TabStore(memoryStorage(), options);
    await store.append(1, events(0, 4));
    const record = await store.append(1, events(4, 3));
    expect(record.events.map((e) => e.seq)).toEqual([2, 3, 4, 5, 6]);
    expect(record.stats).toMatchObject({ received: 7, overflow: 2 });
    expect((await store.get(2)).salt).not.toBe(record.salt);
  });

  it('survives a worker restart through storage, with the same salt', async () => {
    vi.useFakeTimers();
    const storage = memoryStorage();
    const first = new TabStore(storage, options);
    const { salt } = await first.append(7, events(0, 4));
    await vi.runAllTimersAsync();
    const restarted = new TabStore(storage, options);
    const record = await restarted.get(7);
    expect(record.salt).toBe(salt);
    expect(record.events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(record.stats.received).toBe(4);
  });

  it('forgets a removed tab, in memory and in storage', async () => {
    vi.useFakeTimers();
    const storage = memoryStorage();
    const store = new TabStore(storage, options);
    await store.append(3, events(0, 2));
    await vi.runAllTimersAsync();
    expect(storage.data.has('tab:3')).toBe(true);
    await store.remove(3);
    expect(storage.data.has('tab:3')).toBe(false);
    expect((await store.get(3)).events).toEqual([]);
  });

  it('adds reject counts and ignores nonsense counts', async () => {
    const store = new TabStore(memoryStorage(), options);
    const record = await store.addStats(1, { malformed: 2, forged: -1, bogus: 5 } as never);
    expect(record.stats).toMatchObject({ malformed: 2, forged: 0 });
    expect('bogus' in record.stats).toBe(false);
  });
});
