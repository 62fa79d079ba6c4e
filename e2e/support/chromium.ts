import { existsSync } from 'node:fs';

/** Chromium from CHROME_PATH or Debian's package; a clear error when there is none. */
export function findChromium(): string {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium'].filter((p): p is string => Boolean(p));
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      `No Chromium found (looked at ${candidates.join(', ')}). Install it with "apt-get install -y chromium" ` +
        'or set CHROME_PATH to a Chromium or Chrome binary.',
    );
  }
  return found;
}
