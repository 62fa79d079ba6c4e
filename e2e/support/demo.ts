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

/** A URL's path and query, as the demo app logs its requests. */
export const pathWithQuery = (url: string): string => new URL(url).pathname + new URL(url).search;

/**
 * What the browser itself saw the page send, in start order: Resource Timing
 * entries for fetch and XHR. It is independent of our instrumentation. Their
 * start times come in steps of the page clock (0.1 ms) and the entries are
 * listed as the requests finish, so two requests started within one step
 * have no order there: `tieOrder` (paths with their query, as the app logs
 * them, in the order it sent them) orders those.
 */
export async function browserRequests(page: Page, tieOrder: string[] = []): Promise<string[]> {
  const entries = await page.evaluate(() =>
    (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((e) => e.initiatorType === 'fetch' || e.initiatorType === 'xmlhttprequest')
      .map((e) => ({ url: e.name, start: e.startTime })),
  );
  const places = new Map<string, number[]>();
  tieOrder.forEach((path, i) => places.set(path, [...(places.get(path) ?? []), i]));
  // A path sent twice takes its places in turn, the first to finish the first place.
  const ranked = entries.map((e) => ({ ...e, place: places.get(pathWithQuery(e.url))?.shift() ?? Infinity }));
  return ranked.sort((a, b) => a.start - b.start || a.place - b.place).map((e) => e.url);
}

/** The app's own log of the requests it sent: method and path, in send order. */
export function appLog(page: Page): Promise<Array<{ method: string; url: string }>> {
  return page.$$eval('[data-testid=request-log] li', (items) =>
    items.map((li) => ({ method: li.getAttribute('data-method') ?? '', url: li.getAttribute('data-url') ?? '' })),
  );
}
