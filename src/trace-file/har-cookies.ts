/**
 * Token writes from a HAR response's Set-Cookie headers: the page script
 * sees these only as HttpOnly cookie changes, a HAR sees them all.
 */
import type { TokenRef, TokenStore } from '../protocol';
import { cookieValueForToken, parseCookieWrite } from '../inject/token-store/cookie-string';
import { clip } from '../inject/request-headers';
import { isTokenLikeKey, type TokenIdentity } from '../tokens';
import type { HarNameValue } from './har-types';

export interface CookieTokenWrite {
  store: TokenStore;
  key: string;
  op: 'set' | 'remove';
  token?: TokenRef;
  expires?: string;
  maxAge?: number;
}

export function cookieWrites(headers: readonly HarNameValue[], identity: TokenIdentity, now = Date.now()): CookieTokenWrite[] {
  const out: CookieTokenWrite[] = [];
  for (const h of headers) {
    if (h.name.toLowerCase() !== 'set-cookie') continue;
    // Chrome joins several Set-Cookie headers into one value, one per line.
    for (const line of h.value.split('\n')) {
      const write = parseCookieWrite(line, now);
      if (!write.name || !isTokenLikeKey(write.name)) continue;
      const store: TokenStore = /;\s*httponly\s*(;|$)/i.test(line) ? 'httpOnlyCookie' : 'cookie';
      const lifetime = { ...(write.expires ? { expires: clip(write.expires) } : {}), ...(write.maxAge !== undefined ? { maxAge: write.maxAge } : {}) };
      if (write.removal || write.value === '') out.push({ store, key: clip(write.name), op: 'remove', ...lifetime });
      else out.push({ store, key: clip(write.name), op: 'set', token: identity.ref(cookieValueForToken(write.value)), ...lifetime });
    }
  }
  return out;
}
