import type { Bar, TimelineLayout, TokenBand } from './layout-types';
import { AXIS_HEIGHT, laneAt } from './geometry';
import type { TimeScale } from './scale';

/** Bars narrower than this are still easy to hover: they are hit this many px around. */
const SLOP_PX = 3;

/** The first bar index in `bars` (sorted by start) whose start is > t. */
function upperBound(bars: Bar[], t: number): number {
  let lo = 0;
  let hi = bars.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (bars[mid].start <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The bar under a point in content coordinates (x in canvas px, y scrolled). */
export function hitBar(layout: TimelineLayout, scale: TimeScale, x: number, y: number): Bar | undefined {
  const lane = laneAt(y, layout.lanes.length);
  if (lane <= 0) return undefined;
  const bars = layout.lanes[lane].bars;
  const slop = SLOP_PX * scale.msPerPixel;
  const t = scale.t(x);
  // Bars in a lane do not overlap on the wire, so only the last few that
  // start before t can contain it; queue waits and tails are checked after.
  let best: Bar | undefined;
  for (let i = upperBound(bars, t + slop) - 1; i >= 0 && i >= upperBound(bars, t + slop) - 8; i--) {
    const bar = bars[i];
    if (t >= bar.start - slop && t <= bar.end + slop) return bar;
    if (!best && t >= (bar.waitFrom ?? bar.start) - slop && t <= (bar.tailTo ?? bar.end) + slop) best = bar;
  }
  return best;
}

export function hitBand(layout: TimelineLayout, scale: TimeScale, x: number, y: number): TokenBand | undefined {
  if (laneAt(y, layout.lanes.length) !== 0) return undefined;
  const row = y - AXIS_HEIGHT < 17 ? 0 : 1;
  const t = scale.t(x);
  return layout.bands.find((b) => b.row === row && t >= b.start && t <= b.end);
}
