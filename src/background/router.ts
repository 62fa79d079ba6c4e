import {
  envelope,
  isPageEvent,
  SOURCE,
  type BackgroundToBridge,
  type BackgroundToPanel,
  type BridgeToBackground,
  type PanelToBackground,
  type TabEvent,
} from '../protocol';
import type { TypedPort } from './ports';
import type { TabStore } from './tab-store';

export type BridgePort = TypedPort<BridgeToBackground, BackgroundToBridge>;
export type PanelPort = TypedPort<PanelToBackground, BackgroundToPanel>;

/**
 * Routes page events to the panels that watch the tab they came from. The tab
 * is always the sender's, as Chrome reports it: a page cannot choose whose
 * stream it writes to, and a panel only receives the tab it subscribed to.
 */
export class Router {
  private panels = new Map<number, Set<PanelPort>>();

  constructor(private readonly store: TabStore) {}

  addBridge(port: BridgePort): void {
    const tabId = port.sender?.tab?.id;
    if (typeof tabId !== 'number' || tabId < 0) {
      port.disconnect();
      return;
    }
    void this.store.get(tabId).then((record) => port.postMessage({ ...envelope(), kind: 'welcome', salt: record.salt }));
    port.onMessage.addListener((message) => void this.fromBridge(tabId, message));
  }

  addPanel(port: PanelPort): void {
    let watched: number | undefined;
    port.onMessage.addListener((message) => {
      if (message?.source !== SOURCE || !Number.isSafeInteger(message.tabId)) return;
      if (message.kind === 'subscribe') {
        if (watched !== undefined) this.panels.get(watched)?.delete(port);
        watched = message.tabId;
        this.panelsOf(watched).add(port);
        void this.store.get(watched).then((record) =>
          port.postMessage({ ...envelope(), kind: 'history', tabId: message.tabId, events: record.events, stats: record.stats }),
        );
      } else if (message.kind === 'clear') {
        void this.store.clear(message.tabId).then(() => this.sendStats(message.tabId));
      }
    });
    port.onDisconnect.addListener(() => {
      if (watched !== undefined) this.panels.get(watched)?.delete(port);
    });
  }

  async tabRemoved(tabId: number): Promise<void> {
    this.panels.delete(tabId);
    await this.store.remove(tabId);
  }

  /** Events the background itself observes for a tab (HttpOnly cookie changes). */
  async addOwnEvents(tabId: number, events: TabEvent[]): Promise<void> {
    await this.store.append(tabId, events);
    this.broadcast(tabId, { ...envelope(), kind: 'events', tabId, events });
  }

  private async fromBridge(tabId: number, message: BridgeToBackground): Promise<void> {
    if (message?.source !== SOURCE) return;
    if (message.kind === 'events' && typeof message.session === 'string' && Array.isArray(message.events)) {
      // The bridge checked these already; checking again costs little and
      // keeps a compromised content script from feeding the panel garbage.
      const events: TabEvent[] = [];
      let malformed = 0;
      for (const event of message.events) {
        if (isPageEvent(event)) events.push({ ...event, session: message.session });
        else malformed++;
      }
      if (malformed > 0) await this.store.addStats(tabId, { malformed });
      await this.addOwnEvents(tabId, events);
    } else if (message.kind === 'rejects') {
      await this.store.addStats(tabId, message.counts);
      await this.sendStats(tabId);
    }
  }

  private async sendStats(tabId: number): Promise<void> {
    const record = await this.store.get(tabId);
    this.broadcast(tabId, { ...envelope(), kind: 'stats', tabId, stats: record.stats });
  }

  private broadcast(tabId: number, message: BackgroundToPanel): void {
    for (const port of this.panels.get(tabId) ?? []) {
      try {
        port.postMessage(message);
      } catch {
        this.panels.get(tabId)?.delete(port);
      }
    }
  }

  private panelsOf(tabId: number): Set<PanelPort> {
    let set = this.panels.get(tabId);
    if (!set) this.panels.set(tabId, (set = new Set()));
    return set;
  }
}
