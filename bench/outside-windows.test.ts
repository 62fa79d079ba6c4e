import { describe, expect, it } from 'vitest';
import { outsidePerRequest, sumPhase } from './outside-windows';

const phase = (outsideUs: number, requests: Record<string, number>) => ({ outsideUs, requests });

describe('outsidePerRequest', () => {
  it('prices a kind by the phase that ran it alone, and shares the rest of a mixed phase among the other kinds', () => {
    const perRequest = outsidePerRequest(
      [
        // Mixed: 30,000 zero requests at 0.25 µs explain 7,500 µs; the 9,000 µs over bare's left go to 3,000 network requests.
        { variant: phase(20_000, { zero: 30_000, xhr: 1_500, fetch: 1_500 }), bare: phase(3_500, { zero: 30_000, xhr: 1_500, fetch: 1_500 }) },
        { variant: phase(32_000, { zero: 120_000 }), bare: phase(2_000, { zero: 120_000 }) },
      ],
      'zero',
    );
    expect(perRequest.zero).toBeCloseTo(0.25, 9);
    expect(perRequest.xhr).toBeCloseTo(3, 9);
    expect(perRequest.fetch).toBeCloseTo(3, 9);
  });

  it('shares a mixed phase among all its kinds when none ran alone, and keeps a negative figure', () => {
    const perRequest = outsidePerRequest([{ variant: phase(1_000, { zero: 900, xhr: 100 }), bare: phase(1_500, { zero: 900, xhr: 100 }) }], 'zero');
    expect(perRequest).toEqual({ zero: -0.5, xhr: -0.5 });
  });

  it('sums a variant’s tabs', () => {
    expect(sumPhase([phase(1, { zero: 2 }), phase(3, { zero: 4, xhr: 1 })])).toEqual(phase(4, { zero: 6, xhr: 1 }));
  });
});
