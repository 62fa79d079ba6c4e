import { describe, expect, it } from 'vitest';
import { describeToken, formatMs } from './format';

describe('formatMs', () => {
  it('writes a duration in the unit it is best read in, as the Network panel does', () => {
    expect([0.4, 12.4, 999.4, 1000, 59_994, 60_000, 90 * 60_000, 3 * 3_600_000, 36 * 3_600_000, 3 * 86_400_000, 400 * 86_400_000].map(formatMs)).toEqual([
      '<1 ms',
      '12 ms',
      '999 ms',
      '1.00 s',
      '59.99 s',
      '1.0 min',
      '1.5 h',
      '3.0 h',
      '1.5 days',
      '3.0 days',
      '1.1 years',
    ]);
  });
});

describe('describeToken', () => {
  it('gives a token expired years before in years, not in seconds', () => {
    const at = Date.UTC(2026, 0, 1);
    const token = { fp: '79cf2e0123ab', kind: 'jwt' as const, exp: Date.UTC(2020, 0, 1) / 1000 };
    expect(describeToken(token, at)).toBe('79cf2e · exp −6.0 years');
    expect(describeToken({ ...token, exp: (at + 4200) / 1000 }, at)).toBe('79cf2e · exp +4.20 s');
    expect(describeToken({ fp: 'opaque123456', kind: 'opaque' }, at)).toBe('opaque123456');
  });
});
