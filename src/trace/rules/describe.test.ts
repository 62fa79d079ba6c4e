import { describe, expect, it } from 'vitest';
import { duration } from './describe';

describe('duration', () => {
  it('reads a span in ms, s, min, h, days or years as it grows, whatever its sign', () => {
    const cases: Array<[number, string]> = [
      [340, '340 ms'],
      [-1500, '1.5 s'],
      [60_000, '60 s'],
      [119_000, '119 s'],
      [120_000, '2 min'],
      [90 * 60_000, '90 min'],
      [2 * 3_600_000, '2 h'],
      [30 * 3_600_000, '30 h'],
      [3 * 86_400_000, '3 days'],
      [700 * 86_400_000, '700 days'],
      [-1_666_662 * 60_000, '3.2 years'],
    ];
    for (const [ms, text] of cases) expect(duration(ms), String(ms)).toBe(text);
  });
});
