/**
 * What a panel does to a tab, for the benches: a port subscribed to it from
 * an extension page, again after every disconnect (the worker restarted).
 * A watched tab's page script sends its batches every 50 ms, so each falls
 * within the wait after the loop that made it (src/inject/batcher.ts).
 */
import type { Page } from 'playwright-core';

const WATCH_SOURCE = `(tab) => {
  const watch = () => {
    const port = chrome.runtime.connect({ name: 'refresh-lens:panel' });
    port.onMessage.addListener((m) => {
      if (m.kind === 'events' || m.kind === 'history') globalThis.__watched = (globalThis.__watched || 0) + m.events.length;
    });
    port.onDisconnect.addListener(watch);
    port.postMessage({ source: 'refresh-lens', v: 1, kind: 'subscribe', tabId: tab });
  };
  watch();
}`;

/** Subscribes, from `extPage` (an extension page), to each tab whose URL contains `urlPart`; returns how many. */
export async function watchTabs(extPage: Page, urlPart: string): Promise<number> {
  const ids = (await extPage.evaluate(`chrome.tabs.query({}).then((tabs) => tabs.filter((t) => t.url && t.url.includes(${JSON.stringify(urlPart)})).map((t) => t.id))`)) as number[];
  for (const id of ids) await extPage.evaluate(`(${WATCH_SOURCE})(${JSON.stringify(id)})`);
  return ids.length;
}

/** Events the subscriptions of `extPage` have been sent so far. */
export async function watchedEvents(extPage: Page): Promise<number> {
  return (await extPage.evaluate('globalThis.__watched || 0')) as number;
}
