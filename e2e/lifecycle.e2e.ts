/**
 * Nothing lost when Chrome stops the service worker, when the panel is closed
 * and opened again, when the page reloads (with and without preserve log),
 * navigates inside the app, or comes back from the back/forward cache.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchLab, openPanel, extensionPage, tabIdByUrl, type FlexLab } from './support/lab';
import { randomPoints, untilEmitted } from './support/polling';
import { probePages, probeSessions, readProbe, startProbe } from './support/probe';
import { html, startStaticServer } from './support/static-server';
import { WorkerStopper } from './support/worker-control';

const STREAM = readFileSync(resolve(import.meta.dirname, 'fixtures/stream.html'), 'utf8');

let lab: FlexLab;
let server: Awaited<ReturnType<typeof startStaticServer>>;
let ext: Page;

beforeAll(async () => {
  server = await startStaticServer({
    '/stream.html': html(STREAM),
    '/other.html': html('<!doctype html><title>other</title>other'),
    '/framed.html': html('<!doctype html><title>framed</title><iframe src="/stream.html?inner"></iframe>'),
    // Answers only after the tests are done with it: a request still pending when the page goes away.
    '/slow': (_req, res) => void setTimeout(() => res.writeHead(200).end('late'), 5_000),
  });
  lab = await launchLab({ bfcache: true });
  ext = await extensionPage(lab);
});

afterAll(async () => {
  await lab?.close();
  await server?.close();
});

let pages = 0;
/** A fresh tab with the stream page, at a URL of its own so its tab id is unambiguous. */
async function openStream(): Promise<{ page: Page; tabId: number }> {
  const page = await lab.context.newPage();
  await page.goto(`${server.url}/stream.html?tab=${++pages}`);
  return { page, tabId: await tabIdByUrl(ext, page.url()) };
}

/** The panel for the tab, showing the list view (rows are what these tests count). */
async function listPanel(tabId: number): Promise<Page> {
  const panel = await openPanel(lab, tabId);
  await panel.getByTestId('view-list').click();
  return panel;
}

const counts = (panel: Page) => panel.getByTestId('counts');
const contiguous = (seqs: number[] | undefined) => (seqs ?? []).every((s, i) => s === i);

describe('delivery through lifecycle faults', () => {
  it('stops the service worker 20 times at random points of a 10k-event stream; the panel ends with every event exactly once', async () => {
    const { page, tabId } = await openStream();
    const panel = await openPanel(lab, tabId);
    await startProbe(panel, tabId);
    const stopper = new WorkerStopper(lab.context, page);
    const started = Date.now();
    const streaming = page.evaluate(`stream('write', 10000, 100, 15)`);
    for (const at of randomPoints(20, 50, 9_900, 8)) {
      await untilEmitted(page, at);
      await stopper.stop();
    }
    await streaming;
    const total = 10_000 + 1; // the writes and the page-start
    await expect.poll(async () => (await readProbe(panel)).events, { timeout: 30_000 }).toBe(total);
    const report = await readProbe(panel);
    const sessions = await probeSessions(panel);
    expect(report.duplicates).toBe(0);
    expect(report.lost).toBe(0);
    expect(Object.values(sessions)).toHaveLength(1);
    expect(contiguous(Object.values(sessions)[0])).toBe(true);
    await expect.poll(() => counts(panel).getAttribute('data-events')).toBe(String(total));
    expect(await panel.getByTestId('dropped-count').count()).toBe(0);
    console.info(`worker stops: ${stopper.stops} stops, ${report.events} events, ${report.duplicates} duplicates, ${report.subscriptions} subscriptions, ${Date.now() - started} ms`);
    await stopper.dispose();
    await panel.close();
    await page.close();
  });

  it('a panel opened after the page recorded gets it at once: the page sends what waits when a panel starts watching', async () => {
    const { page, tabId } = await openStream();
    const probe = await extensionPage(lab);
    // No panel watches: the page keeps its events for up to PAGE_BATCHING.unwatchedDelayMs (5 s).
    await page.evaluate(`writeBurst(5)`);
    await startProbe(probe, tabId);
    await expect.poll(async () => (await readProbe(probe)).events, { timeout: 10_000 }).toBe(1 + 5);
    // Each event's latency runs from when the page recorded it to when the
    // probe got it; the burst's five come last (the page-start is older).
    // The page's own timer would have sent them five seconds after the
    // first write; told that a panel watches, it sends them at once.
    const burst = (await probe.evaluate('globalThis.__probe.latencies.slice(-5)')) as number[];
    console.info(`unwatched burst, then a panel: latencies ${burst.map(Math.round).join(', ')} ms`);
    expect(Math.max(...burst)).toBeLessThan(800);
    await probe.close();
    await page.close();
  });

  it('a panel opened after the worker stopped on an idle page still gets it live: the bridge is woken to hear that it watches', async () => {
    const { page, tabId } = await openStream();
    const first = await extensionPage(lab);
    await startProbe(first, tabId);
    // Eight batches, each waited for: the background acknowledges every
    // eighth at once, so the bridge holds nothing, and keeps no port
    // through the worker's stop (the page-start was the first).
    await expect.poll(async () => (await readProbe(first)).events, { timeout: 10_000 }).toBe(1);
    for (let i = 0; i < 7; i++) {
      await page.evaluate(`writeBurst(1)`);
      await expect.poll(async () => (await readProbe(first)).events, { timeout: 10_000 }).toBe(2 + i);
    }
    await first.close();
    const stopper = new WorkerStopper(lab.context, page);
    await stopper.stop();
    const probe = await extensionPage(lab);
    await startProbe(probe, tabId);
    await expect.poll(async () => (await readProbe(probe)).events, { timeout: 10_000 }).toBe(8);
    await page.evaluate(`writeBurst(5)`);
    await expect.poll(async () => (await readProbe(probe)).events, { timeout: 10_000 }).toBe(8 + 5);
    // As in the test above: sent at once, not at the unwatched page's five seconds.
    const burst = (await probe.evaluate('globalThis.__probe.latencies.slice(-5)')) as number[];
    console.info(`after a worker stop, a panel, then a burst: latencies ${burst.map(Math.round).join(', ')} ms`);
    expect(Math.max(...burst)).toBeLessThan(800);
    await stopper.dispose();
    await probe.close();
    await page.close();
  });

  it('the same for a subframe: a panel subscribing wakes every frame’s bridge', async () => {
    const page = await lab.context.newPage();
    await page.goto(`${server.url}/framed.html?tab=${++pages}`);
    const tabId = await tabIdByUrl(ext, page.url());
    const frame = page.frames().find((f) => f.url().includes('/stream.html'))!;
    await frame.waitForFunction('typeof writeBurst === "function"');
    const first = await extensionPage(lab);
    await startProbe(first, tabId);
    /** The subframe's events the probe on `p` has: its session is the one whose page-start names a frame. */
    const inner = async (p: Page) => {
      const { pages: starts } = await probePages(p);
      const session = Object.keys(starts).find((s) => starts[s].frame !== undefined);
      return session === undefined ? 0 : ((await probeSessions(p))[session]?.length ?? 0);
    };
    // Eight batches of the subframe's, each waited for: its bridge holds nothing, and keeps no port through the stop.
    await expect.poll(() => inner(first), { timeout: 10_000 }).toBe(1);
    for (let i = 0; i < 7; i++) {
      await frame.evaluate(`writeBurst(1)`);
      await expect.poll(() => inner(first), { timeout: 10_000 }).toBe(2 + i);
    }
    await first.close();
    const stopper = new WorkerStopper(lab.context, page);
    await stopper.stop();
    const probe = await extensionPage(lab);
    await startProbe(probe, tabId);
    await expect.poll(() => inner(probe), { timeout: 10_000 }).toBe(8);
    await frame.evaluate(`writeBurst(5)`);
    await expect.poll(() => inner(probe), { timeout: 10_000 }).toBe(8 + 5);
    const burst = (await probe.evaluate('globalThis.__probe.latencies.slice(-5)')) as number[];
    console.info(`after a worker stop, a panel, then a subframe's burst: latencies ${burst.map(Math.round).join(', ')} ms`);
    expect(Math.max(...burst)).toBeLessThan(800);
    await stopper.dispose();
    await probe.close();
    await page.close();
  });

  it('keeps everything when the panel is closed and opened again mid-stream', async () => {
    const { page, tabId } = await openStream();
    const first = await openPanel(lab, tabId);
    const streaming = page.evaluate(`stream('write', 4000, 100, 10)`);
    await untilEmitted(page, 1500);
    await first.close();
    await untilEmitted(page, 2500);
    const second = await openPanel(lab, tabId);
    await streaming;
    await expect.poll(() => counts(second).getAttribute('data-events'), { timeout: 20_000 }).toBe('4001');
    await second.close();
    await page.close();
  });

  for (const preserve of [true, false]) {
    it(`reload ${preserve ? 'with' : 'without'} preserve log: the last requests before the reload are recorded, the rows follow the setting`, async () => {
      const { page, tabId } = await openStream();
      const panel = await listPanel(tabId);
      await startProbe(panel, tabId);
      if (preserve) await panel.getByTestId('preserve-log').check();
      // Five requests and the reload in one go: their batch leaves on pagehide,
      // 50 ms before the batcher would have sent it; the five requests fail
      // as the reload cancels them, after pagehide, and their ends leave with
      // the hidden document's visibilitychange.
      await page.evaluate(`for (let i = 0; i < 5; i++) fetch('/slow?' + i); location.reload()`);
      await page.waitForFunction('document.readyState === "complete" && window.emitted === 0');
      await page.evaluate(`fetchBurst(3)`);
      // Page one: page-start, five starts and their five ends; page two: page-start, three starts and ends.
      await expect.poll(async () => Object.values(await probeSessions(panel)).map((s) => s.length).sort((a, b) => a - b)).toEqual([7, 11]);
      const cancelled = (await probePages(panel)).requests.filter((r) => r.url.includes('/slow?'));
      expect(cancelled.map((r) => r.end)).toEqual(Array(5).fill({ status: 0, error: 'network' }));
      expect(Object.values(await probeSessions(panel)).every(contiguous)).toBe(true);
      await expect.poll(() => panel.getByTestId('request-row').count()).toBe(preserve ? 8 : 3);
      await panel.close();
      await page.close();
    });
  }

  for (const preserve of [true, false]) {
    it(`an in-app navigation (pushState) ${preserve ? 'with' : 'without'} preserve log starts nothing afresh and loses nothing`, async () => {
      const { page, tabId } = await openStream();
      const panel = await listPanel(tabId);
      if (preserve) await panel.getByTestId('preserve-log').check();
      await page.evaluate(`fetchBurst(2)`);
      await expect.poll(() => panel.getByTestId('request-row').count()).toBe(2);
      await page.evaluate(`history.pushState({}, '', location.pathname + '#/settings'); fetchBurst(2)`);
      await expect.poll(() => panel.getByTestId('request-row').count()).toBe(4);
      await panel.close();
      await page.close();
    });
  }

  it('a page restored from the back/forward cache keeps recording, with nothing lost on the way', async () => {
    const { page, tabId } = await openStream();
    const panel = await openPanel(lab, tabId);
    await startProbe(panel, tabId);
    await page.evaluate(`writeBurst(50)`);
    await page.evaluate(`location.href = '/other.html'`);
    await page.waitForURL(/other\.html/);
    await page.goBack({ waitUntil: 'commit' });
    await page.waitForFunction('window.restored === 1');
    await page.evaluate(`writeBurst(50)`);
    const streamSession = async () => Object.values(await probeSessions(panel)).find((s) => s.length > 2);
    await expect.poll(async () => (await streamSession())?.length, { timeout: 15_000 }).toBe(101);
    expect(contiguous(await streamSession())).toBe(true);
    expect((await readProbe(panel)).duplicates).toBe(0);
    await panel.close();
    await page.close();
  });
});
