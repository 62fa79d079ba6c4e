import { describe, expect, it } from 'vitest';
import { median, medianInterval, p10 } from './page-cpu';

/** Evenly spread values around `centre`: no randomness in the test itself. */
const spread = (n: number, centre: number, width: number) => Array.from({ length: n }, (_, i) => centre - width / 2 + (width * i) / (n - 1));

describe('page-cpu statistics', () => {
  it('median and 10th percentile', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(p10(spread(11, 5, 10))).toBe(1);
  });

  it('medianInterval holds the median, and narrows as rounds are added', () => {
    const few = spread(25, 1.1, 0.8);
    const many = spread(401, 1.1, 0.8);
    const [fewLow, fewHigh] = medianInterval(few);
    const [manyLow, manyHigh] = medianInterval(many);
    expect(fewLow).toBeLessThanOrEqual(median(few));
    expect(fewHigh).toBeGreaterThanOrEqual(median(few));
    expect(manyLow).toBeLessThanOrEqual(1.1);
    expect(manyHigh).toBeGreaterThanOrEqual(1.1);
    expect(manyHigh - manyLow).toBeLessThan((fewHigh - fewLow) / 2);
  });

  it('medianInterval is the same for the same samples, and a point for constant ones', () => {
    const xs = spread(51, 2, 1);
    expect(medianInterval(xs)).toEqual(medianInterval(xs));
    expect(medianInterval([7, 7, 7, 7])).toEqual([7, 7]);
    expect(medianInterval([])).toEqual([NaN, NaN]);
  });
});
