import { describe, expect, it } from 'vitest';
import { DEFAULT_IDLE_MS, DEFAULT_TIMEOUT_MS, parseArgs } from './args';
import { parseDuration } from './duration';
import { UsageError } from './errors';

const URL_ = 'http://127.0.0.1:5178/?scenario=reactive&run=1';

describe('parseArgs: record', () => {
  it('has defaults for everything but the URL', () => {
    expect(parseArgs(['record', URL_])).toEqual({
      kind: 'record', url: URL_, json: false, idleMs: DEFAULT_IDLE_MS, timeoutMs: DEFAULT_TIMEOUT_MS, headed: false,
    });
  });

  it('takes every option, as --name value and --name=value', () => {
    const argv = ['record', '--out', 'trace.json', '--json', '--idle=1.5s', '--timeout', '90s', '--steps=login.mjs', '--headed', '--stranded-after', '2000ms', URL_];
    expect(parseArgs(argv)).toEqual({
      kind: 'record', url: URL_, out: 'trace.json', json: true, idleMs: 1500, timeoutMs: 90_000, steps: 'login.mjs', headed: true, strandedAfterMs: 2000,
    });
  });

  it('normalises the URL', () => {
    expect(parseArgs(['record', 'http://localhost:3000'])).toMatchObject({ url: 'http://localhost:3000/' });
  });

  it('takes a positional after --', () => {
    expect(parseArgs(['record', '--json', '--', URL_])).toMatchObject({ url: URL_, json: true });
  });
});

describe('parseArgs: analyze', () => {
  it('takes a file, --json and --stranded-after', () => {
    expect(parseArgs(['analyze', 'a.har'])).toEqual({ kind: 'analyze', file: 'a.har', json: false });
    expect(parseArgs(['analyze', '--json', 'a.har', '--stranded-after', '3s'])).toEqual({ kind: 'analyze', file: 'a.har', json: true, strandedAfterMs: 3000 });
  });
});

describe('parseArgs: help and version', () => {
  it.each([[['--help']], [['-h']], [['help']], [['record', '--help']], [['analyze', 'x', '-h']]])('%j is help', (argv) => {
    expect(parseArgs(argv)).toEqual({ kind: 'help' });
  });
  it('--version', () => expect(parseArgs(['--version'])).toEqual({ kind: 'version' }));
});

describe('parseArgs: bad usage is a UsageError that says what is wrong', () => {
  const cases: Array<[string[], RegExp]> = [
    [[], /no command given/],
    [['replay', URL_], /unknown command "replay"/],
    [['record'], /record needs a URL/],
    [['analyze'], /analyze needs a file/],
    [['record', URL_, 'http://other/'], /takes one URL, got 2/],
    [['record', 'not a url'], /"not a url" is not a URL/],
    [['record', 'file:///tmp/x.html'], /not an http\(s\) URL/],
    [['record', URL_, '--bogus'], /unknown option "--bogus" for record/],
    [['record', URL_, '-x'], /unknown option "-x"/],
    [['analyze', 'a.json', '--out', 'b.json'], /--out is for record, not analyze/],
    [['analyze', 'a.json', '--headed'], /--headed is for record, not analyze/],
    [['record', URL_, '--json', '--json'], /--json is given twice/],
    [['record', URL_, '--json=yes'], /--json takes no value/],
    [['record', URL_, '--out'], /--out needs a value/],
    [['record', URL_, '--out='], /--out needs a value/],
    [['record', URL_, '--idle', 'soon'], /--idle wants a duration .* got "soon"/],
    [['record', URL_, '--timeout', '0'], /--timeout wants a duration/],
    [['record', URL_, '--idle', '5s', '--timeout', '4s'], /--timeout \(4000 ms\) must be longer than --idle \(5000 ms\)/],
    [['analyze', 'a.json', '--stranded-after', '-1'], /unknown option "-1"|--stranded-after needs a value|wants a duration/],
  ];
  it.each(cases)('%j', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
    expect(() => parseArgs(argv)).toThrow(message);
  });
});

describe('parseDuration', () => {
  it.each([
    ['1500', 1500],
    ['1500ms', 1500],
    ['1.5s', 1500],
    ['2s', 2000],
    [' 250 ', 250],
  ])('%s is %d ms', (raw, value) => expect(parseDuration(raw)).toBe(value));
  it.each(['', '0', '-5', 's', '1m', '1.5.2s', 'NaN'])('%j is not a duration', (raw) => expect(parseDuration(raw)).toBeUndefined());
});
