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

export function formatMs(ms: number): string {
  if (ms < 1) return '<1 ms';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

/** Fingerprint and expiry relative to a moment, e.g. "a1b2c3 · exp +4.2 s". */
export function describeToken(token: TokenRef, at: number): string {
  if (token.exp === undefined) return token.fp;
  const left = token.exp * 1000 - at;
  const sign = left >= 0 ? '+' : '−';
  return `${token.fp.slice(0, 6)} · exp ${sign}${formatMs(Math.abs(left))}`;
}
