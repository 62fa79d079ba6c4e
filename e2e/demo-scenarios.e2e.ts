import { describe, expect, it } from 'vitest';
import { appLog, browserRequests, pathWithQuery, runScenario, SCENARIOS } from './support/demo';
import { useDemoLab, SCREENSHOTS } from './support/demo-lab';
import { openPanelFor } from './support/extension';

const env = useDemoLab();

describe('every request of every demo scenario reaches the panel, in order, none missing', () => {
  for (const scenario of SCENARIOS) {
    it(scenario, async () => {
      const page = await env.lab.context.newPage();
      await runScenario(page, env.demo.url, scenario);
      const log = await appLog(page);
      const sent = await browserRequests(page, log.map((l) => l.url));
      // Requests stranded in a queue never reach the network: the app logs
      // only what it sent, so both lists must agree on what went out.
      expect(sent.map(pathWithQuery)).toEqual(log.map((l) => l.url));

      const panel = await openPanelFor(env.lab, page);
      await panel.getByTestId('view-list').click();
      // Requests the app queued but never sent have no transport: compare what went out.
      const rows = panel.locator('[data-testid=request-row]:not([data-transport=""])');
      await expect.poll(() => rows.count()).toBe(sent.length);
      // Rows are in the order requests reached axios; the wire order is by send time.
      const readShown = async () =>
        (await rows.evaluateAll((els) =>
          els.map((el) => ({ url: el.getAttribute('data-url'), method: el.getAttribute('data-method'), status: el.getAttribute('data-status'), sent: Number(el.getAttribute('data-sent')) })),
        )).sort((a, b) => a.sent - b.sent);
      const shown = await readShown();
      // The same requests, none missing, none extra...
      expect(shown.map((r) => r.url).sort()).toEqual([...sent].sort());
      // ...and in the browser's order: each one sent no earlier than the one
      // before it (the page clock's 0.1 ms resolution can tie two sends).
      const sentAt = new Map<string, number[]>();
      for (const r of shown) sentAt.set(r.url!, [...(sentAt.get(r.url!) ?? []), r.sent]);
      const inBrowserOrder = sent.map((url) => sentAt.get(url)!.shift()!);
      for (let i = 1; i < inBrowserOrder.length; i++) expect(inBrowserOrder[i], sent[i]).toBeGreaterThanOrEqual(inBrowserOrder[i - 1]);
      // Each with the method and, once settled, the status the app saw.
      const appView = await page.$$eval('[data-testid=request-log] li', (items) =>
        items.map((li) => `${li.getAttribute('data-method')} ${li.getAttribute('data-url')} ${li.getAttribute('data-status') ?? ''}`),
      );
      await expect.poll(async () => (await readShown()).map((r) => `${r.method} ${pathWithQuery(r.url!)} ${r.status}`).sort()).toEqual(appView.sort());
      await panel.screenshot({ path: `${SCREENSHOTS}/list-${scenario}.png` });
      // The timeline once everything is in: taken as the panel opened, it showed an empty panel.
      await panel.getByTestId('view-timeline').click();
      await expect.poll(() => panel.getByTestId('timeline-lane').count()).toBeGreaterThan(0);
      await panel.screenshot({ path: `${SCREENSHOTS}/timeline-${scenario}.png` });
      await panel.close();
      await page.close();
    });
  }
});
