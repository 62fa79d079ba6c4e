/**
 * Export from the panel after recording demo scenarios: the demo's raw tokens
 * (every access and refresh token the server issued, the Authorization
 * headers, the cookie) appear in no exported file; the native trace opens
 * again in the panel as it was; the Chrome trace is structurally valid.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { ChromeTrace } from '../src/trace-file/chrome-trace-types';
import { checkChromeTrace } from '../src/trace-file/testing/check-chrome-trace';
import { runScenario, type Scenario } from './support/demo';
import { useDemoLab, SCREENSHOTS } from './support/demo-lab';
import { openPanelFor } from './support/extension';

const env = useDemoLab();

/** Every raw token the page handled: issued by the server, sent in headers, kept in the cookie. */
async function recordWithTokens(scenario: Scenario): Promise<{ page: Page; tokens: Set<string> }> {
  const page = await env.lab.context.newPage();
  const tokens = new Set<string>();
  page.on('request', (req) => {
    const bearer = /^Bearer (.+)$/.exec(req.headers().authorization ?? '');
    if (bearer) tokens.add(bearer[1]);
  });
  page.on('response', async (res) => {
    if (!res.url().includes('/api/auth/') || !res.ok()) return;
    const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    for (const key of ['accessToken', 'refreshToken']) if (typeof body[key] === 'string') tokens.add(body[key] as string);
  });
  await runScenario(page, env.demo.url, scenario);
  const cookie = await page.evaluate(() => document.cookie);
  const access = /access_token=([^;]+)/.exec(cookie)?.[1];
  if (access) tokens.add(decodeURIComponent(access));
  const refresh = await page.evaluate(() => sessionStorage.getItem('refresh_token'));
  if (refresh) tokens.add(refresh);
  return { page, tokens };
}

async function exportAs(panel: Page, format: string): Promise<{ name: string; text: string }> {
  await panel.getByTestId('export-button').click();
  const [download] = await Promise.all([panel.waitForEvent('download'), panel.getByTestId(`export-${format}`).click()]);
  return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
}

for (const scenario of ['reactive', 'refresh-fails'] as const) {
  it(`leaves no raw token of the ${scenario} scenario in any exported file`, async () => {
    const { page, tokens } = await recordWithTokens(scenario);
    expect(tokens.size).toBeGreaterThanOrEqual(2);
    const panel = await openPanelFor(env.lab, page);
    const counts = panel.getByTestId('counts');
    await expect.poll(() => counts.getAttribute('data-requests').then(Number)).toBeGreaterThanOrEqual(8);

    await panel.getByTestId('export-button').click();
    await expect.poll(() => panel.getByTestId('export-include-secrets').isDisabled()).toBe(true);
    await panel.screenshot({ path: `${SCREENSHOTS}/export-menu-${scenario}.png` });
    await panel.keyboard.press('Escape');

    for (const format of ['native', 'har', 'perfetto']) {
      const file = await exportAs(panel, format);
      const leaked = [...tokens].filter((t) => file.text.includes(t));
      expect(leaked, `${format}: ${file.name}`).toEqual([]);
      if (format === 'perfetto') expect(checkChromeTrace(JSON.parse(file.text) as ChromeTrace)).toEqual([]);
    }
    await panel.close();
    await page.close();
  });
}

it('opens its own native export again exactly as it was shown', async () => {
  const { page } = await recordWithTokens('reactive');
  const panel = await openPanelFor(env.lab, page);
  const counts = panel.getByTestId('counts');
  await expect.poll(() => counts.getAttribute('data-requests').then(Number)).toBeGreaterThanOrEqual(8);
  const shown = async () => ({
    requests: await counts.getAttribute('data-requests'),
    episodes: await panel.getByTestId('episode').allTextContents(),
    badge: await panel.getByTestId('diagnostics-badge').textContent(),
  });
  const before = await shown();
  const file = await exportAs(panel, 'native');
  await panel.getByTestId('clear').click();
  await expect.poll(() => counts.getAttribute('data-requests')).toBe('0');
  await panel.getByTestId('import-file').setInputFiles({ name: file.name, mimeType: 'application/json', buffer: Buffer.from(file.text) });
  await panel.getByTestId('import-info').waitFor();
  await expect.poll(shown).toEqual(before);
  expect(await panel.getByTestId('record').getAttribute('aria-pressed')).toBe('false');
  await panel.screenshot({ path: `${SCREENSHOTS}/panel-imported-native.png` });
  await panel.close();
  await page.close();
});
