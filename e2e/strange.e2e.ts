/**
 * Strange pages: a strict CSP, Trusted Types enforced, fetch and XHR replaced
 * or frozen after us, a fetch taken from an about:blank iframe, Zone.js, and
 * iframes. Each page must keep working exactly as without us, and we record
 * what we can: here, everything.
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extensionPage, launchLab, tabIdByUrl, type FlexLab } from './support/lab';
import { probePages, startProbe } from './support/probe';
import { json, startStaticServer } from './support/static-server';

const dir = resolve(import.meta.dirname, 'fixtures/strange');
const ZONE_JS = readFileSync(resolve(import.meta.dirname, '../node_modules/zone.js/bundles/zone.umd.js'), 'utf8');

const STRICT_CSP = "default-src 'self'; script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'";
const page = (scripts: string[], headers: Record<string, string> = {}) => (_req: IncomingMessage, res: ServerResponse) =>
  res
    .writeHead(200, { 'content-type': 'text/html', ...headers })
    .end(`<!doctype html><html><head></head><body>strange${scripts.map((s) => `<script src="${s}"></script>`).join('')}</body></html>`);
const script = (body: string) => (_req: IncomingMessage, res: ServerResponse) => res.writeHead(200, { 'content-type': 'text/javascript' }).end(body);
const file = (name: string) => script(readFileSync(resolve(dir, name), 'utf8'));

let lab: FlexLab;
let server: Awaited<ReturnType<typeof startStaticServer>>;
let ext: Page;

beforeAll(async () => {
  server = await startStaticServer({
    '/strange/csp.html': page(['/strange/app.js'], { 'content-security-policy': STRICT_CSP }),
    '/strange/trusted-types.html': page(['/strange/trusted-types.js', '/strange/app.js'], {
      'content-security-policy': `${STRICT_CSP}; require-trusted-types-for 'script'; trusted-types app`,
    }),
    '/strange/replaced.html': page(['/strange/replaced.js', '/strange/app.js']),
    '/strange/pristine.html': page(['/strange/pristine.js']),
    '/strange/zone.html': page(['/strange/zone.js', '/strange/zone-app.js']),
    '/strange/frames.html': page(['/strange/frames.js']),
    '/strange/reopen.html': page(['/strange/reopen.js']),
    '/strange/reopen-done.html': page(['/strange/reopen-done.js']),
    '/strange/child.html': (_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><script>window.childStatus = fetch('/api/child').then((r) => r.status)</script>child`),
    '/strange/app.js': file('app.js'),
    '/strange/trusted-types.js': file('trusted-types.js'),
    '/strange/replaced.js': file('replaced.js'),
    '/strange/pristine.js': file('pristine.js'),
    '/strange/zone-app.js': file('zone-app.js'),
    '/strange/frames.js': file('frames.js'),
    '/strange/reopen.js': file('reopen.js'),
    '/strange/reopen-done.js': file('reopen-done.js'),
    // Answers only after the page has moved on: the request is still in flight when the page reopens its XHR.
    '/api/slow': (_req, res) => void setTimeout(() => json(200, { slow: true })(_req, res), 2000),
    '/strange/zone.js': script(ZONE_JS),
    '/api/xhr': json(200, { ok: true }),
    '/api/fetch': json(200, { ok: true }),
    '/api/pristine': json(200, {}),
    '/api/child': json(201, {}),
    '/api/blank': json(202, {}),
  });
  // example.test is served by the same server, and is not a site we record:
  // the same page there shows what the page does without us.
  lab = await launchLab({ args: ['--host-resolver-rules=MAP example.test 127.0.0.1'] });
  ext = await extensionPage(lab);
});

afterAll(async () => {
  await lab?.close();
  await server?.close();
});

/** Opens a strange page with a probe on its tab, collecting what the page itself reports as errors. */
async function open(path: string) {
  const tab = await lab.context.newPage();
  const errors: string[] = [];
  tab.on('pageerror', (e) => errors.push(e.message));
  await tab.goto(`${server.url}${path}`);
  const probe = await extensionPage(lab);
  await startProbe(probe, await tabIdByUrl(ext, tab.url()));
  const requests = async () => (await probePages(probe)).requests.map((r) => `${r.transport} ${new URL(r.url).pathname}${r.frame ? ` frame` : ''}`);
  /** Each request's path and how it ended. */
  const ends = async () => (await probePages(probe)).requests.map((r) => [new URL(r.url).pathname, r.end]);
  return { tab, probe, errors, requests, ends, close: () => Promise.all([tab.close(), probe.close()]) };
}

const APP_OK = { xhr: 200, fetch: true };

describe('strange pages keep working, and are recorded', () => {
  it('an XHR the page reopens while its request is in flight: the browser drops that request with no event; it is recorded as aborted', async () => {
    const p = await open('/strange/reopen.html');
    await expect.poll(() => p.tab.evaluate('window.reopenResult')).toEqual({ status: 200, events: ['load', 'loadend'] });
    await expect.poll(p.ends).toEqual([
      ['/api/slow', { status: 0, error: 'abort' }],
      ['/api/xhr', { status: 200 }],
    ]);
    expect(p.errors).toEqual([]);
    await p.close();
  });

  it('an XHR the page reopens from its own readystatechange handler once done (a polling loop): both requests recorded as ended, neither aborted', async () => {
    const p = await open('/strange/reopen-done.html');
    await expect.poll(() => p.tab.evaluate('window.reopenDoneResult')).toEqual({ statuses: [200, 200] });
    await expect.poll(p.ends).toEqual([
      ['/api/xhr', { status: 200 }],
      ['/api/fetch', { status: 200 }],
    ]);
    expect(p.errors).toEqual([]);
    await p.close();
  });

  it('a strict Content-Security-Policy', async () => {
    const p = await open('/strange/csp.html');
    expect(await p.tab.evaluate('window.appResult')).toEqual(APP_OK);
    await expect.poll(p.requests).toEqual(['xhr /api/xhr', 'fetch /api/fetch']);
    expect(p.errors).toEqual([]);
    await p.close();
  });

  it('Trusted Types enforced', async () => {
    const p = await open('/strange/trusted-types.html');
    expect(await p.tab.evaluate('[window.trustedTypesEnforced, document.body.textContent]')).toEqual([true, '<b>trusted</b>']);
    expect(await p.tab.evaluate('window.appResult')).toEqual(APP_OK);
    await expect.poll(p.requests).toEqual(['xhr /api/xhr', 'fetch /api/fetch']);
    expect(p.errors).toEqual([]);
    await p.close();
  });

  it('fetch replaced by the page, fetch and XMLHttpRequest frozen after us', async () => {
    const p = await open('/strange/replaced.html');
    expect(await p.tab.evaluate('window.replaced')).toEqual({ fetchFrozen: true, xhrFrozen: true });
    expect(await p.tab.evaluate('window.appResult')).toEqual(APP_OK);
    await expect.poll(p.requests).toEqual(['xhr /api/xhr', 'fetch /api/fetch']);
    expect(p.errors).toEqual([]);
    await p.close();
  });

  it('a pristine fetch taken from an about:blank iframe is still seen, as the iframe’s', async () => {
    const p = await open('/strange/pristine.html');
    expect(await p.tab.evaluate('window.pristine')).toBe(200);
    await expect.poll(p.requests).toEqual(['fetch /api/pristine frame']);
    expect(p.errors).toEqual([]);
    await p.close();
  });

  it('Zone.js: the app’s zone sees its own tasks and keeps its context; none of ours', async () => {
    const p = await open('/strange/zone.html');
    const result = (await p.tab.evaluate('window.zoneResult')) as { counts: Record<string, number> } & Record<string, unknown>;
    expect(result).toMatchObject({ ...APP_OK, zone: 'app' });
    await expect.poll(p.requests).toEqual(['xhr /api/xhr', 'fetch /api/fetch']);
    // Without Refresh Lens the same app schedules the same tasks: ours are not among them.
    const plain = await lab.context.newPage();
    await plain.goto(`${server.url.replace('127.0.0.1', 'example.test')}/strange/zone.html`);
    const without = (await plain.evaluate('window.zoneResult')) as { counts: Record<string, number> };
    expect(result.counts).toEqual(without.counts);
    expect(p.errors).toEqual([]);
    await plain.close();
    await p.close();
  });

  it('same-origin and about:blank iframes: the page works, and each event carries its frame', async () => {
    const p = await open('/strange/frames.html');
    expect(await p.tab.evaluate('window.framesDone')).toEqual({ child: 201, blank: 202 });
    await expect.poll(async () => (await p.requests()).sort()).toEqual(['fetch /api/blank frame', 'fetch /api/child frame']);
    const { pages } = await probePages(p.probe);
    const frames = Object.values(pages).map((pg) => [pg.url.replace(server.url, ''), pg.frame === undefined ? 'top' : 'frame']);
    expect(frames.sort()).toEqual([['/strange/child.html', 'frame'], ['/strange/frames.html', 'top'], ['about:blank', 'frame']]);
    expect(p.errors).toEqual([]);
    await p.close();
  });
});
