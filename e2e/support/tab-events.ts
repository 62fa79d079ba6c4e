import type { Page } from 'playwright-core';
import type { TabEvent } from '../../src/protocol';

/**
 * The events the extension holds for a tab, read through the same port and
 * messages the panel uses, from an extension page (the panel opened as a tab).
 */
export function tabEvents(extensionPage: Page, tabId: number): Promise<TabEvent[]> {
  return extensionPage.evaluate(
    (id) =>
      new Promise<TabEvent[]>((resolve, reject) => {
        const runtime = (globalThis as unknown as { chrome: { runtime: { connect(o: { name: string }): any } } }).chrome.runtime;
        const port = runtime.connect({ name: 'refresh-lens:panel' });
        const timer = setTimeout(() => reject(new Error('no history from the background')), 5000);
        port.onMessage.addListener((m: { kind: string; events: TabEvent[] }) => {
          if (m.kind !== 'history') return;
          clearTimeout(timer);
          port.disconnect();
          resolve(m.events);
        });
        port.postMessage({ source: 'refresh-lens', v: 1, kind: 'subscribe', tabId: id });
      }),
    tabId,
  );
}
