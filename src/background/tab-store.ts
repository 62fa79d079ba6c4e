import { LogStorage, type KeyValueStore, type Saved } from './log-storage';
import { TabLog } from './tab-log';

export type { KeyValueStore } from './log-storage';

export interface TabStoreOptions {
  /** Events kept in memory per tab, for a panel opened later. */
  maxEvents: number;
  /** Events written to session storage per tab, so a restarted worker still has the recent history. */
  persistEvents: number;
  chunkSize: number;
  /** How long a change waits for more before it is saved. */
  saveDelayMs: number;
  newSalt(): string;
}

/** What a finished save made durable: the log up to `next`, markers up to `lossCount`, batches up to `links`. */
export interface Durable {
  next: number;
  lossCount: number;
  links: Record<string, number>;
}

interface Entry {
  log: TabLog;
  saved?: Saved;
  durable: Durable;
  timer?: ReturnType<typeof setTimeout>;
  saving?: Promise<void>;
  dirty: boolean;
  /** Lowered after a failed write (storage full): fewer events are kept across a worker restart. */
  persistEvents: number;
}

/**
 * Each tab's log, loaded from session storage on first use after a worker
 * (re)start and saved shortly after every change. `onDurable` reports what a
 * save made safe from a worker stop: only then are batches acknowledged to
 * the bridges and events published to the panels.
 */
export class TabStore {
  /** A save finished: what was durable before it, and what is now. */
  onDurable: (tabId: number, log: TabLog, before: Durable, now: Durable) => void = () => {};
  private entries = new Map<number, Promise<Entry>>();
  /** The entries once loaded, for what must be read in the same task as something else (durableNow). */
  private loaded = new Map<number, Entry>();
  private readonly storage: LogStorage;

  constructor(storage: KeyValueStore, private readonly options: TabStoreOptions) {
    this.storage = new LogStorage(storage, options);
  }

  async get(tabId: number): Promise<TabLog> {
    return (await this.entry(tabId)).log;
  }

  /** What is durable now: everything loaded was. */
  async durable(tabId: number): Promise<Durable> {
    return (await this.entry(tabId)).durable;
  }

  /**
   * What is durable right now, for a tab whose log has been loaded (after
   * `await get(tabId)`): read in the same task as what is done with it, no
   * save can finish in between (which the await of `durable` allows).
   */
  durableNow(tabId: number): Durable | undefined {
    return this.loaded.get(tabId)?.durable;
  }

  /** The log changed: save it soon. */
  changed(tabId: number): void {
    void this.entry(tabId).then((entry) => {
      entry.dirty = true;
      if (entry.timer === undefined && entry.saving === undefined) entry.timer = setTimeout(() => this.save(tabId, entry), this.options.saveDelayMs);
    });
  }

  async remove(tabId: number): Promise<void> {
    const pending = this.entries.get(tabId);
    this.entries.delete(tabId);
    this.loaded.delete(tabId);
    const entry = await pending;
    clearTimeout(entry?.timer);
    await entry?.saving;
    await this.storage.remove(tabId, entry?.saved);
  }

  private entry(tabId: number): Promise<Entry> {
    let entry = this.entries.get(tabId);
    if (!entry) {
      entry = this.load(tabId);
      this.entries.set(tabId, entry);
    }
    return entry;
  }

  private async load(tabId: number): Promise<Entry> {
    const { maxEvents, persistEvents } = this.options;
    const saved = await this.storage.load(tabId).catch(() => undefined);
    const log = saved ? new TabLog(saved.meta, saved.events, maxEvents) : TabLog.empty(this.options.newSalt(), maxEvents);
    const durable = { next: log.meta.next, lossCount: log.meta.lossCount, links: { ...log.meta.links } };
    const entry: Entry = { log, saved: saved?.saved, durable, dirty: false, persistEvents };
    if (this.entries.has(tabId)) this.loaded.set(tabId, entry);
    return entry;
  }

  private save(tabId: number, entry: Entry): void {
    entry.timer = undefined;
    entry.dirty = false;
    const { log } = entry;
    // Taken before the write starts: what arrives during the write is in the next save.
    const snapshot: Durable = { next: log.meta.next, lossCount: log.meta.lossCount, links: { ...log.meta.links } };
    entry.saving = this.write(tabId, entry).then(() => {
      entry.saving = undefined;
      const before = entry.durable;
      entry.durable = snapshot;
      if (this.entries.has(tabId)) this.onDurable(tabId, log, before, snapshot);
      if (entry.dirty && this.entries.has(tabId)) this.changed(tabId);
    });
  }

  private async write(tabId: number, entry: Entry): Promise<void> {
    for (;;) {
      try {
        entry.saved = await this.storage.save(tabId, entry.log, entry.saved, entry.persistEvents);
        return;
      } catch {
        // Storage is full (10 MB for all tabs): keep fewer events across a
        // restart rather than hold every bridge's batches forever. When even
        // one chunk does not fit, the events stay in memory only.
        if (entry.persistEvents <= this.options.chunkSize) return;
        entry.persistEvents = Math.max(this.options.chunkSize, Math.floor(entry.persistEvents / 2));
      }
    }
  }
}
