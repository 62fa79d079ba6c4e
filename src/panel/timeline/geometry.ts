/** Vertical geometry of the timeline, in CSS pixels. */
export const AXIS_HEIGHT = 22;
export const TOKENS_HEIGHT = 34;
export const LANE_HEIGHT = 20;
export const BAR_HEIGHT = 12;

/** Top of lane `index` in content coordinates (before vertical scrolling). */
export function laneTop(index: number): number {
  return index === 0 ? AXIS_HEIGHT : AXIS_HEIGHT + TOKENS_HEIGHT + (index - 1) * LANE_HEIGHT;
}

export function contentHeight(laneCount: number): number {
  return laneCount === 0 ? AXIS_HEIGHT : laneTop(laneCount);
}

/** The lane under content y, or -1. */
export function laneAt(y: number, laneCount: number): number {
  if (y < AXIS_HEIGHT) return -1;
  if (y < AXIS_HEIGHT + TOKENS_HEIGHT) return 0;
  const index = Math.floor((y - AXIS_HEIGHT - TOKENS_HEIGHT) / LANE_HEIGHT) + 1;
  return index < laneCount ? index : -1;
}

/** Lanes intersecting [top, bottom) in content coordinates. */
export function visibleLanes(top: number, bottom: number, laneCount: number): [number, number] {
  const first = Math.max(0, laneAt(Math.max(top, AXIS_HEIGHT), laneCount));
  const lastY = Math.min(bottom, contentHeight(laneCount) - 1);
  const last = laneAt(lastY, laneCount);
  return [first, last < 0 ? laneCount - 1 : last];
}
