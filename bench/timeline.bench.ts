/**
 * The panel's timeline with 100k requests, in headless Chromium: first
 * paint, and the work per zoom/pan step (event to canvas drawn), p95.
 * Goals (issue 5): first paint ≤ 500 ms, p95 ≤ 16.7 ms, ≤ ~10k shapes a frame.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import preact from '@preact/preset-vite';
import { findChromium } from '../e2e/support/chromium';
import { startStaticServer } from '../e2e/support/static-server';
import { serveDir } from './serve-dir';
import type { Figures } from './run';

export default async function timelineBench(): Promise<Figures> {
  const out = mkdtempSync(join(tmpdir(), 'rl-timeline-bench-'));
  await build({
    root: resolve(import.meta.dirname, 'timeline'),
    base: './',
    logLevel: 'warn',
    plugins: [preact()],
    build: { outDir: out, emptyOutDir: true },
  });
  const server = await startStaticServer(serveDir(out));
  const browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
    await page.goto(`${server.url}/index.html?requests=100000`);
    await page.waitForFunction(() => (window as unknown as { __bench?: unknown }).__bench !== undefined, undefined, { timeout: 120_000 });
    const figures = (await page.evaluate(() => (window as unknown as { __bench: Figures }).__bench)) as Figures;
    if ('error' in figures) throw new Error(String(figures.error));
    return {
      ...figures,
      firstPaintGoalMet: Number(figures.firstPaintMs) <= 500,
      frameP95GoalMet: Number(figures.frameP95Ms) <= 16.7,
      shapesGoalMet: Number(figures.shapesMax) <= 10_000,
    };
  } finally {
    await browser.close();
    await server.close();
    rmSync(out, { recursive: true, force: true });
  }
}
