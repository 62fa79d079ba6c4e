import type { TabEvent } from '../protocol';
import { decodeChunk, encodeChunk } from './chunk-codec';
import type { TabLog, TabLogMeta } from './tab-log';

/** The slice of chrome.storage.session the store needs; a Map in tests. */
export interface KeyValueStore {
  get(keys: string[]): Promise<Record<string, unknown>>;
  /** All keys in one call: chrome.storage writes them together or not at all. */
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

export interface LogStorageOptions {
  /** Events per storage key: a save rewrites at most one partly filled chunk. */
  chunkSize: number;
  /** The most recent events written per tab (session storage holds 10 MB in all). */
  persistEvents: number;
}

/** What one save wrote: chunks first..last, events up to `next`. */
export interface Saved {
  first: number;
  last: number;
  next: number;
}

interface MetaRecord {
  v: 2;
  meta: TabLogMeta;
  saved: Saved;
}

const metaKey = (tabId: number) => `tab:${tabId}`;
const chunkKey = (tabId: number, k: number) => `tab:${tabId}:${k}`;

/**
 * Writes a tab's log to session storage in chunks, so a save writes only the
 * new events (and the one chunk they extend), never the whole history again.
 * The meta record and the chunks go in one set() call: a worker stopped in the
 * middle of a save leaves the previous save intact.
 */
export class LogStorage {
  constructor(private readonly storage: KeyValueStore, private readonly options: LogStorageOptions) {}

  async load(tabId: number): Promise<{ meta: TabLogMeta; events: TabEvent[]; saved: Saved } | undefined> {
    const record = (await this.storage.get([metaKey(tabId)]))[metaKey(tabId)] as MetaRecord | undefined;
    if (record?.v !== 2 || typeof record.meta?.salt !== 'string') return undefined;
    const { meta, saved } = record;
    const keys = [];
    for (let k = saved.first; k <= saved.last; k++) keys.push(chunkKey(tabId, k));
    const chunks = keys.length > 0 ? await this.storage.get(keys) : {};
    // Keep the longest run of events that ends at `next`: a missing or
    // inconsistent chunk (never expected) costs the events before it.
    let events: TabEvent[] = [];
    let expected = -1;
    for (const key of keys) {
      const chunk = decodeChunk(chunks[key]);
      if (!chunk || !Array.isArray(chunk.events) || (expected !== -1 && chunk.from !== expected)) events = [];
      if (!chunk || !Array.isArray(chunk.events)) continue;
      if (events.length === 0) meta.base = chunk.from;
      events = events.concat(chunk.events);
      expected = chunk.from + chunk.events.length;
    }
    if (expected !== meta.next) {
      // Then the batch links cannot be trusted either: better a batch stored
      // twice (the panel drops duplicates) than one acknowledged and lost.
      events = [];
      meta.links = {};
    }
    if (events.length === 0) meta.base = meta.next;
    return { meta, events, saved };
  }

  /** Writes what changed since `previous`; resolves to what is now saved. */
  async save(tabId: number, log: TabLog, previous: Saved | undefined, persistEvents = this.options.persistEvents): Promise<Saved> {
    const { chunkSize } = this.options;
    const { base, next } = log.meta;
    const first = Math.floor(Math.max(base, next - persistEvents) / chunkSize);
    const last = Math.max(first, Math.floor(Math.max(0, next - 1) / chunkSize));
    const saved: Saved = { first, last, next };
    const items: Record<string, unknown> = { [metaKey(tabId)]: { v: 2, meta: log.meta, saved } satisfies MetaRecord };
    const dirtyFrom = previous ? Math.max(first, Math.floor(previous.next / chunkSize)) : first;
    for (let k = dirtyFrom; k <= last; k++) {
      const slice = log.slice(Math.max(k * chunkSize, first * chunkSize), (k + 1) * chunkSize);
      items[chunkKey(tabId, k)] = encodeChunk({ from: slice.from, events: slice.events });
    }
    await this.storage.set(items);
    if (previous && previous.first < first) {
      const stale = [];
      for (let k = previous.first; k < Math.min(first, previous.last + 1); k++) stale.push(chunkKey(tabId, k));
      if (stale.length > 0) await this.storage.remove(stale);
    }
    return saved;
  }

  async remove(tabId: number, saved: Saved | undefined): Promise<void> {
    const keys = [metaKey(tabId)];
    if (saved) for (let k = saved.first; k <= saved.last; k++) keys.push(chunkKey(tabId, k));
    await this.storage.remove(keys);
  }
}
