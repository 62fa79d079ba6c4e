import { describe, expect, it } from 'vitest';
import { idMaker, Ids, increment } from './ids';

describe('increment', () => {
  it('counts in decimal, carrying through nines', () => {
    expect(increment('')).toBe('1');
    expect(increment('8')).toBe('9');
    expect(increment('9')).toBe('10');
    expect(increment('199')).toBe('200');
    expect(increment('999')).toBe('1000');
    expect(increment('12345678901234567899')).toBe('12345678901234567900');
  });
});

describe('idMaker', () => {
  it('gives the same ids as a number counter shared by every prefix', () => {
    const next = idMaker();
    const prefixes = ['axr', 'axr', 'x', 'axi', 'axr', 'f'];
    for (let n = 1; n <= 25_000; n++) {
      const prefix = prefixes[n % prefixes.length];
      const id = next(prefix);
      if (id !== `${prefix}${n}`) expect(id).toBe(`${prefix}${n}`);
    }
  });

  it('keeps the count per maker', () => {
    const a = idMaker();
    const b = idMaker();
    expect([a('axr'), a('axr'), b('axr'), a('f')]).toEqual(['axr1', 'axr2', 'axr1', 'f3']);
  });

  it('tells the number of the id it made last, as a number', () => {
    const ids = new Ids();
    const prefixes = ['axr', 'x', 'axi', 'f'];
    for (let n = 1; n <= 2_500; n++) {
      const id = ids.next(prefixes[n % 4]);
      if (ids.last !== n || id !== `${prefixes[n % 4]}${ids.last}`) expect([id, ids.last]).toEqual([`${prefixes[n % 4]}${n}`, n]);
    }
  });
});
