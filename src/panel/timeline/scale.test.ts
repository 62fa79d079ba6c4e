import { describe, expect, it } from 'vitest';
import { tickLabel, TimeScale } from './scale';

describe('TimeScale', () => {
  it('maps time to pixels and back', () => {
    const s = new TimeScale(1000, 2000, 500);
    expect(s.x(1500)).toBe(250);
    expect(s.t(250)).toBe(1500);
    expect(s.msPerPixel).toBe(2);
  });

  it('zooms around the anchor, keeping the time under it in place, within limits', () => {
    const s = new TimeScale(0, 1000, 1000);
    const z = s.zoomAt(4, 750);
    expect(z.span).toBe(250);
    expect(z.t(750)).toBeCloseTo(750);
    expect(s.zoomAt(1e9, 0, 0.05).span).toBe(0.05);
    expect(s.zoomAt(1e-9, 0, 0.05, 5000).span).toBe(5000);
  });

  it('pans by pixels, the content following the pointer', () => {
    const s = new TimeScale(0, 1000, 500).panBy(50);
    expect(s.start).toBe(-100);
    expect(s.end).toBe(900);
  });

  it('fits a range with a margin', () => {
    const s = TimeScale.fit(100, 200, 1000, 0.1);
    expect([s.start, s.end]).toEqual([90, 210]);
  });

  it('chooses nice tick intervals about the asked gap apart', () => {
    const { interval, times } = new TimeScale(0, 1000, 1000).ticks(90);
    expect(interval).toBe(100);
    expect(times[0]).toBe(0);
    expect(times.at(-1)).toBe(1000);
    expect(new TimeScale(3, 8, 1000).ticks(100).interval).toBe(0.5);
    expect(new TimeScale(0, 60_000, 600).ticks(90).interval).toBe(10_000);
    expect(new TimeScale(1042, 2042, 1000).ticks(90, 1000).times.slice(0, 2)).toEqual([1100, 1200]);
  });

  it('labels ticks relative to the origin in a unit that suits the interval', () => {
    expect(tickLabel(1250, 1000, 50)).toBe('250 ms');
    expect(tickLabel(2500, 1000, 500)).toBe('1500 ms');
    expect(tickLabel(2500, 1000, 1000)).toBe('1.5 s');
    expect(tickLabel(31_000, 1000, 10_000)).toBe('30 s');
  });
});
