/**
 * Gets the recorded tab's events out of the extension through its public
 * panel protocol (PORT_PANEL: `subscribe`, then `history` and live `events`),
 * from an extension page, exactly as the DevTools panel does. Reading the
 * service worker's memory instead would tie the CLI to its internals and lose
 * events when Chrome restarts the worker; the port protocol re-sends the
 * history on every subscribe and the events carry `session` + `seq`, so a
 * reconnect never loses or doubles anything.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { emptyStats, envelope, PORT_PANEL, type TabEvent, type TabStats } from '../../src/protocol';

/** What lives in the collector page, under one global name. */
interface PageState {
  events: TabEvent[];
  stats: TabStats | null;
  /** Subscribes again; resolves when the background has answered with the history. */
  resubscribe(): Promise<void>;
}
const GLOBAL = '__refreshLensCollector';

export interface Collected {
  events: TabEvent[];
  stats: TabStats;
}

export class Collector {
  private taken = 0;
  private readonly events: TabEvent[] = [];

  private constructor(private readonly page: Page, readonly tabId: number) {}

  /**
   * Opens an extension page, has it create the tab to record (so its tab id is
   * known for certain, whatever URL it later shows) and subscribes to that tab.
   */
  static async open(context: BrowserContext, extensionId: string): Promise<{ collector: Collector; target: Page }> {
    const page = context.pages()[0] ?? (await context.newPage());
    // Any extension page has chrome.runtime; the panel page without ?tabId does nothing on its own.
    await page.goto(`chrome-extension://${extensionId}/src/panel/panel.html`);
    const created = context.waitForEvent('page');
    const tabId = await page.evaluate(() => (globalThis as unknown as ChromeGlobal).chrome.tabs.create({ url: 'about:blank' }).then((t) => t.id));
    const target = await created;
    // Run from source (tsx, vitest), esbuild's keepNames wraps inner functions in
    // __name(), which exists only in the Node module: give the page a no-op one.
    await page.evaluate('globalThis.__name ??= (f) => f');
    await page.evaluate(startCollecting, { tabId, global: GLOBAL, portName: PORT_PANEL, hello: envelope() });
    return { collector: new Collector(page, tabId), target };
  }

  /** Events that arrived since the last call. */
  async poll(): Promise<TabEvent[]> {
    const fresh = await this.page.evaluate(
      ({ global, from }) => (globalThis as unknown as Record<string, PageState>)[global].events.slice(from),
      { global: GLOBAL, from: this.taken },
    );
    this.taken += fresh.length;
    this.events.push(...fresh);
    return fresh;
  }

  /** Subscribes once more and waits for the history, then returns everything. */
  async finish(): Promise<Collected> {
    await this.page.evaluate((global) => (globalThis as unknown as Record<string, PageState>)[global].resubscribe(), GLOBAL);
    await this.poll();
    const stats = await this.page.evaluate((global) => (globalThis as unknown as Record<string, PageState>)[global].stats, GLOBAL);
    return { events: this.events, stats: stats ?? emptyStats() };
  }
}

interface ChromePort {
  postMessage(message: unknown): void;
  onMessage: { addListener(listener: (message: { kind?: string; tabId?: number; events?: TabEvent[]; stats?: TabStats }) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}
interface ChromeGlobal {
  chrome: {
    runtime: { connect(info: { name: string }): ChromePort };
    tabs: { create(props: { url: string }): Promise<{ id: number }> };
  };
}

/** Runs in the extension page, serialized by Playwright: it may use nothing from this module's scope. */
function startCollecting(arg: { tabId: number; global: string; portName: string; hello: object }): void {
  const seen = new Set<string>();
  let waiting: Array<() => void> = [];
  let port: ChromePort | undefined;
  const subscribe = () => port?.postMessage({ ...arg.hello, kind: 'subscribe', tabId: arg.tabId });
  const state: PageState = {
    events: [],
    stats: null,
    resubscribe: () => new Promise<void>((resolve) => {
      waiting.push(resolve);
      subscribe();
    }),
  };
  (globalThis as unknown as Record<string, PageState>)[arg.global] = state;
  function connect(): void {
    const p = (globalThis as unknown as ChromeGlobal).chrome.runtime.connect({ name: arg.portName });
    port = p;
    p.onMessage.addListener((m) => {
      if (m.tabId !== arg.tabId) return;
      for (const e of m.events ?? []) {
        const key = `${e.session}\u0000${e.seq}`;
        if (seen.has(key)) continue;
        seen.add(key);
        state.events.push(e);
      }
      if (m.stats) state.stats = m.stats;
      if (m.kind === 'history') {
        for (const resolve of waiting) resolve();
        waiting = [];
      }
    });
    // The worker stopped: connect again; the history it sends back fills any gap.
    p.onDisconnect.addListener(() => {
      if (port === p) connect();
    });
    subscribe();
  }
  connect();
}
