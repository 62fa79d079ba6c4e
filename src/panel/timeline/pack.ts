import type { Bar } from './layout-types';

/**
 * Greedy interval packing: each bar goes into the lane that freed up
 * earliest, if that lane is free by the bar's start, else into a new lane.
 * O(n log lanes) with a binary heap of lane end times.
 */
export function packIntoLanes(bars: Bar[]): Bar[][] {
  const sorted = [...bars].sort((a, b) => (a.waitFrom ?? a.start) - (b.waitFrom ?? b.start));
  const lanes: Bar[][] = [];
  const heap: Array<{ end: number; lane: number }> = [];
  const less = (i: number, j: number) => heap[i].end < heap[j].end || (heap[i].end === heap[j].end && heap[i].lane < heap[j].lane);
  const swap = (i: number, j: number) => ([heap[i], heap[j]] = [heap[j], heap[i]]);
  const push = (item: { end: number; lane: number }) => {
    heap.push(item);
    for (let i = heap.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!less(i, parent)) break;
      swap(i, parent);
      i = parent;
    }
  };
  const pop = () => {
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && less(l, m)) m = l;
        if (r < heap.length && less(r, m)) m = r;
        if (m === i) break;
        swap(i, m);
        i = m;
      }
    }
    return top;
  };

  for (const bar of sorted) {
    const from = bar.waitFrom ?? bar.start;
    const to = bar.tailTo ?? bar.end;
    let lane: number;
    if (heap.length > 0 && heap[0].end <= from) lane = pop().lane;
    else {
      lane = lanes.length;
      lanes.push([]);
    }
    lanes[lane].push(bar);
    push({ end: to, lane });
  }
  return lanes;
}
