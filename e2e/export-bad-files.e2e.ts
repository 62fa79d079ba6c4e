/**
 * Bad files imported into the panel: each gets an alert saying what is
 * wrong, the panel keeps working, and nothing in a file is ever rendered as
 * HTML (a hostile HAR's URLs and headers, a hostile file name).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { toNativeTrace } from '../src/trace-file/native';
import { canaryHar } from '../src/trace-file/testing/canary-har';
import { TraceBuilder } from '../src/trace/testing/builder';
import { correctReactive } from '../src/trace/testing/scenarios';
import { launchWithExtension, openPanelFor, type Lab } from './support/extension';
import { html, startStaticServer } from './support/static-server';

const SCREENSHOTS = resolve(import.meta.dirname, '../test-results/screenshots');
const HOSTILE = '<img src=x onerror="document.title=\'pwned\'">';
let lab: Lab;
let site: Awaited<ReturnType<typeof startStaticServer>>;
let panel: Page;
let dir: string;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'refresh-lens-bad-'));
  site = await startStaticServer({ '/': html('<title>fixture</title><p>nothing here</p>') });
  lab = await launchWithExtension();
  const page = await lab.context.newPage();
  await page.goto(site.url + '/');
  panel = await openPanelFor(lab, page);
  await panel.getByTestId('panel').waitFor();
});

afterAll(async () => {
  await lab?.close();
  await site?.close();
  rmSync(dir, { recursive: true, force: true });
});

const nativeText = () => {
  const b = new TraceBuilder();
  correctReactive(b.page(-5));
  return JSON.stringify(toNativeTrace(b.events(), { creator: 'e2e' }));
};

/** Picks a file as a user would; the last notice is dismissed first so its text cannot be mistaken for the new one. */
async function open(name: string, content: string | Buffer): Promise<void> {
  const dismiss = panel.locator('.io-notice button.close');
  if (await dismiss.count()) await dismiss.click();
  await expect.poll(() => panel.locator('.io-notice').count()).toBe(0);
  const path = join(dir, name);
  writeFileSync(path, content);
  // A path, not a buffer: Playwright refuses buffers over 50 MB.
  await panel.getByTestId('import-file').setInputFiles(path);
}

async function alertText(): Promise<string> {
  const alert = panel.getByRole('alert');
  await alert.waitFor();
  return (await alert.textContent()) ?? '';
}

/** A HAR of 100 MB, most of it response bodies. */
function bigHar(): string {
  const har = canaryHar() as { log: { entries: Array<{ response: { content: { text?: string } } }> } };
  for (const e of har.log.entries) e.response.content.text = 'x'.repeat(34 * 2 ** 20);
  return JSON.stringify(har);
}

const cases: Array<[string, string, () => string | Buffer, RegExp]> = [
  ['not JSON', 'notes.json', () => `${HOSTILE} hello`, /the file is not JSON/],
  ['a future version', 'future.json', () => nativeText().replace('"version":1', '"version":7'), /version 7, newer than this Refresh Lens reads \(1\): update Refresh Lens/],
  ['a wrong version', 'wrong.json', () => nativeText().replace('"version":1', '"version":"one"'), /the trace has no version number/],
  ['truncated', 'cut.json', () => nativeText().slice(0, 3000), /ends too early \(is it truncated\?\)/],
  ['100 MB, truncated', 'huge.har', () => bigHar().slice(0, -1000), /ends too early/],
  ['a Perfetto trace', 'trace.perfetto.json', () => '{"traceEvents":[]}', /Chrome trace event file/],
];

for (const [what, name, content, message] of cases) {
  it(`says what is wrong with a file that is ${what}`, async () => {
    await open(name, content());
    expect(await alertText()).toMatch(message);
    expect(await alertText()).toContain(`Could not open “${name}”`);
  });
}

it('opens a 100 MB HAR (large bodies) and shows its requests', async () => {
  await open('big.har', bigHar());
  await expect.poll(() => panel.getByTestId('import-info').textContent(), { timeout: 30_000 }).toContain('Opened “big.har”: 3 requests, 1 episode');
});

it('renders hostile strings of a HAR and of a file name as text, never as HTML', async () => {
  const har = canaryHar() as { log: { entries: Array<{ request: { url: string; headers: Array<{ name: string; value: string }> } }> } };
  for (const e of har.log.entries) {
    e.request.url = `${e.request.url.split('?')[0]}/${encodeURIComponent(HOSTILE)}?q=${HOSTILE}`;
    e.request.headers.push({ name: 'x-note', value: HOSTILE });
  }
  await open(`${HOSTILE}.har`, JSON.stringify(har));
  await expect.poll(() => panel.getByTestId('import-info').textContent()).toContain(`Opened “${HOSTILE}.har”`);
  await panel.getByTestId('view-list').click();
  await panel.getByTestId('request-row').first().click();
  await expect.poll(() => panel.locator('.details').textContent()).toContain(HOSTILE);
  await open(`${HOSTILE}.json`, HOSTILE);
  expect(await alertText()).toContain(HOSTILE);
  await panel.screenshot({ path: `${SCREENSHOTS}/panel-import-error.png` });
  expect(await panel.locator('img').count()).toBe(0);
  expect(await panel.title()).not.toBe('pwned');
});
