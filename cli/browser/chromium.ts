/**
 * The browser binary: CHROME_PATH, else Debian's /usr/bin/chromium. We never
 * download one (playwright-core has no bundled browser), so a missing binary
 * is a CliError that says how to get it.
 */
import { existsSync } from 'node:fs';
import { CliError } from '../errors';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

export function findChromium(env: NodeJS.ProcessEnv = process.env, exists: (path: string) => boolean = existsSync): string {
  const fromEnv = env.CHROME_PATH;
  if (fromEnv) {
    if (exists(fromEnv)) return fromEnv;
    throw new CliError(`CHROME_PATH is ${fromEnv}, which does not exist: point it at a Chromium or Chrome binary`);
  }
  if (exists(DEFAULT_CHROMIUM)) return DEFAULT_CHROMIUM;
  throw new CliError(
    `no Chromium found at ${DEFAULT_CHROMIUM}: install it (Debian/Ubuntu: sudo apt-get install -y chromium) ` +
      'or set CHROME_PATH to a Chromium or Chrome binary',
  );
}
