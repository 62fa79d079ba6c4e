import { describe, expect, it } from 'vitest';
import { ellipsize, TextFitter } from './text-fit';

/** Every character 6 px wide, as a monospace font would be. */
const mono = (text: string) => text.length * 6;

describe('ellipsize', () => {
  it('keeps text that fits', () => {
    expect(ellipsize('/api/profile', 72, mono)).toBe('/api/profile');
  });

  it('cuts text that does not, with an ellipsis, to the longest prefix that fits', () => {
    const cut = ellipsize('e1: 5 requests expired → 1 refresh', 60, mono);
    expect(cut).toBe('e1: 5 req…');
    expect(mono(cut)).toBeLessThanOrEqual(60);
    expect(mono(ellipsize('e1: 5 requests expired → 1 refresh', 66, mono))).toBeLessThanOrEqual(66);
  });

  it('gives nothing where not even the ellipsis fits', () => {
    expect(ellipsize('abc', 5, mono)).toBe('');
    expect(ellipsize('abc', 0, mono)).toBe('');
  });

  it('does not leave a space before the ellipsis', () => {
    expect(ellipsize('ab cd', 24, mono)).toBe('ab…');
  });
});

describe('TextFitter', () => {
  it('measures a text and width once, and again when the font changes', () => {
    let measured = 0;
    const ctx = { font: '11px a', measureText: (t: string) => (measured++, { width: mono(t) }) };
    const fitter = new TextFitter();
    const first = fitter.fit(ctx, '/api/settings?latency=200', 60);
    const calls = measured;
    expect(fitter.fit(ctx, '/api/settings?latency=200', 60)).toBe(first);
    expect(measured).toBe(calls);
    ctx.font = '12px a';
    fitter.fit(ctx, '/api/settings?latency=200', 60);
    expect(measured).toBeGreaterThan(calls);
  });
});
