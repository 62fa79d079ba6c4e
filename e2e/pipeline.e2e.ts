import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, openPanelFor, type Lab } from './support/extension';
import { html, json, startStaticServer } from './support/static-server';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSIsImV4cCI6NDEwMjQ0NDgwMH0.c2lnbmF0dXJlLXNlY3JldA';

// The first script of the page fires one fetch and one XHR before anything else.
const FIRST_SCRIPT_PAGE = `<!doctype html><html><head><script>
  fetch('/api/first?from=first-script');
  const xhr = new XMLHttpRequest();
  xhr.open('GET', '/api/xhr');
  xhr.setRequestHeader('Authorization', 'Bearer ${JWT}');
  xhr.onload = () => (document.title = 'xhr-done');
  xhr.send();
</script></head><body>first</body></html>`;

const FORGING_PAGE = `<!doctype html><html><body><script>
  // A hostile page pretending to be our page script.
  const channel = new MessageChannel();
  window.dispatchEvent(new MessageEvent('refresh-lens:connect', { ports: [channel.port2], cancelable: true }));
  channel.port1.postMessage({ source: 'refresh-lens', v: 1, kind: 'batch', session: 'x', events: [{ type: 'bogus' }], dropped: 0 });
  fetch('/api/after-forgery');
</script></body></html>`;

let lab: Lab;
let server: Awaited<ReturnType<typeof startStaticServer>>;

beforeAll(async () => {
  server = await startStaticServer({
    '/first.html': html(FIRST_SCRIPT_PAGE),
    '/forging.html': html(FORGING_PAGE),
    '/api/first': json(200, { ok: true }),
    '/api/xhr': json(401, { error: 'expired' }),
    '/api/after-forgery': json(200, {}),
  });
  lab = await launchWithExtension();
});

afterAll(async () => {
  await lab?.close();
  await server?.close();
});

describe('page to panel pipeline', () => {
  it('captures the requests of the page’s very first script, with the token fingerprinted', async () => {
    const page = await lab.context.newPage();
    await page.goto(`${server.url}/first.html`);
    await expect.poll(() => page.title()).toBe('xhr-done');
    const panel = await openPanelFor(lab, page);
    await panel.getByTestId('view-list').click();
    const rows = panel.getByTestId('request-row');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.nth(0).getAttribute('data-url')).toBe(`${server.url}/api/first?from=first-script`);
    expect(await rows.nth(0).getAttribute('data-transport')).toBe('fetch');
    await expect.poll(() => rows.nth(0).getAttribute('data-status')).toBe('200');
    expect(await rows.nth(1).getAttribute('data-transport')).toBe('xhr');
    await expect.poll(() => rows.nth(1).getAttribute('data-status')).toBe('401');
    const text = await panel.locator('body').innerText();
    expect(text).not.toContain(JWT.split('.')[2]);
    expect(text).toMatch(/[0-9a-f]{6} · exp \+/);
    await panel.close();
    await page.close();
  });

  it('drops and counts a forged connection, and keeps recording the page', async () => {
    const page = await lab.context.newPage();
    await page.goto(`${server.url}/forging.html`);
    const panel = await openPanelFor(lab, page);
    await panel.getByTestId('view-list').click();
    await expect.poll(() => panel.getByTestId('request-row').count()).toBe(1);
    await expect.poll(() => panel.getByTestId('dropped-count').getAttribute('data-count')).toBe('1');
    expect(await panel.getByTestId('dropped-count').getAttribute('title')).toContain('forged');
    await panel.close();
    await page.close();
  });
});
