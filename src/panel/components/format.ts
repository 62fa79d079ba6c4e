import type { TokenRef } from '../../protocol';

export function splitUrl(url: string): { path: string; host: string } {
  try {
    const u = new URL(url);
    return { path: `${u.pathname}${u.search}`, host: u.host };
  } catch {
    return { path: url, host: '' };
  }
}

/** "GET /api/items/1?x=2": how the panel names a request in text. */
export function requestName(method: string, url: string): string {
  return `${method} ${splitUrl(url).path}`;
}

/** The path alone, for short labels; a relative URL is read against a placeholder origin. */
export function pathOnly(url: string): string {
  try {
    return new URL(url, 'http://x').pathname;
  } catch {
    return url;
  }
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A duration as the Network panel shows one: ms, then s, min, h, days and years as it grows. */
export function formatMs(ms: number): string {
  if (ms < 1) return '<1 ms';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < MINUTE) return `${(ms / 1000).toFixed(2)} s`;
  if (ms < HOUR) return `${(ms / MINUTE).toFixed(1)} min`;
  if (ms < DAY) return `${(ms / HOUR).toFixed(1)} h`;
  if (ms < 365 * DAY) return `${(ms / DAY).toFixed(1)} days`;
  return `${(ms / (365.25 * DAY)).toFixed(1)} years`;
}

/** Fingerprint and expiry relative to a moment, e.g. "a1b2c3 · exp +4.2 s". */
export function describeToken(token: TokenRef, at: number): string {
  if (token.exp === undefined) return token.fp;
  const left = token.exp * 1000 - at;
  const sign = left >= 0 ? '+' : '−';
  return `${token.fp.slice(0, 6)} · exp ${sign}${formatMs(Math.abs(left))}`;
}
