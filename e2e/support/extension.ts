import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { findChromium } from './chromium';

export const EXTENSION_DIR = resolve(import.meta.dirname, '../../extension');

export interface Lab {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  profileDir: string;
  close(): Promise<void>;
}

/** Launches Chromium with the built extension loaded, headless, on a fresh profile. */
export async function launchWithExtension(extraArgs: string[] = []): Promise<Lab> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`The extension is not built (${EXTENSION_DIR} has no manifest.json): run "npm run build" first.`);
  }
  const profileDir = mkdtempSync(join(tmpdir(), 'refresh-lens-e2e-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: findChromium(),
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...extraArgs,
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    worker,
    profileDir,
    async close() {
      await context.close();
      rmSync(profileDir, { recursive: true, force: true, maxRetries: 5 });
    },
  };
}

/** The current service worker (it may have been restarted since launch). */
export function currentWorker(lab: Lab): Worker {
  return lab.context.serviceWorkers().find((w) => w.url().includes(lab.extensionId)) ?? lab.worker;
}

/** Chrome's tab id for a page, asked of the extension's service worker. */
export async function tabIdOf(lab: Lab, page: Page): Promise<number> {
  const url = page.url();
  const tabs = await currentWorker(lab).evaluate(
    () => (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<Array<{ id?: number; url?: string }>> } } }).chrome.tabs.query({}),
  );
  const tab = tabs.find((t) => t.url === url);
  if (tab?.id === undefined) throw new Error(`no tab with url ${url} among ${tabs.map((t) => t.url).join(', ')}`);
  return tab.id;
}

/** Opens the panel as an ordinary tab, bound to the tab that shows `page`. */
export async function openPanelFor(lab: Lab, page: Page): Promise<Page> {
  const tabId = await tabIdOf(lab, page);
  const panel = await lab.context.newPage();
  await panel.goto(`chrome-extension://${lab.extensionId}/src/panel/panel.html?tabId=${tabId}`);
  return panel;
}
