import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { startDemoServer } from '../../demo/server/server';

export const DEMO_DIST = resolve(import.meta.dirname, '../../demo/dist');
export const SCENARIOS = ['reactive', 'proactive', 'stampede', 'out-of-order', 'refresh-fails', 'loop', 'first-only'] as const;
export type Scenario = (typeof SCENARIOS)[number];

export async function startDemo() {
  if (!existsSync(join(DEMO_DIST, 'index.html'))) throw new Error(`The demo app is not built (${DEMO_DIST}): run "npm run build" first.`);
  return startDemoServer({ port: 0, distDir: DEMO_DIST, quiet: true });
}

/** Opens a scenario with run=1 and waits until the app says it is done. */
export async function runScenario(page: Page, baseUrl: string, scenario: Scenario): Promise<void> {
  await page.goto(`${baseUrl}/?scenario=${scenario}&run=1`);
  await page.locator('[data-testid=status][data-state=done]').waitFor({ timeout: 20_000 });
}

/**
 * What the browser itself saw the page send, in start order: Resource Timing
 * entries for fetch and XHR. It is independent of our instrumentation.
 */
export function browserRequests(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((e) => e.initiatorType === 'fetch' || e.initiatorType === 'xmlhttprequest')
      .sort((a, b) => a.startTime - b.startTime)
      .map((e) => e.name),
  );
}

/** The app's own log of the requests it sent: method and path, in send order. */
export function appLog(page: Page): Promise<Array<{ method: string; url: string }>> {
  return page.$$eval('[data-testid=request-log] li', (items) =>
    items.map((li) => ({ method: li.getAttribute('data-method') ?? '', url: li.getAttribute('data-url') ?? '' })),
  );
}
