import type { PageEvent, TabEvent } from '../protocol';
import type { KeyValueStore } from './log-storage';

/** chrome.storage.session in memory: values are cloned, as Chrome serializes them. */
export function memoryStorage(options: { quotaBytes?: number } = {}): KeyValueStore & { data: Map<string, unknown>; writes: number } {
  const data = new Map<string, unknown>();
  const size = () => [...data.values()].reduce((n: number, v) => n + JSON.stringify(v).length, 0);
  const store = {
    data,
    writes: 0,
    get: async (keys: string[]) => Object.fromEntries(keys.filter((k) => data.has(k)).map((k) => [k, structuredClone(data.get(k))])),
    set: async (items: Record<string, unknown>) => {
      const before = new Map(data);
      for (const [k, v] of Object.entries(items)) data.set(k, structuredClone(v));
      if (options.quotaBytes !== undefined && size() > options.quotaBytes) {
        data.clear();
        for (const [k, v] of before) data.set(k, v);
        throw new Error('QUOTA_BYTES quota exceeded');
      }
      store.writes++;
    },
    remove: async (keys: string[]) => void keys.forEach((k) => data.delete(k)),
  };
  return store;
}

export const pageEvents = (from: number, n: number): PageEvent[] =>
  Array.from({ length: n }, (_, i) => ({ type: 'request-end', id: `r${from + i}`, status: 200, seq: from + i, t: from + i }));

export const tabEvents = (from: number, n: number, session = 's'): TabEvent[] => pageEvents(from, n).map((e) => ({ ...e, session }));
