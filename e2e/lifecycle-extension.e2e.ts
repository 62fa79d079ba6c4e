/**
 * The extension itself comes and goes while pages stay open: reloaded (the
 * old content scripts are orphaned and must stay silent), or installed after
 * the tab was opened. Opening the panel then injects our scripts, and the
 * page is recorded from that moment.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { SCREENSHOTS } from './support/demo-lab';
import { openRealDevToolsPanel } from './support/devtools';
import { extensionPage, launchLab, openPanel, reloadExtension, tabIdByUrl, type FlexLab } from './support/lab';
import { probeSessions, readProbe, startProbe } from './support/probe';
import { html, startStaticServer } from './support/static-server';
import { WorkerStopper } from './support/worker-control';

const STREAM = readFileSync(resolve(import.meta.dirname, 'fixtures/stream.html'), 'utf8');

let server: Awaited<ReturnType<typeof startStaticServer>>;
let lab: FlexLab | undefined;

beforeAll(async () => {
  server = await startStaticServer({ '/stream.html': html(STREAM) });
});
afterEach(async () => {
  await lab?.close();
  lab = undefined;
});
afterAll(async () => {
  await server?.close();
});

/** Everything the page could see go wrong: uncaught errors and rejections, in any world that reports to it. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().includes('Failed to load resource')) errors.push(`console: ${m.text()}`);
  });
  return errors;
}

const sessionsOf = async (panel: Page) => Object.values(await probeSessions(panel));

describe('the extension reloaded, or installed, while a page is open', () => {
  it('a reload leaves the page working and silent, and the panel records it again when opened', async () => {
    lab = await launchLab();
    const page = await lab.context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}/stream.html?reload`);
    const ext = await extensionPage(lab);
    const tabId = await tabIdByUrl(ext, page.url());
    await page.evaluate('fetchBurst(2)');

    await reloadExtension(lab);

    // The page, with our orphaned scripts still in it, keeps working.
    await page.evaluate('fetchBurst(3); writeBurst(5)');
    await page.waitForFunction('window.fetchesSettled === 5');
    expect(await page.evaluate('window.pageErrors')).toEqual([]);
    expect(errors).toEqual([]);

    // The panel of the new extension injects the scripts and records from then on.
    const panel = await openPanel(lab, tabId);
    await startProbe(panel, tabId);
    await expect.poll(async () => (await sessionsOf(panel)).length, { timeout: 10_000 }).toBe(1);
    await page.evaluate('fetchBurst(4)');
    await expect.poll(async () => (await sessionsOf(panel))[0]?.length).toBe(1 + 8);
    const [seqs] = await sessionsOf(panel);
    expect(seqs).toEqual([...Array(9).keys()]);
    expect((await readProbe(panel)).duplicates).toBe(0);
    expect(await page.evaluate('window.pageErrors')).toEqual([]);
    expect(errors).toEqual([]);
  });

  for (const workerStopped of [false, true]) {
    it(`a page idle through the reload is recorded by the new copy once the panel opens${workerStopped ? ' (the worker had stopped before)' : ''}`, async () => {
      // Nothing is sent after the reload, so no failed post tells the old
      // bridge that its extension is gone (and with the worker stopped, its
      // port had closed before: the reload drops nothing). It must find out,
      // or the old page script, still live, keeps the new one out.
      lab = await launchLab();
      const page = await lab.context.newPage();
      const errors = watchErrors(page);
      await page.goto(`${server.url}/stream.html?idle-reload-${workerStopped}`);
      const ext = await extensionPage(lab);
      const tabId = await tabIdByUrl(ext, page.url());
      await page.evaluate('fetchBurst(1)');
      await page.waitForFunction('window.fetchesSettled === 1');
      if (workerStopped) {
        await ext.close();
        const stopper = new WorkerStopper(lab.context, page);
        await stopper.stop();
        await stopper.dispose();
      }

      await reloadExtension(lab);
      const panel = await openPanel(lab, tabId);
      await startProbe(panel, tabId);
      await expect.poll(async () => (await sessionsOf(panel)).length, { timeout: 10_000 }).toBe(1);
      await page.evaluate('fetchBurst(2)');
      await expect.poll(async () => (await sessionsOf(panel))[0]?.length).toBe(1 + 4);
      expect(await page.evaluate('window.pageErrors')).toEqual([]);
      expect(errors).toEqual([]);
    });
  }

  it('a DevTools panel open through the reload says it no longer records, and keeps what it shows', async () => {
    lab = await launchLab({ args: ['--remote-debugging-port=0'] });
    const page = await lab.context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}/stream.html?devtools-reload`);
    const { frame, devtools, browser } = await openRealDevToolsPanel(lab, page);
    try {
      await frame.getByTestId('panel').waitFor();
      await page.evaluate('fetchBurst(2)');
      await frame.getByTestId('view-list').click();
      const rows = frame.getByTestId('request-row');
      await expect.poll(() => rows.count()).toBe(2);
      await expect.poll(() => frame.getByTestId('record').count()).toBe(1);

      await reloadExtension(lab);
      const notice = frame.getByRole('alert').filter({ hasText: 'no longer records' });
      await expect.poll(() => notice.count(), { timeout: 10_000 }).toBe(1);
      expect(await notice.textContent()).toContain('reopen DevTools');
      // Nothing suggests it still records; what it recorded stays, and can be exported.
      expect(await frame.getByTestId('record').count()).toBe(0);
      expect(await rows.count()).toBe(2);
      // The file the export saves, caught at the click that would save it
      // (a DevTools window's downloads do not reach Playwright).
      await frame.evaluate(() => {
        const saved: Array<{ name: string; text: string }> = ((window as unknown as { saved: unknown }).saved = []) as never;
        HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
          const name = this.download;
          void fetch(this.href).then((r) => r.text()).then((text) => saved.push({ name, text }));
        };
      });
      await frame.getByTestId('export-button').click();
      await frame.getByTestId('export-native').click();
      await expect.poll(() => frame.evaluate('window.saved.length')).toBe(1);
      const saved = (await frame.evaluate('window.saved[0]')) as { name: string; text: string };
      expect(saved.name).toMatch(/\.json$/);
      expect(saved.text).toContain('text/plain,0');
      expect(errors).toEqual([]);
      await devtools.setViewportSize({ width: 1280, height: 480 }).catch(() => undefined);
      await devtools.screenshot({ path: `${SCREENSHOTS}/devtools-extension-reloaded.png` });
    } finally {
      await browser.close();
    }
  });

  it('a tab opened before the extension was installed is recorded once its panel opens', async () => {
    lab = await launchLab({ withExtension: false });
    const page = await lab.context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}/stream.html?before-install`);
    await page.evaluate('fetchBurst(1)');
    await lab.loadExtension();
    const ext = await extensionPage(lab);
    const tabId = await tabIdByUrl(ext, page.url());
    const panel = await openPanel(lab, tabId);
    await startProbe(panel, tabId);
    await expect.poll(async () => (await sessionsOf(panel)).length, { timeout: 10_000 }).toBe(1);
    await page.evaluate('fetchBurst(2)');
    await expect.poll(async () => (await sessionsOf(panel))[0]?.length).toBe(5);
    await panel.getByTestId('view-list').click();
    await expect.poll(() => panel.getByTestId('request-row').count()).toBe(2);
    expect(errors).toEqual([]);
  });
});
