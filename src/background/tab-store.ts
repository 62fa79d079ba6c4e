import { emptyStats, type TabEvent, type TabStats } from '../protocol';

export interface TabRecord {
  /** Salt for token fingerprints, fixed for the tab's recording. */
  salt: string;
  events: TabEvent[];
  stats: TabStats;
}

/** The slice of chrome.storage.session the store needs; a Map in tests. */
export interface KeyValueStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  remove(key: string): Promise<void>;
}

export interface TabStoreOptions {
  /** Events kept in memory per tab; older ones are dropped and counted as overflow. */
  maxEvents: number;
  /** Events written to session storage per tab, so a restarted worker still has the recent history. */
  persistEvents: number;
  saveDelayMs: number;
  newSalt(): string;
}

const key = (tabId: number) => `tab:${tabId}`;

/**
 * Recent events per tab. The MV3 worker stops whenever Chrome likes, so the
 * records are written to session storage shortly after each change and read
 * back on the first use after a restart.
 */
export class TabStore {
  private records = new Map<number, Promise<TabRecord>>();
  private saveTimers = new Map<number, ReturnType<typeof setTimeout>>();

  constructor(private readonly storage: KeyValueStore, private readonly options: TabStoreOptions) {}

  get(tabId: number): Promise<TabRecord> {
    let record = this.records.get(tabId);
    if (!record) {
      record = this.load(tabId);
      this.records.set(tabId, record);
    }
    return record;
  }

  async append(tabId: number, events: TabEvent[]): Promise<TabRecord> {
    const record = await this.get(tabId);
    for (const event of events) record.events.push(event);
    record.stats.received += events.length;
    const excess = record.events.length - this.options.maxEvents;
    if (excess > 0) {
      record.events.splice(0, excess);
      record.stats.overflow += excess;
    }
    this.scheduleSave(tabId);
    return record;
  }

  async addStats(tabId: number, counts: Partial<TabStats>): Promise<TabRecord> {
    const record = await this.get(tabId);
    for (const [name, n] of Object.entries(counts)) {
      if (name in record.stats && Number.isSafeInteger(n) && (n as number) > 0) record.stats[name as keyof TabStats] += n as number;
    }
    this.scheduleSave(tabId);
    return record;
  }

  async clear(tabId: number): Promise<void> {
    const record = await this.get(tabId);
    record.events = [];
    record.stats = emptyStats();
    this.scheduleSave(tabId);
  }

  async remove(tabId: number): Promise<void> {
    clearTimeout(this.saveTimers.get(tabId));
    this.saveTimers.delete(tabId);
    this.records.delete(tabId);
    await this.storage.remove(key(tabId));
  }

  private async load(tabId: number): Promise<TabRecord> {
    const saved = (await this.storage.get(key(tabId))) as TabRecord | undefined;
    if (saved && typeof saved.salt === 'string' && Array.isArray(saved.events)) {
      return { salt: saved.salt, events: saved.events, stats: { ...emptyStats(), ...saved.stats } };
    }
    return { salt: this.options.newSalt(), events: [], stats: emptyStats() };
  }

  private scheduleSave(tabId: number): void {
    if (this.saveTimers.has(tabId)) return;
    this.saveTimers.set(
      tabId,
      setTimeout(() => {
        this.saveTimers.delete(tabId);
        void this.save(tabId);
      }, this.options.saveDelayMs),
    );
  }

  private async save(tabId: number): Promise<void> {
    const record = this.records.get(tabId);
    if (!record) return;
    const { salt, events, stats } = await record;
    await this.storage.set(key(tabId), { salt, stats, events: events.slice(-this.options.persistEvents) });
  }
}
