/**
 * A HAR recorded by Chromium itself (Playwright's recordHar, on a context
 * without the extension) imports into the panel with the expected episode,
 * and the panel's exports of it hold none of the HAR's raw tokens unless
 * "include secrets" is chosen.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { analyzeEvents } from '../src/trace/model';
import { readTraceText } from '../src/trace-file/read-file';
import { findChromium } from './support/chromium';
import { runScenario, startDemo } from './support/demo';
import { launchWithExtension, openPanelFor, type Lab } from './support/extension';

const SCREENSHOTS = resolve(import.meta.dirname, '../test-results/screenshots');
let demo: Awaited<ReturnType<typeof startDemo>>;
let dir: string;
let harText: string;
let lab: Lab | undefined;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  demo = await startDemo();
  dir = mkdtempSync(join(tmpdir(), 'refresh-lens-har-'));
  const browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  const context = await browser.newContext({ recordHar: { path: join(dir, 'reactive.har') } });
  await runScenario(await context.newPage(), demo.url, 'reactive');
  await context.close(); // writes the HAR
  await browser.close();
  harText = readFileSync(join(dir, 'reactive.har'), 'utf8');
});

afterAll(async () => {
  await lab?.close();
  await demo?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The raw tokens in the HAR: Authorization headers and the auth endpoints' response bodies. */
function rawTokens(): string[] {
  const har = JSON.parse(harText) as { log: { entries: Array<{ request: { url: string; headers: Array<{ name: string; value: string }> }; response: { content: { text?: string } } }> } };
  const tokens = new Set<string>();
  for (const e of har.log.entries) {
    for (const h of e.request.headers) if (h.name.toLowerCase() === 'authorization') tokens.add(h.value.replace(/^Bearer /, ''));
    if (e.request.url.includes('/api/auth/') && e.response.content.text) {
      const body = JSON.parse(e.response.content.text) as Record<string, string>;
      [body.accessToken, body.refreshToken].filter(Boolean).forEach((t) => tokens.add(t));
    }
  }
  return [...tokens];
}

it('analyses the recorded HAR into the reactive episode: 5 expired, 1 refresh, 5 replays', () => {
  const read = readTraceText(harText);
  if (!read.ok) throw new Error(read.error);
  const result = analyzeEvents(read.value.events);
  expect(result.episodes.map((e) => [e.expired.length, e.refreshes.length, e.replays.length, e.outcome])).toEqual([[5, 1, 5, 'recovered']]);
  expect(rawTokens().length).toBeGreaterThanOrEqual(3);
});

async function exportAs(panel: Page, format: string, secrets = false): Promise<string> {
  await panel.getByTestId('export-button').click();
  if (secrets) {
    await panel.getByTestId('export-include-secrets').check();
    await panel.getByTestId('secrets-warning').waitFor();
  }
  const [download] = await Promise.all([panel.waitForEvent('download'), panel.getByTestId(`export-${format}`).click()]);
  return readFileSync(await download.path(), 'utf8');
}

it('imports into the panel, and exports it again redacted unless secrets are asked for', async () => {
  lab = await launchWithExtension();
  const page = await lab.context.newPage();
  await page.goto(`${demo.url}/`);
  const panel = await openPanelFor(lab, page);
  await panel.getByTestId('import-file').setInputFiles({ name: 'reactive.har', mimeType: 'application/json', buffer: Buffer.from(harText) });
  await expect.poll(() => panel.getByTestId('import-info').textContent()).toMatch(/Opened “reactive.har”: \d+ requests, 1 episode/);
  await expect.poll(() => panel.getByTestId('episode').allTextContents()).toEqual([expect.stringMatching(/5 requests expired → 1 refresh .* 5 replays/)]);
  await panel.screenshot({ path: `${SCREENSHOTS}/panel-imported-har.png` });

  const tokens = rawTokens();
  for (const format of ['native', 'har', 'perfetto']) {
    const text = await exportAs(panel, format);
    expect(tokens.filter((t) => text.includes(t)), format).toEqual([]);
  }
  await panel.getByTestId('export-button').click();
  await panel.getByTestId('export-include-secrets').check();
  await panel.screenshot({ path: `${SCREENSHOTS}/export-menu-secrets.png` });
  await panel.keyboard.press('Escape');
  const withSecrets = await exportAs(panel, 'har', true);
  expect(tokens.filter((t) => withSecrets.includes(t))).toEqual(tokens);
});
