/**
 * A hostile page: it forges our messages, tries to reach the extension, sends
 * HTML and script where it controls strings, and floods us with events. It
 * must get nowhere: counted, rendered as text, rate limited, and unable to
 * slow down the recording of another tab.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extensionPage, launchLab, openPanel, tabIdByUrl, type FlexLab } from './support/lab';
import { probeSessions, readProbe, startProbe } from './support/probe';
import { html, json, startStaticServer } from './support/static-server';

const fixture = (name: string) => readFileSync(resolve(import.meta.dirname, 'fixtures', name), 'utf8');

let lab: FlexLab;
let server: Awaited<ReturnType<typeof startStaticServer>>;
let ext: Page;

beforeAll(async () => {
  server = await startStaticServer({
    '/hostile.html': html(fixture('hostile.html')),
    '/stream.html': html(fixture('stream.html')),
    '/api/h': json(200, {}),
    '/api/m': json(200, {}),
  });
  lab = await launchLab();
  ext = await extensionPage(lab);
});

afterAll(async () => {
  await lab?.close();
  await server?.close();
});

describe('a hostile page', () => {
  it('cannot reach the extension, forge our channel or send commands; what it tries is counted', async () => {
    const page = await lab.context.newPage();
    await page.goto(`${server.url}/hostile.html`);
    await page.waitForFunction('window.done === true');
    expect(await page.evaluate('window.attempts')).toEqual({ runtime: 'none', connectAccepted: false });
    const tabId = await tabIdByUrl(ext, page.url());
    await startProbe(ext, tabId);
    // The forged connect is counted; its messages were never read, so they count for nothing.
    await expect.poll(async () => (await readProbe(ext)).stats?.forged).toBe(1);
    const report = await readProbe(ext);
    expect(report.stats).toMatchObject({ malformed: 0, version: 0, oversized: 0 });
    // Our own recording of the page is intact: page-start and three requests, started and ended.
    await expect.poll(async () => Object.values(await probeSessions(ext)).map((s) => s.length)).toEqual([7]);
    await page.close();
  });

  it('shows every string it controls as text, in the list and in the details', async () => {
    const page = await lab.context.newPage();
    await page.goto(`${server.url}/hostile.html?render`);
    await page.waitForFunction('window.done === true');
    const panel = await openPanel(lab, await tabIdByUrl(ext, page.url()));
    await panel.getByTestId('view-list').click();
    const rows = panel.getByTestId('request-row');
    await expect.poll(() => rows.count()).toBe(3);
    expect(await panel.getByText('<SVG ONLOAD="WINDOW.__PWNED=3">').count()).toBeGreaterThan(0);
    await rows.first().click();
    await expect.poll(() => panel.getByText('<img src=x onerror="window.__pwned=1">').count()).toBeGreaterThan(0);
    expect(await panel.evaluate('[window.__pwned, document.querySelectorAll("#root img, #root script, #root svg[onload]").length]')).toEqual([undefined, 0]);
    await panel.close();
    await page.close();
  });

  it('no component of the panel writes raw HTML', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : /\.(ts|tsx)$/.test(f) ? [join(dir, f)] : []));
    const offenders = files(resolve(import.meta.dirname, '../src')).filter((f) => /dangerouslySetInnerHTML|\.innerHTML\s*=|insertAdjacentHTML|outerHTML\s*=/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('flooding us is rate limited and counted to the event, and another tab is still recorded promptly', async () => {
    const flood = await lab.context.newPage();
    await flood.goto(`${server.url}/stream.html?flood`);
    const floodTab = await tabIdByUrl(ext, flood.url());
    // Another site, so another renderer process: only the extension is shared.
    const quiet = await lab.context.newPage();
    await quiet.goto(`${server.url.replace('127.0.0.1', 'localhost')}/stream.html?quiet`);
    const quietTab = await tabIdByUrl(ext, quiet.url());
    const floodProbe = await extensionPage(lab);
    await startProbe(floodProbe, floodTab);
    const quietProbe = await extensionPage(lab);
    await startProbe(quietProbe, quietTab);

    // As fast as the page can for 6 s, with 8 KB events (100 keys in turn, as
    // a batch writes a repeated key once): far above the byte rate allowed
    // (8 MiB/s after a 32 MiB burst), however busy the machine is.
    const flooding = flood.evaluate(`(async () => {
      const key = 'access_token_' + 'x'.repeat(8000);
      const end = performance.now() + 6000;
      while (performance.now() < end) { writeBurst(500, key, 100); await new Promise((r) => setTimeout(r, 0)); }
      return window.emitted;
    })()`);
    const ticks = quiet.evaluate(`(async () => { for (let i = 0; i < 40; i++) { fetchBurst(1); await new Promise((r) => setTimeout(r, 200)); } })()`);
    const emitted = (await flooding) as number;
    await ticks;

    await expect.poll(async () => {
      const r = await readProbe(floodProbe);
      return r.events + r.lost;
    }, { timeout: 30_000 }).toBe(emitted + 1);
    const rateLosses = (r: Awaited<ReturnType<typeof readProbe>>) => r.losses.filter((l) => l.reason === 'rate').reduce((n, l) => n + l.count, 0);
    // The counters come in their own message, just after the events.
    await expect.poll(async () => {
      const r = await readProbe(floodProbe);
      return r.stats?.rateLimited === rateLosses(r);
    }).toBe(true);
    const floodReport = await readProbe(floodProbe);
    expect(floodReport.stats?.rateLimited).toBeGreaterThan(0);
    expect(floodReport.duplicates).toBe(0);

    await expect.poll(async () => (await readProbe(quietProbe)).events).toBe(1 + 80);
    const quietReport = await readProbe(quietProbe);
    console.info(`flood: ${emitted} emitted, ${floodReport.events - 1} stored, ${floodReport.stats?.rateLimited} rate-limited; other tab p99 ${quietReport.latency.p99.toFixed(0)} ms, max ${quietReport.latency.max.toFixed(0)} ms`);
    // How promptly is a figure for the transport benchmark (bench/transport.bench.ts), not a
    // pass/fail bound here: CI machines are too noisy for timed assertions.
    expect(quietReport.latency.p99).toBeGreaterThan(0);
    await Promise.all([flood.close(), quiet.close(), floodProbe.close(), quietProbe.close()]);
  });
});
