/**
 * HttpOnly cookies are invisible to the page, so the background reports
 * their changes from chrome.cookies.onChanged. Pure helpers, no extension
 * API: the background decides which tab a change belongs to with
 * `cookieAppliesToUrl` (the tab's URL), then turns it into a `token-write`
 * event with `httpOnlyChangeToEvent` (salted fingerprint from the tab's
 * TokenIdentity, so it matches the fingerprints the page reports).
 */
import type { TokenRef, TokenWriteEvent } from '../protocol';
import { cookieValueForToken } from '../inject/token-store/cookie-string';
import { isTokenLikeKey, looksLikeJwt } from '../tokens';

export interface CookieScope {
  domain: string;
  path: string;
  secure: boolean;
  hostOnly: boolean;
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

function isIp(host: string): boolean {
  return IPV4.test(host) || host.startsWith('[');
}

/** RFC 6265 5.1.3: the host is the domain, or (not for IP addresses) a subdomain of it. */
function domainMatches(host: string, cookie: CookieScope): boolean {
  const domain = cookie.domain.toLowerCase().replace(/^\./, '');
  if (host === domain) return true;
  return !cookie.hostOnly && !isIp(host) && host.endsWith(`.${domain}`);
}

/** RFC 6265 5.1.4: equal, or a prefix ending at a '/' boundary. */
function pathMatches(requestPath: string, cookiePath: string): boolean {
  const path = requestPath || '/';
  if (path === cookiePath) return true;
  if (!path.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || path[cookiePath.length] === '/';
}

/**
 * Whether the browser would send `cookie` with a request to `url`. Secure
 * cookies go to https/wss, and to loopback hosts, which Chromium treats as
 * secure for cookies.
 */
export function cookieAppliesToUrl(cookie: CookieScope, url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (!['http:', 'https:', 'ws:', 'wss:'].includes(u.protocol)) return false;
  const host = u.hostname.toLowerCase();
  if (cookie.secure && u.protocol !== 'https:' && u.protocol !== 'wss:' && !LOOPBACK.has(host)) return false;
  return domainMatches(host, cookie) && pathMatches(u.pathname, cookie.path);
}

export interface CookieChange {
  cookie: { name: string; value: string; domain: string; path: string; httpOnly: boolean; expirationDate?: number };
  removed: boolean;
  cause: string;
}

/**
 * The `token-write` event for a change to an HttpOnly cookie holding a token
 * (token-like name or JWT value), or undefined. Chrome reports an overwrite
 * as a removal (cause 'overwrite') followed by the new cookie: the removal
 * half is dropped, so an overwrite is one 'set'.
 */
export function httpOnlyChangeToEvent(
  change: CookieChange,
  tokenRef: (raw: string) => TokenRef,
  t: number,
): Omit<TokenWriteEvent, 'seq'> | undefined {
  const { cookie, removed, cause } = change;
  if (!cookie.httpOnly) return undefined;
  const value = cookieValueForToken(cookie.value);
  if (!isTokenLikeKey(cookie.name) && !looksLikeJwt(value)) return undefined;
  if (removed && cause === 'overwrite') return undefined;
  const expires =
    typeof cookie.expirationDate === 'number' && Number.isFinite(cookie.expirationDate)
      ? new Date(cookie.expirationDate * 1000).toUTCString()
      : undefined;
  const base = { type: 'token-write' as const, t, store: 'httpOnlyCookie' as const, key: cookie.name, ...(expires ? { expires } : {}) };
  if (removed) return { ...base, op: 'remove' };
  return { ...base, op: 'set', token: tokenRef(value) };
}
