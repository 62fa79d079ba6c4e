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
