import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchWithExtension, type Lab } from './support/extension';
import { openRealDevToolsPanel } from './support/devtools';
import { html, json, startStaticServer } from './support/static-server';

let lab: Lab;
let server: Awaited<ReturnType<typeof startStaticServer>>;

beforeAll(async () => {
  server = await startStaticServer({
    '/app.html': html(`<!doctype html><button id="go" onclick="fetch('/api/clicked')">go</button>`),
    '/api/clicked': json(200, {}),
  });
  lab = await launchWithExtension(['--remote-debugging-port=0']);
});

afterAll(async () => {
  await lab?.close();
  await server?.close();
});

it('shows live requests in the real DevTools panel, for the inspected tab', async () => {
  const page = await lab.context.newPage();
  await page.goto(`${server.url}/app.html`);
  const { frame, browser } = await openRealDevToolsPanel(lab, page);
  await frame.getByTestId('panel').waitFor();
  await page.click('#go');
  await page.click('#go');
  const rows = frame.getByTestId('request-row');
  await expect.poll(() => rows.count()).toBe(2);
  expect(await rows.first().getAttribute('data-url')).toBe(`${server.url}/api/clicked`);
  await expect.poll(() => rows.last().getAttribute('data-status')).toBe('200');
  await browser.close();
});
