/** One Chromium on the bench page, bare or with a build of the extension: the lanes compare-builds.ts and profile-renderer.ts run side by side. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { findChromium } from '../e2e/support/chromium';
import { BARE_ARGS } from '../e2e/support/differential';
import { extensionPage } from '../e2e/support/lab';
import { watchTabs } from './watch-tab';

export interface BenchLane {
  name: string;
  /** The build loaded, '' for the bare page. */
  dir: string;
  context: BrowserContext;
  /** The first of `tabs`. */
  page: Page;
  /** With Performance enabled, for page-cpu.ts's threadTime. */
  cdp: CDPSession;
  /**
   * The bench page in one tab or more, each in a renderer process of its
   * own: one process's figures carry a bias of their own (two lanes of the
   * same build differed by 4.6 µs a request over 81 rounds), so a lane that
   * takes its rounds in turn from several averages that bias out.
   */
  tabs: Array<{ page: Page; cdp: CDPSession }>;
  profile: string;
  /** CPU µs per request, one per round. */
  cpu: number[];
}

/**
 * Opens `pageUrl` (the bench page, runLoop defined) in a Chromium with the
 * build at `dir` ('' for none) and `extraArgs`. Its tabs are watched as a
 * panel would (watch-tab.ts) unless WATCHED=0: a page no panel watches
 * sends its batch seconds after the loop, outside the wait in which these
 * tools count it (axios-overhead.bench.ts counts both states).
 */
export async function openBenchLane(name: string, dir: string, pageUrl: string, extraArgs: string[] = [], tabCount = 1): Promise<BenchLane> {
  // On disk for every lane alike (an in-memory profile answers HTTP faster).
  const profile = mkdtempSync(join(tmpdir(), 'refresh-lens-lane-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    headless: true,
    ignoreDefaultArgs: dir ? ['--disable-extensions'] : [],
    args: [...(dir ? [`--disable-extensions-except=${dir}`, `--load-extension=${dir}`] : []), ...BARE_ARGS, ...extraArgs],
  });
  if (dir && context.serviceWorkers().length === 0) await context.waitForEvent('serviceworker');
  const tabs: BenchLane['tabs'] = [];
  for (let i = 0; i < tabCount; i++) {
    const page = await context.newPage();
    await page.goto(pageUrl);
    await page.waitForFunction('typeof runLoop === "function"');
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    tabs.push({ page, cdp });
  }
  if (dir && process.env.WATCHED !== '0') {
    const watcher = await extensionPage({ context, extensionId: new URL(context.serviceWorkers()[0].url()).host });
    if ((await watchTabs(watcher, new URL(pageUrl).pathname)) !== tabCount) throw new Error(`${name}: the bench tabs to watch were not found`);
  }
  return { name, dir, context, page: tabs[0].page, cdp: tabs[0].cdp, tabs, profile, cpu: [] };
}

export async function closeBenchLane(lane: BenchLane): Promise<void> {
  await lane.context.close().catch(() => undefined);
  rmSync(lane.profile, { recursive: true, force: true, maxRetries: 5 });
}
