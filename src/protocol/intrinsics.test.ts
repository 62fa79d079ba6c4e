import { describe, expect, it } from 'vitest';
import { OwnMap, split, test, trim } from './intrinsics';

describe('intrinsics', () => {
  it('split cuts as String.prototype.split does', () => {
    for (const [text, sep] of [['', ';'], [';', ';'], ['a;b;;c;', ';'], ['a=1&b', '&'], ['no separator', '&'], ['a::b::', '::']]) {
      expect(split(text, sep)).toEqual(text.split(sep));
    }
  });

  it('keeps working after the page replaces the prototype methods', () => {
    const { get } = Map.prototype;
    const { split: stringSplit, trim: stringTrim } = String.prototype;
    const { exec } = RegExp.prototype;
    const broken = () => {
      throw new Error('a page replacement ran');
    };
    Map.prototype.get = broken;
    String.prototype.split = broken;
    String.prototype.trim = broken;
    RegExp.prototype.exec = broken;
    try {
      expect(new OwnMap([['a', 1]]).get('a')).toBe(1);
      expect(split('a;b', ';')).toEqual(['a', 'b']);
      expect(trim('  x ')).toBe('x');
      expect(test(/^x/, 'xy')).toBe(true);
    } finally {
      Map.prototype.get = get;
      String.prototype.split = stringSplit;
      String.prototype.trim = stringTrim;
      RegExp.prototype.exec = exec;
    }
  });
});
