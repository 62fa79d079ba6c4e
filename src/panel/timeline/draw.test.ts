import { describe, expect, it } from 'vitest';
import { analyzeEvents } from '../../trace/model';
import { TraceBuilder } from '../../trace/testing/builder';
import { correctReactive, refreshFailsHanging, retryLoop } from '../../trace/testing/scenarios';
import { axisLabels, barTexts, failedBar, GUTTER, placeBarText } from './draw';
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

describe('axis labels', () => {
  it('leaves out a label the right edge would cut, and any over the gutter', () => {
    const x = (t: number) => GUTTER + t;
    const label = (t: number) => `${t} ms`;
    // 7 px a character: "1000 ms" is 49 px wide.
    const labels = axisLabels([-100, 0, 400, 800, 1000], x, label, GUTTER + 1040, (text) => text.length * 7);
    expect(labels.map((l) => l.text)).toEqual(['400 ms', '800 ms']);
    expect(labels[0].x).toBe(GUTTER + 403);
    // With room for it, the last one is drawn.
    expect(axisLabels([1000], x, label, GUTTER + 1052, (text) => text.length * 7).map((l) => l.text)).toEqual(['1000 ms']);
  });
});

describe('bar text placement', () => {
  // 7 px a character.
  const measure = (text: string) => text.length * 7;

  it('puts the longest text that fits inside the bar', () => {
    expect(placeBarText(['#6 ← 6 · 401', '401'], 100, 120, 0, measure)).toEqual({ text: '#6 ← 6 · 401', x: 103, maxWidth: 114, inside: true });
    expect(placeBarText(['#6 ← 6 · 401', '401'], 100, 40, 0, measure)).toEqual({ text: '401', x: 103, maxWidth: 34, inside: true });
  });

  it('puts it right of a short bar when the lane has room there, else leaves it out', () => {
    // "#1 ← 1" is 42 px: too wide for a 40 px bar, and it needs 50 px of room beside it.
    expect(placeBarText(['#1 ← 1'], 100, 40, 50, measure)).toEqual({ text: '#1 ← 1', x: 144, maxWidth: 42, inside: false });
    expect(placeBarText(['#1 ← 1'], 100, 40, 49, measure)).toBeUndefined();
    // Outside, the shorter text where only it fits.
    expect(placeBarText(['#6 ← 6 · 401', '401'], 100, 10, 40, measure)).toEqual({ text: '401', x: 114, maxWidth: 32, inside: false });
  });
});
