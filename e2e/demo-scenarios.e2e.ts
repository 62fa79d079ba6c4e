import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appLog, browserRequests, runScenario, SCENARIOS, startDemo } from './support/demo';
import { launchWithExtension, openPanelFor, type Lab } from './support/extension';

const SCREENSHOTS = resolve(import.meta.dirname, '../test-results/screenshots');

let lab: Lab;
let demo: Awaited<ReturnType<typeof startDemo>>;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  demo = await startDemo();
  lab = await launchWithExtension();
});

afterAll(async () => {
  await lab?.close();
  await demo?.close();
});

describe('every request of every demo scenario reaches the panel, in order, none missing', () => {
  for (const scenario of SCENARIOS) {
    it(scenario, async () => {
      const page = await lab.context.newPage();
      await runScenario(page, demo.url, scenario);
      const sent = await browserRequests(page);
      const log = await appLog(page);
      // Requests stranded in a queue never reach the network: the app logs
      // only what it sent, so both lists must agree on what went out.
      expect(sent.map((u) => new URL(u).pathname + new URL(u).search)).toEqual(log.map((l) => l.url));

      const panel = await openPanelFor(lab, page);
      await panel.screenshot({ path: `${SCREENSHOTS}/timeline-${scenario}.png` });
      await panel.getByTestId('view-list').click();
      // Requests the app queued but never sent have no transport: compare what went out.
      const rows = panel.locator('[data-testid=request-row]:not([data-transport=""])');
      await expect.poll(() => rows.count()).toBe(sent.length);
      const shown = await rows.evaluateAll((els) => els.map((el) => ({ url: el.getAttribute('data-url'), method: el.getAttribute('data-method') })));
      expect(shown.map((r) => r.url)).toEqual(sent);
      expect(shown.map((r) => r.method)).toEqual(log.map((l) => l.method));
      // Every request that went out has its status in the panel, as the app saw it.
      const statuses = await page.$$eval('[data-testid=request-log] li', (items) => items.map((li) => li.getAttribute('data-status') ?? ''));
      await expect.poll(() => rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-status')))).toEqual(statuses);
      await panel.screenshot({ path: `${SCREENSHOTS}/list-${scenario}.png` });
      await panel.close();
      await page.close();
    });
  }
});
