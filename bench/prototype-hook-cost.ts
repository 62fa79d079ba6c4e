/**
 * What our `interceptors` accessor on Object.prototype (axios/detect.ts)
 * costs every page, apart from axios: V8 converts a property descriptor
 * by a fast path only while Object.prototype keeps the map it started
 * with, so once anything is defined there every Object.defineProperty in
 * the page reads its descriptor the slow way, and deleting the accessor
 * again does not give the map back. axios 1.21 itself calls defineProperty
 * about five times a request (mergeConfig, utils.merge, AxiosHeaders), and
 * transpiled class fields call it too.
 *
 *   npx tsx bench/prototype-hook-cost.ts
 *
 * Prints ns per defineProperty in a fresh Chromium page: untouched, with
 * the accessor, and with the accessor defined then deleted (median of
 * ROUNDS runs of a million calls each, pages taking turns). A diagnostic,
 * not a benchmark: the figures are one machine's.
 */
import { chromium } from 'playwright-core';
import { findChromium } from '../e2e/support/chromium';

const ROUNDS = Number(process.env.ROUNDS ?? 5);
const MODES = ['untouched', 'accessor', 'deleted'] as const;

// A string, so that the bundler adds nothing to it: the page runs it as written.
const measure = (mode: string) => `(() => {
  if (${JSON.stringify(mode)} !== 'untouched') Reflect.defineProperty(Object.prototype, 'interceptors', { __proto__: null, get() {}, set(v) {}, enumerable: false, configurable: true });
  if (${JSON.stringify(mode)} === 'deleted') delete Object.prototype.interceptors;
  const run = () => {
    const t = performance.now();
    for (let i = 0; i < 1e6; i++) Object.defineProperty({}, 'x', { value: i, writable: true, configurable: true });
    return performance.now() - t;
  };
  run();
  const runs = [];
  for (let k = 0; k < ${ROUNDS}; k++) runs.push(run());
  return runs.sort((a, b) => a - b)[runs.length >> 1];
})()`;

const browser = await chromium.launch({ executablePath: findChromium(), headless: true });
try {
  const ns: Record<string, number[]> = Object.fromEntries(MODES.map((m) => [m, []]));
  for (let turn = 0; turn < 3; turn++) {
    for (const mode of MODES) {
      const page = await browser.newPage();
      ns[mode].push((await page.evaluate(measure(mode))) as number);
      await page.close();
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  const base = median(ns.untouched);
  console.log(`Chromium ${browser.version()}: ns per Object.defineProperty (median of 3 pages x ${ROUNDS} runs of 1e6)`);
  for (const mode of MODES) console.log(`${mode.padEnd(10)} ${median(ns[mode]).toFixed(1).padStart(6)}  x${(median(ns[mode]) / base).toFixed(2)}`);
} finally {
  await browser.close();
}
