/**
 * The transport, end to end in Chromium with the built extension: page
 * script, bridge, service worker (saving to session storage), panel. The
 * events are token writes to sessionStorage (one event each, no network).
 * Arrival is recorded by a probe that subscribes like the panel and counts
 * every event it is sent, so duplicates and losses show: once in an idle
 * extension page ("transport"), once in the real panel page ("withPanelUi").
 * TRANSPORT_ONLY=transport|withPanelUi runs one of them.
 *
 * - sustained: 10k events/s for 60 s: events lost, duplicates, page-to-panel latency;
 * - burst: 100k events written in one synchronous loop: time until all are at the panel.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { extensionPage, launchLab, openPanel, tabIdByUrl } from '../e2e/support/lab';
import { readProbe, startProbe } from '../e2e/support/probe';
import { html, startStaticServer } from '../e2e/support/static-server';
import type { Figures } from './run';

const RATE = Number(process.env.TRANSPORT_RATE ?? 10_000);
const SECONDS = Number(process.env.TRANSPORT_SECONDS ?? 60);
const BURST = Number(process.env.TRANSPORT_BURST ?? 100_000);

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}

const received = async (probe: Page) => (await readProbe(probe)).events;

/**
 * One run in a fresh browser. The probe runs in an idle extension page (the
 * transport alone) or in the real panel page, whose store and views then work
 * on the same thread and delay what the probe sees.
 */
async function measure(server: { url: string }, withPanelUi: boolean): Promise<Figures> {
  const lab = await launchLab();
  try {
    const page = await lab.context.newPage();
    await page.goto(`${server.url}/stream.html`);
    const tabId = await tabIdByUrl(await extensionPage(lab), page.url());
    const probe = withPanelUi ? await openPanel(lab, tabId) : await extensionPage(lab);
    await startProbe(probe, tabId);
    await until(async () => (await received(probe)) === 1, 10_000);

    const sent = (await page.evaluate(`paced(${RATE}, ${SECONDS})`)) as number;
    const expected = 1 + sent;
    await until(async () => (await received(probe)) >= expected, 30_000);
    const sustained = await readProbe(probe);

    // The burst, once the sustained stream has drained.
    const t0 = Date.now();
    await page.evaluate(`writeBurst(${BURST})`);
    const emitted = Date.now() - t0;
    const all = await until(async () => (await received(probe)) >= expected + BURST, 60_000);
    const absorbed = Date.now() - t0;
    const burst = await readProbe(probe);
    return {
      sustainedEventsSent: sent,
      sustainedEventsLost: expected - sustained.events,
      sustainedDuplicates: sustained.duplicates,
      sustainedLatencyP50Ms: Math.round(sustained.latency.p50),
      sustainedLatencyP99Ms: Math.round(sustained.latency.p99),
      sustainedLatencyMaxMs: Math.round(sustained.latency.max),
      burstAllArrived: all,
      burstEventsLost: expected + BURST - burst.events,
      burstDuplicates: burst.duplicates - sustained.duplicates,
      burstPageEmitMs: emitted,
      burstAbsorbedMs: absorbed,
      burstDrainAfterEmitMs: absorbed - emitted,
      droppedCounted: burst.lost,
      rateLimited: burst.stats?.rateLimited ?? 0,
    };
  } finally {
    await lab.close();
  }
}

export default async function transport(): Promise<Figures> {
  const server = await startStaticServer({ '/stream.html': html(readFileSync(resolve(import.meta.dirname, '../e2e/fixtures/stream.html'), 'utf8')) });
  try {
    const figures: Figures = { ratePerSecond: RATE, seconds: SECONDS, burstEvents: BURST };
    for (const [prefix, withUi] of [['transport', false], ['withPanelUi', true]] as const) {
      if (process.env.TRANSPORT_ONLY && process.env.TRANSPORT_ONLY !== prefix) continue;
      for (const [name, value] of Object.entries(await measure(server, withUi))) figures[`${prefix}.${name}`] = value;
    }
    return figures;
  } finally {
    await server.close();
  }
}
