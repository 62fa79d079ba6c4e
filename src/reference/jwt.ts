// Reads JWT claims without verifying them: the client only needs `exp` to
// decide when to refresh; the server does the verifying.

export interface JwtClaims {
  exp?: number;
  iat?: number;
  sub?: string;
}

function decodeBase64Url(part: string): string {
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
  const bytes = Uint8Array.from(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '=')), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** The payload of a JWT, or null when the string is not one. */
export function decodeJwtClaims(token: string): JwtClaims | null {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return null;
  try {
    const payload: unknown = JSON.parse(decodeBase64Url(parts[1]));
    return typeof payload === 'object' && payload !== null ? (payload as JwtClaims) : null;
  } catch {
    return null;
  }
}

/**
 * True when the token's `exp` is within `skewMs` of `nowMs` or past it. A token
 * we cannot read (not a JWT, no exp) counts as not expired: the server decides.
 */
export function isJwtExpired(token: string, nowMs: number, skewMs = 0): boolean {
  const exp = decodeJwtClaims(token)?.exp;
  return typeof exp === 'number' && exp * 1000 - skewMs <= nowMs;
}
