import type { TokenRef } from '../protocol';
import { OwnMap, slice } from '../protocol/intrinsics';
import { decodeJwtClaims, type Claims } from './jwt-claims';
import { sha256Hex } from './sha256';

const FINGERPRINT_HEX = 12;
const CACHE_LIMIT = 64;

/**
 * Turns raw token values into fingerprints. The salt comes from the extension
 * (one per tab recording, so fingerprints stay stable across reloads), and it
 * arrives a few milliseconds after the page script starts: refs made before
 * that are filled in when it arrives. Raw values stay in this object, in the page.
 */
export class TokenIdentity {
  private salt: string | undefined;
  private pending: Array<{ ref: TokenRef; raw: string }> = [];
  // axios sends the same token on every request: hashing it once is what keeps
  // the per-request cost in microseconds.
  private cache = new OwnMap<string, string>();
  // Decoding a JWT's claims costs more than hashing: remember them too.
  private claims = new OwnMap<string, Claims | undefined>();

  get ready(): boolean {
    return this.salt !== undefined;
  }

  setSalt(salt: string): void {
    if (salt === this.salt) return;
    this.salt = salt;
    this.cache.clear();
    const pending = this.pending;
    for (let i = 0; i < pending.length; i++) pending[i].ref.fp = this.fingerprint(pending[i].raw);
    this.pending = [];
  }

  /** The last raw value and its ref: axios sends the same token on every request, and a ref never changes once made. */
  private last: { raw: string; ref: TokenRef; salt: string | undefined } | undefined;

  /**
   * Refs made under the current salt, by raw value: a page that sends two
   * credentials on every request (a bearer token and a CSRF token) gets the
   * same ref objects each time, so its headers stay the same object too
   * (request-headers.ts).
   */
  private refs = new OwnMap<string, TokenRef>();
  private refsSalt: string | undefined;

  ref(raw: string): TokenRef {
    const last = this.last;
    // Compared by content, which costs less than hashing the value for a map lookup.
    if (last !== undefined && last.raw === raw && last.salt === this.salt) return last.ref;
    if (this.refsSalt !== this.salt) {
      this.refs.clear();
      this.refsSalt = this.salt;
    }
    let ref = this.refs.get(raw);
    if (ref === undefined) {
      ref = this.make(raw);
      if (this.refs.size >= CACHE_LIMIT) this.refs.clear();
      this.refs.set(raw, ref);
    }
    this.last = { raw, ref, salt: this.salt };
    return ref;
  }

  private make(raw: string): TokenRef {
    let claims = this.claims.get(raw);
    if (claims === undefined && !this.claims.has(raw)) {
      claims = decodeJwtClaims(raw);
      if (this.claims.size >= CACHE_LIMIT) this.claims.clear();
      this.claims.set(raw, claims);
    }
    const ref: TokenRef = { fp: '', kind: claims ? 'jwt' : 'opaque' };
    if (claims?.exp !== undefined) ref.exp = claims.exp;
    if (claims?.iat !== undefined) ref.iat = claims.iat;
    if (claims?.sub !== undefined) ref.sub = claims.sub;
    if (this.salt === undefined) this.pending[this.pending.length] = { ref, raw };
    else ref.fp = this.fingerprint(raw);
    return ref;
  }

  private fingerprint(raw: string): string {
    let fp = this.cache.get(raw);
    if (fp === undefined) {
      fp = slice(sha256Hex(`${this.salt}\u0000${raw}`), 0, FINGERPRINT_HEX);
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
      this.cache.set(raw, fp);
    }
    return fp;
  }
}
