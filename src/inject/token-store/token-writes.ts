/**
 * Turns a write to a token store into a `token-write` event, when it is a
 * token: a token-like key (isTokenLikeKey) or a value that is, or contains,
 * a JWT (apps store `{"accessToken":"eyJ..."}` under keys like `persist:root`).
 * The raw value goes through ctx.tokenRef and never into the event.
 */
import type { TokenRef, TokenStore } from '../../protocol';
import { isTokenLikeKey, looksLikeJwt } from '../../tokens';
import type { InjectContext } from '../context';
import { clip } from '../request-headers';
import { cookieValueForToken, parseCookieWrite } from './cookie-string';
import { exec, indexOf } from '../../protocol/intrinsics';

const EMBEDDED_JWT = /eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/;
/** Large values (cached app state) are not scanned for an embedded JWT: too slow per write. */
const SCAN_LIMIT = 64 * 1024;

/** The token held by `value` under `key`, or undefined when neither looks like one. */
export function tokenIn(key: string, value: string): string | undefined {
  if (looksLikeJwt(value)) return value;
  if (value.length <= SCAN_LIMIT && indexOf(value, 'eyJ') !== -1) {
    const match = exec(EMBEDDED_JWT, value);
    if (match) return match[0];
  }
  return isTokenLikeKey(key) && value !== '' ? value : undefined;
}

export interface WriteDetails {
  expires?: string;
  maxAge?: number;
}

export class TokenWrites {
  constructor(private readonly ctx: InjectContext) {}

  private emit(store: TokenStore, key: string, token: TokenRef | undefined, details: WriteDetails): void {
    this.ctx.emit({
      type: 'token-write',
      t: this.ctx.now(),
      store,
      key: clip(key),
      op: token ? 'set' : 'remove',
      ...(token ? { token } : {}),
      ...(details.expires !== undefined ? { expires: clip(details.expires) } : {}),
      ...(details.maxAge !== undefined ? { maxAge: details.maxAge } : {}),
    });
  }

  set(store: TokenStore, key: string, value: string, details: WriteDetails = {}): void {
    const raw = tokenIn(key, value);
    if (raw !== undefined) this.emit(store, key, this.ctx.tokenRef(raw), details);
  }

  remove(store: TokenStore, key: string, details: WriteDetails = {}): void {
    if (isTokenLikeKey(key)) this.emit(store, key, undefined, details);
  }

  /** `document.cookie = text`, after the browser accepted it. */
  cookie(text: string): void {
    const write = parseCookieWrite(text, this.ctx.now());
    const details = { expires: write.expires, maxAge: write.maxAge };
    if (write.removal) this.remove('cookie', write.name, details);
    else this.set('cookie', write.name, cookieValueForToken(write.value), details);
  }
}
