import { describe, expect, it } from 'vitest';
import { analyzeEvents } from '../../trace/model';
import { TraceBuilder } from '../../trace/testing/builder';
import { correctProactive, correctReactive, outOfOrder, refreshFailsHanging, stampede } from '../../trace/testing/scenarios';
import { laneAt, laneTop, visibleLanes } from './geometry';
import { hitBar } from './hit-test';
import { buildLayout } from './layout';
import { packIntoLanes } from './pack';
import { TimeScale } from './scale';
import type { Bar } from './layout-types';

function layoutOf(scenario: (b: TraceBuilder) => unknown) {
  const b = new TraceBuilder();
  scenario(b);
  const result = analyzeEvents(b.events());
  return { result, layout: buildLayout(result) };
}

describe('buildLayout', () => {
  it('puts the refresh in its own lane and each expired request with its replay on one lane, numbered in order', () => {
    const { layout } = layoutOf((b) => correctReactive(b));
    expect(layout.lanes.map((l) => l.kind)).toEqual(['tokens', 'episode', 'refresh', 'chain', 'chain', 'chain']);
    const chains = layout.lanes.filter((l) => l.kind === 'chain');
    for (const [i, lane] of chains.entries()) {
      expect(lane.bars.map((b) => b.role)).toEqual(['expired', 'replay']);
      expect(lane.bars.map((b) => b.originalNumber)).toEqual([i + 1, i + 1]);
      expect(lane.bars[1].replayNumber).toBe(i + 1);
    }
    expect(layout.arrows.filter((a) => a.kind === 'expired-replay')).toHaveLength(3);
    expect(layout.arrows.filter((a) => a.kind === 'refresh-replay')).toHaveLength(3);
    // Where an arrow leaves a bar, the lane right of it is the arrow's (no text is put there).
    for (const lane of chains) expect(lane.bars.map((b) => Boolean(b.arrowOut))).toEqual([true, false]);
    expect(layout.lanes.find((l) => l.kind === 'refresh')!.bars.every((b) => b.arrowOut)).toBe(true);
    expect(layout.bands.length).toBeGreaterThanOrEqual(2);
  });

  it('draws a caller left waiting to the end of the recording: the stranded requests of a failed refresh', () => {
    const { result, layout } = layoutOf((b) => refreshFailsHanging(b));
    const expired = layout.lanes.flatMap((l) => l.bars).filter((bar) => bar.role === 'expired');
    const stranded = expired.filter((bar) => bar.request.stranded);
    expect(stranded.length).toBeGreaterThan(0);
    for (const bar of stranded) {
      expect(bar.waiting).toBe(true);
      expect(bar.tailTo).toBe(result.recordingEnd);
      expect(bar.end).toBeLessThan(bar.tailTo!);
    }
    // A recovered episode leaves nobody waiting.
    expect(layoutOf((b) => correctReactive(b)).layout.lanes.flatMap((l) => l.bars).some((bar) => bar.waiting)).toBe(false);
  });

  it('shows an out-of-order replay as a replay number that differs from its original’s', () => {
    const { layout } = layoutOf((b) => outOfOrder(b));
    const pairs = layout.lanes.filter((l) => l.kind === 'chain').map((l) => [l.bars[0].originalNumber, l.bars[1].replayNumber]);
    expect(pairs).toEqual([[1, 2], [2, 3], [3, 1]]);
  });

  it('gives each refresh of a stampede a lane of its own', () => {
    const { layout } = layoutOf((b) => stampede(b));
    expect(layout.lanes.filter((l) => l.kind === 'refresh')).toHaveLength(3);
  });

  it('draws the time queued requests waited before they were sent', () => {
    const { layout } = layoutOf((b) => correctProactive(b));
    const queued = layout.lanes.filter((l) => l.kind === 'queued').flatMap((l) => l.bars);
    expect(queued).toHaveLength(2);
    for (const bar of queued) expect(bar.start - (bar.waitFrom ?? bar.start)).toBeGreaterThan(30);
  });

  it('drops the lanes, and whole episodes, that the filter hides', () => {
    const { result } = layoutOf((b) => correctReactive(b));
    const onlyRefresh = buildLayout(result, (r) => r.role === 'refresh');
    expect(onlyRefresh.lanes.map((l) => l.kind)).toEqual(['tokens', 'episode', 'refresh']);
    const nothing = buildLayout(result, () => false);
    expect(nothing.lanes.map((l) => l.kind)).toEqual(['tokens']);
  });
});

describe('navigations', () => {
  it('marks every page load after the first one', () => {
    const b = new TraceBuilder('s1');
    b.page(0);
    b.fetch('GET', '/api/a').start(1).end(5, 200);
    const c = new TraceBuilder('s2');
    c.page(100, 'https://app.example/next');
    c.fetch('GET', '/api/b').start(101).end(105, 200);
    const layout = buildLayout(analyzeEvents([...b.events(), ...c.events()]));
    expect(layout.navigations.map((n) => n.url)).toEqual(['https://app.example/next']);
  });
});

describe('packIntoLanes', () => {
  const bar = (start: number, end: number): Bar => ({ start, end, lane: 0, open: false, role: 'normal', request: {} as never });

  it('reuses a lane once it is free and never overlaps bars within a lane', () => {
    const lanes = packIntoLanes([bar(0, 10), bar(5, 15), bar(10, 20), bar(16, 30), bar(1, 2)]);
    expect(lanes.length).toBe(2);
    for (const lane of lanes) {
      for (let i = 1; i < lane.length; i++) expect(lane[i].start).toBeGreaterThanOrEqual(lane[i - 1].end);
    }
    expect(lanes.flat()).toHaveLength(5);
  });
});

describe('geometry and hit testing', () => {
  it('maps y to lanes and back', () => {
    expect(laneAt(laneTop(0) + 1, 10)).toBe(0);
    expect(laneAt(laneTop(5) + 1, 10)).toBe(5);
    expect(laneAt(laneTop(10) + 1, 10)).toBe(-1);
    expect(laneAt(5, 10)).toBe(-1);
    expect(visibleLanes(laneTop(3), laneTop(6) - 1, 10)).toEqual([3, 5]);
  });

  it('finds the bar under the pointer, with a few pixels of slop for thin bars', () => {
    const { layout } = layoutOf((b) => correctReactive(b));
    const scale = TimeScale.fit(layout.start, layout.end, 1000);
    const lane = layout.lanes.findIndex((l) => l.kind === 'chain');
    const replay = layout.lanes[lane].bars[1];
    const y = laneTop(lane) + 5;
    expect(hitBar(layout, scale, scale.x((replay.start + replay.end) / 2), y)).toBe(replay);
    expect(hitBar(layout, scale, scale.x(replay.end) + 2, y)).toBe(replay);
    expect(hitBar(layout, scale, scale.x(replay.end) + 40, y)).toBeUndefined();
    expect(hitBar(layout, scale, scale.x(replay.start), laneTop(0) + 3)).toBeUndefined();
  });
});
