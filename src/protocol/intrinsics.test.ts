import { describe, expect, it } from 'vitest';
import { applyArgs, callWith, OwnMap, split, test, trim } from './intrinsics';

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

  it('applyArgs passes on the receiver, the arguments and their number, and the result or the exception, as Reflect.apply does', () => {
    function seen(this: unknown, ...args: unknown[]) {
      return { self: this, args, count: arguments.length };
    }
    const self = { name: 'receiver' };
    for (const args of [[], [1], [1, undefined], ['a', 'b', 'c'], [undefined]]) {
      expect(applyArgs(seen, self, args)).toEqual(Reflect.apply(seen, self, args));
      // An arguments object, as the hooks pass on.
      const viaArguments = function (this: unknown) {
        // eslint-disable-next-line prefer-rest-params
        return applyArgs(seen, this, arguments);
      };
      expect(Reflect.apply(viaArguments, self, args)).toEqual({ self, args, count: args.length });
    }
    const error = new Error('from the app');
    expect(() =>
      applyArgs(
        () => {
          throw error;
        },
        undefined,
        [1],
      ),
    ).toThrow(error);
  });

  it('callWith and applyArgs call the engine\'s own call, whatever the page replaced since', () => {
    const { call, apply } = Function.prototype;
    const broken = () => {
      throw new Error('a page replacement ran');
    };
    let results: unknown[];
    // Asserted once restored: the test framework calls them itself.
    Function.prototype.call = broken;
    Function.prototype.apply = broken;
    try {
      results = [callWith((a: number, b: number) => a + b, undefined, 2, 3), applyArgs(Math.max, undefined, [4, 9])];
    } catch (error) {
      results = [error];
    } finally {
      Function.prototype.call = call;
      Function.prototype.apply = apply;
    }
    expect(results).toEqual([5, 9]);
  });
});
