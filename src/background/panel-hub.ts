import { envelope, SOURCE, type BackgroundToPanel, type PanelToBackground } from '../protocol';
import type { TypedPort } from './ports';
import { isPanelSender } from './senders';
import type { TabLog } from './tab-log';
import type { Durable, TabStore } from './tab-store';

export type PanelPort = TypedPort<PanelToBackground, BackgroundToPanel>;

/** Events per message: a history of 200k events in one message would pass the 64 MiB port limit. */
const CHUNK = 2000;

/**
 * The panels, per tab. A panel gets the saved history (from where it says it
 * is, after a reconnect), then every event as soon as it is saved: what a
 * panel has seen survives a worker stop, so its position stays valid.
 */
export class PanelHub {
  /** Subscribes of panels, so the background can inject into a tab opened before the extension. */
  onSubscribe: (tabId: number) => void = () => {};
  /** The first panel subscribed to a tab (true), or the last one left it (false). */
  onWatch: (tabId: number, watched: boolean) => void = () => {};
  private panels = new Map<number, Set<PanelPort>>();
  /**
   * Every port subscribed to a tab, from its subscribe on (`panels` takes a
   * port only once its history is sent): a tab's page sends at the live
   * cadence while any watches it.
   */
  private watchers = new Map<number, Set<PanelPort>>();
  private lastStats = new Map<number, string>();

  constructor(
    private readonly store: TabStore,
    private readonly extensionOrigin: string,
    private readonly instance: Promise<string>,
  ) {}

  add(port: PanelPort): void {
    if (!isPanelSender(port.sender, this.extensionOrigin)) {
      port.disconnect();
      return;
    }
    let watched: number | undefined;
    port.onMessage.addListener((message) => {
      if (message?.source !== SOURCE || !Number.isSafeInteger(message.tabId) || message.tabId < 0) return;
      if (message.kind === 'subscribe') {
        if (watched !== undefined) this.panels.get(watched)?.delete(port);
        // A subscribe again to the same tab leaves it watched throughout: no "unwatched" and back in between.
        if (watched !== message.tabId) {
          if (watched !== undefined) this.unwatch(watched, port);
          this.watch(message.tabId, port);
        }
        watched = message.tabId;
        const after = Number.isSafeInteger(message.after) ? (message.after as number) : undefined;
        void this.subscribe(port, message.tabId, after);
        this.onSubscribe(message.tabId);
      } else if (message.kind === 'clear') {
        void this.store.get(message.tabId).then((log) => {
          log.clear();
          this.store.changed(message.tabId);
        });
      }
    });
    port.onDisconnect.addListener(() => {
      if (watched === undefined) return;
      this.panels.get(watched)?.delete(port);
      this.unwatch(watched, port);
    });
  }

  /** Whether any panel is subscribed to the tab. */
  isWatched(tabId: number): boolean {
    return (this.watchers.get(tabId)?.size ?? 0) > 0;
  }

  private watch(tabId: number, port: PanelPort): void {
    let set = this.watchers.get(tabId);
    if (!set) this.watchers.set(tabId, (set = new Set()));
    const first = set.size === 0;
    set.add(port);
    if (first) this.onWatch(tabId, true);
  }

  private unwatch(tabId: number, port: PanelPort): void {
    const set = this.watchers.get(tabId);
    if (!set?.delete(port) || set.size > 0) return;
    this.watchers.delete(tabId);
    this.onWatch(tabId, false);
  }

  /** A save finished: send the panels of the tab what it made durable. */
  publish(tabId: number, log: TabLog, before: Durable, now: Durable): void {
    const ports = this.panels.get(tabId);
    const stats = JSON.stringify(log.meta.stats);
    const statsChanged = stats !== this.lastStats.get(tabId);
    this.lastStats.set(tabId, stats);
    if (!ports || ports.size === 0) return;
    const losses = log.lossesBetween(before.lossCount, now.lossCount);
    const { from, events } = log.slice(before.next, now.next);
    // Only when more than maxEvents arrived within one save: the oldest were
    // pushed out of memory before they could be published.
    const notKept = Math.max(0, from - before.next);
    if (events.length === 0 && losses.length === 0 && notKept === 0) {
      if (statsChanged) this.broadcast(ports, { ...envelope(), kind: 'stats', tabId, stats: log.meta.stats });
      return;
    }
    for (let i = 0; i === 0 || i < events.length; i += CHUNK) {
      const message: BackgroundToPanel = { ...envelope(), kind: 'events', tabId, events: events.slice(i, i + CHUNK), from: from + i };
      if (i === 0 && losses.length > 0) message.losses = losses;
      if (i === 0 && notKept > 0) message.notKept = notKept;
      this.broadcast(ports, message);
    }
    if (statsChanged) this.broadcast(ports, { ...envelope(), kind: 'stats', tabId, stats: log.meta.stats });
  }

  tabRemoved(tabId: number): void {
    this.panels.delete(tabId);
    this.watchers.delete(tabId);
    this.lastStats.delete(tabId);
  }

  private async subscribe(port: PanelPort, tabId: number, after: number | undefined): Promise<void> {
    const [log, instance] = await Promise.all([this.store.get(tabId), this.instance]);
    // Read with no await between it and adding the port below: a save that
    // finished in between would publish its events to the other panels only,
    // and this panel's history would stop short of them.
    const durable = this.store.durableNow(tabId) ?? (await this.store.durable(tabId));
    const wanted = Math.max(after === undefined ? 0 : after + 1, log.meta.clearedAt);
    const { from, events } = log.slice(wanted, durable.next);
    const losses = log.lossesBetween(0, durable.lossCount, from);
    const notKept = Math.max(0, from - wanted);
    for (let i = 0; i === 0 || i < events.length; i += CHUNK) {
      const message: BackgroundToPanel = {
        ...envelope(), kind: 'history', tabId, events: events.slice(i, i + CHUNK), stats: log.meta.stats, from: from + i, instance,
      };
      if (i === 0 && losses.length > 0) message.losses = losses;
      if (i === 0 && notKept > 0) message.notKept = notKept;
      if (!this.post(port, message)) return;
    }
    // Added only now, in the same task as the history: no live message can overtake it.
    let set = this.panels.get(tabId);
    if (!set) this.panels.set(tabId, (set = new Set()));
    set.add(port);
  }

  private broadcast(ports: Set<PanelPort>, message: BackgroundToPanel): void {
    for (const port of ports) if (!this.post(port, message)) ports.delete(port);
  }

  private post(port: PanelPort, message: BackgroundToPanel): boolean {
    try {
      port.postMessage(message);
      return true;
    } catch {
      return false;
    }
  }
}
