import { envelope, type BackgroundToBridge, type BridgeToBackground, type TabEvent } from '../protocol';
import { TokenBucket } from '../bridge/token-bucket';
import { toBatch } from './bridge-batch';
import { PanelHub, type PanelPort } from './panel-hub';
import type { TypedPort } from './ports';
import { bridgeSender } from './senders';
import type { TabStore } from './tab-store';

export type BridgePort = TypedPort<BridgeToBackground, BackgroundToBridge>;
export type { PanelPort } from './panel-hub';

interface BridgeState {
  port: BridgePort;
  tabId: number;
  frameId: number;
  link?: string;
  acked: number;
  /** Its hello named another extension instance: a content script of the extension as it was before a reload. */
  stale: boolean;
  /** The last batch saved, acknowledged or not, and the timer that will acknowledge it. */
  saved: number;
  ackTimer?: ReturnType<typeof setTimeout>;
}

/**
 * A bridge is told its batches are saved every ACK_EVERY batches, or once
 * none has come for ACK_QUIET_MS. Each acknowledgement is a message the
 * page's own thread receives: one per batch cost a page about 0.15 ms a
 * batch (bench/split-cpu.ts, a build that never acknowledged), a sixth of
 * what the extension costs it on the bench's loop. The bridge keeps what is
 * not yet acknowledged (at most ACK_EVERY batches of at most a quarter of
 * LIMITS.batchBytes, well inside its outbox) and sends it again after a
 * reconnect; a batch already saved is then acknowledged at once. Holding
 * batches is what made a bridge of a reloaded extension reconnect to the
 * new one; the instance check (BackgroundLink, `stale` here) turns it away.
 */
const ACK_EVERY = 8;
const ACK_QUIET_MS = 2000;

function stopAckTimer(bridge: BridgeState): void {
  if (bridge.ackTimer !== undefined) clearTimeout(bridge.ackTimer);
  bridge.ackTimer = undefined;
}

export interface RouterOptions {
  /** chrome-extension://<id>: only our own pages may open a panel port. */
  extensionOrigin: string;
  /** Per tab, across its frames: a page flooding us must not starve the worker. */
  eventsPerSecond: number;
  burstEvents: number;
  /** This loaded copy of the extension (BackgroundWelcome.instance). */
  instance: Promise<string>;
}

/**
 * Routes page events to the panels that watch the tab they came from. The tab
 * is always the sender's, as Chrome reports it: a page cannot choose whose
 * stream it writes to. A batch is acknowledged to its bridge only once it is
 * saved, and published to the panels at the same moment. A tab's bridges
 * are told whether any panel watches it (in the welcome, then at each
 * change), so that its pages send live only while someone looks.
 */
export class Router {
  readonly panels: PanelHub;
  private bridges = new Set<BridgeState>();
  private limits = new Map<number, TokenBucket>();

  constructor(private readonly store: TabStore, private readonly options: RouterOptions) {
    this.panels = new PanelHub(store, options.extensionOrigin, options.instance);
    this.panels.onWatch = (tabId, watched) => {
      for (const bridge of this.bridges) if (bridge.tabId === tabId && !bridge.stale) this.post(bridge, { ...envelope(), kind: 'watch', watched });
    };
    store.onDurable = (tabId, log, before, now) => {
      for (const bridge of this.bridges) {
        const ackable = bridge.link === undefined ? 0 : now.links[bridge.link] ?? 0;
        if (bridge.tabId === tabId && ackable > bridge.acked) this.ackSoon(bridge, ackable);
      }
      this.panels.publish(tabId, log, before, now);
    };
  }

  get instance(): Promise<string> {
    return this.options.instance;
  }

  addBridge(port: BridgePort): void {
    const from = bridgeSender(port.sender, this.options.extensionOrigin);
    if (!from) {
      port.disconnect();
      return;
    }
    const bridge: BridgeState = { port, ...from, acked: 0, saved: 0, stale: false };
    this.bridges.add(bridge);
    void Promise.all([this.store.get(from.tabId), this.options.instance]).then(([log, instance]) =>
      this.post(bridge, { ...envelope(), kind: 'welcome', salt: log.meta.salt, instance, watched: this.panels.isWatched(from.tabId) }),
    );
    port.onMessage.addListener((message) => void this.fromBridge(bridge, message));
    port.onDisconnect.addListener(() => this.forget(bridge));
  }

  addPanel(port: PanelPort): void {
    this.panels.add(port);
  }

  hasBridge(tabId: number): boolean {
    for (const bridge of this.bridges) if (bridge.tabId === tabId && !bridge.stale) return true;
    return false;
  }

  async tabRemoved(tabId: number): Promise<void> {
    this.limits.delete(tabId);
    this.panels.tabRemoved(tabId);
    await this.store.remove(tabId);
  }

  /** Events the background itself observes for a tab (HttpOnly cookie changes); published once saved. */
  async addOwnEvents(tabId: number, events: TabEvent[]): Promise<void> {
    const log = await this.store.get(tabId);
    log.append(events);
    this.store.changed(tabId);
  }

  private async fromBridge(bridge: BridgeState, message: BridgeToBackground): Promise<void> {
    // Every message waits here alike, so they are still handled in the order they came.
    const instance = await this.options.instance;
    if (message?.kind === 'hello') {
      // The welcome (sent however the hello reads) tells such a bridge to retire.
      if (typeof message.instance === 'string' && message.instance !== instance) bridge.stale = true;
      return;
    }
    if (bridge.stale) return;
    const batch = toBatch(message, bridge.frameId);
    if (!batch) return;
    const log = await this.store.get(bridge.tabId);
    if (batch.link !== undefined) bridge.link = batch.link;
    if (batch.events.length > 0 && !this.limit(bridge.tabId).take(batch.events.length)) {
      const { events } = batch;
      batch.losses = [...(batch.losses ?? []), { session: batch.session, from: events[0].seq, to: events[events.length - 1].seq, count: events.length, reason: 'rate' }];
      batch.events = [];
    }
    const outcome = log.apply(batch);
    if (outcome === 'applied') {
      this.store.changed(bridge.tabId);
      return;
    }
    if (outcome === 'gap') {
      // Never expected on an ordered port; closing it makes the bridge
      // reconnect and send everything it holds again, in order.
      this.forget(bridge);
      bridge.port.disconnect();
      return;
    }
    // Sent again after a reconnect: acknowledge at once if that batch is already saved.
    const durable = await this.store.durable(bridge.tabId);
    const saved = durable.links[batch.link!] ?? 0;
    if (saved >= batch.batch! && saved > bridge.acked) this.ack(bridge, saved);
  }

  /** `batch` is saved: acknowledged now if ACK_EVERY are waiting, else once the bridge has been quiet for ACK_QUIET_MS. */
  private ackSoon(bridge: BridgeState, batch: number): void {
    bridge.saved = batch;
    if (batch - bridge.acked >= ACK_EVERY) return this.ack(bridge, batch);
    stopAckTimer(bridge);
    bridge.ackTimer = setTimeout(() => {
      bridge.ackTimer = undefined;
      if (bridge.saved > bridge.acked) this.ack(bridge, bridge.saved);
    }, ACK_QUIET_MS);
  }

  private ack(bridge: BridgeState, batch: number): void {
    stopAckTimer(bridge);
    bridge.acked = batch;
    this.post(bridge, { ...envelope(), kind: 'ack', batch });
  }

  private forget(bridge: BridgeState): void {
    stopAckTimer(bridge);
    this.bridges.delete(bridge);
  }

  private post(bridge: BridgeState, message: BackgroundToBridge): void {
    try {
      bridge.port.postMessage(message);
    } catch {
      this.forget(bridge);
    }
  }

  private limit(tabId: number): TokenBucket {
    let bucket = this.limits.get(tabId);
    if (!bucket) this.limits.set(tabId, (bucket = new TokenBucket(this.options.eventsPerSecond, this.options.burstEvents)));
    return bucket;
  }
}
