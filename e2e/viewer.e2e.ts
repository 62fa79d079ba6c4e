/**
 * The standalone viewer, served as static files with no extension: it opens
 * a trace from the file picker and from a drop, draws the same timeline,
 * list and diagnostics as the panel, and renders nothing of a file as HTML.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { toNativeTrace } from '../src/trace-file/native';
import { CANARIES, canaryHar } from '../src/trace-file/testing/canary-har';
import { TraceBuilder } from '../src/trace/testing/builder';
import { correctReactive, stampede } from '../src/trace/testing/scenarios';
import { findChromium } from './support/chromium';
import { startStaticServer, type Handler } from './support/static-server';

const VIEWER = resolve(import.meta.dirname, '../viewer');
const SCREENSHOTS = resolve(import.meta.dirname, '../test-results/screenshots');
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
let site: Awaited<ReturnType<typeof startStaticServer>>;
let browser: Browser;
let page: Page;
const errors: string[] = [];

const serve = (file: string): Handler => (_req, res) => res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));

beforeAll(async () => {
  if (!existsSync(join(VIEWER, 'index.html'))) throw new Error(`The viewer is not built (${VIEWER}): run "npx vite build --config viewer.vite.config.ts".`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  // The browser asks for a favicon the viewer does not have: answer it, so every console error is a real one.
  const routes: Record<string, Handler> = { '/viewer/': serve(join(VIEWER, 'index.html')), '/favicon.ico': (_req, res) => res.writeHead(204).end() };
  for (const f of readdirSync(join(VIEWER, 'assets'))) routes[`/viewer/assets/${f}`] = serve(join(VIEWER, 'assets', f));
  site = await startStaticServer(routes);
  browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
  await page.goto(`${site.url}/viewer/`);
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

function nativeText(): string {
  const b = new TraceBuilder();
  b.page(-5);
  correctReactive(b);
  stampede(b, 2000);
  return JSON.stringify(toNativeTrace(b.events(), { creator: 'e2e' }));
}

/** Drops a file on the page the way the browser does: dragenter, dragover, drop, with a DataTransfer. */
async function drop(name: string, text: string): Promise<void> {
  await page.evaluate(
    async ({ name, text }) => {
      const data = new DataTransfer();
      data.items.add(new File([text], name, { type: 'application/json' }));
      const fire = (type: string) => document.body.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
      fire('dragenter');
      fire('dragover');
      await new Promise((r) => requestAnimationFrame(r));
      if (!document.querySelector('[data-testid=drop-overlay]')) throw new Error('no drop overlay while dragging');
      fire('drop');
    },
    { name, text },
  );
}

it('starts with how to open a file, and nothing to record', async () => {
  await page.getByTestId('viewer-empty').waitFor();
  expect(await page.getByTestId('record').count()).toBe(0);
  expect(await page.getByTestId('export-button').isDisabled()).toBe(true);
  await page.screenshot({ path: `${SCREENSHOTS}/viewer-empty.png` });
});

it('opens a native trace from the file picker: timeline, episodes, diagnostics, list', async () => {
  await page.getByTestId('import-file').setInputFiles({ name: 'two-episodes.json', mimeType: 'application/json', buffer: Buffer.from(nativeText()) });
  await expect.poll(() => page.getByTestId('import-info').textContent()).toContain('Opened “two-episodes.json”: 16 requests, 2 episodes.');
  expect(await page.getByTestId('import-info').textContent()).not.toContain('Recording is paused');
  await expect.poll(() => page.getByTestId('episode').count()).toBe(2);
  expect(await page.locator('.timeline canvas').count()).toBeGreaterThan(0);
  expect(Number(await page.getByTestId('diagnostics-badge').getAttribute('data-errors'))).toBeGreaterThan(0);
  await page.screenshot({ path: `${SCREENSHOTS}/viewer-timeline.png` });
  await page.getByTestId('view-list').click();
  await expect.poll(() => page.getByTestId('request-row').count()).toBe(16);
  await page.getByTestId('view-timeline').click();
});

it('opens a HAR dropped on the page, in place of the trace, and exports it redacted', async () => {
  await drop('canary.har', JSON.stringify(canaryHar()));
  await expect.poll(() => page.getByTestId('import-info').textContent()).toContain('Opened “canary.har”: 3 requests, 1 episode.');
  expect(await page.getByTestId('drop-overlay').count()).toBe(0);
  await page.getByTestId('export-button').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-har').click()]);
  const text = readFileSync(await download.path(), 'utf8');
  expect(Object.values(CANARIES).filter((c) => text.includes(c))).toEqual([]);
});

it('renders hostile strings as text and reaches no extension API', async () => {
  const hostile = '<img src=x onerror="document.title=\'pwned\'">';
  const har = canaryHar() as { log: { entries: Array<{ request: { url: string; headers: Array<{ name: string; value: string }> } }> } };
  for (const e of har.log.entries) {
    e.request.url = `${e.request.url}&note=${hostile}`;
    e.request.headers.push({ name: 'x-note', value: hostile });
  }
  await page.getByTestId('import-file').setInputFiles({ name: `${hostile}.har`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(har)) });
  await expect.poll(() => page.getByTestId('import-info').textContent()).toContain(hostile);
  await page.getByTestId('view-list').click();
  await page.getByTestId('request-row').first().click();
  await expect.poll(() => page.locator('.details').textContent()).toContain(hostile);
  expect(await page.locator('img').count()).toBe(0);
  expect(await page.title()).toBe('Refresh Lens viewer');
  expect(errors, errors.join('\n')).toEqual([]);
});
