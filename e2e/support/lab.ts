import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { findChromium } from './chromium';
import { EXTENSION_DIR } from './extension';

export interface LabOptions {
  /** Load the extension at launch (default), or later with loadExtension(). */
  withExtension?: boolean;
  /** Playwright turns the back/forward cache off; these tests need it on. */
  bfcache?: boolean;
  args?: string[];
}

export interface FlexLab {
  context: BrowserContext;
  extensionId: string;
  profileDir: string;
  /** Loads the built extension now, as if installed while pages are open. */
  loadExtension(): Promise<string>;
  close(): Promise<void>;
}

/**
 * Chromium with the built extension, like launchWithExtension, with the
 * options the lifecycle tests need. The extension id comes from the service
 * worker, or from CDP when the extension is loaded later.
 */
export async function launchLab(options: LabOptions = {}): Promise<FlexLab> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) throw new Error(`The extension is not built (${EXTENSION_DIR}): run "npm run build" first.`);
  const withExtension = options.withExtension ?? true;
  const profileDir = mkdtempSync(join(tmpdir(), 'refresh-lens-lab-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: findChromium(),
    headless: true,
    // Playwright disables extensions (and the back/forward cache) by default.
    ignoreDefaultArgs: [...(options.bfcache ? ['--disable-back-forward-cache'] : []), ...(withExtension ? [] : ['--disable-extensions'])],
    args: [
      ...(withExtension ? [`--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`] : ['--enable-unsafe-extension-debugging']),
      '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
      ...(options.args ?? []),
    ],
  });
  let extensionId = '';
  if (withExtension) {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    extensionId = new URL(worker.url()).host;
  }
  const lab: FlexLab = {
    context,
    profileDir,
    get extensionId() {
      return extensionId;
    },
    async loadExtension() {
      const session = await context.browser()!.newBrowserCDPSession();
      const { id } = (await session.send('Extensions.loadUnpacked' as never, { path: EXTENSION_DIR } as never)) as { id: string };
      await session.detach();
      extensionId = id;
      return id;
    },
    async close() {
      await context.close();
      rmSync(profileDir, { recursive: true, force: true, maxRetries: 5 });
    },
  };
  return lab;
}

/**
 * Reloads the extension as chrome://extensions would. Developer mode must be
 * on for an unpacked extension to come back after chrome.runtime.reload();
 * resolves once the new instance answers.
 */
export async function reloadExtension(lab: FlexLab): Promise<void> {
  const manager = await lab.context.newPage();
  await manager.goto('chrome://extensions/');
  await manager.evaluate('new Promise((done) => chrome.developerPrivate.updateProfileConfiguration({ inDeveloperMode: true }, done))');
  await manager.evaluate(`new Promise((done) => chrome.developerPrivate.reload(${JSON.stringify(lab.extensionId)}, { failQuietly: true }, done))`);
  await manager.close();
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; ) {
    const probe = await lab.context.newPage();
    const alive = await probe
      .goto(`chrome-extension://${lab.extensionId}/src/panel/panel.html`)
      .then(() => probe.evaluate('typeof chrome.runtime.id === "string"'))
      .catch(() => false);
    await probe.close();
    if (alive) return;
  }
  throw new Error('the extension did not come back after a reload');
}

/** An extension page to run extension API calls in (the panel page, not bound to a tab). */
export async function extensionPage(lab: { context: BrowserContext; extensionId: string }): Promise<Page> {
  const page = await lab.context.newPage();
  await page.goto(`chrome-extension://${lab.extensionId}/src/panel/panel.html`);
  return page;
}

/** Chrome's tab id of the tab showing `url`, asked from an extension page. */
export async function tabIdByUrl(extPage: Page, url: string): Promise<number> {
  const id = (await extPage.evaluate(`chrome.tabs.query({}).then((tabs) => tabs.find((t) => t.url === ${JSON.stringify(url)})?.id)`)) as number | undefined;
  if (id === undefined) throw new Error(`no tab with url ${url}`);
  return id;
}

/** The panel page as a tab, bound to tab `tabId`. */
export async function openPanel(lab: { context: BrowserContext; extensionId: string }, tabId: number): Promise<Page> {
  const panel = await lab.context.newPage();
  await panel.goto(`chrome-extension://${lab.extensionId}/src/panel/panel.html?tabId=${tabId}`);
  return panel;
}
