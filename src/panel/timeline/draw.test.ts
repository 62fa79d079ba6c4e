import { describe, expect, it } from 'vitest';
import { analyzeEvents } from '../../trace/model';
import { TraceBuilder } from '../../trace/testing/builder';
import { correctReactive, refreshFailsHanging, retryLoop } from '../../trace/testing/scenarios';
import { barTexts, failedBar } from './draw';
import { buildLayout } from './layout';
import type { Bar } from './layout-types';

function barsOf(scenario: (b: TraceBuilder) => unknown): Bar[] {
  const b = new TraceBuilder();
  scenario(b);
  return buildLayout(analyzeEvents(b.events())).lanes.flatMap((lane) => lane.bars);
}

describe('bar texts', () => {
  it('names a replay that succeeded by its numbers alone, and an expired request by its status', () => {
    const bars = barsOf((b) => correctReactive(b));
    const replays = bars.filter((bar) => bar.role === 'replay');
    expect(replays.length).toBe(3);
    for (const bar of replays) {
      expect(failedBar(bar)).toBe(false);
      expect(barTexts(bar)).toEqual([`#${bar.replayNumber} ← ${bar.originalNumber}`]);
    }
    expect(barTexts(bars.find((bar) => bar.role === 'expired')!)).toEqual(['401']);
    expect(barTexts(bars.find((bar) => bar.role === 'refresh')!)).toEqual(['refresh']);
  });

  it('says a replay was refused again: its numbers and status, or the status alone where the bar is short', () => {
    const replays = barsOf((b) => retryLoop(b)).filter((bar) => bar.role === 'replay');
    expect(replays.length).toBe(3);
    for (const bar of replays) {
      expect(failedBar(bar)).toBe(true);
      expect(barTexts(bar)).toEqual([`#${bar.replayNumber} ← ${bar.originalNumber} · 401`, '401']);
    }
  });

  it('says a refresh failed', () => {
    const refresh = barsOf((b) => refreshFailsHanging(b)).find((bar) => bar.role === 'refresh')!;
    expect(failedBar(refresh)).toBe(true);
    expect(barTexts(refresh)).toEqual(['refresh · 500', '500']);
  });
});
