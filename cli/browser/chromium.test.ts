import { describe, expect, it } from 'vitest';
import { CliError } from '../errors';
import { DEFAULT_CHROMIUM, findChromium } from './chromium';
import { chromiumArgs } from './launch';

describe('findChromium', () => {
  const only = (...paths: string[]) => (p: string) => paths.includes(p);

  it('prefers CHROME_PATH, then /usr/bin/chromium', () => {
    expect(findChromium({ CHROME_PATH: '/opt/chrome' }, only('/opt/chrome', DEFAULT_CHROMIUM))).toBe('/opt/chrome');
    expect(findChromium({}, only(DEFAULT_CHROMIUM))).toBe(DEFAULT_CHROMIUM);
  });

  it('says how to install Chromium when there is none', () => {
    expect(() => findChromium({}, only())).toThrow(CliError);
    expect(() => findChromium({}, only())).toThrow(/no Chromium found at \/usr\/bin\/chromium: install it \(.*apt-get install -y chromium\) or set CHROME_PATH/);
  });

  it('does not fall back when CHROME_PATH names a missing file', () => {
    expect(() => findChromium({ CHROME_PATH: '/nope' }, only(DEFAULT_CHROMIUM))).toThrow(/CHROME_PATH is \/nope, which does not exist/);
  });
});

describe('chromiumArgs', () => {
  it('loads only our extension, with the quiet CI flags; --no-sandbox only as root', () => {
    const args = chromiumArgs('/repo/extension', false);
    expect(args).toEqual([
      '--disable-extensions-except=/repo/extension',
      '--load-extension=/repo/extension',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ]);
    expect(chromiumArgs('/repo/extension', true)).toEqual([...args, '--no-sandbox']);
  });
});
