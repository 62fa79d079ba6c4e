// Token issuing for the demo: signed JWT access tokens and rotating,
// single-use refresh tokens. One `AuthService` per server start, with its own
// random secret, so tokens from an earlier run are simply invalid.
import { randomBytes } from 'node:crypto';
import { signJwt, verifyJwt, type JwtClaims } from './jwt';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** When the access token expires, in epoch milliseconds (exp * 1000). */
  expiresAt: number;
  tokenType: 'Bearer';
}

export type RefreshResult =
  | { ok: true; pair: TokenPair; sid: string }
  | { ok: false; reason: 'unknown-refresh-token' | 'refresh-token-reused' };

export type AccessResult =
  | { ok: true; claims: JwtClaims & { sid: string } }
  | { ok: false; reason: string };

interface RefreshRecord {
  sub: string;
  sid: string;
  used: boolean;
}

const randomId = (bytes = 16) => randomBytes(bytes).toString('base64url');

export class AuthService {
  private readonly secret = randomBytes(32);
  // Used tokens stay in the map so that a reuse can be told apart from an unknown token.
  private readonly refreshTokens = new Map<string, RefreshRecord>();

  constructor(
    private readonly defaultTtlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Starts a new session. `ttlMs` <= 0 gives an access token that is already expired. */
  login(sub: string, ttlMs = this.defaultTtlMs): TokenPair {
    return this.issue(sub, randomId(9), ttlMs);
  }

  /** Rotates: the refresh token is spent whether or not the caller gets the answer. */
  refresh(refreshToken: string): RefreshResult {
    const record = this.refreshTokens.get(refreshToken);
    if (!record) return { ok: false, reason: 'unknown-refresh-token' };
    if (record.used) return { ok: false, reason: 'refresh-token-reused' };
    record.used = true;
    return { ok: true, pair: this.issue(record.sub, record.sid, this.defaultTtlMs), sid: record.sid };
  }

  verifyAccess(token: string): AccessResult {
    const result = verifyJwt(token, this.secret, this.now());
    if (!result.ok) return result;
    const { sid } = result.claims;
    if (typeof sid !== 'string') return { ok: false, reason: 'malformed' };
    return { ok: true, claims: { ...result.claims, sid } };
  }

  private issue(sub: string, sid: string, ttlMs: number): TokenPair {
    const nowMs = this.now();
    // exp is whole seconds, rounded down: the token lives at most ttlMs, so a
    // scenario asking for 800 ms knows its token is dead within 800 ms.
    const exp = Math.floor((nowMs + ttlMs) / 1000);
    // jti makes two tokens issued in the same second differ, so a replay with a
    // fresh token never looks like one carrying the stale token.
    const claims = { sub, sid, iat: Math.floor(nowMs / 1000), exp, jti: randomId(9) };
    const refreshToken = randomId(32);
    this.refreshTokens.set(refreshToken, { sub, sid, used: false });
    return { accessToken: signJwt(claims, this.secret), refreshToken, expiresAt: exp * 1000, tokenType: 'Bearer' };
  }
}
