/** How the axios benches read a page's CPU, and the statistics they report it with. */
import type { CDPSession } from 'playwright-core';

/** Seconds of CPU the page's main thread has used (CDP Performance.getMetrics, after Performance.enable). */
export async function threadTime(cdp: CDPSession): Promise<number> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> };
  return metrics.find((m) => m.name === 'ThreadTime')!.value;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** The 10th percentile: the rounds at the machine's quietest. */
export function p10(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(0.1 * (s.length - 1))];
}

/** A small seeded generator (mulberry32): the same samples always give the same interval. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A 95% interval for the median of `xs` (bootstrap, percentile method): how
 * far the median could move with the same machine noise, so that a figure
 * near a goal is read with its uncertainty (on these shared 2-core VMs a
 * single round's ratio ranges from about 0.6 to 2).
 */
export function medianInterval(xs: number[], resamples = 2000, seed = 1): [number, number] {
  if (xs.length === 0) return [NaN, NaN];
  const random = seeded(seed);
  const medians: number[] = [];
  const sample = new Array<number>(xs.length);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < xs.length; i++) sample[i] = xs[Math.floor(random() * xs.length)];
    medians.push(median(sample));
  }
  medians.sort((a, b) => a - b);
  return [medians[Math.floor(0.025 * (resamples - 1))], medians[Math.ceil(0.975 * (resamples - 1))]];
}
