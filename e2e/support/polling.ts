import type { Page } from 'playwright-core';

/** Reads a value the fixture page keeps on window. */
export function pageValue<T>(page: Page, expression: string): Promise<T> {
  return page.evaluate(expression) as Promise<T>;
}

/** Waits (polling, never sleeping) until the page's `emitted` counter reaches `n`. */
export async function untilEmitted(page: Page, n: number, timeoutMs = 30_000): Promise<void> {
  await page.waitForFunction(`window.emitted >= ${n}`, undefined, { polling: 5, timeout: timeoutMs });
}

/** `count` distinct random integers in [lo, hi), sorted; seeded so a failure can be replayed. */
export function randomPoints(count: number, lo: number, hi: number, seed: number): number[] {
  let s = seed >>> 0;
  const next = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const points = new Set<number>();
  while (points.size < count) points.add(lo + Math.floor(next() * (hi - lo)));
  return [...points].sort((a, b) => a - b);
}
